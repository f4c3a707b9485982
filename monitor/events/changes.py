"""The changes an alert carries: one line of a diff each ("Belavia, US: sanctioned -> lifted").

A `Change` is frozen into the outbox as JSON when it is queued (`dump_changes`), so a retry
sends exactly what was first decided. Pure: no I/O.

May import: `monitor.vocabulary`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

__all__ = ["Change", "EvidenceRef", "dump_changes", "load_changes"]


@dataclass(frozen=True)
class EvidenceRef:
    """Where a change was read: the item or list publication, its link and the sentence."""

    title: str
    source: str
    link: str | None = None
    excerpt: str = ""
    published: str | None = None           # ISO date-time, UTC


@dataclass(frozen=True)
class Change:
    """One entry of a diff sent to a channel.

    `kind`: status (before != after), confirmation (an official list confirms the current
    state), signal (a speculative report; status unchanged), list (an addition or removal in a
    watched programme or country, not tied to a tracked entity).
    """

    kind: str
    entity_key: str | None
    entity_name: str
    jurisdiction: str | None
    action: str                            # lift | impose
    before: str | None
    after: str | None
    certainty: str                         # speculative | confirmed | official
    effective_date: date | None = None
    reported: date | None = None           # the event's date: effective, else first published
    scope: str | None = None
    event_id: int | None = None
    sources: int = 0                       # independent sources reporting the event
    confirmed_by: str | None = None        # "the OFAC SDN publication of 2025-11-04"
    watch: str | None = None               # list changes: the [[watch]] that matched
    programme: str | None = None
    evidence: tuple[EvidenceRef, ...] = field(default_factory=tuple)
    late: bool = False                     # status: recorded after newer changes (a retried item)

    def to_json(self) -> dict[str, Any]:
        """The change as it appears in the webhook document (version 1); `late` only when true."""
        d = asdict(self)
        if not d["late"]:
            del d["late"]
        head = {"kind": d.pop("kind"), "entity": {"key": d.pop("entity_key"), "name": d.pop("entity_name")}}
        d["effective_date"] = self.effective_date.isoformat() if self.effective_date else None
        d["reported"] = self.reported.isoformat() if self.reported else None
        d["evidence"] = [asdict(e) for e in self.evidence]
        return head | d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Change:
        d = dict(d)
        entity = d.pop("entity")
        for key in ("effective_date", "reported"):
            d[key] = date.fromisoformat(d[key]) if d.get(key) else None
        evidence = tuple(EvidenceRef(**e) for e in d.pop("evidence"))
        return cls(entity_key=entity["key"], entity_name=entity["name"], evidence=evidence, **d)


def dump_changes(changes: Sequence[Change]) -> str:
    """The JSON an outbox row stores: the changes exactly as they will be sent."""
    return json.dumps([c.to_json() for c in changes], ensure_ascii=False, sort_keys=True)


def load_changes(text: str) -> list[Change]:
    """Parse the JSON an outbox row stores back into changes."""
    return [Change.from_json(d) for d in json.loads(text)]
