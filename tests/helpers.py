"""Shared test helpers: run dbt, read tables from either target, compare
rows with the expected CSVs."""
from __future__ import annotations

import atexit
import csv
import datetime as dt
import decimal
import json
import os
import subprocess
import sys
import warnings
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "integration_tests"
EXPECTED = PROJECT / "expected"
ALL_TARGETS = ("duckdb", "snowflake", "postgres", "bigquery")
# `make test TARGETS=duckdb` (or CIO_TARGETS=duckdb,postgres) narrows every test to those targets.
TARGETS = tuple(t.strip() for t in (os.environ.get("CIO_TARGETS") or ",".join(ALL_TARGETS)).split(",") if t.strip())
if set(TARGETS) - set(ALL_TARGETS) or not TARGETS:
    raise SystemExit(f"CIO_TARGETS={os.environ.get('CIO_TARGETS')!r}: choose from {', '.join(ALL_TARGETS)}")
NULL, EMPTY = "", "<empty>"


def pg_schema(work_dir: Path) -> str:
    """Each work folder gets its own Postgres schema (BigQuery dataset) on the shared test server."""
    return "cio_" + "".join(c if c.isalnum() else "_" for c in work_dir.name.lower())


def dbt_env(work_dir: Path) -> dict:
    return dict(os.environ, CIO_WORK_DIR=str(work_dir), CIO_PG_SCHEMA=pg_schema(work_dir),
                CIO_BQ_DATASET=pg_schema(work_dir), DBT_SEND_ANONYMOUS_USAGE_STATS="false")


# One dbt process per target and work folder, kept between calls (tests/dbt_runner.py
# --serve): dbt's imports and start-up, several seconds, are paid once per process
# rather than once per command. Each process starts with its work folder's
# environment (dbt_env), as a process per command did; a few are kept per pytest
# worker, the least recently used is stopped first.
_SERVERS: OrderedDict[tuple[str, str], subprocess.Popen] = OrderedDict()
MAX_SERVERS = 4


def _stop(server: subprocess.Popen) -> None:
    server.stdin.close()
    try:
        server.wait(timeout=120)
    except subprocess.TimeoutExpired:
        server.kill()


@atexit.register
def _stop_all() -> None:
    while _SERVERS:
        _stop(_SERVERS.popitem()[1])


def _server(target: str, work_dir: Path) -> subprocess.Popen:
    key = (target, str(work_dir))
    server = _SERVERS.pop(key, None)
    if server is None or server.poll() is not None:
        while len(_SERVERS) >= MAX_SERVERS:
            _stop(_SERVERS.popitem(last=False)[1])
        with open(work_dir / f"dbt-server-{target}.log", "a") as log:
            server = subprocess.Popen([sys.executable, str(ROOT / "tests" / "dbt_runner.py"), target, "--serve"],
                                      cwd=PROJECT, env=dbt_env(work_dir), stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=log, text=True)
    _SERVERS[key] = server
    return server


