"""Where a model's time goes: DuckDB's own profile of our compiled SQL,
operator by operator, grouped into the steps the benchmark notes name.

    python benchmarks/profile.py --scale L --models bench_events,bench_memberships

Reads the SQL that `benchmarks/run.py` compiled for that scale
(benchmarks/target/dbt_<scale>; run it first) and, on that scale's database,
in one process with 2 threads, runs each model's query once to warm the
cache, then once as a profiled `create temp table as`. Prints the operators
that took the most time and the time per step: each operator is put in the
first step of `STEPS` it matches, so the projection that computes the
messageId digits counts as the messageId. Meant for the plain models
(bench_events, bench_memberships, bench_persons): a tracked model's later
CTEs pass "messageId" through and would count as computing it. Operator times
are DuckDB's (summed over threads, so they add up to more than the wall
time); the shares are what to read. Timings are never test assertions.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent

# (step, operator types it covers or None for any, pattern over the operator's
# extra info). DuckDB 2 names a projection's outputs, not its expressions, so
# the projections of our CTEs are known by the column they compute: the
# final select's "messageId" (the 26 digits), _cio_timed's _cio_ulid_time
# (hex digits to integers), _cio_rows' _cio_message_key (the md5), the
# relationships' "relationshipAttributes" (the JSON object).
PROJECTIONS = {"PROJECTION"}
STEPS = [
    ("messageId: the 26 Crockford digits", PROJECTIONS, r'"messageId"'),
    ("messageId: hex digits to integers", PROJECTIONS, r'"_cio_ulid_time"'),
    ("messageId: md5 of event and person", PROJECTIONS, r'"_cio_message_key"'),
    ("JSON attributes", PROJECTIONS, r'"relationshipAttributes"'),
    ("dedupe (arg_min aggregate)", {"HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY"}, r"arg_min|arg_max|min_by|max_by"),
    ("windows (dedupe, rankings)", {"WINDOW", "STREAMING_WINDOW"}, r""),
    ("other aggregates", {"HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNGROUPED_AGGREGATE"}, r""),
    ("joins", {"HASH_JOIN", "NESTED_LOOP_JOIN", "PIECEWISE_MERGE_JOIN", "DELIM_JOIN", "RIGHT_DELIM_JOIN",
               "LEFT_DELIM_JOIN", "CROSS_PRODUCT", "IE_JOIN"}, r""),
    ("read", {"TABLE_SCAN", "SEQ_SCAN", "COLUMN_DATA_SCAN", "DELIM_SCAN", "CTE_SCAN"}, r""),
    ("write", {"CREATE_TABLE_AS", "INSERT", "BATCH_CREATE_TABLE_AS"}, r""),
    ("other filters and projections", {"FILTER", "PROJECTION", "UNION", "CTE", "RESULT_COLLECTOR"}, r""),
]


def operators(node):
    """Every operator of a profile (DuckDB 1.x: the root's `children`; 2.x:
    its `operator` list), depth first: the dicts with a timing."""
    if isinstance(node, list):
        for item in node:
            yield from operators(item)
    elif isinstance(node, dict):
        if "operator_timing" in node or "timing" in node:
            yield node
        for key in ("operator", "children"):
            yield from operators(node.get(key, []))


def step_of(op: dict) -> str:
    kind = (op.get("operator_type") or op.get("type") or op.get("name") or "").strip()
    text = json.dumps(op.get("extra_info", ""))
    for step, kinds, pattern in STEPS:
        if (kinds is None or kind in kinds) and (not pattern or re.search(pattern, text)):
            return step
    return kind.lower() or "other"


def profile(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[float, list[dict]]:
    con.execute(f"create or replace temp table _cio_profile_warm as {sql}")
    con.execute("drop table _cio_profile_warm")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    con.execute("set enable_profiling = 'json'")
    con.execute(f"set profiling_output = '{out}'")
    start = time.perf_counter()
    con.execute(f"create or replace temp table _cio_profiled as {sql}")
    wall = time.perf_counter() - start
    con.execute("set enable_profiling = 'no_output'")
    con.execute("drop table _cio_profiled")
    tree = json.loads(Path(out).read_text())
    Path(out).unlink()
    ops = [{"type": (op.get("operator_type") or op.get("type") or op.get("name") or "").strip(),
            "seconds": float(op.get("operator_timing", op.get("timing", 0)) or 0),
            "rows": op.get("operator_cardinality", op.get("intermediate_rows")),
            "step": step_of(op)} for op in operators(tree)]
    return wall, ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="L")
    parser.add_argument("--models", default="bench_events,bench_memberships,bench_persons")
    parser.add_argument("--work", default=str(HERE / "target"))
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    work = Path(args.work)
    compiled = work / f"dbt_{args.scale}" / "compiled" / "nexus_customer_io_benchmarks" / "models"
    con = duckdb.connect(str(work / f"bench_{args.scale}.duckdb"), read_only=True)
    con.execute("set threads = 2")
    con.execute("set memory_limit = '12GB'")
    for model in args.models.split(","):
        path = compiled / f"{model}.sql"
        if not path.exists():
            raise SystemExit(f"{path} does not exist: run benchmarks/run.py --scales {args.scale} first")
        wall, ops = profile(con, path.read_text())
        total = sum(op["seconds"] for op in ops) or 1.0
        print(f"\n[{args.scale}] {model}: {wall:.2f} s wall, {total:.2f} s in operators")
        for op in sorted(ops, key=lambda o: -o["seconds"])[:args.top]:
            print(f"  {op['seconds']:7.2f} s {op['seconds'] / total:5.1%}  {op['type']:22s} "
                  f"{op['rows'] if op['rows'] is not None else '':>12}  -> {op['step']}")
        steps = defaultdict(float)
        for op in ops:
            steps[op["step"]] += op["seconds"]
        print("  by step:")
        for step, seconds in sorted(steps.items(), key=lambda s: -s[1]):
            print(f"  {seconds:7.2f} s {seconds / total:5.1%}  {step}")
    con.close()


if __name__ == "__main__":
    main()
