"""The mass-deletion guard: a broken upstream run can never erase a workspace.

60 people, each a member of one location, are synced; then nexus comes back
empty, and later 90 % filtered. The deletions model (delete_people=true, the
package's default max_deletions) refuses both runs with an error naming the
model, the count, the share and the argument, and queues nothing; the
memberships model warns that it ended most memberships. A run after the
upstream fix queues nothing either; raising max_deletions lets the same
90 % run through, queuing exactly those deletions.
"""
import json

import pytest

from helpers import TARGETS, Warehouse, run_dbt
from test_sync_simulation import bigquery_form

VARS = "{cio_simulation: true}"  # the simulation's var enables models/removals too
PEOPLE = 60


def people_rows(ids):
    return ", ".join(f"('p{i}', 'person', 'p{i}@x.com', 'u{i}', '2024-12-01 00:00:00', '2024-01-01 00:00:00')" for i in ids)


@pytest.mark.parametrize("target", TARGETS)
def test_a_mass_deletion_is_refused_and_queues_nothing(tmp_path_factory, dbt_deps, target):
    work_dir = tmp_path_factory.mktemp(f"removals-{target}")
    run_dbt(target, "seed", "--select", "nexus_entities_seed", "--vars", VARS, work_dir=work_dir)  # creates the schema
    wh = Warehouse(target, work_dir)

    def write(*sql):
        wh.execute(*[bigquery_form(q) if target == "bigquery" else q for q in sql])

    def run(env=None):
        return run_dbt(target, "run", "--select", "removals", "--vars", VARS, work_dir=work_dir, check=False,
                       env={"CIO_SIMULATION_NOW": clock.pop(0), **(env or {})})

    def deletions():
        _, _, rows = wh.query('select "event", count(*) from rm_deletions group by "event"')
        return dict(rows)

    clock = [f"2025-01-01 0{h}:00:00" for h in range(1, 10)]
    entities = "create table rmsrc_entities (entity_id varchar, entity_type varchar, email varchar, user_id varchar, " \
               "_updated_at timestamp, _created_at timestamp)"
    write("drop table if exists rmsrc_entities", "drop table if exists rmsrc_groups", "drop table if exists rmsrc_relationships",
          entities, f"insert into rmsrc_entities values {people_rows(range(1, PEOPLE + 1))}",
          "create table rmsrc_groups (entity_id varchar, entity_type varchar, location_id varchar, _updated_at timestamp)",
          "insert into rmsrc_groups values ('g1', 'group', 'loc1', '2024-12-01 00:00:00')",
          "create table rmsrc_relationships (relationship_id varchar, entity_a_id varchar, entity_a_type varchar, "
          "entity_b_id varchar, entity_b_type varchar, relationship_type varchar, established_at timestamp, "
          "last_updated_at timestamp, _updated_at timestamp, is_active boolean)",
          "insert into rmsrc_relationships values " + ", ".join(
              f"('r{i}', 'p{i}', 'person', 'g1', 'group', 'membership', '2024-06-01 00:00:00', '2024-12-01 00:00:00', "
              f"'2024-12-01 00:00:00', true)" for i in range(1, PEOPLE + 1)))
    out = run()
    assert out.returncode == 0, out.stdout[-3000:]
    assert deletions() == {}

    # nexus comes back empty: refused, nothing queued; the memberships model warns
    write("delete from rmsrc_entities where entity_type = 'person'")
    out = run()
    assert out.returncode == 1
    assert ("nexus_customer_io.customer_io_deletions: refused: this run of rm_deletions would queue 60 User Deleted "
            "(100 % of the 60 people previously synced), over max_deletions (more than 10 and more than 20 % of them). "
            "Nothing is queued and the table is unchanged. If nexus came back empty or filtered by mistake, fix it upstream "
            "and run again: the next run queues only what is gone then. If the deletions are real, let this run through once "
            "with a higher limit, max_deletions={'count': 60, 'share': 1}, or turn the guard off with max_deletions=none "
            "(docs/sync.md, The mass-deletion guard).") in out.stdout, out.stdout[-4000:]
    assert ("nexus_customer_io.customer_io_relationships: rm_memberships: this run ended 60 memberships (100 % of the 60 "
            "previously synced), over max_ended (more than 10 and more than 20 % of them): each is sent once more as ended "
            "(is_active false) by the next sync, settle_minutes after this run.") in out.stdout, out.stdout[-4000:]
    assert deletions() == {}

    # the upstream fix: the next run queues nothing, as if the bad run never happened
    write(f"insert into rmsrc_entities values {people_rows(range(1, PEOPLE + 1))}")
    out = run()
    assert out.returncode == 0, out.stdout[-3000:]
    assert deletions() == {}
    _, _, rows = wh.query("select count(*) from rm_memberships where _cio_removed_at is null")
    assert rows == [(PEOPLE,)]

    # 90 % filtered away: refused too
    write("delete from rmsrc_entities where entity_id not in ('p1', 'p2', 'p3', 'p4', 'p5', 'p6')")
    out = run()
    assert out.returncode == 1
    assert ("refused: this run of rm_deletions would queue 54 User Deleted (90 % of the 60 people previously synced), over max_deletions "
            "(more than 10 and more than 20 % of them).") in out.stdout, out.stdout[-4000:]
    assert "max_deletions={'count': 54, 'share': 1}" in out.stdout
    assert deletions() == {}

    # the same run with the limit raised goes through, and queues exactly those 54
    out = run(env={"CIO_RM_MAX_DELETIONS": json.dumps({"count": 54, "share": 1})})
    assert out.returncode == 0, out.stdout[-3000:]
    assert deletions() == {"User Deleted": 54}
    _, _, rows = wh.query('select "userId" from rm_deletions')
    assert sorted(r[0] for r in rows) == sorted(f"u{i}" for i in range(7, PEOPLE + 1))