def run_dbt(target: str, *args: str, work_dir: Path, results_json: Path | None = None,
            check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run one dbt command on one target, with `env` added to the environment
    for this command; return what it printed and its exit code (0 or 1) as a
    finished process."""
    server = _server(target, work_dir)
    request = {"args": list(args), "results_json": str(results_json) if results_json else None, "env": env or {}}
    server.stdin.write(json.dumps(request) + "\n")
    server.stdin.flush()
    line = server.stdout.readline()
    if not line:
        log = (work_dir / f"dbt-server-{target}.log").read_text()[-3000:]
        raise AssertionError(f"the dbt process for {target} ended during dbt {' '.join(args)}:\n{log}")
    reply = json.loads(line)
    proc = subprocess.CompletedProcess(list(args), 0 if reply["success"] else 1, reply["output"], "")
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed on {target}:\n{proc.stdout[-6000:]}")
    return proc


def start_dbt(target: str, *args: str, work_dir: Path) -> subprocess.Popen:
    env = dbt_env(work_dir)
    cmd = [sys.executable, str(ROOT / "tests" / "dbt_runner.py"), target, *args]
    return subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


class Warehouse:
    """Read-only access to what a target built."""

    def __init__(self, target: str, work_dir: Path):
        self.target = target
        self.work_dir = work_dir

    def _pg(self):
        import psycopg2

        con = psycopg2.connect(host=os.environ["CIO_PG_HOST"], port=int(os.environ["CIO_PG_PORT"]),
                               user=os.environ["CIO_PG_USER"], dbname=os.environ["CIO_PG_DB"],
                               password=os.environ.get("CIO_PG_PASSWORD", ""),
                               options=f"-c search_path={pg_schema(self.work_dir)}")
        con.autocommit = True
        return con

    def _bigquery(self, sql: str):
        """The tests write ANSI SQL: "quoted" identifiers become `backticked` ones
        (outside single-quoted literals), as BigQuery reads "..." as a string."""
        import re

        from google.cloud import bigquery

        from bq_server import client

        literal_or_quoted = re.compile(r"('(?:[^'\\]|\\.)*')|\"([^\"]*)\"")
        sql = literal_or_quoted.sub(lambda m: m.group(1) or f"`{m.group(2)}`", sql)

        config = bigquery.QueryJobConfig(default_dataset=f"cio-test.{pg_schema(self.work_dir)}")
        return client(os.environ["CIO_BQ_PORT"]).query(sql, job_config=config, job_retry=None).result()

    def query(self, sql: str) -> tuple[list[str], list[str], list[tuple]]:
        """Return column names, column type names and rows."""
        if self.target == "bigquery":
            result = self._bigquery(sql)
            # TIMESTAMP is BigQuery's UTC instant: compared as the UTC wall time, like the others' output
            rows = [tuple(utc_wall_time(v) for v in row.values()) for row in result]
            return [f.name for f in result.schema], [f.field_type for f in result.schema], rows
        if self.target == "postgres":
            con = self._pg()
            try:
                cur = con.cursor()
                cur.execute(sql)
                return [d[0] for d in cur.description], [], cur.fetchall()
            finally:
                con.close()
        if self.target == "duckdb":
            import duckdb

            con = duckdb.connect(str(self.work_dir / "duckdb" / "integration.duckdb"), read_only=True)
            try:
                cur = con.execute(sql)
                names = [d[0] for d in cur.description]
                types = [str(d[1]) for d in cur.description]
                return names, types, cur.fetchall()
            finally:
                con.close()
        import fakesnow
        import snowflake.connector

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fakesnow.patch(db_path=str(self.work_dir / "snowflake" / "fakesnow")):
                con = snowflake.connector.connect(database="CIO_TEST", schema="INTEGRATION")
                cur = con.cursor()
                cur.execute(sql)
                names = [d[0] for d in cur.description]
                rows = cur.fetchall()
                con.close()
                return names, [], rows

    def execute(self, *statements: str) -> None:
        """Write to the warehouse (tests that change input tables)."""
        if self.target == "bigquery":
            for sql in statements:
                self._bigquery(sql)
            return
        if self.target == "postgres":
            con = self._pg()
            try:
                for sql in statements:
                    con.cursor().execute(sql)
            finally:
                con.close()
            return
        if self.target == "duckdb":
            import duckdb

            con = duckdb.connect(str(self.work_dir / "duckdb" / "integration.duckdb"))
            try:
                for sql in statements:
                    con.execute(sql)
            finally:
                con.close()
            return
        import fakesnow
        import snowflake.connector

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fakesnow.patch(db_path=str(self.work_dir / "snowflake" / "fakesnow")):
                con = snowflake.connector.connect(database="CIO_TEST", schema="INTEGRATION")
                for sql in statements:
                    con.cursor().execute(sql)
                con.close()

    def table(self, name: str) -> tuple[list[str], list[tuple]]:
        """Columns and rows; bookkeeping columns (_cio_*, unquoted, so upper-case
        on Snowflake) by their lower-case name."""
        names, _, rows = self.query(f"select * from {name}")
        # Snowflake folds unquoted names to upper case: such a column is the lower-case one of the others
        return [n.lower() if n.lower().startswith("_cio_") or (self.target == "snowflake" and n == n.upper()) else n
                for n in names], rows

    def column_types(self, name: str) -> dict[str, str]:
        """Column name -> type name as the warehouse describes it."""
        if self.target == "postgres":
            _, _, rows = self.query(f"select column_name, data_type from information_schema.columns "
                                    f"where table_schema = '{pg_schema(self.work_dir)}' and table_name = '{name}'")
        elif self.target == "bigquery":
            from bq_server import client

            table = client(os.environ["CIO_BQ_PORT"]).get_table(f"cio-test.{pg_schema(self.work_dir)}.{name}")
            rows = [(field.name, field.field_type) for field in table.schema]
        elif self.target == "duckdb":
            _, _, rows = self.query(f"describe {name}")
        else:
            _, _, rows = self.query(f"describe table {name}")
        return {row[0]: str(row[1]).upper() for row in rows}


def utc_wall_time(value):
    """A zone-aware datetime at offset 0 as the naive UTC wall time; anything else unchanged."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        if value.utcoffset() != dt.timedelta(0):
            raise AssertionError(f"timestamp not in UTC: {value!r}")
        return value.replace(tzinfo=None)
    return value


def canon(value) -> str:
    """One text form per value, the same on both targets."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise AssertionError(f"zone-aware timestamp in output: {value!r}")
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{value.microsecond:06d}".rstrip("0") if value.microsecond else "")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    if value == "":
        return EMPTY
    if isinstance(value, str) and value.startswith("{"):
        # JSON objects compare as parsed objects, not as text
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            pass
    return str(value)


def canon_rows(rows) -> list[tuple[str, ...]]:
    return sorted(tuple(canon(v) for v in row) for row in rows)


def read_expected(name: str) -> tuple[list[str], list[tuple[str, ...]]]:
    with open(EXPECTED / f"{name}.csv", newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [tuple(r) for r in reader if r]
    return header, sorted(rows)


def diff_report(name: str, exp_cols, exp_rows, got_cols, got_rows) -> str:
    """Empty when equal; else names missing/extra columns and differing rows."""
    lines = []
    if exp_cols != got_cols:
        missing = [c for c in exp_cols if c not in got_cols]
        extra = [c for c in got_cols if c not in exp_cols]
        lines.append(f"{name}: columns differ. missing={missing} extra={extra}")
        lines.append(f"  expected order: {exp_cols}")
        lines.append(f"  actual order:   {got_cols}")
        return "\n".join(lines)
    exp_left = list(exp_rows)
    only_got = []
    for row in got_rows:
        if row in exp_left:
            exp_left.remove(row)
        else:
            only_got.append(row)
    if exp_left or only_got:
        lines.append(f"{name}: rows differ (columns {got_cols})")
        for row in exp_left:
            lines.append(f"  expected, not found: {row}")
        for row in only_got:
            lines.append(f"  found, not expected: {row}")
    return "\n".join(lines)


def write_csv(path: Path, header, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
