"""The changes an alert carries: one line of a diff each ("Belavia, US: sanctioned -> lifted").

A `Change` is frozen into the outbox as JSON when it is queued (`dump_changes`), so a retry
sends exactly what was first decided. Pure: no I/O.

How sure a change is, in words an analyst cannot misread (`Change.certainty_text`): news that
no list has confirmed yet is "reported by 2 sources, not yet on OFAC SDN", never just
"confirmed"; once a list confirms it, "confirmed by the OFAC SDN publication of 2025-11-04".

May import: `monitor.vocabulary`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from monitor.vocabulary import LIST_KINDS

__all__ = ["DERIVED_FIELDS", "Change", "EvidenceRef", "dump_changes", "jurisdiction_list", "load_changes"]

DERIVED_FIELDS = ("official_list", "certainty_text")
"""Keys `Change.to_json` adds for receivers (computed from the others; dropped when read back)."""


def jurisdiction_list(jurisdiction: str | None) -> str | None:
    """The official list that would confirm a change in `jurisdiction` ("OFAC SDN" for US), if any."""
    return next((kind.label for kind in LIST_KINDS.values() if kind.jurisdiction == jurisdiction), None)


def _sources(n: int) -> str:
    return f"reported by {n} source{'s' if n != 1 else ''}" if n else "reported"


@dataclass(frozen=True)
class EvidenceRef:
    """Where a change was read: the item or list publication, its link and the sentence."""

    title: str
    source: str
    link: str | None = None
    excerpt: str = ""
    published: str | None = None  # ISO date-time, UTC


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
    action: str  # lift | impose
    before: str | None
    after: str | None
    certainty: str  # speculative | confirmed | official
    effective_date: date | None = None
    reported: date | None = None  # the event's date: effective, else first published
    scope: str | None = None
    event_id: int | None = None
    sources: int = 0  # independent sources reporting the event
    confirmed_by: str | None = None  # "the OFAC SDN publication of 2025-11-04"
    watch: str | None = None  # list changes: the [[watch]] that matched
    programme: str | None = None
    evidence: tuple[EvidenceRef, ...] = field(default_factory=tuple)
    late: bool = False  # status: recorded after newer changes (a retried item)
    test: bool = False  # a sample sent by `monitor test-alert`: nothing changed

    @property
    def certainty_text(self) -> str:
        """How sure the change is, in words that do not make news read as official.

        News: "reported by 2 sources, not yet on OFAC SDN" (or "no official list confirmation
        yet" where no list of the jurisdiction is known), then "reported by 2 sources, confirmed
        by the OFAC SDN publication of 2025-11-04". A list event: "confirmed by the OFAC SDN
        publication of ...". Talk: "speculative, reported by 1 source: talk, not a decision".
        """
        reported = _sources(self.sources)
        if self.certainty == "official":
            if self.confirmed_by:
                return f"confirmed by {self.confirmed_by}"
            return f"official: on {self.official_list or 'an official list'}"
        if self.certainty == "speculative":
            return f"speculative, {reported}: talk, not a decision"
        if self.confirmed_by:
            return f"{reported}, confirmed by {self.confirmed_by}"
        if self.official_list:
            return f"{reported}, not yet on {self.official_list}"
        return f"{reported}, no official list confirmation yet"

    @property
    def official_list(self) -> str | None:
        """The official list of the change's jurisdiction ("OFAC SDN" for US), None for others."""
        return jurisdiction_list(self.jurisdiction)

    def to_json(self) -> dict[str, Any]:
        """The change as it appears in the webhook document (version 1).

        Fields are only ever added: `official_list` and `certainty_text` (derived), `test`
        (present, and true, only on a `monitor test-alert` sample), `late` (present, and true,
        only on a status change recorded after newer ones).
        """
        d = asdict(self)
        if not d["late"]:
            del d["late"]
        head = {"kind": d.pop("kind"), "entity": {"key": d.pop("entity_key"), "name": d.pop("entity_name")}}
        d["effective_date"] = self.effective_date.isoformat() if self.effective_date else None
        d["reported"] = self.reported.isoformat() if self.reported else None
        d["evidence"] = [asdict(e) for e in self.evidence]
        if not self.test:
            del d["test"]
        d["official_list"] = self.official_list
        d["certainty_text"] = self.certainty_text
        return head | d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Change:
        d = {k: v for k, v in d.items() if k not in DERIVED_FIELDS}
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
