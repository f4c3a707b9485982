"""Prometheus metrics for `/metrics`: counters kept in the daemon, gauges read from the database
at scrape time.

In-process (since this daemon started): `monitor_polls_total`, `monitor_poll_failures_total`
and `monitor_poll_duration_seconds` per source. From the database: items stored per source,
events by action and certainty, alerts by channel and status, the outbox backlog and the age of
its oldest pending alert, each source's seconds since its last success and failures in a row,
the alert latency (item first seen → delivered) of the last day's deliveries; and the scheduler
heartbeat's age.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from monitor.config import Config

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, float("inf"))


class Metrics:
    """One registry per daemon (tests run several side by side)."""

    def __init__(
        self, config: Config, report: Callable[[datetime], dict[str, Any]], heartbeat_age: Callable[[], float | None]
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.polls = Counter("monitor_polls", "Polls finished, per source", ["source"], registry=self.registry)
        self.failures = Counter(
            "monitor_poll_failures", "Polls that failed, per source", ["source"], registry=self.registry
        )
        self.duration = Histogram(
            "monitor_poll_duration_seconds",
            "Time to fetch, parse and store one poll",
            ["source"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        for s in config.sources:
            if s.enabled:
                self.polls.labels(s.name)
                self.failures.labels(s.name)
        self.registry.register(_DatabaseCollector(report, heartbeat_age))

    def polled(self, source: str, ok: bool, seconds: float) -> None:
        """Count one finished poll."""
        self.polls.labels(source).inc()
        if not ok:
            self.failures.labels(source).inc()
        self.duration.labels(source).observe(seconds)

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes (reads the database: call it off the event loop)."""
        return generate_latest(self.registry)


class _DatabaseCollector(Collector):
    def __init__(self, report: Callable[[datetime], dict[str, Any]], heartbeat_age: Callable[[], float | None]) -> None:
        self.report = report
        self.heartbeat_age = heartbeat_age

    def describe(self) -> list[Metric]:
        return []  # read at scrape time; nothing to describe up front

    def collect(self) -> Iterator[Metric]:
        r = self.report(datetime.now(UTC))
        items = GaugeMetricFamily("monitor_items_stored", "Items stored, per source", labels=["source"])
        since = GaugeMetricFamily(
            "monitor_source_seconds_since_success",
            "Seconds since the source's (feed or official list) last successful poll",
            labels=["source", "kind"],
        )
        failing = GaugeMetricFamily(
            "monitor_source_consecutive_failures", "Failed polls in a row, per source", labels=["source", "kind"]
        )
        for s in r["sources"]:
            items.add_metric([s["name"]], s["items"])
            failing.add_metric([s["name"], s["kind"]], s["failures"])
            if s["seconds_since_success"] is not None:
                since.add_metric([s["name"], s["kind"]], s["seconds_since_success"])
        yield from (items, since, failing)
        events = GaugeMetricFamily(
            "monitor_events", "Events stored, by action and certainty", labels=["action", "certainty"]
        )
        for e in r["events"]:
            events.add_metric([e["action"], e["certainty"]], e["count"])
        yield events
        alerts = GaugeMetricFamily(
            "monitor_alerts",
            "Alerts in the outbox, by channel and status (open, pending, sending = queued; delivered; failed)",
            labels=["channel", "status"],
        )
        for a in r["alerts"]:
            alerts.add_metric([a["channel"], a["status"]], a["count"])
        yield alerts
        yield GaugeMetricFamily(
            "monitor_outbox_backlog",
            "Alerts due and not yet delivered (pending or sending)",
            value=r["outbox"]["backlog"],
        )
        yield GaugeMetricFamily(
            "monitor_outbox_oldest_pending_age_seconds",
            "How long the oldest due alert has waited (0 when none)",
            value=r["outbox"]["oldest_pending_age"] or 0.0,
        )
        latency = r["latency"]
        delivered = GaugeMetricFamily(
            "monitor_alert_latency_seconds",
            "Item first seen -> alert delivered, over the alerts delivered in the last day",
            labels=["stat"],
        )
        if latency:
            for stat, value in (
                ("p50", _quantile(latency, 0.5)),
                ("p90", _quantile(latency, 0.9)),
                ("max", latency[-1]),
            ):
                delivered.add_metric([stat], value)
        yield delivered
        yield GaugeMetricFamily(
            "monitor_alerts_delivered_last_day", "Alerts delivered in the last day", value=len(latency)
        )
        age = self.heartbeat_age()
        if age is not None:
            yield GaugeMetricFamily(
                "monitor_scheduler_heartbeat_age_seconds",
                "Seconds since the scheduler's heartbeat job last ran",
                value=age,
            )


def _quantile(values: list[float], q: float) -> float:
    """The nearest-rank quantile of sorted `values`."""
    return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))]
