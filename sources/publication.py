"""The plain record every official-list parser returns, and the helpers they share.

A parser turns one published file into a `Publication`: its date, the record count it claims
(OFAC's `Record_Count`; None when the format has none) and one `ListEntry` per designation.
`ListEntry.content_hash` covers everything the authority published about the entry, so a
change anywhere (a new alias, a new address, a corrected remark) is noticed by the diff.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any
from xml.parsers import expat

from sanctions_monitor_sources.errors import FeedBlocked, ParseError

__all__ = [
    "ListEntry",
    "Publication",
    "clean",
    "iter_elements",
    "leaves",
    "local_name",
    "make_entry",
    "reject_html",
    "root_element",
    "squash",
    "unique",
    "xml_error",
]

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One designation on one list, as the authority published it."""

    list: str  # list kind: "ofac-sdn", "eu-fsf", "uk-sanctions", "un-sc"
    entry_id: str  # the authority's stable id (uid/ent_num, logicalId, UniqueID, DATAID)
    name: str
    aliases: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    type: str = "entity"  # individual | entity | vessel | aircraft
    ids: tuple[str, ...] = ()  # identifiers as "Type Number (Country)"
    countries: tuple[str, ...] = ()
    listed_on: date | None = None
    content_hash: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "name": self.name,
            "aliases": list(self.aliases),
            "programmes": list(self.programmes),
            "type": self.type,
            "ids": list(self.ids),
            "countries": list(self.countries),
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
        }

    @classmethod
    def from_json(cls, list_kind: str, d: dict[str, Any]) -> ListEntry:
        """The inverse of `to_json` (the content hash is not part of the document)."""
        return cls(
            list_kind,
            d["entry_id"],
            d["name"],
            tuple(d["aliases"]),
            tuple(d["programmes"]),
            d["type"],
            tuple(d["ids"]),
            tuple(d["countries"]),
            date.fromisoformat(d["listed_on"]) if d.get("listed_on") else None,
        )


@dataclass(frozen=True, slots=True)
class Publication:
    """One published version of a list."""

    list: str
    published: date | None
    record_count: int | None  # what the file says it holds; None when the format says nothing
    entries: tuple[ListEntry, ...]


def clean(text: str | None) -> str:
    """Collapse whitespace; OFAC's `-0-` placeholder and None become ""."""
    if not text:
        return ""
    text = " ".join(text.split())
    return "" if text == "-0-" else text


def squash(text: str) -> str:
    """A value with its ends trimmed and each run of whitespace holding a double space, tab or
    line break collapsed to one space (a lone no-break space inside stays: it is rare, and
    checking for it would double the cost of parsing the CSV files).

    Authorities re-indent multi-line values between publications (the UN list's comments and
    notes); such an edit is no change of the entry, so every value is squashed before hashing.
    """
    text = text.strip()
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return " ".join(text.split())
    return text


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values in first-seen order, without repeats."""
    return tuple(dict.fromkeys(v for v in values if v))


def _entry_hash(fields: Iterable[str], details: Any) -> str:
    """A short stable digest of an entry's fields and its other published data.

    `details` is a string (hashed as is) or JSON-serialisable data.
    """
    blob = (
        "\x1f".join(fields)
        + "\x1d"
        + (details if isinstance(details, str) else json.dumps(details, ensure_ascii=False, separators=(",", ":")))
    )
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=12).hexdigest()


def make_entry(
    list_kind: str,
    entry_id: str,
    name: str,
    *,
    aliases: Iterable[str] = (),
    programmes: Iterable[str] = (),
    type: str = "entity",
    ids: Iterable[str] = (),
    countries: Iterable[str] = (),
    listed_on: date | None = None,
    details: Any = (),
) -> ListEntry:
    """Build a `ListEntry` whose hash covers its fields and `details` (everything else published).

    Lists hash set-wise (sorted), so the same names in another order are no change.
    """
    aliases_t = tuple(dict.fromkeys(a for a in aliases if a and a != name))
    programmes_t, ids_t, countries_t = unique(programmes), unique(ids), unique(countries)
    digest = _entry_hash(
        (
            name,
            "\x1e".join(sorted(aliases_t)),
            "\x1e".join(sorted(programmes_t)),
            type,
            "\x1e".join(sorted(ids_t)),
            "\x1e".join(sorted(countries_t)),
            listed_on.isoformat() if listed_on else "",
        ),
        details,
    )
    return ListEntry(list_kind, entry_id, name, aliases_t, programmes_t, type, ids_t, countries_t, listed_on, digest)


@functools.lru_cache(maxsize=4096)
def local_name(tag: str) -> str:
    """`{namespace}sdnEntry` → `sdnEntry`, so parsers do not depend on the namespace (cached: hot)."""
    return tag.rpartition("}")[2]


def leaves(elem: ET.Element, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Every non-empty text and attribute under `elem` as sorted (name, value) pairs, for hashing.

    `skip` names elements (leaves such as `uid`) and attributes to leave out. Sorting makes a
    re-ordering of the same content no change; values are `squash`ed, so a re-indented text is
    no change either.
    """
    out: list[tuple[str, str]] = []
    for node in elem.iter():
        if node.attrib:
            name = local_name(node.tag)
            out.extend(
                (f"{name}@{local_name(k)}", squash(v))
                for k, v in node.attrib.items()
                if local_name(k) not in skip and v and not v.isspace()
            )
        text = node.text
        if text is None or text.isspace():
            continue
        name = local_name(node.tag)
        if name not in skip:
            out.append((name, squash(text)))
    out.sort()
    return out


