"""Proof that nothing is lost or sent twice: a simulated Customer.io.

dbt runs (inserts, a trait change without a newer timestamp, a late event, an
identity merge, ...) are interleaved with syncs that run the generated sync
query with {{last_sync_time}} (the previous sync's start) and the warehouse
clock substituted from a simulated clock, and apply the rows to a simulated
profile store. A dbt run that starts before a sync and commits after it (the
race) loses rows without a settle delay; with one, each row is eligible only
settle minutes after its stamp and consecutive syncs read adjacent windows, so
every row is sent exactly once.
"""
import datetime as dt
import json
import re

import pytest

from call_schemas import previewed, problems
from helpers import ROOT, TARGETS, Warehouse, run_dbt

BASE = dt.datetime(2025, 1, 1)  # clock minute 0, UTC
# Every dbt call passes the same --vars (a new value makes dbt parse the whole project
# again); the clock of a run is CIO_SIMULATION_NOW, read by integration_tests/dbt_project.yml.
VARS = "{cio_simulation: true}"


def at(minute: float) -> dt.datetime:
    return BASE + dt.timedelta(minutes=minute)


def ingested(minute: float) -> str:
    """An event's _ingested_at: when it reached the warehouse, on the scenario's clock."""
    return f"cast('{at(minute):%Y-%m-%d %H:%M:%S}' as timestamp)"


# sync -> (model, sync type, the columns that name one row in Customer.io), in the order
# customer_io_sync_queries prints them; a deletions model has one sync per delete event
# ("model:event"), each selecting that event's fields.
SYNCS = {
    "sim_persons": ("sim_persons", "identify", ("userId",)),
    "sim_objects": ("sim_objects", "object", ("groupId",)),
    "sim_relationships": ("sim_relationships", "relationship", ("groupId", "userId")),
    "sim_events": ("sim_events", "track", ("messageId",)),
    "sim_deletions:Relationship Deleted": ("sim_deletions", "track", ("messageId",)),
    "sim_deletions_people:Relationship Deleted": ("sim_deletions_people", "track", ("messageId",)),
    "sim_deletions_people:User Deleted": ("sim_deletions_people", "track", ("messageId",)),
    "sim_deletions_people:Object Deleted": ("sim_deletions_people", "track", ("messageId",)),
}
# Each change-tracked model and its full recompute (a table of the same call, built in the
# same dbt run): after every run their current rows must be identical.
FULL_RECOMPUTE = {"sim_persons": "sim_full_persons", "sim_events": "sim_full_events",
                  "sim_relationships": "sim_full_relationships", "sim_objects": "sim_full_objects"}
# Three Customer.io workspaces fed by the same syncs: without deletions, with
# Relationship Deleted (sim_deletions), and with User Deleted and Object Deleted too
# (sim_deletions_people).
WORLDS = {"plain": (), "relationship_deletions": ("sim_deletions",), "full_deletions": ("sim_deletions_people",)}
DELETIONS = {"sim_deletions", "sim_deletions_people"}


def _merge(attrs, update):
    """Customer.io merges what a call sends into what it holds; a null removes an attribute
    (worst case where unconfirmed: a relationship's attributes merge too, so a key the
    package leaves out is kept)."""
    for name, value in update.items():
        if value is None:
            attrs.pop(name, None)
        else:
            attrs[name] = value


class Workspace:
    """A simulated Customer.io workspace. Worst case where Customer.io is
    unconfirmed: a group or track call for an unknown userId creates the profile, a
    relationship call for an unknown object creates the object, attributes merge."""

    def __init__(self):
        self.profiles = {}       # userId -> traits
        self.objects = {}        # groupId -> attributes
        self.relationships = {}  # (groupId, userId) -> attributes

    def apply(self, sync_type, record):
        if sync_type == "identify":
            _merge(self.profiles.setdefault(record["userId"], {}), record)
        elif sync_type == "object":
            _merge(self.objects.setdefault(record["groupId"], {}), record)
        elif sync_type == "relationship":
            self.profiles.setdefault(record["userId"], {"userId": record["userId"]})
            self.objects.setdefault(record["groupId"], {"groupId": record["groupId"]})
            attrs = record["relationshipAttributes"]
            _merge(self.relationships.setdefault((record["groupId"], record["userId"]), {}),
                   attrs if isinstance(attrs, dict) else json.loads(attrs))
        elif record["event"] == "Relationship Deleted":
            assert record["objectId"] == record["groupId"], record
            self.relationships.pop((record["objectId"], record["userId"]), None)
        elif record["event"] == "User Deleted":
            self.profiles.pop(record["userId"], None)
            self.relationships = {k: v for k, v in self.relationships.items() if k[1] != record["userId"]}
        elif record["event"] == "Object Deleted":
            self.objects.pop(record["objectId"], None)
            self.relationships = {k: v for k, v in self.relationships.items() if k[0] != record["objectId"]}
        else:
            self.profiles.setdefault(record["userId"], {"userId": record["userId"]})


class Feed:
    """The syncs of one settle delay, and the workspaces they feed. One scenario's
    dbt runs feed several of them: only the queries differ."""

    def __init__(self, settle):
        self.settle = settle
        self.last_sync = {name: 0 for name in SYNCS}
        self.worlds = {name: Workspace() for name in WORLDS}
        self.store = self.worlds["plain"].profiles
        self.deliveries = []     # (model, row identity, _cio_changed_at of the version sent, sync minute, record)
        self.people_sent = []    # (sync minute, userId)
        self.queries = {}
        self.counts = {}         # model -> the "Rows:" line customer_io_sync_queries printed last


def bigquery_form(sql: str) -> str:
    """The scenario's writes in a form the BigQuery emulator runs and BigQuery
    documents: its type names, and UPDATE / DELETE / DROP COLUMN (which the
    emulator lacks) as MERGE against one source row, or a rebuilt table."""
    sql = re.sub(r"\bvarchar\b", "string", sql)
    if m := re.fullmatch(r"update (\w+) set (.+?)(?: where (.+))?", sql, re.S):
        return f"merge {m[1]} using (select 1 as _one) as _src on ({m[3] or 'true'}) when matched then update set {m[2]}"
    if m := re.fullmatch(r"delete from (\w+) where (.+)", sql, re.S):
        return f"merge {m[1]} using (select 1 as _one) as _src on ({m[2]}) when matched then delete"
    if m := re.fullmatch(r"alter table (\w+) drop column (\w+)", sql):
        return f"create or replace table {m[1]} as select * except ({m[2]}) from {m[1]}"
    return sql


