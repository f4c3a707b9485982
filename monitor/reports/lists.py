"""`monitor lists` and `monitor list-diff`: the official lists' snapshots as rows, JSON or text."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from monitor.config import Config
from monitor.errors import ConfigError
from monitor.lists.snapshots import last_diff, list_overview
from monitor.reports.database import reading
from monitor.reports.table import format_table
from monitor.storage.db import open_database
from monitor.vocabulary import LIST_KINDS

__all__ = ["format_list_diff", "format_lists", "list_diff_report", "lists_report"]

_COLUMNS = (
    ("source", 16),
    ("kind", 13),
    ("published", 11),
    ("entries", 8),
    ("added", 6),
    ("removed", 8),
    ("changed", 8),
    ("last_error", 0),
)
_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def lists_report(config: Config, *, engine: Engine | None = None) -> list[dict[str, Any]]:
    """One row per configured list source: last publication, entries, last diff counts, last error."""
    with reading(config, engine) as db:
        return list_overview(db, config)


def list_diff_report(config: Config, source: str) -> dict[str, Any]:
    """The last diff of list source `source`, with every entry it added, removed or changed.

    Raises:
        ConfigError: no such source, or it is not an official list.
        SourceError is never raised here: a source never polled gives an empty report.
    """
    kind = config.source(source).kind
    if kind not in LIST_KINDS:
        raise ConfigError(
            f"{config.path}: source {source!r} is a {kind!r} source, not an official list ({', '.join(LIST_KINDS)})"
        )
    engine = open_database(config.database.url)
    try:
        report = last_diff(engine, source)
    finally:
        engine.dispose()
    return report or {"source": source, "kind": kind, "published": None, "entries": None, "changes": []}


def format_lists(rows: list[dict[str, Any]]) -> str:
    """A fixed-width table, one line per list source."""
    table: list[list[Any]] = [[name.upper() for name, _ in _COLUMNS]]
    for row in rows:
        cells = {
            **row,
            "published": row["published"] or (row["fetched_at"] or "never")[:10],
            "entries": "-" if row["entries"] is None else row["entries"],
            "last_error": row["last_error"] or "-",
        }
        if row["baseline"]:
            cells.update(added="base", removed="-", changed="-")
        table.append([cells[name] for name, _ in _COLUMNS])
    return format_table(table, [width for _, width in _COLUMNS])


def format_list_diff(report: dict[str, Any]) -> str:
    """A header line, then one line per change: `+ 36011  SLAVKALI  [BELARUS-EO14038]`."""
    if report["entries"] is None:
        return f"{report['source']}: no publication stored yet"
    head = (
        f"{report['source']} ({report['kind']}) publication of {report['published'] or report['fetched_at'][:10]}: "
        f"{report['entries']} entries"
    )
    if report["baseline"]:
        return head + ", first snapshot (nothing to compare)"
    lines = [head + f", {report['added']} added, {report['removed']} removed, {report['changed']} changed"]
    for c in report["changes"]:
        entry = c["after"] or c["before"]
        detail = f"[{'; '.join(entry['programmes'])}]"
        if c["change"] == "changed":
            detail += "  changed: " + ", ".join(c["fields"])
        lines.append(f"{_SIGN[c['change']]} {c['entry_id']:<10} {c['name']}  {detail}")
    return "\n".join(lines)
