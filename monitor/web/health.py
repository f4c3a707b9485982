"""`/healthz` and the all-sources-failing warning: verdicts from the operations report.

Healthy means the scheduler is alive (its heartbeat job ran lately) and the outbox is moving
(no pending alert older than `[web] max_alert_age`), and not every source is down. A source is
down when its last poll failed and it has had no success for three of its periods, counted
from when this daemon started at the earliest (a week off is not a week of failures).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["Heartbeat", "all_failing", "down_sources", "verdict"]


@dataclass
class Heartbeat:
    """When the scheduler's heartbeat job last ran (monotonic clock), and when the daemon started."""

    every: float = 10.0
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    last: float | None = None

    def beat(self) -> None:
        self.last = time.monotonic()

    def age(self) -> float | None:
        """Seconds since the last beat; None before the first."""
        return None if self.last is None else time.monotonic() - self.last

    @property
    def alive_within(self) -> float:
        """A beat older than this means the scheduler has stopped."""
        return max(30.0, 3 * self.every)


def _enabled(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in report["sources"] if s["enabled"]]


def all_failing(report: dict[str, Any]) -> bool:
    """Every enabled source's last poll failed (there is at least one enabled source)."""
    sources = _enabled(report)
    return bool(sources) and all(s["failures"] > 0 for s in sources)


def down_sources(report: dict[str, Any], *, now: datetime, started: datetime) -> list[str]:
    """Names of enabled sources failing with no success for 3 × their period (see the module doc)."""
    down = []
    for s in _enabled(report):
        if s["failures"] == 0:
            continue
        since = started
        if s["last_success"]:
            since = max(since, datetime.fromisoformat(s["last_success"]))
        if (now - since).total_seconds() > 3 * s["every"]:
            down.append(s["name"])
    return down


def verdict(
    report: dict[str, Any], heartbeat: Heartbeat, *, now: datetime, max_alert_age: float
) -> tuple[bool, list[str]]:
    """(healthy, the reasons it is not): the three checks of the module doc."""
    reasons = []
    age = heartbeat.age()
    if age is None:
        reasons.append("the scheduler has not started")
    elif age > heartbeat.alive_within:
        reasons.append(f"the scheduler has not run for {age:.0f}s")
    enabled = _enabled(report)
    down = down_sources(report, now=now, started=heartbeat.started)
    if enabled and len(down) == len(enabled):
        reasons.append(f"every source has failed for longer than 3 times its period: {', '.join(down)}")
    oldest = report["outbox"]["oldest_pending_age"]
    if oldest is not None and oldest > max_alert_age:
        reasons.append(f"the oldest pending alert has waited {oldest:.0f}s (max_alert_age {max_alert_age:.0f}s)")
    return not reasons, reasons
