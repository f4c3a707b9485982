"""The UN Security Council consolidated list (XML) into a `Publication`.

Root `CONSOLIDATED_LIST@dateGenerated`; records `INDIVIDUAL` and `ENTITY` keyed by `DATAID`,
names in FIRST_NAME..FOURTH_NAME, aliases in `*_ALIAS/ALIAS_NAME`, the sanctions regime in
`UN_LIST_TYPE` and the listing date in `LISTED_ON`. The file states no record count.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from sources.errors import ParseError
from sources.lists import ListEntry, Publication, clean, iter_elements, leaves, local_name, make_entry

__all__ = ["DEFAULT_URL", "KIND", "parse_un_xml"]

KIND = "un-sc"
DEFAULT_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_RECORDS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(clean(text)[:10])
    except ValueError:
        return None


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
    aliases = [clean(a.findtext("ALIAS_NAME")) for a in fields.get(f"{local_name(elem.tag)}_ALIAS", [])]
    aliases += [first("NAME_ORIGINAL_SCRIPT")]
    ids = [" ".join(filter(None, (clean(d.findtext("TYPE_OF_DOCUMENT")), clean(d.findtext("NUMBER")))))
           + (f" ({clean(d.findtext('ISSUING_COUNTRY'))})" if clean(d.findtext("ISSUING_COUNTRY")) else "")
           for d in fields.get("INDIVIDUAL_DOCUMENT", []) if clean(d.findtext("NUMBER"))]
    ref = first("REFERENCE_NUMBER")
    countries = [clean(v.text) for n in fields.get("NATIONALITY", []) for v in n]
    countries += [clean(a.findtext("COUNTRY")) for a in fields.get(f"{local_name(elem.tag)}_ADDRESS", [])]
    return make_entry(KIND, dataid, name, aliases=aliases, programmes=[first("UN_LIST_TYPE")], type=kind,
                      ids=([f"UN {ref}"] if ref else []) + ids, countries=countries,
                      listed_on=_iso_date(first("LISTED_ON")),
                      details=leaves(elem, frozenset({"SORT_KEY", "SORT_KEY_LAST_MOD"})))


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
