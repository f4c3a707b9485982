"""Pure diff of two publications of one official list, and the suspect-download checks.

Entries are paired by the authority's stable id. An id only in the new publication is an
addition (designation), one only in the old is a removal (delisting), one in both with a
different content hash is a change, described by the fields that differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sanctions_monitor_sources.publication import ListEntry, Publication

__all__ = [
    "COMPARED_FIELDS",
    "MIN_SIZE_RATIO",
    "MIN_SUSPECT_REMOVALS",
    "SUSPECT_REMOVAL_SHARE",
    "EntryChange",
    "ListDiff",
    "changed_fields",
    "diff_entries",
    "removal_limit",
    "suspect_reason",
]

MIN_SIZE_RATIO = 0.9  # a publication under 90% of the last good one is suspect, not a mass delisting
MIN_SUSPECT_REMOVALS = 50  # more removals than max(this, SUSPECT_REMOVAL_SHARE of the list) are held
SUSPECT_REMOVAL_SHARE = 0.005
COMPARED_FIELDS = ("name", "aliases", "programmes", "type", "ids", "countries", "listed_on")


@dataclass(frozen=True, slots=True)
class EntryChange:
    """An entry present in both publications whose published content differs."""

    before: ListEntry
    after: ListEntry
    fields: tuple[str, ...]  # COMPARED_FIELDS that differ, or ("details",) for anything else


@dataclass(frozen=True, slots=True)
class ListDiff:
    added: tuple[ListEntry, ...] = ()
    removed: tuple[ListEntry, ...] = ()
    changed: tuple[EntryChange, ...] = ()

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}


def _order(entry_id: str) -> tuple[int, int, str]:
    return (0, int(entry_id), "") if entry_id.isdigit() else (1, 0, entry_id)


def changed_fields(before: ListEntry, after: ListEntry) -> tuple[str, ...]:
    """The compared fields that differ (set-wise for lists); ("details",) when only other data did."""
    fields = []
    for name in COMPARED_FIELDS:
        a, b = getattr(before, name), getattr(after, name)
        if (set(a) != set(b)) if isinstance(a, tuple) else a != b:
            fields.append(name)
    return tuple(fields) or ("details",)


def diff_entries(old: Iterable[ListEntry], new: Iterable[ListEntry]) -> ListDiff:
    """Additions, removals and changes from `old` to `new`, each sorted by entry id."""
    before = {e.entry_id: e for e in old}
    after = {e.entry_id: e for e in new}
    added = [after[i] for i in after.keys() - before.keys()]
    removed = [before[i] for i in before.keys() - after.keys()]
    changed = [
        EntryChange(before[i], after[i], changed_fields(before[i], after[i]))
        for i in before.keys() & after.keys()
        if before[i].content_hash != after[i].content_hash
    ]
    return ListDiff(
        tuple(sorted(added, key=lambda e: _order(e.entry_id))),
        tuple(sorted(removed, key=lambda e: _order(e.entry_id))),
        tuple(sorted(changed, key=lambda c: _order(c.after.entry_id))),
    )


def suspect_reason(
    publication: Publication, last_good_count: int | None, *, min_ratio: float = MIN_SIZE_RATIO
) -> str | None:
    """Why this download must not replace the last good snapshot, or None when it looks sound.

    Suspect: no entries; fewer entries than its own record count says (or more); fewer than
    `min_ratio` of the last good snapshot's entries (a cut download would otherwise become
    hundreds of false delistings).
    """
    count = len(publication.entries)
    if count == 0:
        return "the download has no entries"
    if publication.record_count is not None and publication.record_count != count:
        return f"the file says Record_Count {publication.record_count} but holds {count} entries"
    if last_good_count and count < min_ratio * last_good_count:
        return f"{count} entries is under {min_ratio:.0%} of the last good snapshot's {last_good_count}"
    return None


def removal_limit(last_good_count: int, max_removals: int | None = None) -> int:
    """How many removals one publication may bring before it is held as suspect: `max_removals`
    when set, else max(50, 0.5 % of the last good snapshot's entries)."""
    if max_removals is not None:
        return max_removals
    return max(MIN_SUSPECT_REMOVALS, math.ceil(SUSPECT_REMOVAL_SHARE * last_good_count))
