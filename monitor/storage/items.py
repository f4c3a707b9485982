"""Write polled items and per-source state; read them back for `monitor sources`.

Every function takes an open connection inside the caller's transaction, so one source's items
and its new state commit together or not at all. Items are unique per (source, guid): a new
guid is inserted, a known guid whose content hash changed is updated in place (`updated_at`
set, `analyzed_hash` kept, so the pipeline sees it differs and analyzes it again), an unchanged
one only gets `last_seen`. Nothing here ever deletes an item. Datetimes are aware UTC
(sqlmodel's `datetime` columns insist on it).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from monitor.storage.models import Item, SourceState
from sanctions_monitor_sources.feed import FeedItem

__all__ = [
    "Stored",
    "content_hash",
    "failure_state",
    "load_state",
    "load_states",
    "save_states",
    "source_rows",
    "store_items",
    "success_state",
    "without_nul",
]

_ITEM = SQLModel.metadata.tables[Item.__tablename__]
_STATE = SQLModel.metadata.tables[SourceState.__tablename__]
_CHUNK = 500  # guids per IN (...) query, well under SQLite's variable limit


@dataclass(frozen=True)
class Stored:
    """How many items one poll added and how many edited items it updated."""

    new: int = 0
    updated: int = 0
    warning: str | None = None  # e.g. a list publication held as suspect; shown on the source


def content_hash(title: str, summary: str, url: str | None) -> str:
    """The hash that notices an edit: over title, summary and link."""
    return hashlib.sha1(f"{title}\x00{summary}\x00{url or ''}".encode()).hexdigest()


def store_items(conn: Connection, items: Sequence[FeedItem], *, now: datetime) -> Stored:
    """Insert new items and update edited ones of one source; the first of a repeated guid wins."""
    if not items:
        return Stored()
    source = items[0].source
    fresh: dict[str, tuple[FeedItem, str]] = {}
    for item in map(without_nul, items):
        if item.guid not in fresh:
            fresh[item.guid] = (item, content_hash(item.title, item.summary, item.url))
    known: dict[str, str] = {}
    guids = list(fresh)
    for start in range(0, len(guids), _CHUNK):
        rows = conn.execute(
            select(_ITEM.c.guid, _ITEM.c.content_hash).where(
                _ITEM.c.source == source, _ITEM.c.guid.in_(guids[start : start + _CHUNK])
            )
        )
        known.update(rows.all())
    new = [_row(item, digest, now) for guid, (item, digest) in fresh.items() if guid not in known]
    edited = [
        _row(item, digest, now) | {"b_guid": guid}
        for guid, (item, digest) in fresh.items()
        if guid in known and known[guid] != digest
    ]
    seen = [{"b_guid": guid} for guid, (_, digest) in fresh.items() if known.get(guid) == digest]
    if new:
        conn.execute(insert(_ITEM), [r | {"first_seen": now, "source": source} for r in new])
    where = (_ITEM.c.source == source) & (_ITEM.c.guid == bindparam("b_guid"))
    if edited:
        conn.execute(
            update(_ITEM)
            .where(where)
            .values(
                url=bindparam("url"),
                title=bindparam("title"),
                summary=bindparam("summary"),
                published=bindparam("published"),
                lang=bindparam("lang"),
                content_hash=bindparam("content_hash"),
                last_seen=bindparam("last_seen"),
                updated_at=bindparam("last_seen"),
            ),
            edited,
        )
    if seen:
        conn.execute(update(_ITEM).where(where).values(last_seen=now), seen)
    return Stored(new=len(new), updated=len(edited))


def without_nul(item: FeedItem) -> FeedItem:
    """The item without NUL characters: PostgreSQL text cannot hold them, and a malformed feed
    recovered by feedparser can carry them (`&#0;`); stored, they would fail the source's writes."""
    texts = (item.guid, item.url, item.title, item.summary, item.lang)
    if not any(t and "\x00" in t for t in texts):
        return item
    guid, url, title, summary, lang = (t.replace("\x00", "") if t else t for t in texts)
    return dataclasses.replace(item, guid=guid or "", url=url, title=title or "", summary=summary or "", lang=lang)


def _row(item: FeedItem, digest: str, now: datetime) -> dict[str, Any]:
    return {
        "guid": item.guid,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "published": item.published,
        "lang": item.lang,
        "content_hash": digest,
        "last_seen": now,
    }


def load_states(conn: Connection) -> dict[str, SourceState]:
    """The stored state of every source that was ever polled, by name."""
    return {r["name"]: SourceState(**r) for r in conn.execute(select(_STATE)).mappings()}


def load_state(conn: Connection, name: str) -> SourceState | None:
    """The stored state of one source, or None before its first poll."""
    row = conn.execute(select(_STATE).where(_STATE.c.name == name)).mappings().first()
    return SourceState(**row) if row else None


def success_state(
    *,
    name: str,
    kind: str,
    url: str | None,
    etag: str | None,
    last_modified: str | None,
    now: datetime,
    next_due: datetime,
    warning: str | None = None,
) -> dict[str, Any]:
    """State after a poll that worked (possibly with a warning): new validators, no failures."""
    return {
        "name": name,
        "kind": kind,
        "url": url,
        "etag": etag,
        "last_modified": last_modified,
        "last_polled": now,
        "last_success": now,
        "consecutive_failures": 0,
        "next_due": next_due,
        "last_error": warning,
        "last_error_at": now if warning else None,
    }


def failure_state(
    *, name: str, kind: str, url: str | None, reason: str, failures: int, now: datetime, next_due: datetime
) -> dict[str, Any]:
    """State after a failed poll: the one-line reason and the count; validators are kept."""
    return {
        "name": name,
        "kind": kind,
        "url": url,
        "last_polled": now,
        "last_error": reason,
        "last_error_at": now,
        "consecutive_failures": failures,
        "next_due": next_due,
    }


def save_states(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Write source states made by `success_state`/`failure_state`, a few statements per batch."""
    names = [row["name"] for row in rows]
    existing: set[str] = set()
    for start in range(0, len(names), _CHUNK):
        existing.update(
            conn.execute(select(_STATE.c.name).where(_STATE.c.name.in_(names[start : start + _CHUNK]))).scalars()
        )
    groups: dict[tuple[bool, tuple[str, ...]], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["name"] in existing, tuple(sorted(row))), []).append(row)
    for (exists, _), group in groups.items():
        if exists:
            conn.execute(
                update(_STATE).where(_STATE.c.name == bindparam("b_name")),
                [{k: v for k, v in row.items() if k != "name"} | {"b_name": row["name"]} for row in group],
            )
        else:
            conn.execute(insert(_STATE), group)


def source_rows(engine: Engine, names: Iterable[str]) -> dict[str, tuple[SourceState | None, int]]:
    """State and stored-item count of each named source, for `monitor sources`."""
    with engine.connect() as conn:
        states = load_states(conn)
        counts: dict[str, int] = dict(conn.execute(select(_ITEM.c.source, func.count()).group_by(_ITEM.c.source)).all())
    return {n: (states.get(n), int(counts.get(n, 0))) for n in names}
