"""monitor/polling/poll.py + monitor/storage/items.py against a real HTTP server and a real SQLite file."""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from monitor.config import Config, load_config
from monitor.errors import SourceError
from monitor.polling.context import PollContext, Polled, Validators
from monitor.polling.poll import (
    POLLERS,
    Outcome,
    PollResult,
    next_due_after_failure,
    poll_source,
    record_outcomes,
    run_poller,
)
from monitor.storage.db import open_database
from monitor.storage.items import Stored, load_state
from monitor.storage.models import Item, SourceState
from sanctions_monitor_sources.http import make_client
from tests.support.paths import FIXTURES
from tests.support.servers import LoopbackServer, Request, Response

FEEDS = FIXTURES / "feeds"
ITEM = SQLModel.metadata.tables["item"]
NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
RSS = {"Content-Type": "application/rss+xml"}


def make_config(tmp_path: Path, server: LoopbackServer, names: list[str], extra: str = "") -> Config:
    tables = "".join(f'[[source]]\nname = "{n}"\nkind = "feed"\nurl = "{server.url("/" + n)}"\n' for n in names)
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///monitor.db"\n[http]\ntimeout = "2s"\nmax_bytes = 20000\n{extra}{tables}',
        encoding="utf-8",
    )
    return load_config(path)


def poll(config: Config, engine: Engine, name: str, now: datetime = NOW) -> PollResult:
    async def run() -> PollResult:
        async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=config.http.timeout, user_agent="test", max_connections=4) as client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser)
            return await poll_source(
                config.source(name),
                ctx=ctx,
                engine=engine,
                now=now,
                max_backoff=config.daemon.max_backoff,
                rng=random.Random(7),
            )

    return asyncio.run(run())


def items(engine: Engine, source: str) -> list[Item]:
    with engine.connect() as conn:
        rows = conn.execute(select(ITEM).where(ITEM.c.source == source).order_by(ITEM.c.id)).mappings()
        return [Item(**r) for r in rows]


def state(engine: Engine, name: str) -> SourceState:
    with engine.connect() as conn:
        found = load_state(conn, name)
    assert found is not None
    return found


