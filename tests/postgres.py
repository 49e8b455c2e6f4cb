"""A throwaway PostgreSQL cluster for the tests: `initdb` into a temp dir, `pg_ctl start` on a
free loopback port, stopped at the end of the session.

`initdb` refuses to run as root, and CI runs as root, so as root the cluster belongs to the
`postgres` user (created by Debian's package) and every command runs through `runuser`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT = 60  # seconds


class NoServerError(RuntimeError):
    """Why no PostgreSQL server could be started here."""


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise NoServerError("PostgreSQL's initdb is not installed (Debian package postgresql)")
    return Path(initdb).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise NoServerError("running as root without runuser: initdb cannot run as root")
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield a SQLAlchemy URL of its `postgres` database."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            _as_owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
            **run,  # type: ignore[call-overload]
        )
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_owner([
                str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                "-t", str(START_TIMEOUT), "-l", str(root / "log"), "start",
            ]),
            **run,  # type: ignore[call-overload]
        )  # fmt: skip
    except (subprocess.CalledProcessError, OSError) as err:
        output = getattr(err, "stderr", "") or ""
        shutil.rmtree(root, ignore_errors=True)
        raise NoServerError(f"could not start PostgreSQL: {err} {output.strip()}") from err
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"
