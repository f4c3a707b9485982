"""Snapshots of the official lists: keep each good publication, diff it against the last, report.

`store_publication` runs inside the poll's transaction: it rejects a suspect download (raises
`SuspectDownload`, so the poll records a source error and the last good snapshot stays), skips
a re-download of identical content, and otherwise stores the new snapshot and its diff as
`ListChange` rows. The first snapshot of a source is a baseline: nothing to diff, so its only
row is one `baseline` marker, which `monitor.lists.events` turns into the status of the tracked
entities already listed (silently: no alert). `last_diff` does not show the marker.
Entries of the last `KEEP_SNAPSHOTS` publications are kept; the changes are kept for ever.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, desc, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from monitor.config import Config
from monitor.errors import MonitorError, SuspectDownload
from monitor.lists.diff import MIN_SIZE_RATIO, ListDiff, diff_entries, removal_limit, suspect_reason
from monitor.storage.items import Stored
from monitor.storage.models import ListChange, ListEntryRow, ListPublication, SourceState
from monitor.vocabulary import LIST_KINDS
from sanctions_monitor_sources.publication import ListEntry, Publication

__all__ = [
    "BASELINE",
    "KEEP_SNAPSHOTS",
    "accept_held",
    "last_diff",
    "last_publication",
    "list_overview",
    "load_entries",
    "publication_digest",
    "store_publication",
]

log = logging.getLogger(__name__)

KEEP_SNAPSHOTS = 2
BASELINE = "baseline"  # ListChange.change of a first snapshot's marker row
_PUB = SQLModel.metadata.tables[ListPublication.__tablename__]
_ENTRY = SQLModel.metadata.tables[ListEntryRow.__tablename__]
_CHANGE = SQLModel.metadata.tables[ListChange.__tablename__]
_STATE = SQLModel.metadata.tables[SourceState.__tablename__]


def publication_digest(publication: Publication) -> str:
    """A digest over every entry's id and content hash: equal digests mean identical content."""
    h = hashlib.blake2b(digest_size=16)
    for entry_id, content in sorted((e.entry_id, e.content_hash) for e in publication.entries):
        h.update(f"{entry_id}\x00{content}\n".encode())
    return h.hexdigest()


def last_publication(conn: Connection, source: str) -> Any:
    """The last good snapshot of `source` (a publication held as suspect is not one), or None."""
    return conn.execute(
        select(_PUB).where(_PUB.c.source == source, _PUB.c.held.is_(None)).order_by(desc(_PUB.c.id)).limit(1)
    ).first()


def load_entries(conn: Connection, publication_id: int, kind: str) -> list[ListEntry]:
    """The entries of a stored snapshot, as the parser gave them."""
    rows = conn.execute(select(_ENTRY).where(_ENTRY.c.publication_id == publication_id))
    return [
        ListEntry(
            kind,
            r.entry_id,
            r.name,
            tuple(json.loads(r.aliases)),
            tuple(json.loads(r.programmes)),
            r.type,
            tuple(json.loads(r.ids)),
            tuple(json.loads(r.countries)),
            r.listed_on,
            r.content_hash,
        )
        for r in rows
    ]


def _text(value: str) -> str:
    """PostgreSQL text cannot hold NUL, which a CSV list may carry (JSON fields escape it)."""
    return value.replace("\x00", "")


def _entry_row(publication_id: int, e: ListEntry) -> dict[str, Any]:
    return {
        "publication_id": publication_id,
        "entry_id": _text(e.entry_id),
        "name": _text(e.name),
        "aliases": json.dumps(e.aliases, ensure_ascii=False),
        "programmes": json.dumps(e.programmes, ensure_ascii=False),
        "type": _text(e.type),
        "ids": json.dumps(e.ids, ensure_ascii=False),
        "countries": json.dumps(e.countries, ensure_ascii=False),
        "listed_on": e.listed_on,
        "content_hash": e.content_hash,
    }


def _change_rows(publication_id: int, source: str, diff: ListDiff) -> list[dict[str, Any]]:
    def doc(e: ListEntry) -> str:
        return json.dumps(e.to_json(), ensure_ascii=False)

    base = {"publication_id": publication_id, "source": source, "fields": "[]", "before": None, "after": None}
    rows = [
        {**base, "change": "added", "entry_id": _text(e.entry_id), "name": _text(e.name), "after": doc(e)}
        for e in diff.added
    ]
    rows += [
        {**base, "change": "removed", "entry_id": _text(e.entry_id), "name": _text(e.name), "before": doc(e)}
        for e in diff.removed
    ]
    rows += [
        {
            **base,
            "change": "changed",
            "entry_id": _text(c.after.entry_id),
            "name": _text(c.after.name),
            "fields": json.dumps(c.fields),
            "before": doc(c.before),
            "after": doc(c.after),
        }
        for c in diff.changed
    ]
    return rows