def serve_fixture(server: LoopbackServer, path: str, fixture: str, headers: dict[str, str] | None = None) -> None:
    server.route(path, body=(FEEDS / fixture).read_bytes(), headers=RSS if headers is None else headers)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The store on SQLite and on PostgreSQL (see conftest.database_url)."""
    engine = open_database(database_url)
    yield engine
    engine.dispose()


def test_every_format_is_stored(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    serve_fixture(http_server, "/rss2", "rss2.xml")
    serve_fixture(http_server, "/atom", "atom.xml", {"Content-Type": "application/atom+xml"})
    serve_fixture(http_server, "/rss1", "rss1.rdf", {"Content-Type": "application/rdf+xml"})
    serve_fixture(http_server, "/cp1251", "cp1251.xml", {"Content-Type": "text/xml"})  # no charset anywhere
    config = make_config(tmp_path, http_server, ["rss2", "atom", "rss1", "cp1251"])
    counts = {name: poll(config, engine, name).stored.new for name in ("rss2", "atom", "rss1", "cp1251")}
    assert counts == {"rss2": 3, "atom": 2, "rss1": 1, "cp1251": 2}
    (first, _second) = items(engine, "cp1251")
    assert first.title == "ЗША знялі санкцыі з «Белавіі»" and first.guid == "by-1"
    assert items(engine, "rss2")[0].url == http_server.url("/news/belavia-lift")
    assert items(engine, "rss2")[0].published == datetime(2025, 11, 4, 11, 0, tzinfo=UTC)
    assert items(engine, "rss1")[0].lang == "ru"
    assert all(i.analyzed_hash is None and i.first_seen == NOW for i in items(engine, "atom"))


def test_second_poll_sends_validators_and_gets_304(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    body = (FEEDS / "rss2.xml").read_bytes()

    def handler(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"e1"':
            return Response(304, headers={"ETag": '"e1"'})
        return Response(200, body, {**RSS, "ETag": '"e1"', "Last-Modified": "Tue, 04 Nov 2025 10:00:00 GMT"})

    http_server.route("/feed", handler)
    config = make_config(tmp_path, http_server, ["feed"])
    assert poll(config, engine, "feed").stored.new == 3
    again = poll(config, engine, "feed", NOW + timedelta(minutes=15))
    assert again.ok and again.stored.new == again.stored.updated == 0
    second = http_server.hits("/feed")[1]
    assert second.headers["if-none-match"] == '"e1"'
    assert second.headers["if-modified-since"] == "Tue, 04 Nov 2025 10:00:00 GMT"
    kept = state(engine, "feed")
    assert kept.etag == '"e1"' and kept.last_success == NOW + timedelta(minutes=15)
    assert kept.next_due == NOW + timedelta(minutes=30) and len(items(engine, "feed")) == 3


def test_a_changed_url_is_fetched_without_the_old_validators(
    tmp_path: Path, http_server: LoopbackServer, engine: Engine
) -> None:
    http_server.route("/old", body=(FEEDS / "rss2.xml").read_bytes(), headers={**RSS, "ETag": '"old"'})
    http_server.route("/new", body=(FEEDS / "atom.xml").read_bytes(), headers={**RSS, "ETag": '"new"'})
    config = make_config(tmp_path, http_server, ["old"])
    poll(config, engine, "old")
    moved = dataclasses.replace(
        config, sources=(dataclasses.replace(config.source("old"), url=http_server.url("/new")),)
    )
    assert poll(moved, engine, "old").stored.new == 2
    assert "if-none-match" not in http_server.hits("/new")[0].headers
    assert state(engine, "old").etag == '"new"'


def test_restart_keeps_state_and_stores_nothing_twice(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    serve_fixture(http_server, "/feed", "atom.xml")  # no validators: every poll downloads it again
    config = make_config(tmp_path, http_server, ["feed"])
    first = open_database(database_url)
    assert poll(config, first, "feed").stored.new == 2
    first.dispose()
    restarted = open_database(database_url)
    result = poll(config, restarted, "feed", NOW + timedelta(hours=1))
    assert result.stored.new == result.stored.updated == 0
    assert [i.first_seen for i in items(restarted, "feed")] == [NOW, NOW]
    assert all(i.last_seen == NOW + timedelta(hours=1) for i in items(restarted, "feed"))


def test_edited_item_is_updated_not_duplicated(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    original = (FEEDS / "rss2.xml").read_bytes()
    http_server.route("/feed", body=original, headers=RSS)
    config = make_config(tmp_path, http_server, ["feed"])
    poll(config, engine, "feed")
    before = items(engine, "feed")[0]
    with engine.begin() as conn:  # the pipeline analyzed this version
        conn.execute(ITEM.update().values(analyzed_hash=ITEM.c.content_hash))
    http_server.route(
        "/feed",
        body=original.replace(b"Treasury lifts sanctions on Belavia", b"Treasury lifts all sanctions on Belavia"),
        headers=RSS,
    )
    later = NOW + timedelta(minutes=15)
    result = poll(config, engine, "feed", later)
    assert (result.stored.new, result.stored.updated) == (0, 1)
    after = items(engine, "feed")
    assert len(after) == 3 and after[0].id == before.id
    assert after[0].title == "Treasury lifts all sanctions on Belavia" and after[0].updated_at == later
    assert after[0].analyzed_hash == before.content_hash != after[0].content_hash  # so it is analyzed again
    assert after[1].updated_at is None and after[1].analyzed_hash == after[1].content_hash


_RSS2 = (FEEDS / "rss2.xml").read_bytes()


def _sleepy(_req: Request) -> Response:
    time.sleep(4)
    return Response(200, b"<rss/>", RSS)


FAULTS: dict[str, tuple[Callable[[LoopbackServer], str], str]] = {
    "empty": (lambda s: _route(s, "/x", b""), "empty body"),
    "html": (
        lambda s: _route(s, "/x", (FEEDS / "html_challenge_200.html").read_bytes(), {"Content-Type": "text/html"}),
        "HTML page titled 'Just a moment...'",
    ),
    "not xml": (
        lambda s: _route(s, "/x", (FEEDS / "not_xml.txt").read_bytes(), {"Content-Type": "application/json"}),
        "not a usable feed",
    ),
    "truncated before items": (lambda s: _route(s, "/x", _RSS2[: _RSS2.index(b"<item>") + 10]), "not a usable feed"),
    "oversized": (lambda s: _route(s, "/x", b"<rss>" + b" " * 30000 + b"</rss>"), "20,000-byte limit"),
    "500": (lambda s: _route(s, "/x", b"oops", status=500), "HTTP 500 Internal Server Error"),
    "redirect loop": (lambda s: _route(s, "/x", b"", {"Location": "/x"}, status=302), "redirect loop"),
    "timeout": (lambda s: _route(s, "/x", b"", handler=_sleepy), "timed out"),
    "dns": (lambda s: "http://feeds.invalid/x", "DNS lookup failed"),
    "tls": (lambda s: f"https://127.0.0.1:{s.port}/x", "TLS error"),
}


def _route(
    server: LoopbackServer,
    path: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    status: int = 200,
    handler: Callable[[Request], Response] | None = None,
) -> str:
    server.route(path, handler, status=status, body=body, headers=RSS if headers is None else headers)
    return server.url(path)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_is_recorded_and_nothing_is_lost(
    fault: str, tmp_path: Path, http_server: LoopbackServer, engine: Engine
) -> None:
    serve_fixture(http_server, "/good", "rss2.xml")
    serve_fixture(http_server, "/bad", "atom.xml")
    config = make_config(tmp_path, http_server, ["good", "bad"])
    assert poll(config, engine, "bad").stored.new == 2  # it worked once
    setup, reason = FAULTS[fault]
    broken = dataclasses.replace(
        config, sources=(config.source("good"), dataclasses.replace(config.source("bad"), url=setup(http_server)))
    )
    result = poll(broken, engine, "bad", NOW + timedelta(minutes=15))
    assert not result.ok and reason in (result.error or "")
    recorded = state(engine, "bad")
    assert recorded.last_error is not None and recorded.last_error == result.error and "\n" not in recorded.last_error
    assert recorded.consecutive_failures == 1 and recorded.last_success == NOW
    assert recorded.next_due is not None and recorded.next_due > NOW + timedelta(minutes=15)
    assert len(items(engine, "bad")) == 2  # stored items survive the failure
    assert poll(broken, engine, "good").stored.new == 3  # other sources unaffected


@pytest.mark.parametrize(
    ("fixture", "warning"),
    [
        ("malformed.xml", "malformed feed, recovered 3 items"),
        ("truncated.xml", "malformed feed, recovered 1 item:"),
        ("wrong_charset.xml", "wrong charset"),
    ],
)
def test_recovered_feed_stores_items_and_shows_the_problem(
    fixture: str, warning: str, tmp_path: Path, http_server: LoopbackServer, engine: Engine
) -> None:
    serve_fixture(http_server, "/feed", fixture)
    config = make_config(tmp_path, http_server, ["feed"])
    result = poll(config, engine, "feed")
    assert result.ok and result.stored.new >= 1 and warning in (result.error or "")
    recorded = state(engine, "feed")
    assert recorded.consecutive_failures == 0 and warning in (recorded.last_error or "")
    serve_fixture(http_server, "/feed", "rss2.xml")
    poll(config, engine, "feed", NOW + timedelta(minutes=15))
    assert state(engine, "feed").last_error is None  # a clean poll clears it


def test_failures_back_off_and_recover(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    http_server.route("/feed", status=500)
    config = make_config(tmp_path, http_server, ["feed"], '[daemon]\nmax_backoff = "1h"\n')
    waits = []
    for n in range(1, 6):
        result = poll(config, engine, "feed")
        assert result.failures == n and result.next_due is not None
        waits.append((result.next_due - NOW).total_seconds())
    assert waits[0] < waits[1] < waits[2] and waits[-1] == 3600  # 15m, 30m, 1h (±20%), then capped
    serve_fixture(http_server, "/feed", "rss2.xml")
    assert poll(config, engine, "feed").ok
    assert state(engine, "feed").consecutive_failures == 0


def test_retry_after_is_honoured(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    http_server.route("/feed", status=429, headers={"Retry-After": "7200"})
    config = make_config(tmp_path, http_server, ["feed"])
    result = poll(config, engine, "feed")
    assert result.next_due == NOW + timedelta(seconds=7200) and "retry after 7200s" in (result.error or "")


@pytest.mark.parametrize("failures", range(1, 12))
def test_backoff_bounds(failures: int) -> None:
    wait = next_due_after_failure(900, failures, max_backoff=21600, retry_after=None, rng=random.Random(failures))
    assert 450 <= wait <= 21600
    assert next_due_after_failure(900, failures, max_backoff=21600, retry_after=99999, rng=random.Random()) == 21600


def test_unregistered_kind_is_a_source_error(tmp_path: Path, http_server: LoopbackServer) -> None:
    config = make_config(tmp_path, http_server, ["feed"])
    source = dataclasses.replace(config.source("feed"), kind="gopher")
    outcome = asyncio.run(run_poller(source, None, ctx=None))  # type: ignore[arg-type]
    assert isinstance(outcome.error, SourceError) and "'gopher' is not supported" in str(outcome.error)


def test_a_crashing_poller_is_one_sources_failure(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def buggy(*_args: Any) -> Polled:
        raise KeyError("sdnEntry")

    monkeypatch.setitem(POLLERS, "feed", buggy)  # type: ignore[arg-type]
    config = make_config(tmp_path, http_server, ["feed"])
    outcome = asyncio.run(run_poller(config.source("feed"), None, ctx=None))  # type: ignore[arg-type]
    assert str(outcome.error) == "internal error (KeyError: 'sdnEntry'); see the log"


def test_a_failing_write_does_not_sink_the_batch(tmp_path: Path, http_server: LoopbackServer, engine: Engine) -> None:
    config = make_config(tmp_path, http_server, ["a", "b"])

    def refuse(_conn: Any, _now: datetime) -> Any:
        raise SourceError("list shrank to 10% of the last snapshot")

    good = Outcome(config.source("a"), None, polled=Polled(Validators('"a1"')))
    bad = Outcome(config.source("b"), None, polled=Polled(Validators('"b1"'), write=refuse))
    results = record_outcomes(engine, [good, bad], now=NOW, max_backoff=3600, rng=random.Random(1))
    assert [r.ok for r in results] == [True, False]
    assert state(engine, "a").etag == '"a1"'
    assert (
        state(engine, "b").etag is None and state(engine, "b").last_error == "list shrank to 10% of the last snapshot"
    )
    with engine.connect() as conn:
        assert (
            conn.execute(select(func.count()).select_from(SQLModel.metadata.tables["source_state"])).scalar_one() == 2
        )


def test_per_host_limit(tmp_path: Path, http_server: LoopbackServer) -> None:
    in_flight, peak = [0], [0]

    def counting(_req: Request) -> Response:
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.1)
        in_flight[0] -= 1
        return Response(200, (FEEDS / "rss2.xml").read_bytes(), RSS)

    http_server.route("/feed", counting)
    config = make_config(tmp_path, http_server, ["feed"])
    sources = [dataclasses.replace(config.source("feed"), name=f"f{i}") for i in range(8)]

    async def run() -> None:
        async with make_client(timeout=5, user_agent="test", max_connections=8) as client:
            ctx = PollContext(
                client=client,
                http=dataclasses.replace(config.http, per_host=2),
                run_parser=lambda fn, *a, **k: asyncio.sleep(0, fn(*a, **k)),
            )
            await asyncio.gather(*(run_poller(s, None, ctx=ctx) for s in sources))

    asyncio.run(run())
    assert peak[0] == 2


def test_a_nul_character_in_a_recovered_feed_is_dropped_not_fatal(
    tmp_path: Path, http_server: LoopbackServer, engine: Engine
) -> None:
    # PostgreSQL text cannot hold NUL; feedparser keeps it from a malformed feed (&#0;)
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><guid>a&#0;1</guid>'
        b"<title>Bel&#0;avia</title><link>http://127.0.0.1/a&#0;1</link><description>x&#0;y</description>"
        b"</item></channel></rss>"
    )
    http_server.route("/feed", body=body, headers=RSS)
    config = make_config(tmp_path, http_server, ["feed"])
    assert poll(config, engine, "feed").stored.new == 1
    [item] = items(engine, "feed")
    assert (item.guid, item.title, item.url, item.summary) == ("a1", "Belavia", "http://127.0.0.1/a1", "xy")
    assert poll(config, engine, "feed", NOW + timedelta(hours=1)).stored == Stored()  # the same item again
