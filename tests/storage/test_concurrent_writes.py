"""Two writers adding to one open digest at once lose nothing, on SQLite and on PostgreSQL.

The analysis transaction reads the open digest and writes it back with its change added. When a
second transaction read the digest before the first committed, it must fail (and be retried, as
the pipeline does with an item that stays pending), never overwrite the first one's change.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.config import Config
from monitor.events.changes import load_changes
from monitor.events.outbox import enqueue_changes
from monitor.storage.db import serializable
from monitor.storage.models import OutboxMessage
from tests.support.alerting import NOW, database, sample_change, webhook_alert, write_config


def enqueue(engine: Engine, config: Config, entity: str) -> None:
    with Session(serializable(engine)) as session:
        enqueue_changes(session, [sample_change(entity, entity.title())], config.alerts, now=NOW)
        session.commit()


def wait_until_blocked(engine: Engine) -> None:
    """Until the other writer waits for our row lock (PostgreSQL), or a moment (SQLite)."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.3)
        return
    deadline = time.monotonic() + 10
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            if conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).scalar():
                return
            conn.rollback()
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


def test_concurrent_digest_writers_lose_no_change(tmp_path: Path, database_url: str) -> None:
    config = write_config(
        tmp_path, webhook_alert("daily", "http://127.0.0.1:9/hook", digest='"1d"'), database_url=database_url
    )
    engine = database(config)
    enqueue(engine, config, "belavia")  # the open digest
    errors: list[Exception] = []

    def second_writer() -> None:
        try:
            enqueue(engine, config, "naftan")
        except Exception as exc:  # a write conflict: retried below
            errors.append(exc)

    with Session(serializable(engine)) as first:
        enqueue_changes(first, [sample_change("belaruskali", "Belaruskali")], config.alerts, now=NOW)
        first.flush()
        thread = threading.Thread(target=second_writer)
        thread.start()
        wait_until_blocked(engine)
        first.commit()
    thread.join(30)
    if errors:  # what the pipeline's next run does
        enqueue(engine, config, "naftan")
    with Session(engine) as session:
        [digest] = session.exec(select(OutboxMessage)).all()
        entities = sorted(c.entity_key for c in load_changes(digest.changes))
    engine.dispose()
    assert entities == ["belaruskali", "belavia", "naftan"]
