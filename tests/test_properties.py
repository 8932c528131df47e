"""Property-based tests: generated nexus tables, each macro run through dbt on
DuckDB, compared row for row with the pure-Python reference in
tests/reference/ (written from the docs, not from the SQL).

A dbt invocation costs seconds, so no test runs dbt per example. Each test
draws its data sets with Hypothesis (deterministically by default), writes
every data set as its own set of tables into one DuckDB file, writes one
model per data set calling the macro on those tables, runs `dbt run` once per
batch, then compares each model with the reference.

    CIO_PROPERTY_EXAMPLES=500   data sets per test (default 25)
    CIO_PROPERTY_SEED=<int>     seed (default 0; a long run without it picks one and prints it)
    CIO_PROPERTY_BATCH=100      models per dbt run

Failures name the smallest failing data set (call, tables, differing rows);
every failing data set is written to <tmp>/failures-<test>.txt.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

import reference as ref
from helpers import ROOT
from reference.common import (BOOLEAN, DATE, DOUBLE, ENTITY_SYSTEM_COLUMNS, INTEGER, TEXT, TIMESTAMP,
                              TIMESTAMPTZ, Output, Table, person_key)

TEMPLATE = ROOT / "tests" / "property_project"
LONG_RUN = "CIO_PROPERTY_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("CIO_PROPERTY_EXAMPLES", "25"))
BATCH = int(os.environ.get("CIO_PROPERTY_BATCH", "100"))
SEED = int(os.environ["CIO_PROPERTY_SEED"]) if os.environ.get("CIO_PROPERTY_SEED") else (
    random.randrange(2**32) if LONG_RUN else 0)

DUCK_TYPES = {TEXT: "VARCHAR", TIMESTAMP: "TIMESTAMP", TIMESTAMPTZ: "TIMESTAMPTZ", DATE: "DATE",
              BOOLEAN: "BOOLEAN", DOUBLE: "DOUBLE", INTEGER: "INTEGER"}

class PropertyExamples(Warning):
    """Not a problem: how many generated examples a property test ran."""


RUNNER = ("import sys\nfrom dbt.cli.main import dbtRunner\n"
          "r = dbtRunner().invoke(sys.argv[1:])\nsys.exit(0 if r.success else 1)\n")


# --------------------------------------------------------------------------
# The scratch project, loading, one dbt run per batch, comparison
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Rel:
    """A relation argument: the name of one of the case's tables."""
    name: str


@dataclass
class Case:
    tables: dict[str, Table]
    macro: str
    args: dict
    expected: Callable[[], Output]
    # relationships without persons: which spelling of a case-variant email
    # is sent is not documented, so "userId" is compared by person key.
    user_by_key: bool = False
    label: str = ""


