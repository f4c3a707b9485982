"""sources/feed.py on bytes: RSS 2.0, Atom, RSS 1.0, windows-1251, and every broken shape."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.errors import FeedBlocked, ParseError
from sanctions_monitor_sources.feed import ParsedFeed, parse_feed, strip_html
from tests.support.paths import FIXTURES

FEEDS = FIXTURES / "feeds"
RSS = {"content-type": "application/rss+xml"}


def parse(
    name: str,
    headers: dict[str, str] | None = None,
    url: str = "https://news.example/feed.xml",
    lang: str | None = None,
) -> ParsedFeed:
    return parse_feed(
        (FEEDS / name).read_bytes(), url=url, headers=RSS if headers is None else headers, source="s", lang=lang
    )


def test_rss2_items_are_plain_records() -> None:
    parsed = parse("rss2.xml")
    assert parsed.warning is None
    first, second, third = parsed.items
    assert first.guid == "tw-1001"
    assert first.url == "https://news.example/news/belavia-lift"  # relative link resolved
    assert first.title == "Treasury lifts sanctions on Belavia"
    assert first.summary == "The US Treasury removed Belavia from the SDN list."  # tags and script gone
    assert first.published == datetime(2025, 11, 4, 11, 0, tzinfo=UTC)
    assert first.lang == "en"
    assert second.guid == second.url == "https://news.example/news/belaruskali-talk"  # no guid: link
    assert second.summary == "Talk only & no action yet."
    assert third.url is None and third.guid.startswith("sha1:")  # neither: hash of title and date
    assert parse("rss2.xml").items[2].guid == third.guid  # stable


def test_atom_uses_content_location_and_longest_text() -> None:
    parsed = parse("atom.xml", {"content-type": "application/atom+xml"}, url="https://gov.example/feeds/ofsi.atom")
    first, second = parsed.items
    assert first.guid == "tag:gov.example,2025:notice-1"
    assert first.url == "https://gov.example/feeds/notices/1"
    assert first.title == "Financial sanctions notice: Belarus"
    assert first.summary == "The UK has added Belaruskali to the consolidated list, effective today."
    assert first.published == datetime(2025, 11, 4, 9, 0, tzinfo=UTC)
    assert second.summary == "Plain <text> summary."  # text/plain is not stripped as HTML


def test_rss1_and_feed_language() -> None:
    (item,) = parse("rss1.rdf", {"content-type": "application/rdf+xml"}, lang="en").items
    assert item.title == "ЕС продлил санкции против Беларуси"
    assert item.lang == "ru"  # the feed's own declaration beats the configured one
    assert item.published == datetime(2025, 2, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("headers", [{}, {"content-type": "application/rss+xml"}, {"content-type": "text/xml"}])
def test_undeclared_windows_1251_decodes(headers: dict[str, str]) -> None:
    parsed = parse("cp1251.xml", headers, lang="be")
    assert parsed.items[0].title == "ЗША знялі санкцыі з «Белавіі»"
    assert "Белавія" in parsed.items[0].summary
    assert parsed.warning is None  # nothing was declared, so nothing was wrong


def test_charset_declared_only_in_the_document_is_no_problem() -> None:
    body = (
        (FEEDS / "cp1251.xml")
        .read_bytes()
        .replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="windows-1251"?>')
    )
    parsed = parse_feed(body, url="https://by.example/rss", headers={"content-type": "text/xml"}, source="s")
    assert parsed.items[0].title == "ЗША знялі санкцыі з «Белавіі»" and parsed.warning is None


def test_wrong_declared_charset_recovers_with_warning() -> None:
    parsed = parse("wrong_charset.xml")
    assert parsed.items[0].title == "ЗША знялі санкцыі з «Белавіі»"
    assert parsed.warning is not None and parsed.warning.startswith("wrong charset")


@pytest.mark.parametrize("name", ["truncated.xml", "malformed.xml"])
def test_broken_feed_keeps_recovered_items(name: str) -> None:
    parsed = parse(name)
    assert parsed.items and parsed.items[0].guid == "tw-1001"
    assert parsed.warning is not None and "malformed feed, recovered" in parsed.warning
    assert "\n" not in parsed.warning


def test_html_page_is_blocked() -> None:
    with pytest.raises(FeedBlocked, match="HTML page titled 'Just a moment...'"):
        parse("html_challenge_200.html", {"content-type": "text/html; charset=utf-8"})
    with pytest.raises(FeedBlocked, match="HTML page"):  # even when served as XML
        parse("html_challenge_200.html")


@pytest.mark.parametrize("body", [b"", b"  \n "])
def test_empty_body_is_blocked(body: bytes) -> None:
    with pytest.raises(FeedBlocked, match="empty body"):
        parse_feed(body, url="https://x.example/", headers=RSS, source="s")


def test_not_xml_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not a usable feed"):
        parse("not_xml.txt", {"content-type": "application/json"})


def test_truncated_before_first_item_is_a_parse_error() -> None:
    body = (FEEDS / "rss2.xml").read_bytes()
    with pytest.raises(ParseError):
        parse_feed(body[: body.index(b"<item>")], url="https://x.example/", headers=RSS, source="s")


def test_valid_feed_without_entries_is_empty_not_an_error() -> None:
    body = b'<rss version="2.0"><channel><title>quiet</title></channel></rss>'
    assert parse_feed(body, url="https://x.example/", headers=RSS, source="s").items == []


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One Two & three"),
        ("a<br/>b", "a b"),
        ("<style>p{}</style>Kept <SCRIPT>x()</SCRIPT> text", "Kept text"),
        ("plain  text\n", "plain text"),
    ],
)
def test_strip_html(html: str, text: str) -> None:
    assert strip_html(html) == text
