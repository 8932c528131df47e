"""Run dbt for real on one target of the integration project.

    python tests/dbt_runner.py TARGET [--results-json PATH] dbt-args...
    python tests/dbt_runner.py TARGET --batch COMMANDS.json --results-json PATH [--project DIR]
    python tests/dbt_runner.py TARGET --serve [--project DIR]

TARGET is `duckdb` or `snowflake`. For `snowflake` the real dbt-snowflake
adapter runs with its connector patched by the fakesnow emulator
(`fakesnow.patch()` around `dbtRunner().invoke`), in this process. A process
runs one target only, so dbt's global state never leaks between targets.
With --results-json, every node's status and message is written there, and
every dbt warning (level `warn` in dbt's structured log: counted by
--warn-error) with the node it came from.
With --batch, the file holds a list of dbt argument lists, run one after the
other in this one process (dbt's imports and start-up paid once); the results
file then holds one such record per command, with what it printed (`output`).
With --serve, the process runs dbt commands until stdin ends: one JSON
request per line ({"args": [...], "results_json": PATH or null}), one JSON
line back per command ({"success": ..., "output": ...}); a request's "env"
holds environment variables set for that command only. The tests keep one
such process per target and work folder (tests/helpers.py run_dbt), so dbt's
imports and start-up, several seconds, are paid once rather than per command.
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


def run_one(target: str, args: list[str], project: Path, echo: bool = True) -> dict:
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
    if echo:
        sys.stdout.write(printed.getvalue())
    return {"args": args, "success": bool(result.success), "exception": str(result.exception or ""),
            "nodes": node_results(result), "warnings": warnings, "output": printed.getvalue()}


def release_connections() -> None:
    """Between commands of one process: dbt-duckdb keeps its database open in a
    class attribute (for the process's life), and fakesnow its DuckDB files;
    close them, so the tests (another process) can open the files between
    commands, as they can after a dbt process ends."""
    import gc

    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager as manager
    except ImportError:
        manager = None
    if manager is not None:
        with manager._LOCK:
            if manager._ENV is not None:
                manager._ENV.close()
                manager._ENV = None
    gc.collect()


def serve(target: str, project: Path) -> int:
    """--serve: one JSON request per line on stdin ({"args": [...], "results_json": path or null,
    "env": variables set for this command only}),
    one JSON line back per request ({"success": bool, "output": what dbt printed})."""
    import traceback

    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # a stray print between commands goes to the log, never into the replies
    for line in sys.stdin:
        request = json.loads(line)
        saved = {name: os.environ.get(name) for name in request.get("env", {})}
        os.environ.update(request.get("env", {}))
        try:
            record = run_one(target, request["args"], project, echo=False)
        except Exception:  # noqa: BLE001 - reported to the caller as a failed command
            record = {"args": request["args"], "success": False, "output": traceback.format_exc(),
                      "exception": "crashed", "nodes": [], "warnings": []}
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        release_connections()
        if request.get("results_json"):
            Path(request["results_json"]).write_text(json.dumps(record, indent=1))
        replies.write(json.dumps({"success": record["success"], "output": record["output"]}) + "\n")
        replies.flush()
    return 0


def main() -> int:
    target, *args = sys.argv[1:]
    options = {}
    while args[:1] and args[0] in ("--results-json", "--batch", "--project", "--serve"):
        if args[0] == "--serve":
            options["--serve"], args = True, args[1:]
        else:
            options[args[0]], args = args[1], args[2:]
    project = Path(options.get("--project", PROJECT)).resolve()
    os.chdir(project)
    if "--serve" in options:
        return serve(target, project)
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
