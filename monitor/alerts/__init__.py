"""Alert channels: the change documents they carry, which channel takes which change, sending.

A `Change` is one line of a diff ("Belavia, US: sanctioned -> lifted"). It is frozen into the
outbox as JSON when enqueued, so a retry sends exactly what was first decided. Each channel kind
has a module with `send(message, *, settings)` that raises `DeliveryError` and keeps no state.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from monitor.config import AlertConfig

if TYPE_CHECKING:
    from monitor.models import OutboxMessage

__all__ = ["CERTAINTY_RANK", "Change", "EvidenceRef", "accepts", "dump_changes", "load_changes", "send"]

CERTAINTY_RANK = {"speculative": 0, "confirmed": 1, "official": 2}
CHANGE_KINDS = ("status", "confirmation", "signal", "list")


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


def accepts(channel: AlertConfig, change: Change) -> bool:
    """Whether `channel`'s filters (entities, jurisdictions, actions, min_certainty) take `change`.

    List changes from a [[watch]] carry no entity key: a channel limited to named entities
    does not take them.
    """
    if channel.entities and change.entity_key not in channel.entities:
        return False
    if channel.jurisdictions and change.jurisdiction not in channel.jurisdictions:
        return False
    if channel.actions and change.action not in channel.actions:
        return False
    return CERTAINTY_RANK[change.certainty] >= CERTAINTY_RANK[channel.min_certainty]


def send(message: OutboxMessage, *, settings: AlertConfig) -> None:
    """Send one outbox message through the channel kind it was queued for.

    Raises:
        DeliveryError: it was not delivered (`retry` says whether trying again can help).
    """
    from monitor.alerts import email, webhook

    sender = {"email": email.send, "webhook": webhook.send}[settings.kind]
    sender(message, settings=settings)


def dump_changes(changes: Sequence[Change]) -> str:
    """The JSON an outbox row stores: the changes exactly as they will be sent."""
    return json.dumps([c.to_json() for c in changes], ensure_ascii=False, sort_keys=True)


def load_changes(text: str) -> list[Change]:
    """Parse the JSON an outbox row stores back into changes."""
    return [Change.from_json(d) for d in json.loads(text)]