def jinja(value, prefix: str) -> str:
    if isinstance(value, Rel):
        return f"prop_rel('{prefix}{value.name}')"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(jinja(v, prefix) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{jinja(k, prefix)}: {jinja(v, prefix)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def render_call(case: Case, prefix: str) -> str:
    args = ", ".join(f"{k}={jinja(v, prefix)}" for k, v in case.args.items())
    return f"{{{{ nexus_customer_io.{case.macro}({args}) }}}}\n"


class Project:
    def __init__(self, path: Path):
        self.path = path
        self.db = path / "props.duckdb"

    def load(self, con, name: str, table: Table) -> None:
        cols = ", ".join(f'"{c}" {DUCK_TYPES[k]}' for c, k in table.columns)
        con.execute(f'create or replace table "{name}" ({cols})')
        if table.rows:
            marks = ", ".join("?" for _ in table.columns)
            con.executemany(f'insert into "{name}" values ({marks})',
                            [[row.get(c) for c, _ in table.columns] for row in table.rows])

    def run(self, models: dict[str, str]) -> dict[str, tuple[str, str]]:
        """Write the models, `dbt run` once; model name -> (status, message)."""
        models_dir = self.path / "models"
        shutil.rmtree(models_dir, ignore_errors=True)
        models_dir.mkdir()
        for name, sql in models.items():
            (models_dir / f"{name}.sql").write_text(sql, encoding="utf-8")
        results = self.path / "target" / "run_results.json"
        results.unlink(missing_ok=True)
        env = dict(os.environ, CIO_PROPERTY_DB=str(self.db), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        proc = subprocess.run(
            [sys.executable, "-c", RUNNER, "run", "--project-dir", str(self.path), "--profiles-dir",
             str(self.path), "--target-path", str(self.path / "target"), "--log-path",
             str(self.path / "logs")],
            cwd=self.path, env=env, capture_output=True, text=True)
        if not results.exists():
            raise AssertionError(f"dbt run did not run:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
        out = {}
        for item in json.loads(results.read_text())["results"]:
            out[item["unique_id"].split(".")[-1]] = (item["status"], item.get("message") or "")
        return out


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    path = tmp_path_factory.mktemp("cio_properties")
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(TEMPLATE / name, path / name)
    (path / "packages.yml").write_text(f"packages:\n  - local: {ROOT}\n")
    # What `dbt deps` would do for a local package, without a dbt call.
    (path / "dbt_packages").mkdir()
    (path / "dbt_packages" / "nexus_customer_io").symlink_to(ROOT, target_is_directory=True)
    (path / "macros").mkdir()
    (path / "macros" / "prop_rel.sql").write_text(
        "{% macro prop_rel(name) %}{{ return(api.Relation.create(database=target.database, "
        "schema=target.schema, identifier=name)) }}{% endmacro %}\n")
    return Project(path)


def draw_cases(strategy, n: int, per_example: int = 5) -> list:
    """n distinct data sets from Hypothesis' own generator, `per_example`
    independent ones per Hypothesis example (its later examples are mutations
    of earlier ones, so lists keep a batch varied; mutated copies that come out
    identical are dropped and more are drawn). Seeded, so a run is reproducible.
    No shrinking: a shrink step would cost a dbt run."""
    found, seen = [], set()

    def collect(cases):
        for case in cases:
            key = repr((case.tables, case.args))
            if key not in seen:
                seen.add(key)
                found.append(case)

    for attempt in range(50):
        if len(found) >= n:
            break
        run = settings(max_examples=max(10, -(-2 * (n - len(found)) // per_example)), database=None, deadline=None,
                       phases=[Phase.generate], suppress_health_check=list(HealthCheck))(
            given(st.lists(strategy, min_size=per_example, max_size=per_example))(collect))
        hypothesis_seed((SEED or 0) + attempt)(run)()
    return found[:n]


def _norm_json(value):
    if isinstance(value, dict):
        return {k: _norm_json(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def cell(value, column: str, user_by_key: bool):
    """A typed, comparable form of one value."""
    if column == "relationshipAttributes" and value is not None:
        parsed = json.loads(value) if isinstance(value, str) else value
        return ("json", json.dumps(_norm_json(parsed), sort_keys=True, ensure_ascii=False))
    if value is None:
        return ("null",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return ("ZONE-AWARE timestamp", value.isoformat())
        return ("timestamp", value.isoformat())
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        number = float(value)
        return ("number", int(number) if number.is_integer() else number)
    if isinstance(value, str):
        if column == "userId" and user_by_key:
            return ("text", person_key(value))
        return ("text", value)
    return (type(value).__name__, repr(value))


def compare(case: Case, names: list[str], rows: list[tuple]) -> str:
    """Empty when equal, else what differs."""
    expected = case.expected()
    if names != expected.columns:
        return f"columns differ:\n  expected {expected.columns}\n  actual   {names}"
    exp = sorted((tuple(cell(v, c, case.user_by_key) for v, c in zip(r, names)) for r in expected.rows), key=repr)
    got = sorted((tuple(cell(v, c, case.user_by_key) for v, c in zip(r, names)) for r in rows), key=repr)
    if exp == got:
        return ""
    left, extra = list(exp), []
    for row in got:
        if row in left:
            left.remove(row)
        else:
            extra.append(row)
    lines = [f"rows differ (columns {names}):"]
    lines += [f"  expected, not found: {r}" for r in left[:8]]
    lines += [f"  found, not expected: {r}" for r in extra[:8]]
    return "\n".join(lines)


def short(value):
    """Long generated values as `'ab' * 400`, so failing data sets stay readable."""
    if isinstance(value, str) and len(value) > 60:
        for k in range(1, 7):
            if len(value) % k == 0 and value == value[:k] * (len(value) // k):
                return f"{value[:k]!r} * {len(value) // k}"
        return f"{value[:40]!r} + ... ({len(value)} chars)"
    return repr(value)


def describe(case: Case, prefix: str) -> str:
    lines = [f"call: {render_call(case, prefix).strip()}"]
    for name, table in case.tables.items():
        lines.append(f"table {name}: columns {table.columns}")
        for row in table.rows:
            lines.append("    {" + ", ".join(f"{k!r}: {short(v)}" for k, v in row.items()) + "}")
    return "\n".join(lines)


def size(case: Case) -> int:
    return sum(len(t.rows) for t in case.tables.values())


def check(request, project: Project, tag: str, strategy) -> None:
    """Draw, load, run dbt once per batch, compare; fail on the smallest failure."""
    started = time.time()
    cases = draw_cases(strategy, EXAMPLES)
    failures = []
    dbt_seconds = 0.0
    for start in range(0, len(cases), BATCH):
        batch = list(enumerate(cases))[start:start + BATCH]
        con = duckdb.connect(str(project.db))
        models = {}
        try:
            for i, case in batch:
                prefix = f"{tag}_{i:04d}_"
                for name, table in case.tables.items():
                    project.load(con, prefix + name, table)
                models[f"{tag}_{i:04d}"] = "{{ config(materialized='table') }}\n" + render_call(case, prefix)
        finally:
            con.close()
        t0 = time.time()
        status = project.run(models)
        dbt_seconds += time.time() - t0
        con = duckdb.connect(str(project.db), read_only=True)
        try:
            for i, case in batch:
                model, prefix = f"{tag}_{i:04d}", f"{tag}_{i:04d}_"
                state, message = status.get(model, ("missing", "not in run_results"))
                try:
                    case.expected()
                except ref.ExpectedError as e:
                    if state != "error" or e.text not in (message or ""):
                        failures.append((case, prefix, f"expected an error with {e.text!r}, got dbt {state}: {message}"))
                    continue
                if state != "success":
                    failures.append((case, prefix, f"dbt {state}: {message}"))
                    continue
                cur = con.execute(f'select * from "{model}"')
                names = [d[0] for d in cur.description]
                problem = compare(case, names, cur.fetchall())
                if problem:
                    failures.append((case, prefix, problem))
        finally:
            con.close()
    seed_note = f"seed {SEED or 0}"
    line = (f"[properties] {tag}: {len(cases)} examples ({seed_note}), {len(failures)} failing, "
            f"dbt {dbt_seconds:.1f}s, total {time.time() - started:.1f}s")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if os.environ.get("PYTEST_XDIST_WORKER") or not capture:
        # A worker's output is not shown: the count reaches the summary as a warning.
        warnings.warn(PropertyExamples(line))
    else:
        with capture.global_and_fixture_disabled():
            print("\n" + line)
    if failures:
        dump = project.path / f"failures-{tag}.txt"
        dump.write_text("\n\n".join(f"{describe(c, p)}\n{problem}" for c, p, problem in failures), encoding="utf-8")
        case, prefix, problem = min(failures, key=lambda f: size(f[0]))
        pytest.fail(f"{line}\nsmallest failing data set ({case.label}):\n{describe(case, prefix)}\n{problem}\n"
                    f"(all failures: {dump})", pytrace=False)


# --------------------------------------------------------------------------
# Generators
# --------------------------------------------------------------------------

# Identifier characters: no U+0130 or U+03A3, whose lower-casing differs
# between Python (full case mapping, final sigma) and SQL engines.
ID_CHARS = "abAB1_-.@'\"; éÉüÜñÑ名😀"
BLANKS = ["", " ", "\t", "\n", " \r\n ", "   "]
PADS = ["", "", "", "", " ", "\t", "\n", "  ", " \r\n"]
EMAILS = ["ann@example.com", "bo@x.io", "é@ü.com", "o'neil@x.com", "ñ名@x.com"]
USER_IDS = ["u1", "u2", "U1", "user 3", 'x"y', "名前", "ann@example.com"]
ANON_IDS = ["anon1", "ANON1", "a-2", "bo@x.io", "ü"]
LOC_IDS = ["loc_01", "LOC_01", "loc_02", "ü-3", "o'x"]
CASES = [lambda s: s, str.upper, str.lower, str.title, str.swapcase]

VALUE_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TRICKY = ["it's", 'say "hi"', "a\nb", "a\r\nb", "--", "; drop table x; --", "'); select 1; --", "\\",
          "{{ x }}", '{"a": 1}', "ü名😀", " padded ", "null", "NULL", "true", "0", "\t"]

BASE_TIMES = [dt.datetime(2024, 1, 1), dt.datetime(2024, 3, 10, 2, 30),  # LA: DST gap
              dt.datetime(2024, 11, 3, 1, 30),  # LA: ambiguous hour
              dt.datetime(1969, 12, 31, 23, 59, 59), dt.datetime(2000, 2, 29, 12),
              dt.datetime(2038, 1, 19, 3, 14, 8), dt.datetime(2024, 5, 1, 10)]
OFFSETS = [0, 330, -480, 840, -720, 45, -210]  # minutes
JUNK_TIMES = ["not a date", "01/02/2024", "1706745600", "2024-02-30", "2024-02-30T10:00:00", "2024-13-01",
              "2024-02-01+02:00", "2024-02-01Z", "", " ", "2024-1-5", "2024-01-01T10", "20240101",
              "2024-01-01T10:00:00+2", "2023-02-29 00:00:00", "tomorrow"]


@st.composite
def identifier(draw, pool):
    kind = draw(st.sampled_from(["pool"] * 10 + ["none", "none", "blank", "blank", "text", "text", "long"]))
    if kind == "none":
        return None
    if kind == "blank":
        return draw(st.sampled_from(BLANKS))
    if kind == "text":
        core = draw(st.text(ID_CHARS, min_size=1, max_size=6))
    elif kind == "long":
        core = draw(st.sampled_from(pool)) * draw(st.integers(20, 60))
    else:
        core = draw(st.sampled_from(pool))
    core = draw(st.sampled_from(CASES))(core)
    return draw(st.sampled_from(PADS)) + core + draw(st.sampled_from(PADS))


def text_value():
    long_text = st.builds(lambda s, n: s * n, st.text(VALUE_CHARS, min_size=1, max_size=3), st.integers(300, 1500))
    return st.one_of(st.none(), st.just(""), st.sampled_from(TRICKY), st.text(VALUE_CHARS, max_size=12), long_text)


def naive_time(frac=False, nulls=True):
    free = st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2090, 1, 1)).map(lambda d: d.replace(fold=0))
    if not frac:
        free = free.map(lambda d: d.replace(microsecond=0))
    parts = [st.sampled_from(BASE_TIMES), st.sampled_from(BASE_TIMES), free]
    if frac:
        parts.append(st.sampled_from(BASE_TIMES).map(lambda d: d.replace(microsecond=123456)))
    return st.one_of(([st.none()] if nulls else []) + parts)


@st.composite
def aware_time(draw, frac=False, nulls=True):
    base = draw(naive_time(frac=frac, nulls=nulls))
    if base is None:
        return None
    zone = dt.timezone(dt.timedelta(minutes=draw(st.sampled_from(OFFSETS))))
    if draw(st.booleans()):  # the same instant as `base` read as UTC, written in another zone
        return base.replace(tzinfo=dt.timezone.utc).astimezone(zone)
    return base.replace(tzinfo=zone)  # the same wall-clock time in another zone


def time_value(kind, frac=False, nulls=True):
    if kind == DATE:
        return st.one_of(([st.none()] if nulls else []) + [
            st.sampled_from([d.date() for d in BASE_TIMES]), st.dates(dt.date(1950, 1, 1), dt.date(2090, 1, 1))])
    if kind == TIMESTAMPTZ:
        return aware_time(frac=frac, nulls=nulls)
    if kind == TEXT:
        return text_timestamp(frac=frac)
    return naive_time(frac=frac, nulls=nulls)


@st.composite
def text_timestamp(draw, frac=True):
    """ISO-8601 text in every documented shape, junk, or null."""
    kind = draw(st.sampled_from(["iso"] * 5 + ["junk", "none"]))
    if kind == "none":
        return None
    if kind == "junk":
        return draw(st.sampled_from(JUNK_TIMES))
    d = draw(st.one_of(st.sampled_from(BASE_TIMES), st.datetimes(dt.datetime(1901, 1, 1), dt.datetime(2099, 12, 31))))
    shape = draw(st.sampled_from(["date", "hm", "hms"] + (["frac"] if frac else [])))
    text = d.strftime("%Y-%m-%d")
    if shape != "date":
        text += draw(st.sampled_from(["T", " "])) + d.strftime("%H:%M")
        if shape in ("hms", "frac"):
            text += d.strftime(":%S")
        if shape == "frac":
            text += "." + f"{d.microsecond:06d}"[:draw(st.integers(1, 6))]
        zone = draw(st.sampled_from(["", "Z", "hh", "hhmm", "hh:mm"]))
        if zone == "Z":
            text += "Z"
        elif zone:
            sign = draw(st.sampled_from("+-"))
            hours, minutes = draw(st.integers(0, 14)), draw(st.sampled_from([0, 30, 45]))
            text += sign + {"hh": f"{hours:02d}", "hhmm": f"{hours:02d}{minutes:02d}",
                            "hh:mm": f"{hours:02d}:{minutes:02d}"}[zone]
    pad = draw(st.sampled_from(["", "", " ", "  "]))
    return pad + text + draw(st.sampled_from(["", "", " "]))


PERSON_TRAITS = [("email", TEXT), ("first_name", TEXT), ("user_id", TEXT), ("anon_id", TEXT),
                 ("signed_up_at", TEXT), ("plan", TEXT)]
OPTIONAL_TRAITS = [("FavoriteColor", TEXT), ("NICKNAME", TEXT), ("api_token", TEXT), ("unsubscribed", TEXT),
                   ("birthday", DATE), ("last_seen_tz", TIMESTAMPTZ)]
GROUP_TRAITS = [("location_id", TEXT), ("location_name", TEXT)]
GROUP_ONLY = {"location_id", "location_name"}


def trait_strategy(name, kind, frac):
    return {
        "email": identifier(EMAILS), "user_id": identifier(USER_IDS), "anon_id": identifier(ANON_IDS),
        "location_id": identifier(LOC_IDS), "signed_up_at": text_timestamp(frac=frac),
        "updated_text": text_timestamp(frac=True),
        "unsubscribed": st.sampled_from([None, "true", "false", ""]),
        "birthday": st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2020, 1, 1))),
        "last_seen_tz": aware_time(),
    }.get(name, text_value())


def entity_ids(n):
    return st.lists(st.text("pgPG_1é'", min_size=1, max_size=4), min_size=n, max_size=n, unique=True)


@st.composite
def entities(draw, *, ts_kind=None, frac=True, max_persons=10, max_groups=3, text_updated=False,
             min_persons=0, min_groups=0):
    """nexus_entities: text traits pivoted over both types (group traits null
    on persons and the other way round), typed system timestamps."""
    n_persons = draw(st.integers(min_persons, max_persons))
    n_groups = draw(st.integers(min_groups, max_groups))
    ids = draw(entity_ids(n_persons + n_groups))
    optional = [c for c in OPTIONAL_TRAITS if draw(st.booleans())]
    traits = draw(st.permutations(PERSON_TRAITS + optional + GROUP_TRAITS))
    ts_kind = ts_kind or draw(st.sampled_from([TIMESTAMP, TIMESTAMP, TIMESTAMPTZ, DATE]))
    columns = [("entity_id", TEXT), ("entity_type", TEXT)] + list(traits) + [
        ("traits_entity_id", TEXT), ("_processed_at", TIMESTAMPTZ), ("_updated_at", ts_kind),
        ("_created_at", TIMESTAMP), ("_last_merged_at", TIMESTAMP), ("last_interaction_at", TIMESTAMP),
        ("first_interaction_at", TIMESTAMP)]
    if text_updated:
        columns.append(("updated_text", TEXT))
    # traits null for every person (besides the group-only ones)
    null_for_persons = draw(st.sets(st.sampled_from(["first_name", "plan", "anon_id"])))
    rows = []
    for i, eid in enumerate(ids):
        person = i < n_persons
        row = {"entity_id": eid, "entity_type": "person" if person else "group", "traits_entity_id": eid}
        for name, kind in traits:
            if person and (name in GROUP_ONLY or name in null_for_persons):
                row[name] = None
            elif not person and name not in GROUP_ONLY and draw(st.integers(0, 4)) > 0:
                row[name] = None
            else:
                row[name] = draw(trait_strategy(name, kind, frac))
        row["_processed_at"] = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
        row["_updated_at"] = draw(time_value(ts_kind, frac=True))
        for name in ("_created_at", "_last_merged_at", "last_interaction_at", "first_interaction_at"):
            row[name] = draw(naive_time())
        if text_updated:
            row["updated_text"] = draw(text_timestamp(frac=True))
        rows.append(row)
    return Table(columns, rows)


def any_case(names_strategy):
    """Column-name arguments match case-insensitively: some names upper-cased."""
    return st.builds(lambda names, flips: [n.upper() if f else n for n, f in zip(names, flips)],
                     names_strategy, st.lists(st.booleans(), min_size=6, max_size=6))


# Raw-SQL `filters` and the Python predicates the reference applies for them.
# The `or` ones would widen the selection if a filter were not parenthesised.
ENTITY_FILTERS = [
    (["entity_id not like 'P%'"], lambda r: not r["entity_id"].startswith("P")),
    (["entity_id like 'p%' or length(entity_id) = 1", "entity_id <> 'it''s'"],
     lambda r: (r["entity_id"].startswith("p") or len(r["entity_id"]) == 1) and r["entity_id"] != "it's"),
    (["plan is not null or email is null"], lambda r: r["plan"] is not None or r["email"] is None),
]
EVENT_FILTERS = [
    (["event_type = 'payment' or source = 'stripe'"], lambda e: e["event_type"] == "payment" or e["source"] == "stripe"),
]
RELATIONSHIP_FILTERS = [
    (["primary_source = 'lobbie' or is_verified"], lambda r: r["primary_source"] == "lobbie" or r["is_verified"] is True),
]


def maybe_filter(draw, choices, args: dict, ref_args: dict) -> None:
    if not draw(st.integers(0, 2)):
        sql, predicate = draw(st.sampled_from(choices))
        args["filters"] = sql
        ref_args["row_filter"] = predicate


def trait_columns(table: Table) -> list[str]:
    return [c for c in table.names() if c not in ENTITY_SYSTEM_COLUMNS]


def people_table(ents: Table, user_id_column: str, anonymous_id_column,
                 dedupe_column="email") -> tuple[Table, list[dict]]:
    """The people model as the reference identify builds it (its own test checks
    the macro): "userId", "anonymousId" (when configured), "timestamp" and the
    person map, which decides whose events and memberships an entity's are."""
    out = ref.identify(ents, user_id_column=user_id_column, anonymous_id_column=anonymous_id_column,
                       dedupe_column=dedupe_column, include_traits=[])
    names = out.columns
    kinds = {"userId": TEXT, "anonymousId": TEXT, "timestamp": TIMESTAMP, "_cio_entity_id": TEXT,
             "_cio_merged_entity_ids": TEXT}
    rows = [dict(zip(names, r)) for r in out.rows]
    return Table([(n, kinds[n]) for n in names], rows), rows


# --------------------------------------------------------------------------
# identify
# --------------------------------------------------------------------------

@st.composite
def identify_defaults_case(draw):
    ents = draw(entities())
    return Case({"entities": ents}, "customer_io_identify", {"entities": Rel("entities")},
                lambda: ref.identify(ents), label="identify defaults")


@st.composite
def identify_options_case(draw):
    fmt = draw(st.sampled_from(["timestamp", "unix", "iso8601"]))
    ents = draw(entities(frac=fmt == "timestamp"))
    uid = draw(st.sampled_from(["user_id", "email", "USER_ID"]))
    anon = draw(st.sampled_from([None, "anon_id"]))
    args = {"user_id_column": uid, "anonymous_id_column": anon,
            "dedupe_column": draw(st.sampled_from(["email", None, "plan"])),
            "trait_timestamp_format": fmt, "keep_empty_traits": draw(st.booleans()),
            "sync_unsubscribed": draw(st.booleans()),
            "timestamp_traits": draw(st.sampled_from([[], ["signed_up_at"]]))}
    others = [c for c in trait_columns(ents) if c.lower() not in {uid.lower(), (anon or "").lower()}]
    if draw(st.booleans()):
        args["ignore_traits"] = draw(any_case(st.lists(st.sampled_from(others), unique=True, max_size=3)))
    if draw(st.booleans()):
        args["include_traits"] = draw(any_case(st.lists(st.sampled_from(others), unique=True, max_size=6)))
    if "api_token" in ents.names() and draw(st.booleans()):
        args["allow_sensitive_traits"] = ["api_token"]
    if draw(st.booleans()):
        args["rename_traits"] = draw(st.sampled_from([{"plan": "plan_name"}, {"_created_at": "signup_time"},
                                                      {"PLAN": "PlanName"}]))
    ref_args = dict(args)
    maybe_filter(draw, ENTITY_FILTERS, args, ref_args)
    return Case({"entities": ents}, "customer_io_identify", {"entities": Rel("entities"), **args},
                lambda: ref.identify(ents, **ref_args), label="identify options")


@st.composite
def identify_text_timestamps_case(draw):
    fmt = draw(st.sampled_from(["timestamp", "unix", "iso8601"]))
    ents = draw(entities(frac=fmt == "timestamp", text_updated=True))
    # `updated_text` is ignored as a trait: the docs do not say whether a
    # timestamp_column other than _updated_at is also sent as a trait.
    args = {"timestamp_column": "updated_text", "timestamp_traits": ["signed_up_at"],
            "trait_timestamp_format": fmt, "ignore_traits": ["updated_text"],
            "anonymous_id_column": draw(st.sampled_from([None, "anon_id"]))}
    return Case({"entities": ents}, "customer_io_identify", {"entities": Rel("entities"), **args},
                lambda: ref.identify(ents, **args), label="identify text timestamps")


def test_identify_defaults(request, project):
    check(request, project, "idd", identify_defaults_case())


def test_identify_options(request, project):
    check(request, project, "ido", identify_options_case())


def test_identify_text_timestamps(request, project):
    check(request, project, "idt", identify_text_timestamps_case())


# --------------------------------------------------------------------------
# events
# --------------------------------------------------------------------------

EVENT_NAMES = ["appointment scheduled", "payment completed", "it's done", 'say "hi"', "ü名😀", "x" * 120,
               "a\nb", "--; drop table t"]
ROLES = ["patient", "companion", "payer", "location"]


@st.composite
def events_tables(draw, ents: Table):
    n_events = draw(st.integers(0, 8))
    ids = draw(st.lists(st.text(ID_CHARS, min_size=1, max_size=5), min_size=n_events, max_size=n_events, unique=True))
    ts_kind = draw(st.sampled_from([TIMESTAMP, TIMESTAMP, TIMESTAMPTZ, TEXT]))
    optional = [c for c in [("session_token", TEXT), ("EventCategory", TEXT), ("local_time", TIMESTAMPTZ),
                            ("value", DOUBLE)] if draw(st.booleans())]
    columns = [("event_id", TEXT), ("occurred_at", ts_kind), ("event_name", TEXT), ("event_description", TEXT),
               ("event_type", TEXT), ("significance", DOUBLE), ("source", TEXT), ("source_table", TEXT),
               ("_ingested_at", TIMESTAMP), ("_processed_at", TIMESTAMPTZ)] + optional
    rows = []
    for eid in ids:
        row = {"event_id": eid, "occurred_at": draw(time_value(ts_kind, frac=True)),
               "event_name": draw(st.one_of(st.sampled_from(EVENT_NAMES), text_value())),
               "event_description": draw(text_value()), "event_type": draw(st.sampled_from(["appointment", "payment", None])),
               "significance": draw(st.sampled_from([None, 1.5, 3.0, -0.25])),
               "source": draw(st.sampled_from(["lobbie", "stripe", None, "it's"])), "source_table": "t",
               "_ingested_at": draw(naive_time()), "_processed_at": dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)}
        for name, kind in optional:
            row[name] = draw(aware_time() if kind == TIMESTAMPTZ else
                             st.sampled_from([None, 2.5, 100.0]) if kind == DOUBLE else text_value())
        rows.append(row)
    events = Table(columns, rows)
    by_id = {e["entity_id"]: e for e in ents.rows}
    person_ids = [e["entity_id"] for e in ents.rows if e["entity_type"] == "person"]
    parts = []

    def participant(event_id, entity_id):
        ent_type = by_id[entity_id]["entity_type"] if entity_id in by_id else "person"
        role = "location" if ent_type == "group" else draw(st.sampled_from(ROLES[:3]))
        if not draw(st.integers(0, 9)):  # a participant row whose type disagrees with its entity
            ent_type = {"person": "group", "group": "person"}[ent_type]
        parts.append({"entity_participant_id": f"ep_{len(parts)}", "entity_type": ent_type, "event_id": event_id,
                      "entity_id": entity_id, "role": role, "occurred_at": None})

    for event_id in ids:  # each event: a few participants, persons mostly, repeats allowed
        for _ in range(draw(st.integers(0, 4))):
            pool = person_ids if person_ids and draw(st.integers(0, 4)) else list(by_id) or ["no_such_entity"]
            participant(event_id, draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(0, 2))):  # strays: unknown events or entities
        participant(draw(st.sampled_from(ids + ["no_such_event"])),
                    draw(st.sampled_from(list(by_id) + ["no_such_entity"])))
    participants = Table([("entity_participant_id", TEXT), ("entity_type", TEXT), ("event_id", TEXT),
                          ("entity_id", TEXT), ("role", TEXT), ("occurred_at", TIMESTAMP)], parts)
    return events, participants


@st.composite
def events_args(draw, events: Table):
    args = {"user_id_column": draw(st.sampled_from(["user_id", "email"])),
            "anonymous_id_column": draw(st.sampled_from([None, "anon_id"]))}
    if draw(st.booleans()):
        args["participant_roles"] = ["patient", "payer"]
    if draw(st.booleans()):
        args["rename_events"] = {"appointment scheduled": "Appointment Scheduled", "it's done": "done"}
    if draw(st.booleans()):
        args["rename_properties"] = {"significance": "importance"}
    if draw(st.booleans()):
        args["ignore_properties"] = ["event_description"]
    if not draw(st.integers(0, 3)):  # quotes in values rendered as SQL literals
        args["event_names"] = draw(st.lists(st.sampled_from(EVENT_NAMES[:5]), unique=True, max_size=3))
    if not draw(st.integers(0, 3)):
        args["sources"] = draw(st.lists(st.sampled_from(["lobbie", "stripe", "it's"]), unique=True, max_size=2))
    props = [c for c in events.names() if c not in ("event_id", "occurred_at", "event_name")]
    if not draw(st.integers(0, 3)):
        args["include_properties"] = draw(any_case(st.lists(st.sampled_from(props), unique=True, max_size=5)))
    if "session_token" in events.names() and draw(st.booleans()):
        args["allow_sensitive_properties"] = ["session_token"]
    if draw(st.booleans()):  # else the default, 'unix'
        args["trait_timestamp_format"] = draw(st.sampled_from(["unix", "timestamp", "iso8601"]))
    return args


def _occurred_after(text):
    return None if text is None else dt.datetime.fromisoformat(text)


@st.composite
def events_case(draw):
    ents = draw(entities(min_persons=1, max_persons=8, max_groups=2))
    events, parts = draw(events_tables(ents))
    args = draw(events_args(events))
    after = draw(st.sampled_from([None, None, None, "1970-01-01", "2000-02-29 12:00:00"]))
    if after:
        args["occurred_after"] = after
    ref_args = {k: v for k, v in args.items() if k != "occurred_after"}
    maybe_filter(draw, EVENT_FILTERS, args, ref_args)
    tables = {"entities": ents, "events": events, "participants": parts}
    rels = {"entities": Rel("entities"), "events": Rel("events"), "participants": Rel("participants")}
    return Case(tables, "customer_io_events", {**rels, **args},
                lambda: ref.events(events, parts, ents, occurred_after=_occurred_after(after), **ref_args),
                label="events without persons")


@st.composite
def events_persons_case(draw):
    ents = draw(entities(min_persons=1, max_persons=8, max_groups=2))
    events, parts = draw(events_tables(ents))
    args = draw(events_args(events))
    ref_args = dict(args)
    maybe_filter(draw, EVENT_FILTERS, args, ref_args)
    people_anon = draw(st.sampled_from([None, "anon_id"]))
    # the people model's own identifier and dedupe, independent of the events call
    people, people_rows = people_table(ents, draw(st.sampled_from(["user_id", "email"])), people_anon,
                                       draw(st.sampled_from(["email", "email", None])))
    tables = {"entities": ents, "events": events, "participants": parts, "persons": people}
    rels = {"entities": Rel("entities"), "events": Rel("events"), "participants": Rel("participants"),
            "persons": Rel("persons")}
    return Case(tables, "customer_io_events", {**rels, **args},
                lambda: ref.events(events, parts, ents, persons=people_rows,
                                   persons_have_anonymous_id=people_anon is not None, **ref_args),
                label=f"events with persons (people anonymousId: {people_anon})")


def test_events(request, project):
    check(request, project, "evt", events_case())


def test_events_with_persons(request, project):
    check(request, project, "evp", events_persons_case())


# --------------------------------------------------------------------------
# objects
# --------------------------------------------------------------------------

@st.composite
def objects_case(draw):
    fmt = draw(st.sampled_from(["timestamp", "unix", "iso8601"]))
    ents = draw(entities(frac=fmt == "timestamp", max_persons=3, max_groups=8))
    args = {"object_type_id": draw(st.sampled_from([1, "1", " 2 ", 17])),
            "object_id_column": draw(st.sampled_from(["location_id", "LOCATION_ID"])),
            "trait_timestamp_format": fmt, "keep_empty_traits": draw(st.booleans()),
            "timestamp_traits": draw(st.sampled_from([[], ["signed_up_at"]]))}
    others = [c for c in trait_columns(ents) if c != "location_id"]
    if draw(st.booleans()):
        args["ignore_traits"] = draw(any_case(st.lists(st.sampled_from(others), unique=True, max_size=3)))
    if draw(st.booleans()):
        args["include_traits"] = draw(any_case(st.lists(st.sampled_from(others), unique=True, max_size=6)))
    if draw(st.booleans()):
        args["rename_traits"] = {"location_name": "name"}
    ref_args = dict(args)
    maybe_filter(draw, ENTITY_FILTERS, args, ref_args)
    return Case({"entities": ents}, "customer_io_objects", {"entities": Rel("entities"), **args},
                lambda: ref.objects(ents, **ref_args), label="objects")


def test_objects(request, project):
    check(request, project, "obj", objects_case())


# --------------------------------------------------------------------------
# relationships
# --------------------------------------------------------------------------

@st.composite
def relationships_case(draw):
    ents = draw(entities(max_persons=6, max_groups=4, min_persons=1, min_groups=1))
    persons = [e["entity_id"] for e in ents.rows if e["entity_type"] == "person"] or ["no_such_person"]
    groups = [e["entity_id"] for e in ents.rows if e["entity_type"] == "group"] or ["no_such_group"]
    upd_kind = draw(st.sampled_from([TIMESTAMP, TIMESTAMP, TIMESTAMPTZ]))
    span_kind = draw(st.sampled_from([TIMESTAMP, TIMESTAMP, TIMESTAMPTZ, TEXT]))
    rel_type = draw(st.sampled_from(["membership", "membership", "it's"]))
    n = draw(st.integers(0, 16))
    ids = draw(st.lists(st.text("rR_1é", min_size=1, max_size=4), min_size=n, max_size=n, unique=True))
    rows = []
    for rid in ids:
        person = draw(st.sampled_from(persons)) if draw(st.integers(0, 9)) else "no_such_person"
        group = draw(st.sampled_from(groups)) if draw(st.integers(0, 9)) else "no_such_group"
        shape = draw(st.sampled_from(["pg"] * 4 + ["gp"] * 3 + ["pp", "gg"]))
        a, b = {"pg": (person, group), "gp": (group, person), "pp": (person, person), "gg": (group, group)}[shape]
        types = {"p": "person", "g": "group"}
        rows.append({
            "relationship_id": rid, "entity_a_id": a, "entity_a_type": types[shape[0]], "entity_a_role": "member",
            "entity_b_id": b, "entity_b_type": types[shape[1]], "entity_b_role": "location",
            "relationship_type": draw(st.sampled_from([rel_type] * 4 + ["association"])),
            "relationship_direction": draw(st.sampled_from(["a_to_b", "b_to_a", "bidirectional"])),
            "is_active": draw(st.sampled_from([True] * 5 + [False, None])),
            "established_at": draw(time_value(span_kind)), "last_updated_at": draw(time_value(span_kind)),
            "primary_source": draw(st.sampled_from(["lobbie", "stripe", None])), "_processed_at": dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc),
            "_updated_at": draw(time_value(upd_kind)), "_created_at": draw(naive_time()),
            "membership_tier": draw(text_value()), "is_verified": draw(st.sampled_from([None, True, False])),
            "score": draw(st.sampled_from([None, 1.5, -2.0, 0.1, 1e20])),
            "renewal_date": draw(time_value(DATE)), "checked_at": draw(aware_time()),
            "TierLabel": draw(text_value()),
        })
    rels = Table([("relationship_id", TEXT), ("entity_a_id", TEXT), ("entity_a_type", TEXT), ("entity_a_role", TEXT),
                  ("entity_b_id", TEXT), ("entity_b_type", TEXT), ("entity_b_role", TEXT),
                  ("relationship_type", TEXT), ("relationship_direction", TEXT), ("is_active", BOOLEAN),
                  ("established_at", span_kind), ("last_updated_at", span_kind), ("primary_source", TEXT),
                  ("_processed_at", TIMESTAMPTZ), ("_updated_at", upd_kind), ("_created_at", TIMESTAMP),
                  ("membership_tier", TEXT), ("is_verified", BOOLEAN), ("score", DOUBLE),
                  ("renewal_date", DATE), ("checked_at", TIMESTAMPTZ), ("TierLabel", TEXT)], rows)
    name = draw(st.sampled_from(["location", "object", "site2"]))
    args = {"object_type_id": draw(st.sampled_from([1, "3"])), "object_id_column": "location_id",
            "relationship_type": rel_type,
            "user_id_column": draw(st.sampled_from(["user_id", "email"])), "object_name": name,
            "active_only": draw(st.booleans()), "keep_null_attributes": draw(st.booleans()),
            "object_attributes": draw(st.sampled_from([[], ["location_name"]])),
            "relationship_attributes": draw(st.lists(st.sampled_from(["membership_tier", "established_at",
                                                                      "is_verified", "score", "renewal_date",
                                                                      "checked_at", "TierLabel"]), unique=True))}
    if name == "site2" and draw(st.booleans()):
        args["object_name_plural"] = "sites2"
    if draw(st.booleans()):  # else the default, 'unix'; JSON has no timestamp type
        args["trait_timestamp_format"] = draw(st.sampled_from(["unix", "iso8601"]))
    ref_args = dict(args)
    maybe_filter(draw, RELATIONSHIP_FILTERS, args, ref_args)
    tables = {"entities": ents, "relationships": rels}
    call = {"entities": Rel("entities"), "relationships": Rel("relationships"), **args}
    if draw(st.booleans()):
        people, people_rows = people_table(ents, draw(st.sampled_from(["user_id", "email"])),
                                           draw(st.sampled_from([None, "anon_id"])),
                                           draw(st.sampled_from(["email", "email", None])))
        tables["persons"] = people
        return Case(tables, "customer_io_relationships", {**call, "persons": Rel("persons")},
                    lambda: ref.relationships(rels, ents, persons=people_rows, **ref_args),
                    label="relationships with persons")
    return Case(tables, "customer_io_relationships", call, lambda: ref.relationships(rels, ents, **ref_args),
                user_by_key=True, label="relationships without persons")


def test_relationships(request, project):
    check(request, project, "rel", relationships_case())
