"""What knowing which people's memberships changed costs, without a watermark.

    python benchmarks/fingerprint_floor.py --scale L --repeat 3

Reads the plain memberships model that `benchmarks/run.py` compiled for that
scale (benchmarks/target/dbt_<scale>) and times, on its database, in one
process with 2 threads, the median of `--repeat` runs of:

- the full recompute (the compiled model's query);
- its inputs read and joined: every relationship with its person's "userId"
  and its object (`_cio_identified`), which any run must do to see a merge,
  a re-keyed person or a changed object without a watermark;
- three per-person fingerprints over those rows: the md5 of an ordered
  list of each row's values, DuckDB's hash summed, and two 40-bit prefixes
  of a per-row md5 summed (the portable forms).

Each is printed with its share of the full recompute: the fingerprint
approach (recompute only the people whose fingerprint changed) costs at
least the join plus a fingerprint, before any recompute. Timings are never
test assertions.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="L")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=str(HERE / "target"), help="run.py's --work")
    args = parser.parse_args()
    target = Path(args.work)
    db = target / f"bench_{args.scale}.duckdb"
    compiled = target / f"dbt_{args.scale}" / "compiled" / "nexus_customer_io_benchmarks" / "models" / "bench_memberships.sql"
    if not db.exists() or not compiled.exists():
        raise SystemExit(f"run `python benchmarks/run.py --scales {args.scale} --work {target}` first (needs {db} and {compiled})")
    model = compiled.read_text().replace(f'"bench_{args.scale}_incremental"', f'"bench_{args.scale}"')
    cut = model.index("-- Several relationships on one object + person")
    ctes = model[:cut].rstrip().rstrip(",")
    con = duckdb.connect(str(db), read_only=True)
    con.execute("set threads = 2")

    def timed(sql: str) -> float:
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            con.execute(f"select count(*) from ({sql}) as _cio_timed").fetchall()
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    full = timed(model)
    print(f"[{args.scale}] {'full recompute (the plain model)':45s} {full:6.2f} s  1.00")
    for name, step in STEPS.items():
        seconds = timed(ctes + "\n" + step)
        print(f"[{args.scale}] {name:45s} {seconds:6.2f} s  {seconds / full:.2f}")


if __name__ == "__main__":
    main()
