"""Run dbt for real on one target of the integration project.

    python tests/dbt_runner.py TARGET [--results-json PATH] dbt-args...

TARGET is `duckdb` or `snowflake`. For `snowflake` the real dbt-snowflake
adapter runs with its connector patched by the fakesnow emulator
(`fakesnow.patch()` around `dbtRunner().invoke`), in this process. Each call
is its own process, so dbt's global state never leaks between targets.
With --results-json, every node's status and message is written there, and
every dbt warning (level `warn` in dbt's structured log: counted by
--warn-error) with the node it came from.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "integration_tests"


def fakesnow_dir() -> Path:
    path = Path(os.environ.get("CIO_WORK_DIR", PROJECT / "target")) / "snowflake" / "fakesnow"
    path.mkdir(parents=True, exist_ok=True)
    return path


def invoke(target: str, args: list[str], project: Path = PROJECT, callbacks=None):
    from dbt.cli.main import dbtRunner

    full = list(args) + [
        "--project-dir", str(project),
        "--profiles-dir", str(project),
        "--target", target,
    ]
    work = Path(os.environ.get("CIO_WORK_DIR", project / "target")) / target
    work.mkdir(parents=True, exist_ok=True)
    if args and args[0] not in ("deps", "clean", "debug"):
        # One target folder per target, so the two can run side by side.
        full += ["--target-path", str(work / "build"), "--log-path", str(work / "logs")]
    if target == "snowflake":
        import fakesnow

        with fakesnow.patch(db_path=str(fakesnow_dir())):
            return dbtRunner(callbacks=callbacks or []).invoke(full)
    return dbtRunner(callbacks=callbacks or []).invoke(full)


def node_results(result) -> list[dict]:
    rows = []
    for item in getattr(result.result, "results", None) or []:
        node = getattr(item, "node", None)
        rows.append({
            "name": getattr(node, "name", None),
            "status": str(item.status),
            "message": item.message,
        })
    return rows


def main() -> int:
    target, *args = sys.argv[1:]
    results_json = None
    if args[:1] == ["--results-json"]:
        results_json, args = args[1], args[2:]
    os.chdir(PROJECT)
    warnings = []

    def on_event(event):
        if event.info.level == "warn":
            node = event.data.node_info.node_name if hasattr(event.data, "node_info") else ""
            warnings.append({"node": node, "name": event.info.name, "message": event.info.msg})

    result = invoke(target, args, callbacks=[on_event])
    if results_json:
        payload = {"success": bool(result.success), "exception": str(result.exception or ""),
                   "nodes": node_results(result), "warnings": warnings}
        Path(results_json).write_text(json.dumps(payload, indent=1))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
