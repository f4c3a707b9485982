"""One invalid byte in a UTF-8 feed no longer hides the whole feed.

Left to feedparser, a Cyrillic UTF-8 feed with one bad byte was decoded whole as another
charset (koi8-u here), so no name in it matched. Now the bad bytes are replaced, every other
item is intact, and the source carries a note.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from monitor.config import load_config
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import load_watchlist
from monitor.polling.context import PollContext
from monitor.polling.poll import poll_source
from monitor.storage.db import open_database
from monitor.storage.items import load_state
from sanctions_monitor_sources.feed import parse_feed
from sanctions_monitor_sources.http import make_client
from tests.support.paths import FIXTURES
from tests.support.servers import LoopbackServer

ITEM = SQLModel.metadata.tables["item"]
NOW = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
NAMES = [("Белавиа", "belavia"), ("Беларуськалий", "belaruskali"), ("Гродно Азот", "grodno-azot")]


def cyrillic_feed(items: int = 12, declaration: str = ' encoding="utf-8"') -> bytes:
    """A real UTF-8 Cyrillic RSS feed; item i names NAMES[i % 3]."""
    entries = "".join(
        f"<item><guid>ru-{i}</guid><title>Минфин США снял санкции с компании {NAMES[i % 3][0]}</title>"
        f"<description>Решение касается компании {NAMES[i % 3][0]} и её дочерних структур.</description>"
        f"<pubDate>Tue, 04 Nov 2025 {10 + i % 10:02d}:00:00 GMT</pubDate></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"{declaration}?><rss version="2.0"><channel><title>Новости</title>'
        f"<language>ru</language>{entries}</channel></rss>"
    ).encode()


def with_bad_byte(body: bytes, after: str = "дочерних") -> bytes:
    at = body.index(after.encode()) + len(after.encode())  # between two characters of item 0
    return body[:at] + b"\xff" + body[at:]


@pytest.mark.parametrize("content_type", ["application/rss+xml; charset=utf-8", "application/rss+xml", "text/xml"])
def test_one_bad_byte_keeps_every_item_readable(content_type: str) -> None:
    parsed = parse_feed(
        with_bad_byte(cyrillic_feed()), url="https://ru.example/rss", headers={"content-type": content_type}, source="s"
    )
    assert len(parsed.items) == 12
    assert parsed.items[0].title == "Минфин США снял санкции с компании Белавиа"
    assert parsed.items[0].summary == "Решение касается компании Белавиа и её дочерних\ufffd структур."
    assert parsed.items[1].summary == "Решение касается компании Беларуськалий и её дочерних структур."
    assert parsed.warning == "invalid UTF-8 (declared utf-8): replaced 1 bad byte sequence, kept the rest"


def test_undeclared_utf8_with_bad_bytes_is_still_utf8() -> None:
    body = with_bad_byte(with_bad_byte(cyrillic_feed(declaration="")), after="Новости")
    parsed = parse_feed(body, url="https://ru.example/rss", headers={"content-type": "application/rss+xml"}, source="s")
    assert parsed.items[2].title == "Минфин США снял санкции с компании Гродно Азот"
    assert parsed.warning == "invalid UTF-8 (no charset declared): replaced 2 bad byte sequences, kept the rest"


def test_another_charset_declared_as_utf8_is_still_detected() -> None:
    """Many bad sequences and no valid multibyte ones: really windows-1251, decoded as such."""
    body = cyrillic_feed().decode("utf-8").encode("windows-1251", "replace")
    parsed = parse_feed(
        body, url="https://ru.example/rss", headers={"content-type": "text/xml; charset=utf-8"}, source="s"
    )
    assert parsed.items[0].title == "Минфин США снял санкции с компании Белавиа"
    assert parsed.warning is not None and parsed.warning.startswith("wrong charset")


@pytest.mark.parametrize("content_type", ["text/xml", "text/xml; charset=windows-1251"])
def test_a_byte_undefined_in_a_declared_single_byte_charset_is_replaced_too(content_type: str) -> None:
    """0x98 is undefined in windows-1251; feedparser then decoded the feed as MacCyrillic."""
    body = cyrillic_feed(declaration=' encoding="windows-1251"').decode("utf-8").encode("windows-1251")
    clean = parse_feed(body, url="https://ru.example/rss", headers={"content-type": content_type}, source="s")
    assert clean.items[0].title == "Минфин США снял санкции с компании Белавиа" and clean.warning is None
    at = body.index("дочерних".encode("windows-1251"))
    parsed = parse_feed(
        body[:at] + b"\x98" + body[at:],
        url="https://ru.example/rss",
        headers={"content-type": content_type},
        source="s",
    )
    assert [i.title for i in parsed.items] == [i.title for i in clean.items]
    assert parsed.items[0].summary == "Решение касается компании Белавиа и её \ufffdдочерних структур."
    assert parsed.warning == "invalid windows-1251 (declared windows-1251): replaced 1 bad byte sequence, kept the rest"


def test_utf8_declared_as_windows_1251_is_left_to_detection() -> None:
    """Valid UTF-8 under a wrong declaration is not "repaired" into mojibake."""
    body = cyrillic_feed(declaration=' encoding="windows-1251"').replace("Белавиа".encode(), "ИБелавиа".encode())
    parsed = parse_feed(body, url="https://ru.example/rss", headers={"content-type": "text/xml"}, source="s")
    assert parsed.items[0].title == "Минфин США снял санкции с компании ИБелавиа"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'monitor.db'}")
    yield engine
    engine.dispose()


def test_served_over_loopback_the_names_are_still_found(
    tmp_path: Path, http_server: LoopbackServer, engine: Engine
) -> None:
    http_server.route(
        "/ru", body=with_bad_byte(cyrillic_feed()), headers={"Content-Type": "application/rss+xml; charset=utf-8"}
    )
    path = tmp_path / "config.toml"
    path.write_text(f'[[source]]\nname = "ru"\nkind = "feed"\nurl = "{http_server.url("/ru")}"\n', encoding="utf-8")
    config = load_config(path)

    async def run() -> Any:
        async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=5, user_agent="test", max_connections=2) as client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser)
            return await poll_source(
                config.source("ru"),
                ctx=ctx,
                engine=engine,
                now=NOW,
                max_backoff=config.daemon.max_backoff,
                rng=random.Random(1),
            )

    result = asyncio.run(run())
    assert result.ok and result.stored.new == 12
    with engine.connect() as conn:
        rows = conn.execute(select(ITEM.c.title, ITEM.c.summary).where(ITEM.c.source == "ru")).all()
        state = load_state(conn, "ru")
    assert state is not None and state.last_error is not None and state.last_error.startswith("invalid UTF-8")
    matcher = build_matcher(load_watchlist([FIXTURES / "watchlists" / "belarus.toml"]))
    found = {m.key for title, summary in rows for m in matcher.find(f"{title}. {summary}", "ru")}
    assert found == {key for _, key in NAMES}
    assert sum("\ufffd" in summary for _, summary in rows) == 1  # only the one bad byte is lost
