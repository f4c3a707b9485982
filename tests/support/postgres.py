"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, start, stop.

The tests run against a real server, not a mock: `PostgresServer.start()` finds the Debian
binaries (`/usr/lib/postgresql/<version>/bin`), creates a cluster owned by the `postgres` user
when the tests run as root (PostgreSQL refuses to run as root), and starts it on a free loopback
port with durability off (a test database needs no fsync). Each test gets its own database.
`skip_reason()` says why the server cannot be had here, so the PostgreSQL tests skip with it.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PostgresServer", "find_bindir", "skip_reason"]


def find_bindir() -> Path | None:
    """The bin folder of the newest installed PostgreSQL server, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _run_as() -> list[str]:
    """The command prefix that runs a PostgreSQL binary as a non-root user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def skip_reason() -> str | None:
    """Why no PostgreSQL server can be started here, or None when one can."""
    if find_bindir() is None:
        return (
            "PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin/initdb); "
            "apt-get install postgresql to run these tests"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed: pip install -e '.[test]'"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One cluster in a temporary folder; `new_database()` hands out a fresh database URL."""

    def __init__(self) -> None:
        bindir = find_bindir()
        assert bindir is not None, skip_reason()
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="monitor-pg-"))  # /tmp: reachable by the postgres user
        self.port = _free_port()
        self._names = itertools.count(1)

    def _pg(self, *args: str) -> None:
        proc = subprocess.run([*_run_as(), *args], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}\n{tail}")

    def start(self) -> PostgresServer:
        """initdb, then start the server and wait until it accepts connections."""
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
        data = self.root / "data"
        self._pg(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._pg(
            str(self.bindir / "pg_ctl"),
            "start",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
        )
        return self

    def stop(self) -> None:
        """Stop the server (dropping its connections) and delete the cluster."""
        try:
            self._pg(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.root / "data"), "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """Create an empty database; return its SQLAlchemy URL."""
        name = f"test_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by `new_database`, closing any connection a test left open."""
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
