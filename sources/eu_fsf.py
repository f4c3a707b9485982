"""The EU Financial Sanctions Files consolidated list (XML) into a `Publication`.

Root `export@generationDate`; one `sanctionEntity` per designation keyed by `logicalId`, with
`designationDate`, `regulation@programme` (e.g. "BLR"), `subjectType@code` (person or
enterprise), `nameAlias@wholeName` (with `nameLanguage`, `strong` and the alias's own
`logicalId`), identifications and `citizenship`/`address` country codes. The file states no
record count.

The export's order of `nameAlias` is not meaningful (the first is often Irish, Arabic or a
French-tagged misspelling), so the main name is chosen by `main_name_key`, which gives the
same answer in any order. The listing date is `designationDate`, else the earliest
`publicationDate` of any regulation in the entity (the entity's `regulation` and every
`regulationSummary` of its names, identifiers, addresses...), which is the act that first
listed it; never the latest amendment. Country code "00" means unknown and is left out.
"""

from __future__ import annotations

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

__all__ = ["DEFAULT_URL", "KIND", "main_name_key", "parse_eu_xml"]

KIND = "eu-fsf"
DEFAULT_URL = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
_TYPES = {"person": "individual", "enterprise": "entity"}


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean(text)[:10])
    except ValueError:
        return None


def _country(elem: ET.Element) -> str:
    """The ISO code, else the description; "" for the EU's "00" / "UNKNOWN" (no country given)."""
    code = clean(elem.get("countryIso2Code"))
    if code == "00":
        return ""
    if code:
        return code
    description = clean(elem.get("countryDescription"))
    return "" if description.upper() == "UNKNOWN" else description.title()


def main_name_key(alias: ET.Element) -> tuple[int, int, int, str]:
    """Sort key of a `nameAlias`: the smallest is the entry's main name.

    The rule: an English name (`nameLanguage="EN"`) first, else one with no language tag, else
    any; among those a strong alias (`strong="true"`) before a weak one; then the smallest
    numeric alias `logicalId` (in the real exports the oldest alias, which for 5295 is the UN's
    primary name, and which stays the same from the 2020 to the 2026 export for 191); then the
    name itself. It depends on the aliases only, not on their order in the file.
    """
    language = clean(alias.get("nameLanguage")).upper()
    alias_id = clean(alias.get("logicalId"))
    return (
        0 if language == "EN" else 1 if not language else 2,
        0 if clean(alias.get("strong")).lower() != "false" else 1,
        int(alias_id) if alias_id.isdigit() else 1 << 62,
        clean(alias.get("wholeName")),
    )


def _entry(elem: ET.Element, where: str) -> ListEntry:
    logical_id = clean(elem.get("logicalId"))
    if not logical_id:
        raise ParseError(f"{where}: a sanctionEntity has no logicalId")
    aliases: list[ET.Element] = []
    programmes: list[str] = []
    ids: list[str] = []
    countries: list[str] = []
    kind = "entity"
    for child in elem:
        tag = local_name(child.tag)
        if tag == "nameAlias":
            if clean(child.get("wholeName")):
                aliases.append(child)
        elif tag == "regulation":
            programmes.append(clean(child.get("programme")))
        elif tag == "subjectType":
            kind = _TYPES.get(clean(child.get("code")), "entity")
        elif tag == "identification" and clean(child.get("number")):
            label = clean(child.get("identificationTypeDescription")) or clean(child.get("identificationTypeCode"))
            country = _country(child)
            ids.append(f"{label} {clean(child.get('number'))}".strip() + (f" ({country})" if country else ""))
        elif tag in ("citizenship", "address"):
            countries.append(_country(child))
    names = [clean(a.get("wholeName")) for a in sorted(aliases, key=main_name_key)]
    regulation_dates = (
        _iso_date(r.get("publicationDate"))
        for r in elem.iter()
        if local_name(r.tag) in ("regulation", "regulationSummary")
    )
    return make_entry(
        KIND,
        logical_id,
        names[0] if names else "",
        aliases=names[1:],
        programmes=programmes,
        type=kind,
        ids=ids,
        countries=countries,
        listed_on=_iso_date(elem.get("designationDate")) or min(filter(None, regulation_dates), default=None),
        details=leaves(elem),
    )


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