def _baseline_row(publication_id: int, source: str) -> dict[str, Any]:
    """The one pending row of a first snapshot: processed like a change, once, in one transaction."""
    return {
        "publication_id": publication_id,
        "source": source,
        "change": BASELINE,
        "entry_id": "",
        "name": "",
        "fields": "[]",
        "before": None,
        "after": None,
    }


def store_publication(
    conn: Connection,
    *,
    source: str,
    publication: Publication,
    url: str | None,
    now: datetime,
    min_ratio: float = MIN_SIZE_RATIO,
    max_removals: int | None = None,
    tracked: Callable[[ListEntry], bool] | None = None,
) -> Stored:
    """Diff a parsed publication against the last good snapshot and store both.

    `min_ratio` is the source's `min_size_percent` / 100: an operator lowers it for a run when
    an authority really does shrink its list by more than a tenth.

    A publication that removes more than `removal_limit` entries (`max_removals`, default
    max(50, 0.5 % of the list)), or that has no publication date and removes an entry that
    `tracked` says is a watchlist entity, is **held**: kept as a snapshot but neither diffed
    into changes nor used as the base of the next diff. It is released when the next, different
    publication agrees (it removes at least the same entries; that one is then stored as usual
    and the held one dropped), or by `accept_held` (`monitor lists accept SOURCE`). A next
    publication that does not agree replaces it.

    Returns:
        `Stored()`, or `Stored(warning=...)` when the publication is held (the source shows it).

    Raises:
        SuspectDownload: the download is empty, disagrees with its own record count, or holds
            under `min_ratio` of the last snapshot's entries; nothing is written.
    """
    last = last_publication(conn, source)
    reason = suspect_reason(publication, last.entry_count if last is not None else None, min_ratio=min_ratio)
    if reason is not None:
        kept = f"; kept the snapshot of {last.published or last.fetched_at:%Y-%m-%d}" if last is not None else ""
        raise SuspectDownload(f"suspect download of {url or source} rejected: {reason}{kept}")
    digest = publication_digest(publication)
    held = _held_publication(conn, source)
    if last is not None and last.digest == digest:
        if held is not None:  # the list is back to the last good one: the hold was a glitch
            _drop(conn, held.id)
            log.warning("list source=%s: held publication %s dropped, the list is back as before", source, held.id)
        return Stored()
    entries = list({e.entry_id: e for e in publication.entries}.values())
    if last is None:
        _insert(conn, source, publication, url, now, digest, entries, ListDiff(), baseline=True)
        return Stored()
    old = load_entries(conn, last.id, publication.list)
    diff = diff_entries(old, entries)
    if held is not None and held.digest == digest:
        return Stored(warning=held.held)  # the same publication again: still waiting
    removed = {e.entry_id for e in diff.removed}
    if held is not None:
        held_removed = {e.entry_id for e in old} - {e.entry_id for e in load_entries(conn, held.id, held.kind)}
        _drop(conn, held.id)
        if held_removed <= removed:
            log.warning(
                "list source=%s: the next publication agrees with held publication %s (%d removals); stored",
                source,
                held.id,
                len(held_removed),
            )
            _insert(conn, source, publication, url, now, digest, entries, diff)
            return Stored()
    hold = _hold_reason(diff, last.entry_count, publication, max_removals, tracked)
    if hold is not None:
        day = publication.published.isoformat() if publication.published else "undated"
        note = (
            f"publication ({day}, {len(entries)} entries) held as suspect: {hold}; waiting for the next "
            f"publication to agree, or `monitor lists accept {source}`"
        )
        _insert(conn, source, publication, url, now, digest, entries, diff, held=note)
        log.warning("list source=%s: %s", source, note)
        return Stored(warning=note)
    _insert(conn, source, publication, url, now, digest, entries, diff)
    return Stored()


def _hold_reason(
    diff: ListDiff,
    last_count: int,
    publication: Publication,
    max_removals: int | None,
    tracked: Callable[[ListEntry], bool] | None,
) -> str | None:
    limit = removal_limit(last_count, max_removals)
    if len(diff.removed) > limit:
        return f"{len(diff.removed)} removals is more than {limit} in one publication"
    if publication.published is None and tracked is not None:
        names = [e.name for e in diff.removed if tracked(e)]
        if names:
            return (
                f"it has no publication date and removes {len(names)} tracked "
                f"entit{'y' if len(names) == 1 else 'ies'} ({', '.join(names[:3])})"
            )
    return None


