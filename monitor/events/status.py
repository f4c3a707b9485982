"""Status of an entity in one jurisdiction, computed from its events (pure: no I/O, no clock).

Rules:
- Only confirmed (news) and official (list) events change status; speculative ones are
  signals and never do.
- Events are ordered by the day they took effect (else the day first reported), then official
  before news on the same day, then the order they were learned. The last one sets the state,
  so an older event learned later never overwrites a newer state.
- impose -> sanctioned; lift with partial scope (licence, easing) -> eased; other lifts ->
  lifted (delisted). "not listed" is reserved (no event sets it yet); no events -> unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from monitor.vocabulary import CERTAINTY_RANK

__all__ = [
    "STATES",
    "EventFacts",
    "Status",
    "compute_status",
    "confirmation_state",
    "state_after",
    "transitions",
]

STATES = ("sanctioned", "eased", "lifted", "not listed", "unknown")


@dataclass(frozen=True)
class EventFacts:
    """What status computation needs to know about one event."""

    id: int
    action: str
    certainty: str
    scope: str | None
    reported: date  # effective date, else first publication date
    first_seen: datetime


@dataclass(frozen=True)
class Status:
    """The state, the day it began and the event that set it (the first of the current run)."""

    state: str = "unknown"
    since: date | None = None
    event_id: int | None = None
    certainty: str | None = None  # the strongest certainty behind the current state


def state_after(action: str, scope: str | None) -> str:
    """The state an event leaves an entity in."""
    if action == "impose":
        return "sanctioned"
    if action == "lift":
        return "eased" if scope == "partial" else "lifted"
    raise ValueError(f"unknown action {action!r}")


def _order(e: EventFacts) -> tuple[date, int, datetime, int]:
    return (e.reported, CERTAINTY_RANK[e.certainty], e.first_seen, e.id)


def compute_status(events: Iterable[EventFacts]) -> Status:
    """The current status given every event of one entity in one jurisdiction.

    Args:
        events: the events in any order; speculative ones are ignored.

    Returns:
        The state set by the last decisive event; `since` and `event_id` are those of the
        first event of the trailing run that agrees on that state.
    """
    decisive = sorted((e for e in events if e.certainty != "speculative"), key=_order)
    if not decisive:
        return Status()
    state = state_after(decisive[-1].action, decisive[-1].scope)
    run = []
    for e in reversed(decisive):
        if state_after(e.action, e.scope) != state:
            break
        run.append(e)
    first = run[-1]
    strongest = max((e.certainty for e in run), key=CERTAINTY_RANK.__getitem__)
    return Status(state=state, since=first.reported, event_id=first.id, certainty=strongest)


def confirmation_state(
    certainty: str, confirmed_by: int | None, reported: date, *, today: date, unconfirmed_after: timedelta
) -> str:
    """How far a list backs an event: official, confirmed by list, awaiting list, unconfirmed.

    A news event that no official list confirmed within `unconfirmed_after`
    (`[daemon].unconfirmed_after`) is shown as unconfirmed; a speculative one is a signal.
    """
    if certainty == "official":
        return "official"
    if certainty == "speculative" and confirmed_by is None:
        return "signal"
    if confirmed_by is not None:
        return "confirmed by list"
    if today - reported > unconfirmed_after:
        return "unconfirmed"
    return "awaiting list"


def transitions(events: Iterable[EventFacts]) -> list[tuple[EventFacts, str, str]]:
    """Every change of state in event-date order, starting from unknown: (event, before, after).

    The history that processing the events in date order would have recorded; compared with and
    without an event learned late, it names the transitions that event adds.
    """
    out = []
    state = "unknown"
    for e in sorted((e for e in events if e.certainty != "speculative"), key=_order):
        after = state_after(e.action, e.scope)
        if after != state:
            out.append((e, state, after))
            state = after
    return out


def order_key(e: EventFacts) -> tuple[date, int, datetime, int]:
    """The order status is computed in: effective date, official before news, learned, id."""
    return _order(e)
