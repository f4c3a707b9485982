"""The UK Sanctions List published by the FCDO (XML) into a `Publication`.

Root `Designations` with `DateGenerated` (dd/mm/yyyy); one `Designation` per listing keyed by
`UniqueID` (e.g. "RUS0251"), names in `Names/Name` (Name1..Name6, Name6 being the family or
entity name, and `NameType` "Primary Name", "Primary Name Variation" or "Alias"), the regime in
`RegimeName`, `DateDesignated` and `LastUpdated`. This list replaced OFSI's consolidated list
in January 2026. The file states no record count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime

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

__all__ = ["DEFAULT_URL", "KIND", "parse_uk_xml"]

KIND = "uk-sanctions"
DEFAULT_URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
_TYPES = {"individual": "individual", "entity": "entity", "ship": "vessel"}
_ID_TAGS = ("PassportNumber", "NationalIdentifierNumber", "IMONumber", "BusinessRegistrationNumber")


def _uk_date(text: str | None) -> date | None:
    text = clean(text)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19] if "T" in text else text, fmt).date()
        except ValueError:
            continue
    return None


def _full_name(name: ET.Element) -> str:
    parts = {local_name(c.tag): clean(c.text) for c in name}
    return " ".join(filter(None, (parts.get(f"Name{i}", "") for i in range(1, 7))))


def _entry(elem: ET.Element, where: str) -> ListEntry:
    fields: dict[str, ET.Element] = {local_name(c.tag): c for c in elem}

    def text(tag: str) -> str:
        return clean(fields[tag].text) if tag in fields else ""

    unique_id = text("UniqueID")
    if not unique_id:
        raise ParseError(f"{where}: a Designation has no UniqueID")
    primary: list[str] = []
    others: list[str] = []
    for name in fields.get("Names", ()):
        kinds = {local_name(c.tag): clean(c.text) for c in name}
        (primary if kinds.get("NameType", "").lower() == "primary name" else others).append(_full_name(name))
    non_latin = [clean(n.text) for n in elem.iter() if local_name(n.tag) == "NameNonLatinScript"]
    countries = [clean(n.text) for n in elem.iter() if local_name(n.tag) in ("AddressCountry", "Nationality")]
    ids = [
        f"{local_name(n.tag)} {clean(n.text)}" for n in elem.iter() if local_name(n.tag) in _ID_TAGS and clean(n.text)
    ]
    names = primary + others
    return make_entry(
        KIND,
        unique_id,
        names[0] if names else "",
        aliases=names[1:] + non_latin,
        programmes=[text("RegimeName")],
        type=_TYPES.get(text("IndividualEntityShip").lower(), "entity"),
        ids=ids,
        countries=countries,
        listed_on=_uk_date(text("DateDesignated")),
        details=leaves(elem, frozenset({"LastUpdated"})),
    )


def parse_uk_xml(body: bytes, *, where: str = "UK Sanctions List XML") -> Publication:
    """Parse the UK Sanctions List streaming.

    Raises:
        FeedBlocked: the body is empty or an HTML page.
        ParseError: the XML is broken or truncated, or is not the UK Sanctions List.
    """
    published: date | None = None
    entries: list[ListEntry] = []
    latest_update: date | None = None
    for elem in iter_elements(body, where, "Designations"):
        name = local_name(elem.tag)
        if name == "Designation":
            entries.append(_entry(elem, where))
            updated = _uk_date(elem.findtext("{*}LastUpdated"))
            if updated and (latest_update is None or updated > latest_update):
                latest_update = updated
            elem.clear()
        elif name == "DateGenerated":
            published = _uk_date(elem.text)
    return Publication(KIND, published or latest_update, None, tuple(entries))
