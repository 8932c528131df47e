"""A throw-away BigQuery emulator for the tests: crucible (pinned in
requirements-bigquery-emulator.txt, in its own virtual environment that
`make test` creates) serving BigQuery's REST API on a free local port, with
its own database file; stopped and removed afterwards. dbt-bigquery reaches it
through `api_endpoint` (integration_tests/profiles.yml), with a dummy token.

    with bigquery_emulator() as env:   # env: CIO_BQ_PORT for profiles.yml
        ...
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-bigquery-emulator"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def bigquery_emulator():
    crucible = VENV / "bin" / "crucible"
    if not crucible.exists():
        raise RuntimeError(f"{crucible} is missing: `make test` creates {VENV.name} from "
                           "requirements-bigquery-emulator.txt")
    root = Path(tempfile.mkdtemp(prefix="cio_bq_"))
    port = _free_port()
    with open(root / "server.log", "w") as log:
        server = subprocess.Popen([str(crucible), "serve", "--dialect", "bigquery", "--host", "127.0.0.1",
                                   "--port", str(port), "--database", str(root / "bigquery.db")],
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        # The BigQuery client retries for minutes against a server not yet up: wait for health first.
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_crucible/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the BigQuery emulator did not start:\n" + (root / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        yield {"CIO_BQ_PORT": str(port)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(root, ignore_errors=True)


def client(port: int | str):
    """A google-cloud-bigquery client for the emulator."""
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    return bigquery.Client(project="cio-test", credentials=AnonymousCredentials(),
                           client_options=ClientOptions(api_endpoint=f"http://127.0.0.1:{port}"))
