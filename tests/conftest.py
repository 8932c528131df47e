import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import PROJECT, TARGETS, Warehouse, run_dbt, start_dbt  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def postgres():
    """A throw-away PostgreSQL server for the whole session (tests/pg_server.py),
    unless postgres is not a target, or CIO_PG_HOST names a server already running."""
    if "postgres" not in TARGETS or os.environ.get("CIO_PG_HOST"):
        for key, value in (("CIO_PG_PORT", "5432"), ("CIO_PG_USER", "cio"), ("CIO_PG_DB", "postgres")):
            os.environ.setdefault(key, value)  # the defaults of integration_tests/profiles.yml
        yield {}
        return
    from pg_server import postgres_server

    with postgres_server() as env:
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        yield env
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session", autouse=True)
def bigquery():
    """The local BigQuery emulator for the whole session (tests/bq_server.py),
    when bigquery is a target."""
    if "bigquery" not in TARGETS:
        yield {}
        return
    from bq_server import bigquery_emulator

    with bigquery_emulator() as env:
        os.environ.update(env)
        yield env
        for key in env:
            os.environ.pop(key, None)


@pytest.fixture(scope="session")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cio")


@pytest.fixture(scope="session")
def dbt_deps(work_dir) -> None:
    # Both xdist workers install the package into integration_tests/dbt_packages;
    # two at once race on its symlink ("resolves outside of the packages-install-path").
    from filelock import FileLock

    with FileLock(str(work_dir.parent.parent / "cio-dbt-deps.lock")):
        run_dbt("duckdb", "deps", work_dir=work_dir)


@pytest.fixture(scope="session")
def built(work_dir, dbt_deps) -> dict[str, Warehouse]:
    """`dbt build` of the whole integration project on both targets, side by
    side; returns a reader per target."""
    procs = {t: start_dbt(t, "build", work_dir=work_dir) for t in TARGETS}
    failures = []
    for target, proc in procs.items():
        out, _ = proc.communicate()
        (work_dir / f"build-{target}.log").write_text(out)
        # later dbt calls overwrite run_results.json: keep the build's own
        results = work_dir / target / "build" / "run_results.json"
        if results.exists():
            (work_dir / f"run_results-{target}.json").write_text(results.read_text())
        # and its log lines: later dbt calls (guards, run-operations) append to dbt.log
        log = work_dir / target / "logs" / "dbt.log"
        if log.exists():
            (work_dir / f"build-dbt-{target}.log").write_text(log.read_text())
        if proc.returncode != 0:
            failures.append(f"--- dbt build on {target} failed:\n{out[-8000:]}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)
    return {t: Warehouse(t, work_dir) for t in TARGETS}


@pytest.fixture(scope="session")
def build_logs(built, work_dir) -> dict[str, str]:
    return {t: (work_dir / f"build-{t}.log").read_text() for t in TARGETS}


@pytest.fixture(scope="session")
def build_log_levels(built, work_dir) -> dict[str, list[tuple[str, str]]]:
    """(level, message) of every line dbt wrote to its log file during the build:
    `warn` for dbt warnings (fatal under --warn-error), `info` for log lines."""
    import re

    levels = {}
    for target in TARGETS:
        text = (work_dir / f"build-dbt-{target}.log").read_text()
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        levels[target] = re.findall(r"^\S+ \[(\w+)\s*\] \[[^]]*\]: (.*)$", text, re.M)
    return levels
