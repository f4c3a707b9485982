"""OFAC's "Recent Actions" page (HTML) into news items, since OFAC has had no RSS feed since 2025.

Each action is a link to `/recent-actions/YYYYMMDD` (a suffix like `_1` when OFAC posts two on
one day) whose text is the title, e.g. "Belarus-related Designations Removals". The parser keys
on those links rather than on the page's CSS classes, which change with every redesign; the
date comes from the link itself. The items go to the news pipeline like feed items.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

from sanctions_monitor_sources.errors import FeedBlocked, ParseError
from sanctions_monitor_sources.feed import FeedItem
from sanctions_monitor_sources.publication import clean

__all__ = ["DEFAULT_URL", "KIND", "parse_recent_actions"]

KIND = "ofac-actions"
DEFAULT_URL = "https://ofac.treasury.gov/recent-actions"
_ACTION_PATH = re.compile(r"/recent-actions/(\d{8})(?:[_-]\d+)?/?$")
_GENERIC = {"read more", "more", "details", "view", "learn more"}


class _ActionLinks(HTMLParser):
    """Collects (href, text) for every <a> on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or None
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, clean("".join(self._text))))
            self._href = None


def parse_recent_actions(body: bytes, *, url: str, source: str) -> list[FeedItem]:
    """The actions listed on the page, newest first as OFAC lists them.

    Args:
        body: the page bytes.
        url: the page's final URL; links resolve against it.
        source: the source name stored on every item.

    Raises:
        FeedBlocked: the body is empty.
        ParseError: the page lists no actions (a bot check or a new layout).
    """
    if not body.strip():
        raise FeedBlocked(f"{url}: empty page")
    parser = _ActionLinks()
    parser.feed(body.decode("utf-8", errors="replace"))
    parser.close()
    titles: dict[str, str] = {}
    for href, text in parser.links:
        link = urljoin(url, href.strip())
        if not _ACTION_PATH.search(link.split("?")[0].split("#")[0]):
            continue
        if text and text.lower() not in _GENERIC and len(text) > len(titles.get(link, "")):
            titles[link] = text
        titles.setdefault(link, "")
    items = []
    for link, title in titles.items():
        if not title:
            continue
        day = _ACTION_PATH.search(link.split("?")[0].split("#")[0]).group(1)  # type: ignore[union-attr]
        try:
            published = datetime.strptime(day, "%Y%m%d").replace(tzinfo=UTC)
        except ValueError:
            published = None
        items.append(
            FeedItem(source=source, guid=link, url=link, title=title, summary=title, published=published, lang="en")
        )
    if not items:
        raise ParseError(f"{url}: no recent actions found on the page (bot check or new layout?)")
    return items
