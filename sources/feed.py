"""RSS 2.0, RSS 1.0 and Atom bytes → plain `FeedItem` records (pure: no I/O, no clock).

feedparser does the parsing; this module decides what counts as a feed. feedparser reports an
HTML page or an empty body as a valid feed with no entries, and bot challenges look exactly like
that, so those raise `FeedBlocked`. A body that is not XML at all raises `ParseError`. A feed
that is malformed but still yields entries (truncated, bad escaping, a wrong declared charset)
keeps its entries and says what was wrong in `ParsedFeed.warning`.

A feed with a few bytes invalid in its declared charset (or in UTF-8, XML's default, when it
declares none) is decoded in that charset with those bytes replaced (U+FFFD), and the warning
counts them; left to feedparser, one bad byte would make it decode the whole feed as another
charset, and no name in it would match. A body with more invalid sequences than one per ten
valid non-ASCII characters is really in another charset, and feedparser's detection decides
as before.

`max_items` caps the items taken from one body: the newest by date (undated ones after, in
document order), and the warning says so. feedparser builds the whole document in memory
(about 1 KB per item, 330 MB for 297,000 tiny items in a 10 MB body), so a body with more than
`PARSE_WINDOW` × `max_items` item elements is first cut after that many, found by a byte scan;
items past the window are never parsed. Memory is thus bounded by the body size cap and the
window, not by how many items a server packs into the body.

Relative links resolve against the response's Content-Location, else its final URL. We join
them ourselves rather than hand feedparser a content-location: given one, feedparser joins the
base of every element, which costs a third of its parsing time (bench/bench_feeds.py).
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from sanctions_monitor_sources.errors import FeedBlocked, ParseError

__all__ = ["PARSE_WINDOW", "FeedItem", "ParsedFeed", "parse_feed", "strip_html"]

PARSE_WINDOW = 5  # at most this many × max_items item elements are handed to feedparser

_TAG = re.compile(r"<[^<>]*>")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"</?(p|br|div|li|tr|h[1-6]|blockquote)\b[^<>]*>", re.I)
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")  # an absolute URL starts with its scheme
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF))[\s>]")
_CLOSING = {b"rss": b"</channel></rss>", b"feed": b"</feed>", b"RDF": b""}


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed as plain values; `guid` is unique within its source."""

    source: str
    guid: str
    url: str | None
    title: str
    summary: str  # text, HTML stripped
    published: datetime | None  # UTC
    lang: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """The items of one feed body, and what was wrong with it if it was only partly usable."""

    items: list[FeedItem]
    warning: str | None = None


def parse_feed(
    body: bytes,
    *,
    url: str,
    headers: Mapping[str, str],
    source: str,
    lang: str | None = None,
    max_items: int | None = None,
) -> ParsedFeed:
    """Parse a feed body into items.

    Args:
        body: the response body, undecoded.
        url: the final URL; relative links resolve against it (or the Content-Location header).
        headers: the response headers, lower-case names.
        source: the source name stored on every item.
        lang: the configured language, used when the feed declares none.
        max_items: take at most this many items, the newest (None: all).

    Raises:
        FeedBlocked: an empty body or an HTML page where a feed was expected.
        ParseError: the body is not a feed (not XML, or broken before the first entry).
    """
    if not body.strip():
        raise FeedBlocked("empty body where a feed was expected")
    body, repaired = _repair_declared(body, headers)
    total, cut = None, False
    if max_items is not None:
        body, total, cut = _cut(body, max_items * PARSE_WINDOW)
    base = urllib.parse.urljoin(url, headers.get("content-location", ""))
    response_headers = {k: v for k, v in headers.items() if k != "content-location"}
    response_headers.setdefault("content-type", "application/xml")  # else feedparser assumes latin-1
    if repaired:  # the body is UTF-8 now
        response_headers["content-type"] = _CHARSET.sub("charset=utf-8", response_headers["content-type"])
    parsed = feedparser.parse(body, response_headers=response_headers, sanitize_html=False, resolve_relative_uris=False)
    feed_lang = _short_lang(parsed.feed.get("language")) or lang
    items = [_item(entry, source, feed_lang, base) for entry in parsed.entries]
    items = [item for item in items if item.title or item.summary or item.url]  # e.g. cut off at <item>
    if not items:
        _check_empty(parsed, body, response_headers["content-type"], parsed.get("version"))
        return ParsedFeed([], repaired)
    broken = None if cut else _warning(parsed, body, headers, len(items))  # a cut body is broken on purpose
    capped = None
    if max_items is not None and (len(items) > max_items or cut):
        capped = _capped_note(len(items), total if cut and total else len(items), max_items, cut)
        items = _newest(items, max_items)
    return ParsedFeed(items, _notes(repaired, broken, capped))


