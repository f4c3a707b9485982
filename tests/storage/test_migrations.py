"""Migrations build the models' schema on SQLite and PostgreSQL, and upgrade older databases in place."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from monitor.errors import StoreError
from monitor.storage.db import MIGRATIONS, migrate, open_database, open_engine
from monitor.storage.models import Item, SourceState

SEEN = datetime(2025, 11, 4, 10, 0, 0, 123456, tzinfo=UTC)
HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()


def schema_differences(engine: sa.Engine) -> list[object]:
    """What `alembic revision --autogenerate` would write, types included (empty: none)."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def test_empty_database_migrates_to_exactly_the_models(database_url: str) -> None:
    engine = open_database(database_url)
    try:
        assert schema_differences(engine) == []
        if engine.dialect.name == "postgresql":  # aware datetimes are timestamptz, never local time
            columns = {c["name"]: c["type"] for c in inspect(engine).get_columns("outbox_message")}
            assert columns["due_at"].timezone is True
    finally:
        engine.dispose()


def test_database_at_0001_upgrades_to_head_keeping_data(database_url: str) -> None:
    engine = open_engine(database_url)
    migrate(engine, "0001")
    state = sa.table(
        "source_state",
        sa.column("name"),
        sa.column("kind"),
        sa.column("url"),
        sa.column("etag"),
        sa.column("consecutive_failures"),
    )
    item = sa.table(
        "item",
        *(sa.column(c) for c in ("source", "guid", "url", "title", "summary", "content_hash")),
        sa.column("first_seen", sa.DateTime(timezone=True)),
        sa.column("last_seen", sa.DateTime(timezone=True)),
    )
    with engine.begin() as conn:
        conn.execute(
            sa.insert(state).values(
                name="news", kind="feed", url="https://news.example/rss", etag='"v1"', consecutive_failures=2
            )
        )
        conn.execute(
            sa.insert(item).values(
                source="news",
                guid="g1",
                url="https://news.example/1",
                title="Belavia",
                summary="text",
                content_hash="h1",
                first_seen=SEEN,
                last_seen=SEEN,
            )
        )
    engine.dispose()
    upgraded = open_database(database_url)  # migrates to head
    try:
        with upgraded.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
        with Session(upgraded) as session:
            kept = session.get(SourceState, "news")
            assert kept is not None and (kept.etag, kept.consecutive_failures) == ('"v1"', 2)
            [row] = session.exec(select(Item)).all()
            assert (row.guid, row.title, row.content_hash, row.first_seen) == ("g1", "Belavia", "h1", SEEN)
        assert schema_differences(upgraded) == []
    finally:
        upgraded.dispose()


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    open_database(database_url).dispose()
    engine = open_database(database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]
        assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 30000
    engine.dispose()


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        open_database(f"postgresql+psycopg://monitor:s3cret@127.0.0.1:{port}/monitor")
    message = str(caught.value)
    assert message.startswith(f"database postgresql+psycopg://monitor:***@127.0.0.1:{port}/monitor: migration failed:")
    assert "Connection refused" in message and "s3cret" not in message and "\n" not in message