class Simulation:
    def __init__(self, target, work_dir, settles):
        self.target, self.work_dir = target, work_dir
        self.wh = Warehouse(target, work_dir)
        self.feeds = {settle: Feed(settle) for settle in settles}
        self.runs = self.syncs = self.changes = 0
        self.shape = None  # the sync models' columns when their queries were printed (Postgres)
        self.logs = {}     # dbt run minute -> its output
        self.compared = 0  # (run, model) pairs found identical to the full recompute
        self.departed = {}    # model -> columns it no longer sends, which its tracked table keeps (null)

    def form(self, sql):
        return bigquery_form(sql) if self.target == "bigquery" else sql

    def write(self, *sql):
        self.changes += len(sql)
        self.wh.execute(*[self.form(q) for q in sql])

    def dbt_run(self, minute):
        stamp = at(minute).strftime("%Y-%m-%d %H:%M:%S")
        self.logs[minute] = run_dbt(self.target, "run", "--select", "simulation", "--vars", VARS,
                                    work_dir=self.work_dir, env={"CIO_SIMULATION_NOW": stamp}).stdout
        self.runs += 1
        self.same_as_full_recompute(minute)
        if self.target == "postgres":
            # Postgres has no SELECT * EXCLUDE: its query lists the columns and is
            # regenerated when one appears, as docs/sync.md tells users to do.
            _, _, shape = self.wh.query("select table_name, column_name from information_schema.columns "
                                        "where table_schema = current_schema() order by 1, ordinal_position")
            if shape != self.shape:
                self.shape = shape
                for feed in self.feeds.values():
                    feed.queries.clear()

    def same_as_full_recompute(self, minute):
        """The proof of sameness: each tracked model's current rows (payload, keys, person map)
        equal its full recompute's, row by row, after every run. A column the model no longer
        sends (gone from nexus, or null for everyone) stays in the tracked table
        (append_new_columns): it must be null on every current row, and is then left out."""
        for model, full in FULL_RECOMPUTE.items():
            tables = {}
            for table, where in ((full, ""), (model, " where _cio_removed_at is null")):
                names, _, rows = self.wh.query(f"select * from {table}{where}")
                kept = [i for i, n in enumerate(names) if (
                        not n.lower().startswith("_cio_") or n.lower() in ("_cio_entity_id", "_cio_merged_entity_ids"))]
                if table == model:
                    departed = [i for i in kept if names[i].lower() not in tables[full][0]]
                    held = {names[i]: r[i] for r in rows for i in departed if r[i] is not None}
                    assert not held, (minute, model, "a column no longer sent still holds values", held)
                    self.departed[model] = {names[i].lower() for i in departed}
                    kept = [i for i in kept if i not in departed]
                order = sorted(kept, key=lambda i: names[i].lower())
                tables[table] = ({names[i].lower() for i in kept},
                                 sorted(tuple(_comparable(r[i], names[i]) for i in order) for r in rows))
            assert tables[model][0] == tables[full][0], (minute, model, tables)
            assert tables[model][1] == tables[full][1], (minute, model, tables)
            self.compared += 1

    def query(self, feed, name):
        """The query customer_io_sync_queries prints for the sync (all syncs in one dbt call)."""
        if name not in feed.queries:
            out = run_dbt(self.target, "run-operation", "customer_io_sync_queries", "--args",
                          json.dumps({"settle_minutes": feed.settle}), "--vars", VARS,
                          work_dir=self.work_dir).stdout
            listed = re.findall(r"^\d+\. (\w+) - (\w+) sync(?: \(Customer\.io sync type: Group\))?"
                                r"(?: of ([A-Za-z ]+) only \([^\n]*\))?\n   (Rows: [^\n]*)\n   Query:\n(.*?)\n   Column mappings",
                                out, re.S | re.M)
            order = [f"{model}:{event}" if event else model for model, _, event, _, _ in listed]
            # people, objects, relationships, events, then the deletions (each event's sync)
            assert [n for n in order if n in SYNCS] == list(SYNCS), order
            for (model, sync_type, event, counts, query), sync in zip(listed, order):
                if sync in SYNCS:
                    assert sync_type == SYNCS[sync][1]
                    feed.queries[sync], feed.counts[sync] = query, counts
            for sync, (model, _, _) in SYNCS.items():
                query = feed.queries[sync]
                assert "{{last_sync_time}}" in query and query.count("current_timestamp") == 1, query
                # relationships send a removed (ended) row once; the others never
                assert ("_cio_removed_at is null" in query) == (model != "sim_relationships"), query
        return feed.queries[name]

    def clock(self, minute):
        """The warehouse clock at `minute`, as the query's current_timestamp (zone-aware, UTC)."""
        stamp = at(minute).strftime("%Y-%m-%d %H:%M:%S")
        if self.target == "snowflake":
            return f"cast('{stamp} +00:00' as timestamp_tz)"
        if self.target == "bigquery":
            return f"timestamp('{stamp}', 'UTC')"
        return f"cast('{stamp}+00' as timestamptz)"

    def rows_of(self, sync, columns, where=""):
        """Rows of a sync's model (a delete event's sync: that event's rows only)."""
        model, _, _ = SYNCS[sync]
        conditions = [c for c in (where, f"\"event\" = '{sync.split(':')[1]}'" if ":" in sync else "") if c]
        _, _, rows = self.wh.query(f"select {columns} from {model}" + (" where " + " and ".join(conditions) if conditions else ""))
        return rows

    def versions(self, sync):
        """row identity -> _cio_changed_at, for every row of the table."""
        cols = ", ".join(f'"{c}"' for c in SYNCS[sync][2])
        return {tuple(r[:-1]): r[-1] for r in self.rows_of(sync, f"{cols}, _cio_changed_at")}

    def sync(self, minute):
        """Every sync, in the printed order, each reading the clock at `minute`."""
        self.syncs += 1
        start = int(at(minute).replace(tzinfo=dt.timezone.utc).timestamp())
        for feed in self.feeds.values():
            for name, (model, sync_type, identity) in SYNCS.items():
                sql = (self.query(feed, name).replace("{{last_sync_time}}", str(feed.last_sync[name]))
                       .replace("current_timestamp", self.clock(minute)))
                names, _, rows = self.wh.query(sql)
                # payload columns only: never a bookkeeping column
                assert not [n for n in names if n.lower().startswith("_cio_")], names
                changed = self.versions(name) if rows else {}
                for row in rows:
                    record = dict(zip(names, row))
                    key = tuple(record[c] for c in identity)
                    feed.deliveries.append((name, key, changed[key], minute, record))
                    for world, deletions in WORLDS.items():
                        if model not in DELETIONS or model in deletions:
                            feed.worlds[world].apply(sync_type, record)
                    if sync_type == "identify":
                        feed.people_sent.append((minute, record["userId"]))
                feed.last_sync[name] = start

    def sendable(self, sync):
        """Row versions Customer.io must have got once: current rows, and ended relationships."""
        cols = ", ".join(f'"{c}"' for c in SYNCS[sync][2])
        where = "" if sync == "sim_relationships" else "_cio_removed_at is null"
        return {(tuple(r[:-1]), r[-1]) for r in self.rows_of(sync, f"{cols}, _cio_changed_at", where)}

    def table_objects(self):
        names, _, rows = self.wh.query("select * from sim_objects where _cio_removed_at is null")
        return {r[names.index("groupId")]: {n: v for n, v in zip(names, r) if not n.lower().startswith("_cio_") and v is not None}
                for r in rows}

    def table_people(self):
        names, _, rows = self.wh.query("select * from sim_persons where _cio_removed_at is null")
        return {r[names.index("userId")]: {n: v for n, v in zip(names, r) if not n.lower().startswith("_cio_") and v is not None}
                for r in rows}

    def table_relationships(self):
        """(groupId, userId) -> attributes, for every row; removed ones are the ended versions."""
        _, _, rows = self.wh.query('select "groupId", "userId", "relationshipAttributes", _cio_removed_at from sim_relationships')
        return {(g, u): (a if isinstance(a, dict) else json.loads(a), removed) for g, u, a, removed in rows}

    def removed_people(self):
        """userId -> when the people model stopped producing that person."""
        _, _, rows = self.wh.query('select "userId", _cio_removed_at from sim_persons where _cio_removed_at is not null')
        return dict(rows)