def reject_html(body: bytes, where: str) -> None:
    """Raise `FeedBlocked` when a list download is empty or an HTML page (error or bot check)."""
    if not body.strip():
        raise FeedBlocked(f"{where}: empty download")
    if _HTML_START.match(body[:4096]):
        raise FeedBlocked(f"{where}: got an HTML page instead of the list")


class _RootFound(Exception):
    pass


class _EntityDeclared(Exception):
    pass


def root_element(body: bytes, where: str) -> str:
    """The local name of the document's real root element, read by the XML parser itself.

    A leading comment, processing instruction or DOCTYPE is skipped as XML skips it, even when
    it mentions another element's name (`<!-- a <Designation> per entry -->`). Only the bytes up
    to the root's start tag are parsed, so a wrong document still fails fast.

    Raises:
        ParseError: the bytes are not XML before the root element (or hold none), or they
            declare entities (no official list does; a declaration is how entity expansion and
            external entities start).
    """
    parser = expat.ParserCreate()

    def start(name: str, _attrs: object) -> None:
        raise _RootFound(name)

    def entity(*_args: object) -> None:
        raise _EntityDeclared

    parser.StartElementHandler = start
    parser.EntityDeclHandler = entity
    try:
        for offset in range(0, len(body), _SNIFF_CHUNK):
            parser.Parse(body[offset : offset + _SNIFF_CHUNK], False)
        parser.Parse(b"", True)
    except _RootFound as found:
        return str(found.args[0]).rpartition(":")[2]
    except _EntityDeclared:
        raise ParseError(
            f"{where}: the document declares XML entities, refused (entity expansion: billion laughs "
            "or external entities); no official list declares any"
        ) from None
    except expat.ExpatError as exc:
        raise ParseError(f"{where}: not well-formed XML before the root element: {exc}") from None
    raise ParseError(f"{where}: no root element")


def iter_elements(body: bytes, where: str, root: str) -> Iterator[ET.Element]:
    """Stream each element of XML bytes as it closes (the root last); a broken or cut file is a `ParseError`.

    The root element's name is checked first (`root_element`), so a wrong document fails fast.
    The caller clears each record element once read, so memory stays flat on large lists.
    """
    reject_html(body, where)
    name = root_element(body, where)
    if name != root:
        raise ParseError(f"{where}: root element is <{name}>, expected <{root}>")
    try:
        for _event, elem in ET.iterparse(BytesIO(body), events=("end",)):
            yield elem
    except ET.ParseError as exc:
        raise ParseError(f"{where}: {xml_error(exc, body)}") from None


def xml_error(exc: ET.ParseError, body: bytes) -> str:
    """Name what broke an XML parse of `body`: entity expansion, a cut file, or other malformed XML."""
    text = " ".join(str(exc).split())
    line = getattr(exc, "position", (0, 0))[0]
    at_the_end = line >= body.rstrip().count(b"\n") + 1
    if "amplification" in text or "recursive entity" in text:
        return f"XML entity expansion refused (billion laughs?): {text}"
    if "undefined entity" in text:
        return f"not well-formed XML (an undefined or external entity; external entities are never loaded): {text}"
    if at_the_end or "no element found" in text or "unclosed token" in text:
        return f"not well-formed XML (truncated download?): {text}"
    return f"not well-formed XML: {text}"
