"""A database made by an older version upgrades in place and keeps its data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from monitor.db import migrate, open_database, open_engine
from sqlmodel import SQLModel


def test_database_at_0001_upgrades_to_head_keeping_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_engine(url)
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO source_state (name, kind, url, etag, consecutive_failures) "
                          "VALUES ('news', 'feed', 'https://news.example/rss', '\"v1\"', 2)"))
        conn.execute(text("INSERT INTO item (source, guid, url, title, summary, content_hash, first_seen, last_seen) "
                          "VALUES ('news', 'g1', 'https://news.example/1', 'Belavia', 'text', 'h1', "
                          "'2025-11-04 10:00:00.000000', '2025-11-04 10:00:00.000000')"))
    engine.dispose()
    upgraded = open_database(url)  # migrates to head
    with upgraded.connect() as conn:
        assert conn.execute(text("SELECT etag, consecutive_failures FROM source_state")).one() == ('"v1"', 2)
        assert conn.execute(text("SELECT guid, title, content_hash FROM item")).one() == ("g1", "Belavia", "h1")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() != "0001"
    tables = set(inspect(upgraded).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables  # every model has its table after the upgrade


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    open_database(url).dispose()
    engine = open_database(url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 30000
