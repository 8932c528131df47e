"""The demo: generate a small clinic data set shaped like dbt-nexus, build the
Customer.io models on DuckDB with the package, and print them.

    python demo/run_demo.py        (or: make demo)
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

DEMO = Path(__file__).resolve().parent
TABLES = [
    ("customer_io_persons", "People (identify sync)"),
    ("customer_io_locations", "Objects (group sync)"),
    ("customer_io_location_memberships", "Relationships (group sync with userId)"),
    ("customer_io_events", "Events (track sync)"),
]


def dbt(*args: str) -> None:
    # Its own process: dbt-duckdb keeps its connection open in-process.
    cmd = [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(DEMO), "--profiles-dir", str(DEMO)]
    if subprocess.run(cmd).returncode != 0:
        sys.exit(f"dbt {' '.join(args)} failed")


def show(con: duckdb.DuckDBPyConnection, table: str, title: str, limit: int = 10) -> None:
    total = con.sql(f"select count(*) from {table}").fetchall()[0][0]
    print(f"\n=== {title}: {table} ({total} rows; first {limit}) ===")
    con.sql(f"select * from {table} order by 1 nulls last limit {limit}").show(max_width=250)


def main() -> None:
    os.chdir(DEMO)
    (DEMO / "target").mkdir(exist_ok=True)
    subprocess.run([sys.executable, str(DEMO / "generate.py")], check=True)
    dbt("deps")
    dbt("build", "--full-refresh")
    con = duckdb.connect(str(DEMO / "target" / "demo.duckdb"), read_only=True)
    people = con.sql("select count(*) from nexus_entities where entity_type = 'person'").fetchall()[0][0]
    print(f"\nInput: {people} person entities in nexus_entities.")
    for table, title in TABLES:
        show(con, table, title)
    con.close()
    print("\n=== The sync queries to paste into Customer.io ===")
    dbt("run-operation", "customer_io_sync_queries", "--quiet")
    print("\n=== Preview: the calls Customer.io would make for the first rows ===")
    for model in ("customer_io_persons", "customer_io_location_memberships", "customer_io_events"):
        dbt("run-operation", "customer_io_preview", "--args", f"{{model: {model}, limit: 2}}", "--quiet")


if __name__ == "__main__":
    main()
