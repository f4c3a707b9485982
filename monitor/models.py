"""SQLModel tables: what the monitor keeps in its database.

Sections follow the data flow: sources and items (feeds), then mentions, events, status and
the alert outbox, then official-list snapshots. Every schema change gets an Alembic migration
in `monitor/migrations/versions/`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

__all__ = ["Item", "SourceState"]


# --- sources and items (issue 2) ------------------------------------------------------------

class SourceState(SQLModel, table=True):
    """Polling state of one configured source, keyed by its name in the config."""

    __tablename__ = "source_state"

    name: str = Field(primary_key=True)
    kind: str
    url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    next_due: datetime | None = Field(default=None, index=True)


class Item(SQLModel, table=True):
    """One news item; unique per source and guid. `content_hash` notices edits."""

    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("source", "guid", name="uq_item_source_guid"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True)
    guid: str
    url: str | None = None
    title: str = ""
    summary: str = ""
    published: datetime | None = None
    lang: str | None = None
    content_hash: str
    first_seen: datetime
    last_seen: datetime
    updated_at: datetime | None = None     # last time an edit was noticed
    analyzed_hash: str | None = Field(default=None, index=True)  # content_hash last analyzed


# --- mentions, events, status, outbox (issue 4) ------------------------------------------


# --- official lists (issue 5) --------------------------------------------------------------
