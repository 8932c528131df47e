"""Run dbt for real on one target of the integration project.

    python tests/dbt_runner.py TARGET [--results-json PATH] dbt-args...
    python tests/dbt_runner.py TARGET --batch COMMANDS.json --results-json PATH [--project DIR]

TARGET is `duckdb` or `snowflake`. For `snowflake` the real dbt-snowflake
adapter runs with its connector patched by the fakesnow emulator
(`fakesnow.patch()` around `dbtRunner().invoke`), in this process. Each call
is its own process, so dbt's global state never leaks between targets.
With --results-json, every node's status and message is written there, and
every dbt warning (level `warn` in dbt's structured log: counted by
--warn-error) with the node it came from.
With --batch, the file holds a list of dbt argument lists, run one after the
other in this one process (dbt's imports and start-up paid once); the results
file then holds one such record per command, with what it printed (`output`).
--project runs another dbt project than integration_tests/ (from its folder).
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


def run_one(target: str, args: list[str], project: Path) -> dict:
    import contextlib
    import io

    warnings = []

    def on_event(event):
        if event.info.level == "warn":
            node = event.data.node_info.node_name if hasattr(event.data, "node_info") else ""
            warnings.append({"node": node, "name": event.info.name, "message": event.info.msg})

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = invoke(target, args, project=project, callbacks=[on_event])
    sys.stdout.write(printed.getvalue())
    return {"args": args, "success": bool(result.success), "exception": str(result.exception or ""),
            "nodes": node_results(result), "warnings": warnings, "output": printed.getvalue()}


def main() -> int:
    target, *args = sys.argv[1:]
    options = {}
    while args[:1] and args[0] in ("--results-json", "--batch", "--project"):
        options[args[0]], args = args[1], args[2:]
    project = Path(options.get("--project", PROJECT)).resolve()
    os.chdir(project)
    if "--batch" in options:
        records = [run_one(target, command, project) for command in json.loads(Path(options["--batch"]).read_text())]
        Path(options["--results-json"]).write_text(json.dumps(records, indent=1))
        return 0 if all(r["success"] for r in records) else 1
    record = run_one(target, args, project)
    if "--results-json" in options:
        Path(options["--results-json"]).write_text(json.dumps(record, indent=1))
    return 0 if record["success"] else 1


if __name__ == "__main__":
    sys.exit(main())
