"""A feed packed with items is capped: the newest N, said on the source.

A 10 MB body of 297,000 tiny items took feedparser 330 MB and 18 s, and analysis minutes. Now
at most `[daemon] max_items_per_feed` items are taken (the newest by date), and a body with
more than `PARSE_WINDOW` × that many item elements is cut before feedparser sees it.
"""

from __future__ import annotations

import asyncio
import random
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.polling.context import PollContext
from monitor.polling.poll import poll_source
from monitor.storage.db import open_database
from monitor.storage.items import load_state
from sanctions_monitor_sources.feed import PARSE_WINDOW, parse_feed
from sanctions_monitor_sources.http import make_client
from tests.support.servers import LoopbackServer

ITEM = SQLModel.metadata.tables["item"]
NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
START = datetime(2025, 1, 1, tzinfo=UTC)


def rss(count: int, *, dated: bool = True, shuffle: bool = False) -> bytes:
    """`count` tiny items; item i is dated START + i hours (newest last), optionally shuffled."""
    order = list(range(count))
    if shuffle:
        random.Random(3).shuffle(order)
    items = "".join(
        f"<item><guid>g{i}</guid><title>t{i}</title>"
        + (f"<pubDate>{(START + timedelta(hours=i)):%a, %d %b %Y %H:%M:%S} GMT</pubDate>" if dated else "")
        + "</item>"
        for i in order
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    ).encode()


def atom(count: int) -> bytes:
    entries = "".join(
        f"<entry><id>e{i}</id><title>t{i}</title><updated>{(START + timedelta(hours=i)).isoformat()}</updated></entry>"
        for i in range(count)
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{entries}</feed>'.encode()


def parse(body: bytes, limit: int | None) -> Any:
    return parse_feed(
        body, url="https://x.example/", headers={"content-type": "application/rss+xml"}, source="s", max_items=limit
    )


def test_under_the_cap_nothing_is_said() -> None:
    parsed = parse(rss(10), 10)
    assert len(parsed.items) == 10 and parsed.warning is None


def test_the_newest_by_date_are_taken_in_document_order() -> None:
    parsed = parse(rss(40, shuffle=True), 10)
    assert sorted(int(i.guid[1:]) for i in parsed.items) == list(range(30, 40))
    assert parsed.warning == "40 items in one response: took the 10 newest ([daemon] max_items_per_feed = 10)"
    positions = [rss(40, shuffle=True).index(f"<guid>{i.guid}<".encode()) for i in parsed.items]
    assert positions == sorted(positions)  # still in the feed's own order


def test_undated_items_are_taken_in_document_order() -> None:
    parsed = parse(rss(12, dated=False), 5)
    assert [i.guid for i in parsed.items] == ["g0", "g1", "g2", "g3", "g4"]


def test_a_huge_body_is_cut_before_parsing_and_says_so() -> None:
    parsed = parse(rss(1000), 10)
    window = 10 * PARSE_WINDOW
    assert [i.guid for i in parsed.items] == [f"g{i}" for i in range(window - 10, window)]
    assert parsed.warning == (
        f"1,000 items in one response: took the 10 newest of the first {window} in the "
        "document ([daemon] max_items_per_feed = 10)"
    )  # no "malformed": we cut it


def test_atom_is_cut_too() -> None:
    parsed = parse_feed(
        atom(300), url="https://x.example/", headers={"content-type": "application/atom+xml"}, source="s", max_items=4
    )
    assert [i.guid for i in parsed.items] == ["e16", "e17", "e18", "e19"]
    assert parsed.warning is not None and parsed.warning.startswith("300 items in one response")


def test_memory_stays_bounded_by_the_window() -> None:
    """100,000 tiny items (3.9 MB): parsing the whole body would take ~110 MB in feedparser."""
    body = rss(100_000, dated=False)
    tracemalloc.start()
    try:
        parsed = parse(body, 100)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(parsed.items) == 100
    assert peak < 3 * len(body), f"peak {peak:,} bytes for a {len(body):,}-byte body"


def test_config_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[daemon]\nmax_items_per_feed = 50\n", encoding="utf-8")
    assert load_config(path).daemon.max_items_per_feed == 50
    path.write_text("[daemon]\nmax_items_per_feed = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml: \[daemon\] max_items_per_feed must be positive$"):
        load_config(path)
    path.write_text("[daemon]\nmax_items_per_fed = 50\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'max_items_per_fed' \\(did you mean 'max_items_per_feed'\\?\\)"):
        load_config(path)
    path.write_text("", encoding="utf-8")
    assert load_config(path).daemon.max_items_per_feed == 2000


def test_over_loopback_only_the_cap_is_stored_and_the_source_says_so(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    http_server.route("/many", body=rss(3000, shuffle=True), headers={"Content-Type": "application/rss+xml"})
    path = tmp_path / "config.toml"
    path.write_text(
        f'[daemon]\nmax_items_per_feed = 200\n[[source]]\nname = "many"\nkind = "feed"\n'
        f'url = "{http_server.url("/many")}"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    engine = open_database(f"sqlite:///{tmp_path / 'monitor.db'}")

    async def run() -> Any:
        async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=5, user_agent="test", max_connections=2) as client:
            ctx = PollContext(
                client=client,
                http=config.http,
                run_parser=run_parser,
                max_items_per_feed=config.daemon.max_items_per_feed,
            )
            return await poll_source(
                config.source("many"),
                ctx=ctx,
                engine=engine,
                now=NOW,
                max_backoff=config.daemon.max_backoff,
                rng=random.Random(1),
            )

    try:
        result = asyncio.run(run())
        assert result.ok and result.stored.new == 200
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(ITEM)).scalar() == 200
            state = load_state(conn, "many")
        assert state is not None and state.last_error == (
            "3,000 items in one response: took the 200 newest of the first 1,000 in the document "
            "([daemon] max_items_per_feed = 200)"
        )
    finally:
        engine.dispose()