def _attributes(record):
    """A relationship call's attributes as a dict."""
    attrs = record["relationshipAttributes"]
    return attrs if isinstance(attrs, dict) else json.loads(attrs)


def _comparable(value, name):
    """A value as both tables give it: JSON as sorted text without null keys, an identifier as the key it is
    matched on (a change of case alone in an email-like id is not a change: the tracked
    table keeps the case it sent), everything else as is."""
    if name.lower() in ("userid", "anonymousid") and isinstance(value, str) and "@" in value:
        value = value.lower()
    if isinstance(value, str) and value.startswith("{"):
        value = json.loads(value)
    if isinstance(value, dict):
        # a key the tracked table writes as null once, so Customer.io removes it, is a key the
        # full recompute leaves out
        value = {k: v for k, v in value.items() if v is not None}
    return json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else repr(value)


def scenario(sim: Simulation):
    w = sim.write
    for table in ("simsrc_entities", "simsrc_events", "simsrc_participants", "simsrc_groups", "simsrc_relationships"):
        w(f"drop table if exists {table}")
    w("create table simsrc_entities (entity_id varchar, entity_type varchar, email varchar, user_id varchar, plan varchar, _updated_at timestamp, _created_at timestamp)",
      "create table simsrc_events (event_id varchar, occurred_at timestamp, event_name varchar, source varchar, _ingested_at timestamp)",
      "create table simsrc_participants (entity_participant_id varchar, entity_type varchar, event_id varchar, entity_id varchar, role varchar)",
      "insert into simsrc_entities values ('p1', 'person', 'a@x.com', 'ua', 'basic', '2024-12-01 00:00:00', '2024-01-01 00:00:00'), "
      "('p2', 'person', 'b@x.com', 'ub', 'basic', '2024-12-01 00:00:00', '2024-01-01 00:00:00'), "
      "('p3', 'person', 'c@x.com', 'uc', 'basic', '2024-12-01 00:00:00', '2024-01-01 00:00:00')",
      f"insert into simsrc_events values ('e1', '2024-12-30 10:00:00', 'signed up', 'app', {ingested(0)}), ('e2', '2024-12-30 11:00:00', 'signed up', 'app', {ingested(0)})",
      "insert into simsrc_participants values ('x1', 'person', 'e1', 'p1', 'user'), ('x2', 'person', 'e2', 'p2', 'user')",
      # memberships: ua at loc1; ub at loc1 and loc2 (loc2 the most recent, so primary); uc at loc2
      "create table simsrc_groups (entity_id varchar, entity_type varchar, location_id varchar, location_name varchar, city varchar, _updated_at timestamp)",
      "create table simsrc_relationships (relationship_id varchar, entity_a_id varchar, entity_a_type varchar, entity_b_id varchar, "
      "entity_b_type varchar, relationship_type varchar, established_at timestamp, last_updated_at timestamp, _updated_at timestamp, is_active boolean)",
      "insert into simsrc_groups values ('g1', 'group', 'loc1', 'First St', 'Springfield', '2024-12-01 00:00:00'), "
      "('g2', 'group', 'loc2', 'Second St', 'Shelbyville', '2024-12-01 00:00:00')",
      "insert into simsrc_relationships values ('r1', 'p1', 'person', 'g1', 'group', 'membership', '2024-06-01 00:00:00', '2024-12-01 00:00:00', '2024-12-01 00:00:00', true), ('r2', 'p2', 'person', 'g1', 'group', 'membership', '2024-06-01 00:00:00', '2024-11-01 00:00:00', '2024-11-01 00:00:00', true), ('r3', 'p2', 'person', 'g2', 'group', 'membership', '2024-07-01 00:00:00', '2024-12-15 00:00:00', '2024-12-15 00:00:00', true), ('r4', 'p3', 'person', 'g2', 'group', 'membership', '2024-07-01 00:00:00', '2024-12-10 00:00:00', '2024-12-10 00:00:00', true)")
    sim.dbt_run(1)
    sim.sync(2)
    # A trait changes without a newer _updated_at; a new person; a late event (old event time).
    w("update simsrc_entities set plan = 'pro' where entity_id = 'p1'",
      "insert into simsrc_entities values ('p4', 'person', 'd@x.com', 'ud', 'basic', '2024-12-31 00:00:00', '2024-12-31 00:00:00')",
      f"insert into simsrc_events values ('e3', '2024-11-01 09:00:00', 'paid', 'billing', {ingested(29)})",
      "insert into simsrc_participants values ('x3', 'person', 'e3', 'p2', 'payer')",
      # ub's loc2 membership ends: sent once as ended, and loc1 becomes ub's primary
      "update simsrc_relationships set is_active = false, _updated_at = '2024-12-31 00:00:00' where relationship_id = 'r3'",
      # a location is renamed without a newer _updated_at
      "update simsrc_groups set location_name = 'Main St' where entity_id = 'g1'")
    sim.dbt_run(30)
    sim.sync(31)
    # Nothing changes: a run rewrites nothing, a sync sends nothing new.
    sim.dbt_run(60)
    sim.sync(61)
    # A trait column appears, set for one person only: only that person changes.
    w("alter table simsrc_entities add column nickname varchar",
      "update simsrc_entities set nickname = 'Ace' where entity_id = 'p1'")
    sim.dbt_run(75)
    sim.sync(76)
    # Identity merge: p5 and its event e4 appear; then p5 is merged into p3 and e4 now belongs to uc.
    w("insert into simsrc_entities (entity_id, entity_type, email, user_id, plan, _updated_at, _created_at) values ('p5', 'person', 'e@x.com', 'ue', 'basic', '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
      f"insert into simsrc_events values ('e4', '2025-01-01 01:00:00', 'visited', 'app', {ingested(89)})",
      "insert into simsrc_participants values ('x4', 'person', 'e4', 'p5', 'user')",
      "insert into simsrc_relationships values ('r5', 'p5', 'person', 'g1', 'group', 'membership', '2025-01-01 00:00:00', '2025-01-01 00:00:00', '2025-01-01 00:00:00', true)")
    sim.dbt_run(90)
    sim.sync(91)
    sim.sync(110)  # ue, its event and its membership reach Customer.io
    w("delete from simsrc_entities where entity_id = 'p5'",
      "update simsrc_participants set entity_id = 'p3' where event_id = 'e4'",
      "update simsrc_relationships set entity_a_id = 'p3' where relationship_id = 'r5'",
      "update simsrc_entities set plan = 'merged', _updated_at = '2025-01-01 02:00:00' where entity_id = 'p3'")
    sim.dbt_run(120)
    sim.sync(121)
    # The race: a dbt run starts (and stamps its rows) at 149, a sync runs at 150
    # before the run commits, the run commits after it.
    w("update simsrc_entities set plan = 'vip' where entity_id = 'p2'",
      f"insert into simsrc_events values ('e5', '2025-01-01 02:25:00', 'paid', 'billing', {ingested(140)})",
      "insert into simsrc_participants values ('x5', 'person', 'e5', 'p4', 'payer')",
      "insert into simsrc_relationships values ('r7', 'p4', 'person', 'g2', 'group', 'membership', '2025-01-01 02:00:00', '2025-01-01 02:00:00', '2025-01-01 02:00:00', true)")
    sim.sync(150)
    sim.dbt_run(149)
    sim.sync(180)
    sim.sync(210)
    # Upgrade from 0.1.0: tables without the person map and _cio_removed_at, events whose
    # messageId is the md5 of event and person. The next run adds the columns, rewrites the
    # people rows and the messageIds (now ULIDs) with their old stamps: nothing is re-sent.
    # (sim_persons keeps _cio_removed_at: the deletions models read ue's removal.) Its
    # created_at holds Unix seconds as if 0.1.0 had been run with trait_timestamp_format='unix':
    # from 0.1.0's default 'timestamp' the upgrade needs one --full-refresh (tests/test_guards.py).
    sim.wh.execute(sim.form('update sim_events set "messageId" = _cio_key'))
    for table, columns in (("sim_persons", ("_cio_entity_id", "_cio_merged_entity_ids")),
                           ("sim_events", ("_cio_removed_at",))):
        for column in columns:
            sim.wh.execute(sim.form(f"alter table {table} drop column {column}"))
    sim.dbt_run(215)
    sim.sync(230)
    # Two people with an event each: p6 (f@x.com, uf) and p8, whose userId is an email.
    w("insert into simsrc_entities (entity_id, entity_type, email, user_id, plan, _updated_at, _created_at) values ('p6', 'person', 'f@x.com', 'uf', 'basic', '2025-01-01 03:00:00', '2025-01-01 03:00:00'), "
      "('p8', 'person', 'g@x.com', 'G@x.com', 'basic', '2025-01-01 03:00:00', '2025-01-01 03:00:00')",
      f"insert into simsrc_events values ('e6', '2025-01-01 03:00:00', 'visited', 'app', {ingested(239)}), ('e8', '2025-01-01 03:00:00', 'visited', 'app', {ingested(239)})",
      "insert into simsrc_participants values ('x6', 'person', 'e6', 'p6', 'user'), ('x8', 'person', 'e8', 'p8', 'user')",
      # uf joins loc2; uc's loc2 membership is deleted from nexus
      "insert into simsrc_relationships values ('r6', 'p6', 'person', 'g2', 'group', 'membership', '2025-01-01 03:00:00', '2025-01-01 03:00:00', '2025-01-01 03:00:00', true)",
      "delete from simsrc_relationships where relationship_id = 'r4'",
      # two new locations
      "insert into simsrc_groups values ('g3', 'group', 'loc3', 'Annex', 'Ogdenville', '2025-01-01 03:00:00'), "
      "('g5', 'group', 'loc4', 'Depot', 'Capital City', '2025-01-01 03:00:00')")
    sim.dbt_run(240)
    sim.sync(241)
    sim.sync(271)
    # p6 loses the email dedupe to a newer entity with another userId (uf2): p6's
    # events, old and new, now belong to uf2. p8's userId changes case only.
    w("insert into simsrc_entities (entity_id, entity_type, email, user_id, plan, _updated_at, _created_at) values ('p7', 'person', ' F@x.com', 'uf2', 'basic', '2025-01-01 05:00:00', '2025-01-01 05:00:00')",
      "update simsrc_entities set user_id = 'g@x.com' where entity_id = 'p8'",
      f"insert into simsrc_events values ('e7', '2025-01-01 05:30:00', 'paid', 'billing', {ingested(299)})",
      "insert into simsrc_participants values ('x7', 'person', 'e7', 'p6', 'payer')",
      # a newer entity with the same location id, padded, wins loc3's dedupe; uc joins it
      "insert into simsrc_groups values ('g4', 'group', ' loc3 ', 'Annex West', 'Ogdenville', '2025-01-01 05:00:00')",
      "insert into simsrc_relationships values ('r8', 'p3', 'person', 'g4', 'group', 'membership', '2025-01-01 05:00:00', '2025-01-01 05:00:00', '2025-01-01 05:00:00', true)")
    sim.dbt_run(300)
    sim.sync(301)
    sim.sync(331)
    # An anonymous entity (p9, no identifier: not a person) takes part in e9. A trait column
    # appears, set for two people.
    w("insert into simsrc_entities (entity_id, entity_type, plan, _updated_at, _created_at) values ('p9', 'person', 'basic', '2025-01-01 06:00:00', '2025-01-01 06:00:00')",
      "alter table simsrc_entities add column tier varchar",
      "update simsrc_entities set tier = 'gold' where entity_id = 'p3'",
      "update simsrc_entities set tier = 'silver' where entity_id = 'p7'",
      f"insert into simsrc_events values ('e9', '2025-01-01 06:00:00', 'visited', 'app', {ingested(339)})",
      "insert into simsrc_participants values ('x9', 'person', 'e9', 'p9', 'user')")
    sim.dbt_run(340)
    sim.sync(341)
    # e3 is corrected at the source and re-ingested: the table's watermark moves past e9's.
    # An object attribute is cleared: loc2 has no city any more (the object and its
    # memberships send it once as null).
    w(f"update simsrc_events set event_name = 'refunded', _ingested_at = {ingested(389)} where event_id = 'e3'",
      "update simsrc_groups set city = null where entity_id = 'g2'")
    sim.dbt_run(390)
    sim.sync(391)
    # nexus merges p9 into p1, which keeps its id: e9 (ingested before the watermark) is
    # re-pointed to ua, whose person map is unchanged; only the people comparison finds it.
    # A new event, e10. A slow loader: e6's correction reaches the warehouse after e3's but
    # carries an earlier _ingested_at (within the lookback). e8 loses its only participant.
    w(f"update simsrc_events set event_name = 'visited twice', _ingested_at = {ingested(385)} where event_id = 'e6'",
      "delete from simsrc_participants where entity_participant_id = 'x8'",
      "delete from simsrc_entities where entity_id = 'p9'",
      "update simsrc_participants set entity_id = 'p1' where event_id = 'e9'",
      f"insert into simsrc_events values ('e10', '2025-01-01 06:10:00', 'visited', 'app', {ingested(419)})",
      "insert into simsrc_participants values ('x10', 'person', 'e10', 'p4', 'user')",
      # loc3 and loc4 go from nexus (Object Deleted; loc3's membership ends first); ud gets a
      # nickname (sent at 451)
      "delete from simsrc_groups where location_id like '%loc3%' or location_id = 'loc4'",
      "update simsrc_entities set nickname = 'Bee' where entity_id = 'p4'")
    sim.dbt_run(420)
    sim.sync(421)
    # A property column appears on the events, set on an old event without a new _ingested_at:
    # the definition changed, so that run is a full recompute. A trait is cleared for everyone
    # (tier: null on every person, so the column leaves the payload), and so is the last city
    # (loc1's): each row that held one sends it once as null.
    w("alter table simsrc_events add column channel varchar",
      "update simsrc_events set channel = 'web' where event_id = 'e2'",
      "update simsrc_entities set tier = null",
      "update simsrc_groups set city = null")
    sim.dbt_run(450)
    sim.sync(451)
    # A trait column leaves nexus: ua (whose plan changes too) and ud, who held a nickname,
    # send it once as null; the tracked table keeps the column, null. loc3 comes back: its
    # objects sync creates it again, its Object Deleted leaves the deletions table.
    w("alter table simsrc_entities drop column nickname",
      "update simsrc_entities set plan = 'gold' where entity_id = 'p1'",
      "insert into simsrc_groups values ('g4', 'group', ' loc3 ', 'Annex West', 'Ogdenville', '2025-01-01 05:00:00')")
    sim.dbt_run(465)
    sim.sync(481)