def _cut(body: bytes, window: int) -> tuple[bytes, int, bool]:
    """Cut `body` before its (window + 1)-th item element and close the root; return the body,
    how many item elements the whole body has, and whether it was cut."""
    starts = _ENTRY_START.finditer(body)
    cut_at = None
    total = 0
    for total, found in enumerate(starts, 1):
        if total == window + 1:
            cut_at = found.start()
    if cut_at is None:
        return body, total, False
    root = _ROOT.search(body, 0, 4096)
    closing = b""
    if root:
        closing = _CLOSING[root.group(2)] or b"</" + root.group(1) + b">"
    return body[:cut_at] + closing, total, True


def _newest(items: list[FeedItem], limit: int) -> list[FeedItem]:
    """The `limit` newest items by date (undated ones after the dated, in document order), kept in
    document order."""
    order = sorted(
        range(len(items)), key=lambda i: (items[i].published is None, -(items[i].published or _EPOCH).timestamp(), i)
    )
    return [items[i] for i in sorted(order[:limit])]


def _capped_note(parsed: int, total: int, limit: int, cut: bool) -> str:
    window = f" of the first {parsed:,} in the document" if cut else ""
    return f"{total:,} items in one response: took the {limit:,} newest{window} ([daemon] max_items_per_feed = {limit})"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _notes(*notes: str | None) -> str | None:
    """Several one-line notes as one line; None when there is none."""
    return "; ".join(n for n in notes if n) or None


_CHARSET = re.compile(r"charset=\"?[\w.:-]+\"?", re.I)
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf_8"})
_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _repair_declared(body: bytes, headers: Mapping[str, str]) -> tuple[bytes, str | None]:
    """A body in its charset with a few invalid bytes → valid UTF-8 with those replaced, and a note.

    The charset is the first declared one (header, then XML declaration), else UTF-8 (XML's
    default). Unchanged when the body decodes cleanly in it; when bad sequences are not rare next
    to valid non-ASCII characters (really another charset); and when a body declared in another
    charset is valid UTF-8 (mis-declared: feedparser's detection handles that).
    """
    declared = _declared_charsets(body, headers)
    charset = _codec(declared[0]) if declared else "utf-8"
    if body.startswith(_BOMS):
        return body, None
    try:
        body.decode(charset)
        return body, None
    except UnicodeDecodeError:
        pass
    except LookupError:
        return body, None  # an unknown charset name: feedparser's detection decides
    if charset != "utf-8":
        try:
            body.decode("utf-8")
            return body, None
        except UnicodeDecodeError:
            pass
    text = body.decode(charset, "replace")
    replaced = text.count("\ufffd")
    bad = replaced - (body.count("\ufffd".encode()) if charset == "utf-8" else 0)
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced  # non-ASCII characters that decoded
    if valid < 10 * bad:
        return body, None
    fixed = text.encode("utf-8")
    found = _DECLARED.match(fixed[:200])
    if found and found.group(1).decode("ascii").lower() not in _UTF8_NAMES:
        fixed = fixed[: found.start(1)] + b"utf-8" + fixed[found.end(1) :]
    said = f"declared {declared[0]}" if declared else "no charset declared"
    label = "UTF-8" if charset == "utf-8" else declared[0]
    return fixed, (
        f"invalid {label} ({said}): replaced {bad} bad byte sequence{'s' if bad != 1 else ''}, kept the rest"
    )


