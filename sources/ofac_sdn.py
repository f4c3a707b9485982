"""OFAC's SDN list: SDN.XML, or the CSV trio SDN.CSV / ALT.CSV / ADD.CSV, into a `Publication`.

The XML carries `publshInformation/Publish_Date` (MM/DD/YYYY) and `Record_Count`; the CSV
files carry neither, have no header row, write `-0-` for empty and end with a DOS EOF byte.
Both use the entry's `uid`/`ent_num` as its stable id. The parser ignores the XML namespace
(OFAC has changed it more than once).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import tomllib
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from sources.errors import ParseError, SeedError
from sources.lists import (ListEntry, Publication, clean, iter_elements, local_name, make_entry, reject_html,
                           unique)

__all__ = ["DEFAULT_CSV_URLS", "DEFAULT_XML_URL", "KIND", "parse_sdn_csv", "parse_sdn_xml"]

KIND = "ofac-sdn"
_BASE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
DEFAULT_XML_URL = _BASE + "SDN.XML"
DEFAULT_CSV_URLS = (_BASE + "SDN.CSV", _BASE + "ALT.CSV", _BASE + "ADD.CSV")
_ID_LABELS = Path(__file__).resolve().parent.parent / "seeds" / "lists" / "ofac_id_labels.toml"
_TYPES = {"individual": "individual", "entity": "entity", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}


@functools.cache
def _id_labels() -> tuple[re.Pattern[str], frozenset[str]]:
    """A pattern for Remarks segments that are identifiers, and XML idTypes that are not.

    Source: seeds/lists/ofac_id_labels.toml::labels, ::not_identifiers.
    """
    try:
        data = tomllib.loads(_ID_LABELS.read_text(encoding="utf-8"))
        labels = sorted((str(x) for x in data["labels"]), key=len, reverse=True)
        pattern = re.compile(r"(?:alt\. )?((?:" + "|".join(map(re.escape, labels)) + r") \S.*)")
        return pattern, frozenset(str(x) for x in data["not_identifiers"])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise SeedError(f"{_ID_LABELS}: cannot read identifier labels: {exc}") from None


def _us_date(text: str | None) -> date | None:
    text = clean(text)
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _full_name(fields: dict[str, str]) -> str:
    last, first = fields.get("lastName", ""), fields.get("firstName", "")
    return f"{last}, {first}" if last and first else last or first


def _read_entry(elem: ET.Element) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """One pass over an sdnEntry: its leaf fields, and each list (akaList, idList, ...) as rows."""
    top: dict[str, str] = {}
    groups: dict[str, list[dict[str, str]]] = {}
    for child in elem:
        name = local_name(child.tag)
        if len(child):
            groups[name] = [{local_name(f.tag): (f.text or "").strip() for f in item} if len(item)
                            else {local_name(item.tag): (item.text or "").strip()} for item in child]
        else:
            top[name] = (child.text or "").strip()
    return top, groups


def _xml_entry(elem: ET.Element, where: str) -> ListEntry:
    top, groups = _read_entry(elem)
    if not top.get("uid"):
        raise ParseError(f"{where}: an sdnEntry has no uid")
    skip_ids = _id_labels()[1]
    ids = [" ".join(filter(None, (i.get("idType"), i.get("idNumber"))))
           + (f" ({i['idCountry']})" if i.get("idCountry") else "")
           for i in groups.get("idList", ()) if i.get("idType", "") not in skip_ids]
    countries = [row.get("country", "") for name in ("addressList", "nationalityList", "citizenshipList")
                 for row in groups.get(name, ())]
    return make_entry(
        KIND, top["uid"], _full_name(top), aliases=[_full_name(a) for a in groups.get("akaList", ())],
        programmes=[p.get("program", "") for p in groups.get("programList", ())],
        type=_TYPES.get(top.get("sdnType", "").lower(), "entity"), ids=ids, countries=countries,
        details=repr((top, groups)))   # all published values in document order (OFAC keeps a stable order)


def parse_sdn_xml(body: bytes, *, where: str = "SDN.XML") -> Publication:
    """Parse SDN.XML streaming (each sdnEntry is cleared once read).

    Raises:
        FeedBlocked: the body is empty or an HTML page.
        ParseError: the XML is broken or truncated, or is not an SDN list.
    """
    published: date | None = None
    record_count: int | None = None
    entries: list[ListEntry] = []
    for elem in iter_elements(body, where, "sdnList"):
        name = local_name(elem.tag)
        if name == "sdnEntry":
            entries.append(_xml_entry(elem, where))
            elem.clear()
        elif name == "Publish_Date":
            published = _us_date(elem.text)
        elif name == "Record_Count":
            try:
                record_count = int(clean(elem.text))
            except ValueError:
                raise ParseError(f"{where}: Record_Count {elem.text!r} is not a number") from None
    return Publication(KIND, published, record_count, tuple(entries))


def _csv_rows(body: bytes, where: str, width: int) -> list[list[str]]:
    """Rows of one OFAC CSV file, each exactly `width` cleaned fields; a short row is a cut file."""
    reject_html(body, where)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    text = text.rstrip("\x1a\r\n \t")
    rows = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            if not row or row == [""]:
                continue
            if len(row) != width or not row[0].strip().isdigit():
                raise ParseError(f"{where}: row {n} has {len(row)} fields, expected {width} "
                                 "starting with ent_num (truncated download?)")
            rows.append(["" if (v := cell.strip()) == "-0-" else v for cell in row])
    except csv.Error as exc:
        raise ParseError(f"{where}: not valid CSV: {exc}") from None
    return rows


def _remark_ids(remarks: str) -> list[str]:
    pattern = _id_labels()[0]
    found = (pattern.fullmatch(segment.strip().rstrip(".")) for segment in remarks.split(";"))
    return [m.group(1) for m in found if m]


def parse_sdn_csv(sdn: bytes, alt: bytes, add: bytes, *, where: str = "SDN.CSV") -> Publication:
    """Parse the CSV trio; ALT.CSV gives aliases, ADD.CSV addresses, joined on ent_num.

    Raises:
        FeedBlocked: a file is empty or an HTML page.
        ParseError: a file is not OFAC's CSV layout or is cut mid-row.
    """
    base = where.rpartition("/")[0] + "/" if "/" in where else ""
    sdn_rows = _csv_rows(sdn, where, 12)
    aliases: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in _csv_rows(alt, base + "ALT.CSV", 5):
        aliases[row[0]].append((row[2], row[3], row[4]))
    addresses: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in _csv_rows(add, base + "ADD.CSV", 6):
        addresses[row[0]].append((row[2], row[3], row[4], row[5]))
    entries = []
    for row in sdn_rows:
        ent, name, sdn_type, program = row[0], row[1], row[2], row[3]
        alts, adds = sorted(aliases.get(ent, ())), sorted(addresses.get(ent, ()))
        entries.append(make_entry(
            KIND, ent, name, aliases=[a[1] for a in alts],
            programmes=[p.strip() for p in program.strip("[]").split("] [")],
            type=_TYPES.get(sdn_type.lower(), "entity"), ids=_remark_ids(row[11]),
            countries=unique(a[2] for a in adds), details=(row[4:], alts, adds)))
    return Publication(KIND, None, None, tuple(entries))
