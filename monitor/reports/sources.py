"""`monitor sources`: each configured source's health as plain rows, for JSON or a table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine

from monitor.config import Config
from monitor.reports.database import reading
from monitor.reports.table import format_table
from monitor.storage.items import source_rows

__all__ = ["format_sources", "source_report"]

_COLUMNS = (
    ("name", 28),
    ("kind", 12),
    ("last_success", 20),
    ("failures", 8),
    ("items", 7),
    ("next_due", 20),
    ("last_error", 0),
)


def source_report(config: Config, *, engine: Engine | None = None) -> list[dict[str, Any]]:
    """One row per configured source, in config order; times are ISO 8601 UTC."""
    with reading(config, engine) as db:
        rows = source_rows(db, [s.name for s in config.sources])
    report = []
    for source in config.sources:
        state, items = rows[source.name]
        report.append(
            {
                "name": source.name,
                "kind": source.kind,
                "url": source.url,
                "enabled": source.enabled,
                "last_success": _iso(state.last_success if state else None),
                "last_error": state.last_error if state else None,
                "last_error_at": _iso(state.last_error_at if state else None),
                "failures": state.consecutive_failures if state else 0,
                "items": items,
                "next_due": _iso(state.next_due if state else None),
            }
        )
    return report


def format_sources(report: list[dict[str, Any]]) -> str:
    """A fixed-width table, one line per source; the error column is not cut."""
    rows: list[list[Any]] = [[name.upper() for name, _ in _COLUMNS]]
    for row in report:
        cells = {
            **row,
            "last_success": row["last_success"] or "never",
            "next_due": "disabled" if not row["enabled"] else row["next_due"] or "now",
            "last_error": row["last_error"] or "-",
        }
        rows.append([cells[name] for name, _ in _COLUMNS])
    return format_table(rows, [width for _, width in _COLUMNS], cut=True)


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
