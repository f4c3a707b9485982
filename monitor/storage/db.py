"""Open the database and bring its schema up to date.

SQLite runs in WAL mode with a busy timeout so the daemon and CLI commands can share the file;
a PostgreSQL URL works too. The schema is versioned with Alembic: `migrate()` upgrades a
database made by any older version in place, keeping its data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import event, make_url
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlmodel import create_engine

from monitor.errors import DatabaseUnavailable, StoreError

__all__ = [
    "database_problem",
    "database_unavailable",
    "describe",
    "migrate",
    "open_database",
    "open_engine",
    "serializable",
    "sidecars_follow",
]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_problem(url: str) -> str | None:
    """What would stop the daemon from using the database at `url`, in one line, or None.

    Checks that the URL parses, its driver is installed, and for SQLite that the folder can be
    created and written and the file (if any) written; a server database must answer.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        return f"database {_shown(url)}: not a database URL"
    path = _sqlite_file(url)
    if path is not None:
        folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
        if folder is not None and not folder.is_dir():
            return f"database {path}: {folder} is a file, so folder {path.parent} cannot be created or written"
        if folder is None or not os.access(folder, os.W_OK | os.X_OK):
            return f"database {path}: folder {path.parent} cannot be created or written (check its owner and mode)"
        if path.exists() and not os.access(path, os.W_OK):
            return f"database {path}: the file is read-only (check its owner and mode)"
        return None
    try:
        engine = open_engine(url)
        with engine.connect():
            pass
        engine.dispose()
    except StoreError as exc:
        return str(exc)
    except SQLAlchemyError as exc:
        return f"database {parsed.render_as_string(hide_password=True)}: {_one_line(exc)}"
    return None


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for :memory:)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :])
    return None


def open_engine(url: str) -> Engine:
    """Create an engine; for SQLite, create the folder and set WAL, busy timeout, foreign keys.

    Raises:
        StoreError: a bad URL, a missing driver, or a SQLite folder that cannot be created.
    """
    path = _sqlite_file(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"database {path}: cannot create folder {path.parent}: {exc.strerror}") from None
    sqlite = url.startswith("sqlite")
    try:  # a server's connections may die while the daemon runs: test each one before use
        engine = create_engine(url, **({"connect_args": {"timeout": 30}} if sqlite else {"pool_pre_ping": True}))
    except ImportError as exc:
        raise StoreError(
            f"database {_shown(url)}: its driver is not installed ({exc.name}; for PostgreSQL: "
            "pip install 'sanctions-monitor[postgres]')"
        ) from None
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"database {_shown(url)}: {_one_line(exc)}") from None
    if sqlite:
        if path is not None:
            event.listen(engine, "connect", lambda _dbapi, _record: sidecars_follow(path))
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _shown(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.rsplit("@", maxsplit=1)[-1]


def _one_line(exc: BaseException) -> str:
    """The driver's own message on one line, without SQLAlchemy's SQL and background link."""
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


# What a database says when it cannot be written at all (not a conflict or a bug): read-only
# file, full disk, I/O error, a lock held past the busy timeout, a lost server connection.
_UNAVAILABLE = (
    "readonly database",
    "read-only",
    "read only",
    "disk is full",
    "disk i/o error",
    "no space left",
    "unable to open database",
    "could not extend file",
    "database is locked",
    "server closed the connection",
    "connection refused",
    "terminating connection",
)
_UNAVAILABLE_SQLSTATES = ("53100", "25006", "57P01", "57P02", "57P03")  # disk full, read-only, shutdown


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be written right now (read-only, full, locked,
    gone), as opposed to a write conflict or a bug: the caller stops the round, disposes the
    pool (pooled connections opened on a read-only file stay read-only) and backs off."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    state = str(getattr(exc.orig, "sqlstate", "") or "")
    if state in _UNAVAILABLE_SQLSTATES or state.startswith("08"):
        return True
    text = str(exc.orig or exc).lower()
    return any(marker in text for marker in _UNAVAILABLE)


def describe(exc: BaseException) -> str:
    """The driver's message on one line, for logs (no SQL, no parameters)."""
    return _one_line(exc)[:200]


def serializable(engine: Engine) -> Engine:
    """The engine for read-then-write transactions (analysis, list events): no lost updates.

    Two processes that both read an open digest (or an event) and write it back must not
    overwrite each other. On PostgreSQL the transaction runs at SERIALIZABLE: the later of two
    conflicting writers fails, and its item stays pending for the next run. On SQLite it starts
    with BEGIN IMMEDIATE: it takes the write lock before reading, so writers simply take turns
    (sqlite3 would otherwise read outside the transaction and write from a stale read).
    """
    return engine.execution_options(isolation_level="SERIALIZABLE")


def sidecars_follow(path: Path) -> None:
    """Give SQLite's -wal and -shm files the database file's mode when the file is writable
    and they are not.

    SQLite creates them with the database's mode: a database that was read-only when the daemon
    connected leaves a read-only -shm behind, and every write fails after the file itself is
    fixed. Each new connection (the pool is disposed after such a failure) mends them first.
    """
    try:
        mode = path.stat().st_mode & 0o777
        if not os.access(path, os.W_OK):
            return
        for sidecar in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if sidecar.exists() and not os.access(sidecar, os.W_OK):
                sidecar.chmod(mode)
    except OSError:
        return  # not ours to change: the write fails and says why, as before


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("isolation_level") == "SERIALIZABLE":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (default: the newest).

    Raises:
        StoreError: the database cannot be reached or a migration fails.
    """
    try:
        command.upgrade(_alembic_config(engine), revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"database {engine.url!r}: migration failed: {_one_line(exc)}") from None


def open_database(url: str) -> Engine:
    """Open the database at `url` and migrate it to the newest schema."""
    engine = open_engine(url)
    migrate(engine)
    return engine
