"""The EU Financial Sanctions Files consolidated list (XML) into a `Publication`.

Root `export@generationDate`; one `sanctionEntity` per designation keyed by `logicalId`, with
`designationDate` (else the first regulation's `publicationDate`), `regulation@programme`
(e.g. "BLR"), `subjectType@code` (person or enterprise), `nameAlias@wholeName` (the first is
the main name), and `citizenship`/`address` country codes. The file states no record count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from sources.errors import ParseError
from sources.lists import ListEntry, Publication, clean, iter_elements, leaves, local_name, make_entry

__all__ = ["DEFAULT_URL", "KIND", "parse_eu_xml"]

KIND = "eu-fsf"
DEFAULT_URL = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
_TYPES = {"person": "individual", "enterprise": "entity"}


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean(text)[:10])
    except ValueError:
        return None


def _country(elem: ET.Element) -> str:
    code = clean(elem.get("countryIso2Code"))
    return code if code and code != "00" else clean(elem.get("countryDescription")).title()


def _entry(elem: ET.Element, where: str) -> ListEntry:
    logical_id = clean(elem.get("logicalId"))
    if not logical_id:
        raise ParseError(f"{where}: a sanctionEntity has no logicalId")
    names: list[str] = []
    programmes: list[str] = []
    ids: list[str] = []
    countries: list[str] = []
    regulation_dates: list[date] = []
    kind = "entity"
    for child in elem:
        tag = local_name(child.tag)
        if tag == "nameAlias":
            names.append(clean(child.get("wholeName")))
        elif tag == "regulation":
            programmes.append(clean(child.get("programme")))
            regulation_dates += filter(None, [_iso_date(child.get("publicationDate"))])
        elif tag == "subjectType":
            kind = _TYPES.get(clean(child.get("code")), "entity")
        elif tag == "identification" and clean(child.get("number")):
            label = clean(child.get("identificationTypeDescription")) or clean(child.get("identificationTypeCode"))
            country = _country(child)
            ids.append(f"{label} {clean(child.get('number'))}".strip() + (f" ({country})" if country else ""))
        elif tag in ("citizenship", "address"):
            countries.append(_country(child))
    names = [n for n in names if n]
    return make_entry(KIND, logical_id, names[0] if names else "", aliases=names[1:], programmes=programmes,
                      type=kind, ids=ids, countries=countries,
                      listed_on=_iso_date(elem.get("designationDate")) or min(regulation_dates, default=None),
                      details=leaves(elem))


def parse_eu_xml(body: bytes, *, where: str = "EU FSF XML") -> Publication:
    """Parse the EU consolidated list streaming.

    Raises:
        FeedBlocked: the body is empty or an HTML page.
        ParseError: the XML is broken or truncated, or is not an FSF export.
    """
    published: date | None = None
    entries: list[ListEntry] = []
    for elem in iter_elements(body, where, "export"):
        name = local_name(elem.tag)
        if name == "sanctionEntity":
            entries.append(_entry(elem, where))
            elem.clear()
        elif name == "export":
            published = _iso_date(elem.get("generationDate"))
    return Publication(KIND, published, None, tuple(entries))
