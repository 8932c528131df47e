"""Benchmark the four macros on generated dbt-nexus data, next to the floor
and the upstream way, in one run on the same data.

    python benchmarks/run.py --scales XS,S,L --repeat 3 --write-docs

For each scale: generate the tables (benchmarks/generate.py, cached per scale),
build our models with dbt on DuckDB, then time, each in a fresh process and
`--repeat` times: our compiled SQL, the floor and the upstream SQL (see
queries.py). Tracked (incremental) models are timed for a full build and for a
run after 1 % of the people and of the memberships changed and 1 % new
events arrived. Prints median wall times, ratios and peak memory;
--write-docs writes docs/benchmarks.md and docs/benchmarks.png. Timings are never test assertions.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROJECT = HERE / "project"
sys.path.insert(0, str(HERE))

import queries  # noqa: E402

MACROS = ["identify", "events", "objects", "relationships"]
MODELS = {"identify": "bench_persons", "events": "bench_events", "objects": "bench_locations",
          "relationships": "bench_memberships"}


def dbt(db: Path, *args: str, target_path: Path) -> dict:
    env = dict(os.environ, CIO_BENCH_DB=str(db), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    cmd = [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(PROJECT),
           "--profiles-dir", str(PROJECT), "--log-path", str(target_path / "logs")]
    if args[0] != "deps":
        cmd += ["--target-path", str(target_path)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"dbt {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    results = target_path / "run_results.json"
    return json.loads(results.read_text()) if results.exists() else {}


def measure(db: Path, sql: str, repeat: int) -> dict:
    times, peaks, rows = [], [], None
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as fh:
        fh.write(sql)
    for _ in range(repeat):
        out = subprocess.run([sys.executable, str(HERE / "_measure.py"), str(db), "bench_out", fh.name],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"query failed:\n{out.stderr[-3000:]}\n{sql[:2000]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(result["seconds"])
        peaks.append(result["peak_rss_mb"])
        rows = result["rows"]
    os.unlink(fh.name)
    return {"median_s": statistics.median(times), "runs_s": times, "peak_rss_mb": max(peaks), "rows": rows}


def node_seconds(results: dict, name: str) -> float:
    return next(r["execution_time"] for r in results["results"] if r["unique_id"].endswith("." + name))


def bench_scale(scale: str, repeat: int, work: Path) -> dict:
    from generate import generate

    db = work / f"bench_{scale}.duckdb"
    if not db.exists():
        con = duckdb.connect(str(db))
        start = time.perf_counter()
        generate(con, scale)
        con.close()
        print(f"[{scale}] generated in {time.perf_counter() - start:.1f} s")
    target = work / f"dbt_{scale}"
    dbt(db, "deps", target_path=target)
    plain = dbt(db, "run", "--select", "bench_persons", "bench_persons_email", "bench_events", "bench_locations",
                "bench_memberships", target_path=target)
    con = duckdb.connect(str(db), read_only=True)
    entity_columns = {r[0]: r[1] for r in con.execute("describe nexus_entities").fetchall()}
    outputs = {m: [r[0] for r in con.execute(f"describe {MODELS[m]}").fetchall()] for m in MACROS}
    counts = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
              for t in ("nexus_entities", "nexus_events", "nexus_entity_participants", "nexus_relationships")}
    con.close()
    compiled = target / "compiled" / "nexus_customer_io_benchmarks" / "models"
    sql = {
        "identify": {"ours": (compiled / "bench_persons.sql").read_text(),
                     "floor": queries.floor_identify(outputs["identify"]),
                     "upstream": queries.upstream_identify(entity_columns)},
        "events": {"ours": (compiled / "bench_events.sql").read_text(),
                   "floor": queries.floor_events(outputs["events"]),
                   "upstream": queries.upstream_events("bench_persons_email")},
        "objects": {"ours": (compiled / "bench_locations.sql").read_text(),
                    "floor": queries.floor_objects(outputs["objects"]),
                    "upstream": queries.upstream_objects()},
        "relationships": {"ours": (compiled / "bench_memberships.sql").read_text(),
                          "floor": queries.floor_relationships(),
                          "upstream": queries.upstream_relationships()},
    }
    result = {"scale": scale, "input_rows": counts, "macros": {}}
    for macro in MACROS:
        result["macros"][macro] = {kind: measure(db, text, repeat) for kind, text in sql[macro].items()}
        m = result["macros"][macro]
        print(f"[{scale}] {macro:13s} ours {m['ours']['median_s']:7.2f} s  floor {m['floor']['median_s']:7.2f} s  "
              f"upstream {m['upstream']['median_s']:7.2f} s  rows {m['ours']['rows']:,}")

    # Tracked models: a full build, then a run after 1 % of people and memberships changed and 1 % new events.
    copy = work / f"bench_{scale}_incremental.duckdb"
    shutil.copyfile(db, copy)
    os.sync()  # the copy's write-back would otherwise slow the full builds timed next
    full = dbt(copy, "run", "--full-refresh", "--select", "bench_persons_email", "bench_persons_tracked",
               "bench_events_tracked", "bench_memberships_tracked", target_path=target)
    con = duckdb.connect(str(copy))
    con.execute("""
        update nexus_entities set plan = 'changed', _updated_at = _updated_at + interval 1 day
        where entity_type = 'person' and hash(entity_id) % 100 = 0""")
    n_events = con.execute("select count(*) from nexus_events").fetchall()[0][0]
    con.execute(f"""
        create temp table new_events as
        select 'evt_new_' || event_id as event_id, occurred_at + interval 1 day as occurred_at, event_name,
               event_description, event_type, significance, source, source_table,
               (select max(_ingested_at) from nexus_events) + interval 1 hour as _ingested_at, _processed_at
        from nexus_events using sample {max(1, n_events // 100)} rows (reservoir, 42)""")
    con.execute("insert into nexus_events select * from new_events")
    # 1 % of the memberships change: half of them end, half are updated.
    con.execute("""
        update nexus_relationships
        set is_active = case when hash(relationship_id) % 200 = 0 then false else is_active end,
            last_updated_at = last_updated_at + interval 1 day, _updated_at = _updated_at + interval 1 day
        where hash(relationship_id) % 100 = 0""")
    con.execute("""
        insert into nexus_entity_participants
        select 'ep_new_' || p.entity_participant_id, p.entity_type, 'evt_new_' || p.event_id, p.entity_id, p.role,
               p.occurred_at + interval 1 day
        from nexus_entity_participants p
        where 'evt_new_' || p.event_id in (select event_id from new_events)""")
    con.close()
    os.sync()
    incremental = dbt(copy, "run", "--select", "bench_persons_email", "bench_persons_tracked", "bench_events_tracked",
                      "bench_memberships_tracked", target_path=target)
    # Each tracked model beside its plain twin (the same call, materialized as a table), as dbt
    # timed both: where a run after 1 % change costs less than a plain rebuild, tracking pays off.
    result["incremental"] = {
        name: {"full_s": node_seconds(full, name), "one_percent_s": node_seconds(incremental, name),
               "plain_s": node_seconds(plain, name.removesuffix("_tracked"))}
        for name in ("bench_persons_tracked", "bench_events_tracked", "bench_memberships_tracked")}
    # The least a run without a watermark pays: reading every value it compares once, in a
    # fresh process (the inputs it reads and its own table), and nothing else.
    for name, sql in queries.read_floors().items():
        result["incremental"][name]["read_floor_s"] = measure(copy, sql, repeat)["median_s"]
    # Events have a watermark but their participants none: the floor is finding what changed and
    # reading it, over the SQL the incremental run just compiled (queries.events_run_floor).
    floor_sql = queries.events_run_floor((compiled / "bench_events_tracked.sql").read_text())
    result["incremental"]["bench_events_tracked"]["read_floor_s"] = measure(copy, floor_sql, repeat)["median_s"]
    for name, r in result["incremental"].items():
        print(f"[{scale}] {name:22s} full {r['full_s']:7.2f} s  after 1 % change {r['one_percent_s']:7.2f} s"
              + (f"  read floor {r['read_floor_s']:7.2f} s" if "read_floor_s" in r else ""))
    copy.unlink()
    return result


def table(results: list[dict]) -> str:
    lines = ["| scale | macro | output rows | ours (s) | floor (s) | upstream (s) | ours / floor | ours / upstream | peak memory, ours (MB) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for macro, m in r["macros"].items():
            o, f, u = m["ours"]["median_s"], m["floor"]["median_s"], m["upstream"]["median_s"]
            lines.append(f"| {r['scale']} | {macro} | {m['ours']['rows']:,} | {o:.2f} | {f:.2f} | {u:.2f} | "
                         f"{o / f:.2f} | {o / u:.2f} | {m['ours']['peak_rss_mb']:.0f} |")
    lines += ["", "| scale | tracked model | full build (s) | after 1 % change (s) | incremental / full "
              "| read floor (s) | read floor / full | plain build (s) | after 1 % change / plain |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for name, i in r["incremental"].items():
            floor = (f"{i['read_floor_s']:.2f} | {i['read_floor_s'] / i['full_s']:.2f}" if "read_floor_s" in i
                     else "- | -")
            plain = f"{i['plain_s']:.2f} | {i['one_percent_s'] / i['plain_s']:.2f}" if "plain_s" in i else "- | -"
            lines.append(f"| {r['scale']} | {name} | {i['full_s']:.2f} | {i['one_percent_s']:.2f} | "
                         f"{i['one_percent_s'] / i['full_s']:.2f} | {floor} | {plain} |")
    by_scale = {r["scale"]: r for r in results}
    if "S" in by_scale and "L" in by_scale:
        lines += ["", "| macro | L / S time (data x10) |", "|---|---:|"]
        for macro in MACROS:
            lines.append(f"| {macro} | {by_scale['L']['macros'][macro]['ours']['median_s'] / by_scale['S']['macros'][macro]['ours']['median_s']:.1f} |")
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = {r["scale"]: r["input_rows"]["nexus_events"] for r in results}
    fig, axes = plt.subplots(1, 4, figsize=(16, 4))
    for ax, macro in zip(axes, MACROS):
        for kind, style in (("ours", "o-"), ("floor", "s--"), ("upstream", "^:")):
            xs = [sizes[r["scale"]] for r in results]
            ys = [r["macros"][macro][kind]["median_s"] for r in results]
            ax.plot(xs, ys, style, label=kind)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(macro)
        ax.set_xlabel("events in input")
        ax.set_ylabel("median seconds")
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="XS,S,L")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=str(HERE / "target"))
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--from-results", help="re-render a results.json instead of measuring")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.from_results:
        results = json.loads(Path(args.from_results).read_text())
    else:
        results = [bench_scale(scale, args.repeat, work) for scale in args.scales.split(",")]
        (work / "results.json").write_text(json.dumps(results, indent=1))
    text = table(results)
    print(text)
    if args.write_docs:
        plot(results, ROOT / "docs" / "benchmarks.png")
        header = (ROOT / "benchmarks" / "benchmarks_header.md").read_text()
        notes = (ROOT / "benchmarks" / "benchmarks_notes.md").read_text()
        (ROOT / "docs" / "benchmarks.md").write_text(header + "\n" + text + "\n\n![time against scale](benchmarks.png)\n" + notes)


if __name__ == "__main__":
    main()
