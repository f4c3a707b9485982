"""Helpers for the web tests: a database with a story in it, and the real server on loopback.

`populated()` writes a config (feed and list sources, a webhook channel, `[web]`) and records
Belavia's US sanctions being lifted (news, then the OFAC list), a speculative EU signal on
Belaruskali, and source state. `running()` serves it with the daemon's own `Operations` on a
free loopback port, in an event loop on a thread of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.config import Config, Listen
from monitor.events.official import record_official_event
from monitor.events.pipeline import analyze_pending_items
from monitor.storage.db import open_database
from monitor.storage.models import SourceState
from monitor.web.service import Operations
from tests.support.alerting import ScriptedAnalyzer, add_item, finding, webhook_alert, write_config

LIFT = "US Treasury removes Belavia from sanctions list"
SIGNAL = "EU may ease Belaruskali sanctions"
IMPOSE = "US imposes sanctions on Belavia"


def populated(tmp_path: Path, web: str = "", *, story: bool = True) -> Config:
    """A config with two feed sources, one list source and a webhook; with `story`, its events."""
    sources = """
[[source]]
name = "news"
kind = "feed"
url = "http://127.0.0.1:9/news.xml"
every = "15m"
[[source]]
name = "wire"
kind = "feed"
url = "http://127.0.0.1:9/wire.xml"
every = "15m"
[[source]]
name = "ofac"
kind = "ofac-sdn"
url = "http://127.0.0.1:9/sdn.xml"
every = "1d"
"""
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/hook"), extra=f"[web]\n{web}\n{sources}")
    engine = open_database(config.database.url)
    try:
        if story:
            now = datetime.now(UTC)
            earlier = now - timedelta(days=40)
            add_item(engine, guid="i1", title=IMPOSE, published=earlier, url="https://news.example/impose")
            analyze_pending_items(
                engine, ScriptedAnalyzer({IMPOSE: finding(action="impose")}), now=earlier, config=config
            )
            add_item(
                engine, guid="a1", title=LIFT, published=now - timedelta(days=2), url="https://news.example/belavia"
            )
            add_item(engine, guid="s1", title=SIGNAL, published=now - timedelta(days=1))
            analyzer = ScriptedAnalyzer(
                {
                    LIFT: finding(scope="full"),
                    SIGNAL: finding("belaruskali", jurisdiction="EU", certainty="speculative"),
                }
            )
            analyze_pending_items(engine, analyzer, now=now, config=config)
            with Session(engine) as session:
                record_official_event(
                    session,
                    entity="belavia",
                    action="lift",
                    jurisdiction="US",
                    effective_date=now.date() - timedelta(days=1),
                    source="ofac",
                    title="OFAC SDN",
                    url=None,
                    excerpt="BELAVIA removed",
                    now=now,
                    config=config,
                )
                session.commit()
        set_state(engine, "news", last_success=datetime.now(UTC))
        set_state(engine, "wire", last_success=datetime.now(UTC))
        set_state(engine, "ofac", last_success=datetime.now(UTC), kind="ofac-sdn")
    finally:
        engine.dispose()
    return config


def set_state(
    engine: Engine,
    name: str,
    *,
    last_success: datetime | None,
    failures: int = 0,
    error: str | None = None,
    kind: str = "feed",
) -> None:
    """Write a source's polling state as the poller would."""
    with Session(engine) as session:
        row = session.get(SourceState, name) or SourceState(name=name, kind=kind)
        row.last_success = last_success
        row.consecutive_failures = failures
        row.last_error = error
        row.last_error_at = datetime.now(UTC) if error else None
        row.last_polled = datetime.now(UTC)
        session.add(row)
        session.commit()


@dataclass
class Running:
    url: str
    ops: Operations
    loop: asyncio.AbstractEventLoop


@contextlib.contextmanager
def running(config: Config, *, loopback: bool = True, beat: bool = True) -> Iterator[Running]:
    """Serve `config` with `Operations.serve` on 127.0.0.1 (a free port); `loopback=False` makes
    the server treat the address as public (token required) without opening a public port."""
    engine = open_database(config.database.url)
    ops = Operations(config, engine)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    done = threading.Event()
    failure: list[BaseException] = []

    async def main() -> None:
        try:
            await ops.serve(Listen("127.0.0.1", 0, loopback))
            if beat:
                ops.heartbeat.beat()
        except Exception as exc:  # handed to the test's thread
            failure.append(exc)
            return
        finally:
            started.set()
        while not done.is_set():
            await asyncio.sleep(0.02)
        await ops.stop()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    started.wait(20)
    try:
        if failure:
            raise failure[0]
        assert ops.url is not None
        yield Running(ops.url, ops, loop)
    finally:
        done.set()
        thread.join(20)
        loop.close()
        engine.dispose()


def today() -> date:
    return datetime.now(UTC).date()
