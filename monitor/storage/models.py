"""SQLModel tables: what the monitor keeps in its database.

Sections follow the data flow: sources and items (feeds), then mentions, events, status and
the alert outbox, then official-list snapshots. Every schema change gets an Alembic migration
in `monitor/migrations/versions/`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

__all__ = [
    "DeliveryAttempt",
    "EntityStatus",
    "Event",
    "Evidence",
    "Item",
    "ListChange",
    "ListEntryRow",
    "ListPublication",
    "Mention",
    "OutboxMessage",
    "SourceState",
    "StatusChange",
]


# --- sources and items ------------------------------------------------------------


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
    updated_at: datetime | None = None  # last time an edit was noticed
    analyzed_hash: str | None = Field(default=None, index=True)  # content_hash last analyzed


# --- mentions, events, status, outbox ------------------------------------------


class Mention(SQLModel, table=True):
    """A watchlist entity named in an item (one row per item and entity)."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("item_id", "entity", name="uq_mention_item_entity"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    entity: str = Field(index=True)


class Event(SQLModel, table=True):
    """One sanctions event: many reports of the same act merge into one row (see Evidence).

    `certainty` is speculative, confirmed (news) or official (a list publication);
    `confirmed_by` links a news event to the official event that confirms it.
    """

    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(index=True)
    action: str  # lift | impose
    jurisdiction: str | None = Field(default=None, index=True)
    certainty: str  # speculative | confirmed | official
    scope: str | None = None  # full | partial
    effective_date: date | None = None
    reported: date  # effective date, else first publication date
    first_seen: datetime
    last_seen: datetime
    source_count: int = 1  # independent sources (distinct source names)
    confirmed_by: int | None = Field(default=None, foreign_key="event.id")


class Evidence(SQLModel, table=True):
    """One report of an event: the item (or list publication), its link and the sentence."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("event_id", "source", "ref", name="uq_evidence_event_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="item.id", index=True)
    source: str  # source name from the config
    ref: str  # item guid or list entry id: re-analysis upserts on it
    url: str | None = None
    title: str = ""
    excerpt: str = ""
    published: datetime | None = None
    seen: datetime


class EntityStatus(SQLModel, table=True):
    """Current status of one entity in one jurisdiction, recomputed from its events."""

    __tablename__ = "entity_status"

    entity: str = Field(primary_key=True)
    jurisdiction: str = Field(primary_key=True)
    state: str  # sanctioned | eased | lifted | not listed | unknown
    since: date | None = None
    event_id: int | None = Field(default=None, foreign_key="event.id")
    certainty: str | None = None
    updated_at: datetime


class StatusChange(SQLModel, table=True):
    """A recorded before -> after transition of an EntityStatus (the history behind `diff`)."""

    __tablename__ = "status_change"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(index=True)
    jurisdiction: str
    before: str
    after: str
    since: date | None = None
    event_id: int | None = Field(default=None, foreign_key="event.id")
    recorded_at: datetime = Field(index=True)


class OutboxMessage(SQLModel, table=True):
    """One alert to one channel, written in the transaction that caused it.

    `id` is a uuid used as webhook-id and in the email Message-ID, so receivers can dedupe.
    `status`: open (digest still collecting) -> pending -> sending -> delivered | failed.
    `changes` is the JSON list of change documents, frozen when enqueued.
    """

    __tablename__ = "outbox_message"

    id: str = Field(primary_key=True)
    channel: str = Field(index=True)
    kind: str  # email | webhook
    status: str = Field(index=True)
    changes: str
    created_at: datetime
    due_at: datetime = Field(index=True)
    attempts: int = 0
    claimed_at: datetime | None = None
    delivered_at: datetime | None = None
    last_error: str | None = None
    requeued_at: datetime | None = None  # `monitor alerts retry`: max_age counts from here again


class DeliveryAttempt(SQLModel, table=True):
    """Every try at sending an OutboxMessage, with its outcome."""

    __tablename__ = "delivery_attempt"

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(foreign_key="outbox_message.id", index=True)
    at: datetime
    ok: bool
    error: str | None = None


# --- official lists --------------------------------------------------------------


class ListPublication(SQLModel, table=True):
    """One good snapshot of an official list: a download that parsed and passed the suspect checks.

    `digest` covers every entry's id and content hash, so a re-download of the same content is
    not a new publication. `baseline` marks the first snapshot of a source (nothing to diff).
    """

    __tablename__ = "list_publication"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True)  # source name in the config
    kind: str  # ofac-sdn | eu-fsf | uk-sanctions | un-sc
    url: str | None = None
    published: date | None = None  # the date the authority gives the publication
    fetched_at: datetime
    record_count: int | None = None  # what the file says it holds (OFAC Record_Count)
    entry_count: int
    digest: str
    baseline: bool = False
    held: str | None = None  # why it is held as suspect (not diffed, not a diff base); None: good
    added: int = 0
    removed: int = 0
    changed: int = 0


class ListEntryRow(SQLModel, table=True):
    """One entry of one kept snapshot; list fields are JSON arrays of strings."""

    __tablename__ = "list_entry"

    publication_id: int = Field(foreign_key="list_publication.id", primary_key=True)
    entry_id: str = Field(primary_key=True)
    name: str
    aliases: str = "[]"
    programmes: str = "[]"
    type: str = "entity"
    ids: str = "[]"
    countries: str = "[]"
    listed_on: date | None = None
    content_hash: str


class ListChange(SQLModel, table=True):
    """One addition, removal or change found by diffing a publication against the last good one.

    `processed_at` is set in the transaction that turned it into official events and watch
    alerts, so a crash in between neither loses nor repeats them.
    """

    __tablename__ = "list_change"

    id: int | None = Field(default=None, primary_key=True)
    publication_id: int = Field(foreign_key="list_publication.id", index=True)
    source: str = Field(index=True)
    change: str  # added | removed | changed | baseline (first snapshot's marker)
    entry_id: str
    name: str
    fields: str = "[]"  # changed: the fields that differ
    before: str | None = None  # JSON of the entry before (removed, changed)
    after: str | None = None  # JSON of the entry after (added, changed)
    processed_at: datetime | None = Field(default=None, index=True)
