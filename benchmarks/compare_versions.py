"""Time one benchmark model as compiled by an earlier version of the package
and by the working tree, on the same generated data, alternating runs.

    python benchmarks/compare_versions.py --rev 3c73341 --scale L --repeat 7 --models bench_persons

The earlier version is checked out with `git worktree` into a temporary folder;
both are compiled with dbt against the same DuckDB file and timed by the same
fresh-process harness as benchmarks/run.py. Prints medians and the ratio
after / before. Timings are never test assertions.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import measure  # noqa: E402


def compile_models(package: Path, db: Path, work: Path, models: list[str], build_parents=False) -> dict[str, str]:
    project = work / "project"
    # dbt_packages holds a link back to the repository: never copy it
    shutil.copytree(HERE / "project", project, ignore=shutil.ignore_patterns("dbt_packages", "target", "logs"))
    (project / "packages.yml").write_text(f"packages:\n  - local: {package}\n")
    env = dict(os.environ, CIO_BENCH_DB=str(db), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = str(Path(sys.executable).with_name("dbt"))
    # a model that reads another (events read the people model) compiles to a
    # placeholder unless that one exists: build the parents first, once
    steps = [["deps"]] + ([["run", "--select", *[f"+{m}" for m in models], "--exclude", *models]] if build_parents else [])
    for args in steps + [["compile", "--select", *models]]:
        proc = subprocess.run([dbt, *args, "--project-dir", str(project), "--profiles-dir", str(project)],
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"dbt {args[0]} failed for {package}:\n{proc.stdout[-3000:]}")
    compiled = project / "target" / "compiled" / "nexus_customer_io_benchmarks" / "models"
    sql = {m: (compiled / f"{m}.sql").read_text() for m in models}
    for m, text in sql.items():
        if "_cio_placeholder" in text:
            sys.exit(f"{m} compiled to placeholder SQL for {package}: a relation it reads does not exist")
    return sql


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rev", required=True, help="git revision of the earlier version")
    parser.add_argument("--scale", default="S")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--models", default="bench_persons")
    parser.add_argument("--work", default=None, help="folder for the data (kept between runs)")
    args = parser.parse_args()
    models = args.models.split(",")
    work = Path(args.work or tempfile.mkdtemp(prefix="cio-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"bench_{args.scale}.duckdb"
    if not db.exists():
        con = duckdb.connect(str(db))
        generate(con, args.scale)
        con.close()
    before_tree = Path(tempfile.mkdtemp(prefix="cio-before-")) / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before_tree), args.rev],
                   check=True, capture_output=True)
    try:
        sql = {"after": compile_models(ROOT, db, Path(tempfile.mkdtemp()), models, build_parents=True),
               "before": compile_models(before_tree, db, Path(tempfile.mkdtemp()), models)}
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)],
                       capture_output=True)
    for model in models:
        runs = {"before": [], "after": []}
        for _ in range(args.repeat):
            for version in ("before", "after"):
                runs[version].append(measure(db, sql[version][model], 1)["median_s"])
        before, after = statistics.median(runs["before"]), statistics.median(runs["after"])
        print(f"[{args.scale}] {model}: {args.rev} {before:.2f} s, working tree {after:.2f} s, "
              f"after / before {after / before:.2f} (medians of {args.repeat} alternating runs)")


if __name__ == "__main__":
    main()