def left_behind(held, table):
    """Attributes a workspace holds for the entities the tables have that the tables do not
    hold (a value nexus cleared, or a key it no longer sends), as (entity, attribute)."""
    return sorted((entity, name) for entity, attrs in held.items() if entity in table
                  for name in attrs if name not in table[entity])


def figures_of(sim, feed, people, relationships, objects):
    """What one feed's workspaces hold against the tables: rows lost, rows sent twice, stale state."""
    lost_people = {u for u, row in people.items() if feed.store.get(u) != row}
    # every row version Customer.io must have: delivered once, never twice
    delivered = {}
    for model, key, changed, minute, _ in feed.deliveries:
        delivered.setdefault((model, key, changed), []).append(minute)
    sendable = {(sync, key, changed) for sync in SYNCS for key, changed in sim.sendable(sync)}
    lost = {m: sorted(k for mm, k, _ in sendable - set(delivered) if mm == m) for m in SYNCS}
    twice = {k: v for k, v in delivered.items() if len(v) > 1}
    # events delivered to a profile the people model no longer produced at that time
    removed = sim.removed_people()
    abandoned = [(key, minute) for model, key, _, minute, r in feed.deliveries
                 if model == "sim_events" and r["userId"] in removed and at(minute) >= removed[r["userId"]]]
    active = {k for k, (attrs, gone) in relationships.items() if gone is None}
    sent_attributes = {k: {n: v for n, v in attrs.items() if v is not None} for k, (attrs, _) in relationships.items()}
    figures = {"target": sim.target, "settle_minutes": feed.settle, "dbt_runs": sim.runs, "syncs": sim.syncs,
               "changes": sim.changes, "people_rows": len(people), "object_rows": len(objects),
               "relationship_rows": len(active), "event_rows": len(sim.sendable("sim_events")),
               "rows_lost": {m: len(v) for m, v in lost.items()}, "rows_sent_twice": len(twice),
               "people_lost": len(lost_people), "events_on_abandoned_profiles": len(abandoned)}
    for world, ws in feed.worlds.items():
        primaries = {}
        for (g, u), attrs in ws.relationships.items():
            if attrs.get("is_primary_location"):
                primaries.setdefault(u, []).append(g)
        figures[world] = {
            "stale_profiles": sorted(set(ws.profiles) - set(people)),
            "stale_objects": sorted(set(ws.objects) - set(objects)),
            "stale_relationships": sorted(k for k, a in ws.relationships.items() if a.get("is_active") is not False and k not in active),
            "ended_relationships_held": len([a for a in ws.relationships.values() if a.get("is_active") is False]),
            "people_with_two_primaries": sorted(u for u, gs in primaries.items() if len(gs) > 1),
            # what nexus cleared or no longer sends, still in Customer.io
            "attributes_left_behind": [list(x) for x in left_behind(ws.profiles, people) + left_behind(ws.objects, objects)
                                       + left_behind(ws.relationships, sent_attributes)]}
    (sim.work_dir / f"simulation-{sim.target}-{feed.settle}.json").write_text(json.dumps(figures, indent=1, default=str))
    print(figures)
    assert not abandoned, abandoned
    return figures, lost, twice, lost_people


