"""A throw-away PostgreSQL server for the tests: installed with apt-get if the
machine has none, started on a free local port with its own data directory,
stopped and removed afterwards.

    with postgres_server() as env:   # env: CIO_PG_* variables for profiles.yml
        ...
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin_dir() -> Path | None:
    for pattern in ("/usr/lib/postgresql/*/bin",):
        found = sorted(glob.glob(pattern))
        if found and Path(found[-1], "initdb").exists():
            return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def ensure_installed() -> Path:
    bin_dir = _bin_dir()
    if bin_dir is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        bin_dir = _bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries not found after apt-get install postgresql")
    return bin_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    # The server refuses to run as root; the Debian package makes a postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def postgres_server():
    bin_dir = ensure_installed()
    root = Path(tempfile.mkdtemp(prefix="cio_pg_"))
    data, sockets = root / "data", root / "sock"
    data.mkdir()
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "cio", "--auth=trust",
                                    "-E", "UTF8", "--locale=C"]), check=True, capture_output=True)
    subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                                    "-o", f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                                          f"-c synchronous_commit=off -c full_page_writes=off -c TimeZone=America/Los_Angeles",
                                    "start"]), check=True, capture_output=True)
    try:
        env = {"CIO_PG_HOST": "127.0.0.1", "CIO_PG_PORT": str(port), "CIO_PG_USER": "cio", "CIO_PG_DB": "postgres"}
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield env
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
