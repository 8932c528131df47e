"""What knowing what changed costs, without a watermark.

    python benchmarks/change_floors.py --scale L --repeat 3

Reads the plain models that `benchmarks/run.py` compiled for that scale
(benchmarks/target/dbt_<scale>) and times, on its database, in one process
with 2 threads, the median of `--repeat` runs of each step below as a
`create temp table as` (so that nothing it computes is optimised away),
printed with its share of the plain model's full recompute.

Memberships (bench_memberships):

- the full recompute (the compiled model's query);
- its inputs read and joined: every relationship with its person's "userId"
  and its object (`_cio_identified`), which any run must do to see a merge,
  a re-keyed person or a changed object without a watermark;
- three per-person fingerprints over those rows: the md5 of an ordered
  list of each row's values, DuckDB's hash summed, and two 40-bit prefixes
  of a per-row md5 summed (the portable forms).

The fingerprint approach (recompute only the people whose fingerprint
changed) costs at least the join plus a fingerprint, before any recompute.

Events (bench_events): an incremental run finds the events whose people
changed (a merge, a re-pointed participant, a re-keyed person) by joining
every participant to its person and comparing that with the people the
table holds (docs/events.md); dbt-nexus stamps no watermark on
participants outside its own incremental mode. Timed:

- the full recompute (the compiled model's query);
- every participant joined to its person (`_cio_people_now`);
- + compared with the people of the built table (one full outer join, the
  events whose people differ: `_cio_scope` without the watermark's part),
  over the plain model's table in place of a tracked one (the same rows).

Timings are never test assertions.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent

ROW_TEXT = """coalesce('rel=' || cast(_cio_rel_id as text) || chr(31), '')
        || coalesce('group=' || cast(_cio_group_id as text) || chr(31), '')
        || coalesce('user=' || cast(_cio_user_id as text) || chr(31), '')
        || coalesce('first=' || cast(_cio_first as text) || chr(31), '')
        || coalesce('last=' || cast(_cio_last as text) || chr(31), '')
        || coalesce('updated=' || cast(_cio_updated as text) || chr(31), '')
        || coalesce('oa_1=' || cast(_cio_oa_1 as text) || chr(31), '')"""

STEPS = {
    "inputs read and joined (_cio_identified)": "select _cio_person_key, _cio_rel_id from _cio_identified",
    "+ fingerprint: md5 of the ordered row list": f"""
select _cio_person_key, md5(string_agg(_cio_text, '' order by _cio_text)) as _cio_fingerprint
from (select _cio_person_key, {ROW_TEXT} as _cio_text from _cio_identified) as _cio_read
group by _cio_person_key""",
    "+ fingerprint: DuckDB hash, summed": """
select _cio_person_key,
    sum(hash(_cio_rel_id, _cio_group_id, _cio_user_id, _cio_first, _cio_last, _cio_updated, _cio_oa_1)) as _cio_fingerprint
from _cio_identified
group by _cio_person_key""",
    "+ fingerprint: md5 prefixes, summed": f"""
select _cio_person_key,
    sum(('0x' || substr(_cio_md5, 1, 10))::bigint) as _cio_a,
    sum(('0x' || substr(_cio_md5, 11, 10))::bigint) as _cio_b
from (select _cio_person_key, md5({ROW_TEXT}) as _cio_md5 from _cio_identified) as _cio_read
group by _cio_person_key""",
}


# The events whose people changed, over the plain model's CTEs up to
# _cio_keyed; its table stands in for the tracked one's current rows.
EVENT_STEPS = {
    "participants joined to their person (_cio_people_now)": """
select _cio_p.event_id as _cio_event_id, {now} as _cio_identity
from nexus_entity_participants as _cio_p
inner join _cio_keyed as _cio_k on _cio_k._cio_entity_id = _cio_p.entity_id""",
    "+ compared with the table's people (_cio_scope)": """
select coalesce(_cio_n._cio_event_id, _cio_h._cio_event_id) as _cio_event_id
from (
    select _cio_p.event_id as _cio_event_id, {now} as _cio_identity
    from nexus_entity_participants as _cio_p
    inner join _cio_keyed as _cio_k on _cio_k._cio_entity_id = _cio_p.entity_id
) as _cio_n
full outer join (select event_id as _cio_event_id, {held} as _cio_identity from bench_events) as _cio_h
    on _cio_h._cio_event_id = _cio_n._cio_event_id and _cio_h._cio_identity = _cio_n._cio_identity
where _cio_n._cio_event_id is null or _cio_h._cio_event_id is null""",
}


def match_key(expr: str) -> str:
    return f"case when {expr} like '%@%' then lower({expr}) else {expr} end"


def median_seconds(con: duckdb.DuckDBPyConnection, sql: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        con.execute(f"create or replace temp table _cio_timed as {sql}")
        runs.append(time.perf_counter() - start)
        con.execute("drop table _cio_timed")
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="L")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=str(HERE / "target"), help="run.py's --work")
    args = parser.parse_args()
    target = Path(args.work)
    db = target / f"bench_{args.scale}.duckdb"
    compiled = target / f"dbt_{args.scale}" / "compiled" / "nexus_customer_io_benchmarks" / "models"
    if not db.exists() or not (compiled / "bench_memberships.sql").exists():
        raise SystemExit(f"run `python benchmarks/run.py --scales {args.scale} --work {target}` first "
                         f"(needs {db} and {compiled})")
    con = duckdb.connect(str(db), read_only=True)
    con.execute("set threads = 2")
    for name, cut_at, steps in (
            ("bench_memberships", "-- Several relationships on one object + person", STEPS),
            ("bench_events", "_cio_participations as (", {
                step: sql.format(now=match_key("_cio_k._cio_user_id"), held=match_key('"userId"'))
                for step, sql in EVENT_STEPS.items()})):
        model = (compiled / f"{name}.sql").read_text().replace(f'"bench_{args.scale}_incremental"',
                                                                f'"bench_{args.scale}"')
        ctes = model[:model.index(cut_at)].rstrip().rstrip(",")
        full = median_seconds(con, model, args.repeat)
        print(f"[{args.scale}] {name}: {'full recompute (the plain model)':52s} {full:6.2f} s  1.00")
        for step, sql in steps.items():
            seconds = median_seconds(con, ctes + "\n" + sql, args.repeat)
            print(f"[{args.scale}] {name}: {step:52s} {seconds:6.2f} s  {seconds / full:.2f}")


if __name__ == "__main__":
    main()