def run_scenario(target, work_dir, settles):
    run_dbt(target, "seed", "--select", "nexus_entities_seed", "--vars", VARS, work_dir=work_dir)  # creates the schema
    sim = Simulation(target, work_dir, settles)
    scenario(sim)
    people, relationships, objects = sim.table_people(), sim.table_relationships(), sim.table_objects()
    results = {settle: figures_of(sim, feed, people, relationships, objects) for settle, feed in sim.feeds.items()}
    # The preview of every simulation model, each call in the published shape (schemas/pipelines/)
    out = run_dbt(target, "run-operation", "preview_models", "--args", json.dumps({"models": {
        "sim_persons": None, "sim_objects": None, "sim_relationships": None, "sim_events": None,
        "sim_deletions": None, "sim_deletions_people": None}}), "--vars", VARS, work_dir=work_dir).stdout
    calls = previewed(out)
    assert len(calls) == 6, out
    bad = {model: [p for c in model_calls for p in problems(c)] for model, model_calls in calls.items()}
    assert not any(bad.values()), bad
    # only calls Customer.io would get: never a removed person; ended memberships as ended
    assert {c["userId"] for c in calls["sim_persons"]} == set(people) and "uf" not in people
    assert {(c["groupId"], c["userId"]): c["traits"]["relationshipAttributes"]["is_active"] for c in calls["sim_relationships"]} == \
        {k: gone is None for k, (_, gone) in relationships.items()}
    assert {c["groupId"] for c in calls["sim_objects"]} == set(objects)
    # a deletions model's calls: each event with exactly its documented fields
    deleted = sorted((c["event"], c.get("userId") or c.get("anonymousId")[:9], json.dumps(c["properties"], sort_keys=True))
                     for c in calls["sim_deletions_people"])
    assert deleted == [
        ("Object Deleted", "object-1-", '{"objectId": "loc4", "objectTypeId": 1}'),
        ("Relationship Deleted", "ub", '{"groupId": "loc2", "objectId": "loc2", "objectTypeId": 1}'),
        ("Relationship Deleted", "uc", '{"groupId": "loc2", "objectId": "loc2", "objectTypeId": 1}'),
        ("User Deleted", "ue", "{}"), ("User Deleted", "uf", "{}")], deleted
    assert all(len(c["messageId"]) == 26 for c in calls["sim_deletions_people"])
    return sim, people, relationships, results


