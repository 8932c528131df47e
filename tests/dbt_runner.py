"""Run dbt for real on one target of the integration project.

    python tests/dbt_runner.py TARGET dbt-args...

TARGET is `duckdb` or `snowflake`. For `snowflake` the real dbt-snowflake
adapter runs with its connector patched by the fakesnow emulator
(`fakesnow.patch()` around `dbtRunner().invoke`), in this process. Each call
is its own process, so dbt's global state never leaks between targets.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "integration_tests"


def fakesnow_dir() -> Path:
    path = Path(os.environ.get("CIO_FAKESNOW_PATH", PROJECT / "target" / "fakesnow"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def invoke(target: str, args: list[str], project: Path = PROJECT) -> bool:
    from dbt.cli.main import dbtRunner

    full = list(args) + [
        "--project-dir", str(project),
        "--profiles-dir", str(project),
        "--target", target,
    ]
    if target == "snowflake":
        import fakesnow

        with fakesnow.patch(db_path=str(fakesnow_dir())):
            result = dbtRunner().invoke(full)
    else:
        result = dbtRunner().invoke(full)
    return bool(result.success)


def main() -> int:
    target, *args = sys.argv[1:]
    os.chdir(PROJECT)
    return 0 if invoke(target, args) else 1


if __name__ == "__main__":
    sys.exit(main())
