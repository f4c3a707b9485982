"""The UN Security Council consolidated list (XML) into a `Publication`.

Root `CONSOLIDATED_LIST@dateGenerated`; records `INDIVIDUAL` and `ENTITY` keyed by `DATAID`,
names in FIRST_NAME..FOURTH_NAME, aliases in `*_ALIAS/ALIAS_NAME`, the sanctions regime in
`UN_LIST_TYPE` and the listing date in `LISTED_ON`. The file states no record count.

One ALIAS_NAME may hold several names separated by ";" ("Azim Adhajani; Azim Agha-Jani", or
"<original script> (Latin 1; Latin 2)"): each is an alias (`split_alias`). A document
(INDIVIDUAL_DOCUMENT) whose NUMBER is empty but whose TYPE_OF_DOCUMENT2 or NOTE carries the
number ("Tunisian passport number L 191609 issued on 28 Feb. 1996") is kept as an identifier
with that text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from sanctions_monitor_sources.errors import ParseError
from sanctions_monitor_sources.publication import (
    ListEntry,
    Publication,
    clean,
    iter_elements,
    leaves,
    local_name,
    make_entry,
)

__all__ = ["DEFAULT_URL", "KIND", "parse_un_xml", "split_alias"]

KIND = "un-sc"
DEFAULT_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_RECORDS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}


# A document number in free text: "number 665", "No. 123", or a token of 5+ letters, digits and
# hyphens holding 3+ digits ("L723315", "156-92-9858", "DAOMMD74T11Z352Z"); a year ("1993") is not.
_NUMBER_IN_TEXT = re.compile(
    r"(?:\b(?:number|no\.?|#)\s*[A-Z0-9-]*\d)"
    r"|(?<![\w-])(?=(?:[A-Z-]*\d){3})[A-Z0-9][A-Z0-9-]{4,}",
    re.IGNORECASE,
)


_MARKER = re.compile(r"(?:^|\s)[a-z]\Z")  # "b" of "... b) M. Javad ..."
_ORIGINAL_SCRIPT = re.compile(r"\s*\(original script\)\s*$", re.IGNORECASE)


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean(text)[:10])
    except ValueError:
        return None


def _split_top(text: str) -> list[str]:
    """`text` split at each ";" outside parentheses, and at an unmatched list marker "b)"."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ")" and _MARKER.search(text, start, i):
            parts.append(text[start : i - 1])
            start = i + 1
        elif ch == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _list_group(text: str) -> tuple[str, str, str] | None:
    """(before, inside, after) of the first top-level parenthesis that holds a ";" list."""
    depth, opened = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and len(_split_top(text[opened + 1 : i])) > 1:
                return text[:opened], text[opened + 1 : i], text[i + 1 :]
    return None


def split_alias(text: str | None) -> list[str]:
    """The names one ALIAS_NAME holds: "A; B" is two, "X (A; B)" is three (X, A and B), and
    "A; B b) C" is three; an "(original script)" note is dropped.

    A parenthesis without ";" is part of the name ("Abdel Ilah Sabri (false identity ...)").
    """
    out: list[str] = []
    for part in _split_top(clean(text)):
        group = _list_group(part)
        if group:
            before, inside, after = group
            out += split_alias(f"{before} {after}") + split_alias(inside)
        else:
            out.append(_ORIGINAL_SCRIPT.sub("", part).strip())
    return [name for name in out if name]


def _document(doc: ET.Element) -> str:
    """A document as "Type Number (Country)"; with no NUMBER, the type and the TYPE_OF_DOCUMENT2 /
    NOTE text that carries the number; "" when no number is given anywhere."""
    kind, number = clean(doc.findtext("TYPE_OF_DOCUMENT")), clean(doc.findtext("NUMBER"))
    if not number:
        number = "; ".join(
            t for t in (clean(doc.findtext("TYPE_OF_DOCUMENT2")), clean(doc.findtext("NOTE"))) if t and t != kind
        )
        if not _NUMBER_IN_TEXT.search(number):
            return ""
    country = clean(doc.findtext("ISSUING_COUNTRY"))
    return " ".join(filter(None, (kind, number))) + (f" ({country})" if country else "")


def _entry(elem: ET.Element, kind: str, where: str) -> ListEntry:
    fields: dict[str, list[ET.Element]] = {}
    for child in elem:
        fields.setdefault(local_name(child.tag), []).append(child)

    def first(name: str) -> str:
        return clean(fields[name][0].text) if name in fields else ""

    dataid = first("DATAID")
    if not dataid:
        raise ParseError(f"{where}: an {local_name(elem.tag)} has no DATAID")
    name = " ".join(filter(None, (first(p) for p in _NAME_PARTS)))
    aliases = [
        alias
        for a in fields.get(f"{local_name(elem.tag)}_ALIAS", [])
        for alias in split_alias(a.findtext("ALIAS_NAME"))
    ]
    aliases += [first("NAME_ORIGINAL_SCRIPT")]
    ids = [document for d in fields.get("INDIVIDUAL_DOCUMENT", []) if (document := _document(d))]
    ref = first("REFERENCE_NUMBER")
    countries = [clean(v.text) for n in fields.get("NATIONALITY", []) for v in n]
    countries += [clean(a.findtext("COUNTRY")) for a in fields.get(f"{local_name(elem.tag)}_ADDRESS", [])]
    return make_entry(
        KIND,
        dataid,
        name,
        aliases=aliases,
        programmes=[first("UN_LIST_TYPE")],
        type=kind,
        ids=([f"UN {ref}"] if ref else []) + ids,
        countries=countries,
        listed_on=_iso_date(first("LISTED_ON")),
        details=leaves(elem, frozenset({"SORT_KEY", "SORT_KEY_LAST_MOD"})),
    )


def parse_un_xml(body: bytes, *, where: str = "consolidated.xml") -> Publication:
    """Parse the UN consolidated list streaming.

    Raises:
        FeedBlocked: the body is empty or an HTML page.
        ParseError: the XML is broken or truncated, or is not the consolidated list.
    """
    published: date | None = None
    entries: list[ListEntry] = []
    for elem in iter_elements(body, where, "CONSOLIDATED_LIST"):
        name = local_name(elem.tag)
        if name in _RECORDS and elem.find("DATAID") is not None:
            entries.append(_entry(elem, _RECORDS[name], where))
            elem.clear()
        elif name == "CONSOLIDATED_LIST":
            published = _iso_date(elem.get("dateGenerated"))
    return Publication(KIND, published, None, tuple(entries))