def unix(minute):
    """A time of the scenario as relationshipAttributes send it (Unix seconds, the default)."""
    return int(at(minute).replace(tzinfo=dt.timezone.utc).timestamp())


@pytest.mark.parametrize("target", TARGETS)
def test_with_a_settle_delay_every_change_is_sent_exactly_once(tmp_path_factory, dbt_deps, target):
    """One scenario per target; on DuckDB the same dbt runs also feed syncs
    without a settle delay, which the documented race makes lose rows."""
    work_dir = tmp_path_factory.mktemp(f"sim-{target}")
    sim, people, relationships, results = run_scenario(target, work_dir, (15, 0) if target == "duckdb" else (15,))
    if target == "duckdb":
        # Without a settle delay, rows of a run that committed after a sync had started, but
        # were stamped before it, are never sent: ub's new plan, e5, ud's new membership.
        figures, lost, twice, lost_people = results[0]
        # (ud's membership went out later: loc2's city was cleared at 390)
        assert lost_people == {"ub"} and len(lost["sim_events"]) == 1 and lost["sim_relationships"] == []
        assert not twice
    figures, lost, twice, lost_people = results[15]
    # docs/sync.md prints these figures, the same on every target
    printed = json.loads(re.search(r'^(\{"target": "duckdb", "settle_minutes": 15, .*\})$',
                                   (ROOT / "docs" / "sync.md").read_text(), re.M).group(1))
    assert {**printed, "target": target} == json.loads(json.dumps(figures, default=str)), (printed, figures)
    feed = sim.feeds[15]
    assert not lost_people and not any(lost.values()), (lost_people, lost)
    assert not twice, twice
    assert people["ua"]["plan"] == "gold" and people["ub"]["plan"] == "vip" and people["uc"]["plan"] == "merged"
    # each sync sends what settled since the previous one: run 30's changes at 61, nothing of
    # run 60 (no change) at 76, and the new trait column (run 75) changed ua alone, sent at 91
    assert {u for m, u in feed.people_sent if m == 61} == {"ua", "ud"}
    assert {u for m, u in feed.people_sent if m == 76} == set()
    assert {u for m, u in feed.people_sent if m == 91} == {"ua"}
    assert [r["nickname"] for model, _, _, m, r in feed.deliveries if model == "sim_persons" and m == 91] == ["Ace"]
    # Cleared means cleared, once. tier, cleared for everyone at 450 (so left out of the
    # payload), and nickname, gone from nexus at 465, were sent once as null by every person
    # who held one (uc and uf2; ua and ud), at 481 on every target and strategy; nobody
    # else was re-sent, and Customer.io holds neither any more. The table keeps both columns, null.
    sent_481 = sorted((r["userId"], r["plan"], r["tier"], r["nickname"]) for model, _, _, m, r in feed.deliveries
                      if model == "sim_persons" and m == 481)
    assert sent_481 == [("ua", "gold", None, None), ("uc", "merged", None, None), ("ud", "basic", None, None),
                        ("uf2", "basic", None, None)], sent_481
    assert not [u for u, attrs in feed.store.items() if "tier" in attrs or "nickname" in attrs], feed.store
    assert sim.departed["sim_persons"] == {"tier", "nickname"}
    assert {u for m, u in feed.people_sent if m > 481} == set()
    # loc2's city cleared at 390, the last one (loc1's) at 450: the objects and each of their
    # memberships sent it once as null; loc3 came back at 465 with a city of its own.
    objects_sent = [(m, r["groupId"], r.get("city")) for model, _, _, m, r in feed.deliveries if model == "sim_objects"]
    assert [o for o in objects_sent if o[0] > 391] == [(421, "loc2", None), (481, "loc1", None), (481, "loc3", "Ogdenville")], objects_sent
    for world in feed.worlds.values():
        assert {g: a.get("city") for g, a in world.objects.items() if g in ("loc1", "loc2", "loc3")} == \
            {"loc1": None, "loc2": None, "loc3": "Ogdenville"}
        # (ended memberships keep what they last sent)
        assert not [k for k, a in world.relationships.items() if k[0] != "loc3" and "city" in a and a["is_active"]], world.relationships
    # the race: run 149 committed after the sync at 150 started; its rows went out at 180
    assert "ub" in {u for m, u in feed.people_sent if m == 180}
    assert [k for model, k, _, m, _ in feed.deliveries if model == "sim_relationships" and m == 180] == [("loc2", "ud")]
    # e1, e2, e3 (late: event time 2024-11-01), e4 for uc (merge), e5, e6 and e7 for uf2 (p6
    # lost the dedupe), e9 for ua (re-pointed from p9), e10; e4 for ue is no longer produced
    # once p5 merged into p3, nor e8 once its participant went
    assert len(sim.sendable("sim_events")) == 9
    # Incremental runs read only what can have changed, and were identical to a full
    # recompute after every run; the runs that could not be incremental say why.
    assert sim.compared == 4 * sim.runs
    prefix = "nexus_customer_io.customer_io_events: sim_events: "
    incremental = prefix + ("incremental run: reads the events with `_ingested_at` from {} less 10 minutes (the "
                            "table's watermark less watermark_lookback_minutes) or null, and the events whose "
                            "people changed; every other row is kept (participations left out are counted by full builds).")
    assert incremental.format("2025-01-01 00:00:00") in sim.logs[30], sim.logs[30]
    for minute in (30, 60, 75, 90, 120, 149, 240, 300, 340, 390, 420):
        assert prefix + "incremental run: " in sim.logs[minute], (minute, sim.logs[minute])
    assert prefix + ("full recompute: the table has no _cio_removed_at yet (this run adds them); "
                     "every event is read.") in sim.logs[215]
    assert prefix + ("full recompute: the model's definition changed since 12 of its rows were built (its "
                     "arguments, the columns of its inputs, or the package's SQL); every event is read.") in sim.logs[450], sim.logs[450]
    # people and relationships have no safe watermark: each tracked run reads them all, and says so
    full_reads = [
        "nexus_customer_io.customer_io_identify: sim_persons: full recompute: every person entity is read, as "
        "nexus entities have no warehouse-time watermark (`_updated_at` is the event time of the newest trait), and "
        "a merge or a new dedupe winner changes a person without one; only changed rows are written.",
        "nexus_customer_io.customer_io_relationships: sim_relationships: full recompute: every membership "
        "relationship is read, as nexus relationships have no warehouse-time watermark (`_updated_at` is the event "
        "time of the newest declaration), and one membership that changes can change the rankings of all its "
        "person's memberships; only changed rows are written.",
        "nexus_customer_io.customer_io_objects: sim_objects: full recompute: every group entity is read, as nexus "
        "entities have no warehouse-time watermark (`_updated_at` is the event time of the newest trait); only "
        "changed rows are written."]
    for text in full_reads:
        assert text not in sim.logs[1], sim.logs[1]
        for minute in (30, 60, 240):
            assert text in sim.logs[minute], (minute, sim.logs[minute])
    _, _, rows = sim.wh.query('select event_id, "userId", "event", channel from sim_events where _cio_removed_at is null')
    events = {r[0]: r[1:] for r in rows}
    assert events["e9"] == ("ua", "visited", None) and events["e3"] == ("ub", "refunded", None)
    assert events["e10"] == ("ud", "visited", None) and events["e2"] == ("ub", "signed up", "web")
    assert "e8" not in events and events["e6"] == ("uf2", "visited twice", None)
    # Objects: renamed without a newer _updated_at (30), added (240), taken over by a newer
    # entity of the same id (300), a city cleared (loc2 at 390, loc1 at 450), gone (420),
    # back (loc3, 465): each run wrote that change alone.
    _, _, rows = sim.wh.query('select "groupId", location_name, _cio_changed_at, _cio_removed_at from sim_objects')
    assert sorted(rows) == [("loc1", "Main St", at(450), None), ("loc2", "Second St", at(390), None),
                            ("loc3", "Annex West", at(465), None), ("loc4", "Depot", at(240), at(420))], rows
    # the upgrade run (215) re-sent nothing
    assert [u for m, u in feed.people_sent if m == 230] == [] and not [d for d in feed.deliveries if d[3] == 230]
    # a person who lost the dedupe: no current row, and no event written after that run, carries
    # the loser's userId; both of p6's events reached the winner
    _, _, rows = sim.wh.query('''select "userId", event_id, _cio_changed_at, _cio_removed_at from sim_events''')
    assert not [r for r in rows if r[0] == "uf" and (r[3] is None or r[2] >= at(300))], rows
    assert {r[1] for r in rows if r[0] == "uf2" and r[3] is None} == {"e6", "e7"}
    assert "uf" in sim.removed_people() and "uf" not in people
    # a change of case alone in an email-like userId (run 300) re-sends nothing
    assert "G@x.com" in people and [u for m, u in feed.people_sent if u.lower() == "g@x.com" and m > 300] == []
    assert [d for d in feed.deliveries if (d[4].get("userId") or "").lower() == "g@x.com" and d[3] > 300] == []
    # unchanged rows are never rewritten: e1 keeps the stamp of the first run
    _, _, rows = sim.wh.query("select e._cio_changed_at from sim_events as e where e.event_id = 'e1'")
    assert rows == [(at(1),)]

    # Memberships: every one that ended (inactive, deleted from nexus, its person merged away or
    # re-keyed) is held as ended, with every flag false, and was sent once more as such.
    ended = {k: attrs for k, (attrs, gone) in relationships.items() if gone is not None}
    assert {k: (a["ended_at"], gone) for k, (a, gone) in relationships.items() if gone is not None} == {
        ("loc2", "ub"): (unix(30), at(30)), ("loc1", "ue"): (unix(120), at(120)),
        ("loc2", "uc"): (unix(240), at(240)), ("loc2", "uf"): (unix(300), at(300))}
    for attrs in ended.values():
        assert attrs["is_active"] is False
        assert not attrs["is_primary_location"] and not attrs["is_most_recent_location"] and not attrs["is_first_location"]
        assert attrs["first_interaction_at"]  # the rest as last sent
    current = {k: a for k, (a, gone) in relationships.items() if gone is None}
    assert set(current) == {("loc1", "ua"), ("loc1", "ub"), ("loc1", "uc"), ("loc2", "ud"), ("loc2", "uf2"), ("loc3", "uc")}
    assert all(a["is_active"] is True and a.get("ended_at") is None for a in current.values())
    # uc's loc3 membership ended with its object (420) and came back with it (465): it sends
    # ended_at as null, so Customer.io drops the end it was told of
    assert "ended_at" in current[("loc3", "uc")] and current[("loc3", "uc")]["city"] == "Ogdenville"
    sent = [_attributes(r).get("ended_at", "absent") for sync, k, _, m, r in feed.deliveries if sync == "sim_relationships" and k == ("loc3", "uc")]
    assert sent == ["absent", unix(420), None], sent
    # ub's remaining membership was recomputed without the ended one
    assert current[("loc1", "ub")]["is_primary_location"] and current[("loc1", "ub")]["location_count"] == 1
    # what the deletions models hold, and sent once each
    _, _, rows = sim.wh.query('select "event", "userId", "objectId", "objectTypeId", "timestamp" from sim_deletions where _cio_removed_at is null')
    assert sorted(rows) == sorted([("Relationship Deleted", u, g, 1, at(t)) for (g, u), t in
                                   ((("loc2", "ub"), 30), (("loc1", "ue"), 120), (("loc2", "uc"), 240), (("loc2", "uf"), 300))])
    _, _, rows = sim.wh.query('select "event", "userId", "objectId", "timestamp" from sim_deletions_people where _cio_removed_at is null')
    assert sorted(rows, key=str) == sorted([("Relationship Deleted", "ub", "loc2", at(30)), ("Relationship Deleted", "uc", "loc2", at(240)),
                                            ("User Deleted", "ue", None, at(120)), ("User Deleted", "uf", None, at(300)),
                                            ("Object Deleted", None, "loc4", at(420))], key=str)
    # loc3's Object Deleted (after its membership's Relationship Deleted, at 451) left the table
    # when loc3 came back; neither is sent again
    sent = [(m, r["event"], r.get("objectId")) for sync, _, _, m, r in feed.deliveries if sync.startswith("sim_deletions_people")]
    mine = [x for x in sent if x[2] in ("loc3", "loc4")]
    assert sorted(mine) == sorted([(451, "Relationship Deleted", "loc3"), (451, "Object Deleted", "loc3"),
                                   (451, "Object Deleted", "loc4")]), sent
    assert mine.index((451, "Relationship Deleted", "loc3")) < mine.index((451, "Object Deleted", "loc3"))
    # The three workspaces: no stale membership and no second primary in any; profiles that
    # nexus no longer has (ue merged away, uf lost the dedupe) stay unless delete_people=true.
    for world in WORLDS:
        assert figures[world]["stale_relationships"] == [] and figures[world]["people_with_two_primaries"] == [], figures
    assert figures["plain"]["stale_profiles"] == ["ue", "uf"] and figures["plain"]["ended_relationships_held"] == 4
    assert figures["relationship_deletions"]["stale_profiles"] == ["ue", "uf"]
    assert figures["relationship_deletions"]["ended_relationships_held"] == 0
    assert figures["full_deletions"]["stale_profiles"] == [] and figures["full_deletions"]["ended_relationships_held"] == 0
    # objects nexus no longer has (loc4) stay unless Object Deleted is sent; nothing cleared is left
    assert figures["plain"]["stale_objects"] == figures["relationship_deletions"]["stale_objects"] == ["loc4"]
    assert figures["full_deletions"]["stale_objects"] == []
    assert all(figures[world]["attributes_left_behind"] == [] for world in WORLDS), figures
    # customer_io_sync_queries prints each model's counts
    feed.queries.clear()
    sim.query(feed, "sim_persons")
    assert feed.counts["sim_persons"].startswith("Rows: 6 current, ") and feed.counts["sim_persons"].endswith(", 2 removed (never sent again).")
    assert feed.counts["sim_relationships"].startswith("Rows: 6 current, ") and "4 ended" in feed.counts["sim_relationships"]
    assert feed.counts["sim_deletions_people:Object Deleted"].startswith("Rows: 1 current, ")
