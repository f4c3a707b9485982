"""monitor/events/status.py: status from events, ordering, speculative signals, official precedence."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from monitor.events.status import EventFacts, Status, compute_status, confirmation_state, state_after

T0 = datetime(2025, 11, 1, 12, 0)


def ev(
    id: int, action: str, day: int, certainty: str = "confirmed", scope: str | None = None, seen_h: int | None = None
) -> EventFacts:
    """An event reported on 2025-11-<day>, learned `seen_h` hours after T0 (default: in id order)."""
    return EventFacts(
        id=id,
        action=action,
        certainty=certainty,
        scope=scope,
        reported=date(2025, 11, day),
        first_seen=T0 + timedelta(hours=seen_h if seen_h is not None else id),
    )


def test_no_events_is_unknown() -> None:
    assert compute_status([]) == Status("unknown", None, None, None)


@pytest.mark.parametrize(
    ("action", "scope", "state"),
    [
        ("impose", None, "sanctioned"),
        ("impose", "partial", "sanctioned"),
        ("lift", "full", "lifted"),
        ("lift", None, "lifted"),
        ("lift", "partial", "eased"),
    ],
)
def test_state_after_each_action(action: str, scope: str | None, state: str) -> None:
    assert state_after(action, scope) == state


def test_state_after_rejects_unknown_action() -> None:
    with pytest.raises(ValueError):
        state_after("ponder", None)


def test_latest_confirmed_event_sets_state_since_its_date() -> None:
    status = compute_status([ev(1, "impose", 2), ev(2, "lift", 4, scope="full")])
    assert status == Status("lifted", date(2025, 11, 4), 2, "confirmed")


def test_speculative_events_never_change_status() -> None:
    status = compute_status([ev(1, "impose", 2), ev(2, "lift", 9, certainty="speculative")])
    assert status.state == "sanctioned" and status.event_id == 1


def test_only_speculative_events_leave_status_unknown() -> None:
    assert compute_status([ev(1, "lift", 9, certainty="speculative")]).state == "unknown"


def test_older_event_learned_later_does_not_overwrite_newer_state() -> None:
    newer_first = ev(1, "lift", 10, seen_h=1)
    older_later = ev(2, "impose", 3, seen_h=50)
    assert compute_status([newer_first, older_later]).state == "lifted"
    assert compute_status([older_later, newer_first]).state == "lifted"


def test_official_outranks_news_on_the_same_day() -> None:
    news = ev(1, "lift", 4, scope="partial", seen_h=5)
    official = ev(2, "lift", 4, certainty="official", scope="full", seen_h=1)
    status = compute_status([news, official])
    assert status.state == "lifted" and status.certainty == "official"


def test_since_is_the_first_event_of_the_agreeing_run() -> None:
    events = [ev(1, "impose", 1), ev(2, "lift", 4), ev(3, "lift", 5, certainty="official")]
    status = compute_status(events)
    assert (status.state, status.since, status.event_id, status.certainty) == (
        "lifted",
        date(2025, 11, 4),
        2,
        "official",
    )


def test_reimposition_after_lift() -> None:
    status = compute_status([ev(1, "impose", 1), ev(2, "lift", 4), ev(3, "impose", 20)])
    assert (status.state, status.since) == ("sanctioned", date(2025, 11, 20))


@pytest.mark.parametrize(
    ("certainty", "confirmed_by", "age", "expected"),
    [
        ("official", None, 30, "official"),
        ("confirmed", 7, 30, "confirmed by list"),
        ("confirmed", None, 2, "awaiting list"),
        ("confirmed", None, 8, "unconfirmed"),
        ("speculative", None, 8, "signal"),
        ("speculative", 7, 8, "confirmed by list"),
    ],
)
def test_confirmation_state(certainty: str, confirmed_by: int | None, age: int, expected: str) -> None:
    reported = date(2025, 11, 1)
    assert (
        confirmation_state(
            certainty, confirmed_by, reported, today=reported + timedelta(days=age), unconfirmed_after=timedelta(days=7)
        )
        == expected
    )
