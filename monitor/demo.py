"""`monitor demo`: the whole service, offline, on the sample feeds of `seeds/demo/`.

A newcomer sees it work end to end without the internet or a config: the sample feeds are
served from a loopback HTTP server, a `Config` points the daemon at them and at a throwaway
SQLite file, and the daemon's own `run_once` does the rest (poll → store → analyze → events
and status → alert outbox → delivery). What it found is shown by the same reports as
`monitor sources`, `events`, `status`, `diff` and `alerts`.

Adding a sample is adding a file: every `*.xml` (RSS) and `*.atom` (Atom) in the folder is a
source named `demo-<file stem>`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from monitor.config import AlertConfig, Config, DaemonConfig, DatabaseConfig, SourceConfig, WatchlistConfig
from monitor.daemon import run_once, utc_now
from monitor.errors import ConfigError
from monitor.reports.history import (
    alerts_report,
    diff_report,
    events_report,
    format_alerts,
    format_diff,
    format_events,
    format_status,
    status_report,
)
from monitor.reports.sources import format_sources, source_report
from monitor.reports.table import format_table
from monitor.seedfiles import SEEDS_PATH, shown_path
from monitor.storage.db import open_database
from monitor.storage.models import Item, Mention

__all__ = ["DEMO_PATH", "DemoRun", "demo_config", "format_demo", "run_demo", "serve_feeds"]

DEMO_PATH = SEEDS_PATH / "demo"
WATCHLIST = SEEDS_PATH / "entities.toml"
FEED_TYPES = {".xml": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8"}


@dataclass(frozen=True)
class DemoRun:
    """One demo run: where it ran and when it started (the diff's `since`)."""

    config: Config
    feeds_url: str
    started: datetime
    kept: bool  # the database outlives the run (--db)


class _FeedHandler(SimpleHTTPRequestHandler):
    """Serves the folder's files with feed content types, and says nothing on stderr."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **FEED_TYPES}  # noqa: RUF012 (the handler's API)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_feeds(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port, in a thread; yield the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_FeedHandler, directory=str(folder)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="demo-feeds", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def demo_config(folder: Path, feeds_url: str, db: Path, *, webhook: str | None = None) -> Config:
    """A config of one source per sample feed, the seed watchlist and SQLite at `db`; with
    `webhook`, one unsigned webhook channel that also gets speculative reports.

    Raises:
        ConfigError: no sample feeds in `folder`, or `webhook` is not an http(s) URL.
    """
    files = sorted(p for p in folder.iterdir() if p.suffix in FEED_TYPES)
    if not files:
        raise ConfigError(f"{folder}: no sample feeds (*.xml, *.atom)")
    if webhook is not None and not re.match(r"^https?://", webhook):
        raise ConfigError(f"--webhook: expected an http:// or https:// URL, got {webhook!r}")
    alerts = (AlertConfig(name="demo-webhook", kind="webhook", url=webhook, min_certainty="speculative"),)
    return Config(
        path=folder,
        database=DatabaseConfig(f"sqlite:///{db.resolve()}"),
        watchlist=WatchlistConfig((WATCHLIST,)),
        # one source at a time, in file order: the same numbering on every run;
        # a few small feeds need no parse processes
        daemon=DaemonConfig(concurrency=1, parse_processes=0),
        sources=tuple(SourceConfig(name=f"demo-{p.stem}", kind="feed", url=feeds_url + p.name) for p in files),
        alerts=alerts if webhook is not None else (),
    )


def run_demo(db: Path | None = None, *, webhook: str | None = None, folder: Path = DEMO_PATH) -> str:
    """Serve the sample feeds, run the daemon once into SQLite at `db` (a temporary file, deleted
    afterwards, when None) and return the report a user reads.

    Raises:
        ConfigError: see `demo_config`. MonitorError: the run itself failed.
    """
    with contextlib.ExitStack() as stack:
        kept = db is not None
        if db is None:
            db = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="monitor-demo-"))) / "demo.db"
        feeds_url = stack.enter_context(serve_feeds(folder))
        config = demo_config(folder, feeds_url, db, webhook=webhook)
        stack.enter_context(_quiet_progress())
        started = utc_now()
        asyncio.run(run_once(config))  # a failing source shows in the sources table
        return format_demo(DemoRun(config, feeds_url, started, kept))


def format_demo(run: DemoRun) -> str:
    """The report: sources, items, events, status, the diff (and alerts), each under the
    command that shows it."""
    config, now = run.config, utc_now()
    db = config.database.url.removeprefix("sqlite:///")
    sections = [
        f"Served {len(config.sources)} sample feeds from {shown_path(config.path)} at {run.feeds_url} "
        f"(loopback, no internet).\nWatchlist: {shown_path(WATCHLIST)}. "
        f"Database: {db}{'' if run.kept else ' (temporary)'}.",
        ("Sources polled (monitor sources)", format_sources(source_report(config))),
        ("Items found, with the watchlist entities they name", format_items(item_rows(config))),
        ("Events (monitor events)", format_events(events_report(config, since=None, entity=None, now=now))),
        ("Status per entity and jurisdiction (monitor status)", format_status(status_report(config, None, now=now))),
        (
            "What changed in this run: the alert text (monitor diff)",
            format_diff(diff_report(config, since=run.started)),
        ),
    ]
    if config.alerts:
        sections.append(("Alerts (monitor alerts)", format_alerts(alerts_report(config, failed=False))))
    sections.append(
        "That was `monitor run --once` on sample feeds. `monitor run` does the same with the feeds "
        "of config.toml,\neach on its schedule, and sends the changes to the [[alert]] channels."
    )
    return "\n\n".join(s if isinstance(s, str) else f"== {s[0]} ==\n{s[1]}" for s in sections)


def item_rows(config: Config) -> list[dict[str, Any]]:
    """Every stored item with the watchlist entities it names, by source and date."""
    with Session(open_database(config.database.url)) as session:
        items = session.exec(select(Item).order_by(col(Item.source), col(Item.published), col(Item.id))).all()
        named: dict[int, list[str]] = {}
        for mention in session.exec(select(Mention).order_by(col(Mention.id))):
            named.setdefault(mention.item_id, []).append(mention.entity)
        return [
            {
                "source": i.source,
                "published": i.published.date().isoformat() if i.published else "-",
                "title": i.title,
                "entities": named.get(i.id or 0, []),
            }
            for i in items
        ]


def format_items(rows: list[dict[str, Any]]) -> str:
    """One line per item: source, date, the entities it names (or -), title."""
    if not rows:
        return "no items"
    table = [("SOURCE", "PUBLISHED", "NAMES", "TITLE")]
    table += [(r["source"], r["published"], ", ".join(r["entities"]) or "-", r["title"]) for r in rows]
    return format_table(table)


@contextlib.contextmanager
def _quiet_progress() -> Iterator[None]:
    """The daemon's INFO lines (polled, analyzed) repeat what the report shows; warnings stay,
    and -v still shows everything."""
    logger = logging.getLogger("monitor")
    level = logger.level
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
