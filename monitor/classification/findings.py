"""What the analyzer says about one item: the watchlist entities it mentions and the events.

This module is the contract between the pure core (normalise → match → classify) and the
rest: `monitor analyze` prints these records as JSON and the daemon's pipeline stores them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = ["Analysis", "EventFinding", "ItemText"]

Action = Literal["lift", "impose"]
Certainty = Literal["confirmed", "speculative"]
Scope = Literal["full", "partial"]


@dataclass(frozen=True)
class ItemText:
    """The text of one item as the analyzer sees it."""

    title: str
    summary: str = ""
    lang: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class EventFinding:
    """One sanctions event about one entity, with the sentence that says so."""

    entity: str  # watchlist key
    action: Action
    jurisdiction: str | None  # US, EU, UK, UN, CA, CH, UA, JP, AU, other, or None
    certainty: Certainty
    scope: Scope | None = None
    effective_date: date | None = None
    evidence: str = ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["effective_date"] = self.effective_date.isoformat() if self.effective_date else None
        return d


@dataclass(frozen=True)
class Analysis:
    """Mentions (entity keys, in order of first appearance) and events of one item."""

    mentions: tuple[str, ...] = ()
    events: tuple[EventFinding, ...] = field(default_factory=tuple)