def _check_empty(parsed: Any, body: bytes, content_type: str, version: str | None) -> None:
    """Raise unless this is a real feed that simply has no entries."""
    looks_html = "html" in content_type.lower() or bool(_HTML_START.match(body[:2048]))
    if looks_html and not version:
        title = re.search(rb"<title[^>]*>(.*?)</title", body[:65536], re.I | re.S)
        named = f" titled {strip_html(title.group(1).decode('utf-8', 'replace'))[:80]!r}" if title else ""
        raise FeedBlocked(f"got an HTML page{named} instead of a feed (bot challenge or moved page?)")
    if parsed.get("bozo"):
        raise ParseError(f"not a usable feed: {_entities(body)}{_one_line(parsed.get('bozo_exception'))}")
    if not version:
        raise FeedBlocked(f"no RSS or Atom feed in the body (content-type {content_type})")


def _warning(parsed: Any, body: bytes, headers: Mapping[str, str], count: int) -> str | None:
    """A one-line note when entries were recovered from a broken feed; None for harmless bozo."""
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        declared = {_codec(name) for name in _declared_charsets(body, headers)}
        wrong = declared and _codec(parsed.get("encoding", "")) not in declared
        return f"wrong charset: {_one_line(exc)}" if wrong else None
    if isinstance(exc, feedparser.NonXMLContentType):
        return None  # a feed served as text/html or text/plain parses fine
    return f"malformed feed, recovered {count} item{'s' if count != 1 else ''}: {_entities(body)}{_one_line(exc)}"


def _entities(body: bytes) -> str:
    """A prefix naming entity declarations (billion laughs, XXE) when the prolog has any."""
    root = re.search(rb"<[A-Za-z_]", body[:65536])
    prolog = body[: root.start()] if root else body[:65536]
    return (
        "the document declares XML entities (entity declarations are not expanded): " if b"<!ENTITY" in prolog else ""
    )


def _declared_charsets(body: bytes, headers: Mapping[str, str]) -> list[str]:
    """The charsets the server and the document name explicitly (not defaults like us-ascii)."""
    found = re.findall(r"charset=\"?([\w.:-]+)", headers.get("content-type", ""), re.I)
    declared = _DECLARED.match(body[:200])
    return found + ([declared.group(1).decode("ascii")] if declared else [])


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def _item(parsed_entry: Any, source: str, lang: str | None, base: str) -> FeedItem:
    entry = dict(parsed_entry)  # plain dict lookups: FeedParserDict.get is slow for absent keys
    title = strip_html(entry.get("title", ""))
    summary = _summary(entry)
    published = _utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    link = entry.get("link") or None
    if link and not _SCHEME.match(link):
        link = urllib.parse.urljoin(base, link)
    guid = entry.get("id") or link or _hash_identity(title, entry.get("published") or entry.get("updated") or "")
    return FeedItem(
        source=source,
        guid=guid,
        url=link,
        title=title,
        summary=summary,
        published=published,
        lang=_short_lang(entry.get("language")) or lang,
    )


def _summary(entry: dict[str, Any]) -> str:
    """The longest of summary and content, as text."""
    detail = entry.get("summary_detail")
    candidates = [(detail.get("value", ""), detail.get("type", "text/html"))] if detail else []
    candidates += [(c.get("value", ""), c.get("type", "text/html")) for c in entry.get("content", ())]
    texts = [strip_html(v) if "html" in t else " ".join(v.split()) for v, t in candidates]
    return max(texts, key=len, default="")


def strip_html(text: str) -> str:
    """HTML → one line of text: drop scripts, styles and tags, unescape entities, fold spaces."""
    if "<" in text:
        text = _HIDDEN.sub(" ", text)
        text = _BLOCK.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _utc(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time → an aware datetime."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _hash_identity(title: str, date: str) -> str:
    return "sha1:" + hashlib.sha1(f"{title}\x00{date}".encode()).hexdigest()


def _short_lang(value: str | None) -> str | None:
    """ "ru-RU" → "ru"; None or empty stays None."""
    if not value:
        return None
    return value.strip().split("-")[0].split("_")[0].lower() or None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