def _insert(
    conn: Connection,
    source: str,
    publication: Publication,
    url: str | None,
    now: datetime,
    digest: str,
    entries: list[ListEntry],
    diff: ListDiff,
    *,
    baseline: bool = False,
    held: str | None = None,
) -> int:
    counts = diff.counts()
    publication_id = conn.execute(
        insert(_PUB).values(
            source=source,
            kind=publication.list,
            url=url,
            published=publication.published,
            fetched_at=now,
            record_count=publication.record_count,
            entry_count=len(entries),
            digest=digest,
            baseline=baseline,
            held=held,
            **counts,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(insert(_ENTRY), [_entry_row(publication_id, e) for e in entries])
    if held is None:
        _keep_changes(conn, publication_id, source, diff, baseline=baseline)
    if held is None or baseline:
        log.info(
            "list source=%s published=%s entries=%d added=%d removed=%d changed=%d%s",
            source,
            publication.published,
            len(entries),
            counts["added"],
            counts["removed"],
            counts["changed"],
            " (baseline)" if baseline else "",
        )
    return int(publication_id)


def _keep_changes(conn: Connection, publication_id: int, source: str, diff: ListDiff, *, baseline: bool) -> None:
    """Store the diff's change rows (or a first snapshot's marker) and prune old snapshots' entries."""
    changes = _change_rows(publication_id, source, diff) if not baseline else [_baseline_row(publication_id, source)]
    if changes:
        conn.execute(insert(_CHANGE), changes)
    good = (_PUB.c.source == source) & _PUB.c.held.is_(None)
    kept_ids = select(_PUB.c.id).where(good).order_by(desc(_PUB.c.id)).limit(KEEP_SNAPSHOTS)
    conn.execute(
        delete(_ENTRY).where(
            _ENTRY.c.publication_id.in_(select(_PUB.c.id).where(good, _PUB.c.id.not_in(kept_ids.scalar_subquery())))
        )
    )


def _held_publication(conn: Connection, source: str) -> Any:
    return conn.execute(
        select(_PUB).where(_PUB.c.source == source, _PUB.c.held.is_not(None)).order_by(desc(_PUB.c.id)).limit(1)
    ).first()


def _drop(conn: Connection, publication_id: int) -> None:
    conn.execute(delete(_ENTRY).where(_ENTRY.c.publication_id == publication_id))
    conn.execute(delete(_PUB).where(_PUB.c.id == publication_id))


def accept_held(engine: Engine, source: str, *, now: datetime) -> dict[str, Any]:
    """Release the publication of `source` held as suspect: diff it against the last good
    snapshot and store its changes, which the next processing round turns into events and alerts.

    Raises:
        MonitorError: no publication of `source` is held.
    """
    with engine.begin() as conn:
        held = _held_publication(conn, source)
        if held is None:
            raise MonitorError(f"no publication of {source!r} is held")
        last = last_publication(conn, source)
        assert last is not None
        diff = diff_entries(load_entries(conn, last.id, held.kind), load_entries(conn, held.id, held.kind))
        conn.execute(update(_PUB).where(_PUB.c.id == held.id).values(held=None, fetched_at=now, **diff.counts()))
        _keep_changes(conn, held.id, source, diff, baseline=False)
        log.warning("list source=%s: held publication %s accepted by the operator: %s", source, held.id, diff.counts())
        return {"source": source, "published": _day(held.published), "entries": held.entry_count, **diff.counts()}


def _day(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def list_overview(engine: Engine, config: Config) -> list[dict[str, Any]]:
    """Each configured list source: its last publication, entry count, last diff counts, last error."""
    out = []
    with engine.connect() as conn:
        for s in config.sources:
            if s.kind not in LIST_KINDS:
                continue
            last = last_publication(conn, s.name)
            state = conn.execute(select(_STATE).where(_STATE.c.name == s.name)).first()
            out.append(
                {
                    "source": s.name,
                    "kind": s.kind,
                    "published": _day(last.published) if last is not None else None,
                    "fetched_at": _day(last.fetched_at) if last is not None else None,
                    "entries": last.entry_count if last is not None else None,
                    "baseline": bool(last.baseline) if last is not None else None,
                    "added": last.added if last is not None else 0,
                    "removed": last.removed if last is not None else 0,
                    "changed": last.changed if last is not None else 0,
                    "last_error": state.last_error if state is not None else None,
                }
            )
    return out


def last_diff(engine: Engine, source: str) -> dict[str, Any] | None:
    """The last publication of `source` with every change it brought; None before the first poll."""
    with engine.connect() as conn:
        last = last_publication(conn, source)
        if last is None:
            return None
        rows = conn.execute(
            select(_CHANGE)
            .where(_CHANGE.c.publication_id == last.id, _CHANGE.c.change != BASELINE)
            .order_by(_CHANGE.c.id)
        )
        changes = [
            {
                "change": r.change,
                "entry_id": r.entry_id,
                "name": r.name,
                "fields": json.loads(r.fields),
                "before": json.loads(r.before) if r.before else None,
                "after": json.loads(r.after) if r.after else None,
            }
            for r in rows
        ]
    return {
        "source": source,
        "kind": last.kind,
        "published": _day(last.published),
        "fetched_at": _day(last.fetched_at),
        "entries": last.entry_count,
        "baseline": bool(last.baseline),
        "added": last.added,
        "removed": last.removed,
        "changed": last.changed,
        "changes": changes,
    }
