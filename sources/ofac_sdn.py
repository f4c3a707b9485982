"""OFAC's SDN list: SDN.XML, or the CSV files SDN.CSV / ALT.CSV / ADD.CSV (+ SDN_COMMENTS.CSV), into a `Publication`.

The XML carries `publshInformation/Publish_Date` (MM/DD/YYYY) and `Record_Count`; the CSV
files carry neither, have no header row, write `-0-` for empty and end with a DOS EOF byte.
SDN.CSV cuts Remarks at 1,000 characters; the rest of a longer one is in SDN_COMMENTS.CSV
(ent_num, overflow), joined back here. Both formats use the entry's `uid`/`ent_num` as its
stable id. The parser ignores the XML namespace (OFAC has changed it more than once).
What an XML `<id>` is (identifier, programme tag, link, vessel data, remark) is decided by
the rules of seeds/lists/ofac_id_types.toml (`classify_id`).
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
from importlib import resources

from sanctions_monitor_sources.errors import DataError, ParseError
from sanctions_monitor_sources.publication import (
    ListEntry,
    Publication,
    clean,
    iter_elements,
    local_name,
    make_entry,
    reject_html,
    squash,
    unique,
)

__all__ = [
    "DEFAULT_CSV_URLS",
    "DEFAULT_XML_URL",
    "ID_KINDS",
    "KIND",
    "classify_id",
    "parse_sdn_comments",
    "parse_sdn_csv",
    "parse_sdn_xml",
]

KIND = "ofac-sdn"
_BASE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
DEFAULT_XML_URL = _BASE + "SDN.XML"
DEFAULT_CSV_URLS = (_BASE + "SDN.CSV", _BASE + "ALT.CSV", _BASE + "ADD.CSV")
ID_KINDS = ("id", "programme", "link", "vessel", "remark")
_ID_TYPES = "seeds/lists/ofac_id_types.toml"
_TYPES = {"individual": "individual", "entity": "entity", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}


@functools.cache
def _id_labels() -> re.Pattern[str]:
    """A pattern for Remarks segments that are identifiers.

    Source: seeds/lists/ofac_id_labels.toml::labels.
    """
    where = "seeds/lists/ofac_id_labels.toml"
    try:
        text = (
            resources.files("sanctions_monitor_seeds")
            .joinpath("lists", "ofac_id_labels.toml")
            .read_text(encoding="utf-8")
        )
        data = tomllib.loads(text)
        labels = sorted((str(x) for x in data["labels"]), key=len, reverse=True)
        return re.compile(r"(?:alt\. )?((?:" + "|".join(map(re.escape, labels)) + r") \S.*)")
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{where}: cannot read identifier labels: {exc}") from None


@functools.cache
def _id_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, kind) in file order. Source: seeds/lists/ofac_id_types.toml::rule."""
    try:
        text = (
            resources.files("sanctions_monitor_seeds")
            .joinpath("lists", "ofac_id_types.toml")
            .read_text(encoding="utf-8")
        )
        rules = tomllib.loads(text)["rule"]
        out = []
        for n, rule in enumerate(rules, 1):
            if rule.get("kind") not in ID_KINDS:
                raise DataError(f"{_ID_TYPES}: rule {n}: kind must be one of {', '.join(ID_KINDS)}")
            try:
                out.append((re.compile(str(rule["pattern"]), re.IGNORECASE), str(rule["kind"])))
            except re.error as exc:
                raise DataError(f"{_ID_TYPES}: rule {n}: bad pattern: {exc}") from None
        return tuple(out)
    except (OSError, KeyError, TypeError, AttributeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{_ID_TYPES}: cannot read id type rules: {exc}") from None


def classify_id(text: str) -> str:
    """What an `<id>` ("idType idNumber") or a Remarks segment is: one of `ID_KINDS`.

    The first rule of seeds/lists/ofac_id_types.toml whose pattern matches decides; no rule
    matching means a real identifier ("id").
    """
    text = squash(text)
    for pattern, kind in _id_rules():
        if pattern.search(text):
            return kind
    return "id"


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
            groups[name] = [
                {local_name(f.tag): squash(f.text or "") for f in item}
                if len(item)
                else {local_name(item.tag): squash(item.text or "")}
                for item in child
            ]
        else:
            top[name] = squash(child.text or "")
    return top, groups


def _xml_entry(elem: ET.Element, where: str) -> ListEntry:
    top, groups = _read_entry(elem)
    if not top.get("uid"):
        raise ParseError(f"{where}: an sdnEntry has no uid")
    ids: list[str] = []
    tags: list[str] = []  # directive determinations: programme tags kept in idList
    for i in groups.get("idList", ()):
        text = " ".join(filter(None, (i.get("idType"), i.get("idNumber"))))
        kind = classify_id(text)
        if kind == "id":
            ids.append(text + (f" ({i['idCountry']})" if i.get("idCountry") else ""))
        elif kind == "programme":
            tags.append(text)
    countries = [
        row.get("country", "")
        for name in ("addressList", "nationalityList", "citizenshipList")
        for row in groups.get(name, ())
    ]
    return make_entry(
        KIND,
        top["uid"],
        _full_name(top),
        aliases=[_full_name(a) for a in groups.get("akaList", ())],
        programmes=[p.get("program", "") for p in groups.get("programList", ())] + tags,
        type=_TYPES.get(top.get("sdnType", "").lower(), "entity"),
        ids=ids,
        countries=countries,
        details=repr((top, groups)),
    )  # all published values in document order (OFAC keeps a stable order)


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
    """Rows of one OFAC CSV file, each exactly `width` fields; a short row is a cut file.

    Fields are `squash`ed and `-0-` is "", except that a non-empty last field keeps its spaces
    as published (SDN.CSV's Remarks may be cut right after a space; SDN_COMMENTS.CSV holds the rest).
    """
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
                raise ParseError(
                    f"{where}: row {n} has {len(row)} fields, expected {width} "
                    "starting with ent_num (truncated download?)"
                )
            cells = ["" if (v := squash(cell)) == "-0-" else v for cell in row]
            if cells[-1]:
                cells[-1] = row[-1]
            rows.append(cells)
    except csv.Error as exc:
        raise ParseError(f"{where}: not valid CSV: {exc}") from None
    return rows


def _segments(remarks: str) -> list[str]:
    """The "; "-separated segments of Remarks, without "alt. " and a final full stop."""
    out = []
    for segment in remarks.split(";"):
        segment = segment.strip().rstrip(".")
        out.append(segment[5:] if segment.startswith("alt. ") else segment)
    return [s for s in out if s]


def _remark_ids(segments: list[str]) -> list[str]:
    pattern = _id_labels()
    found = (pattern.fullmatch(segment) for segment in segments)
    return [m.group(1) for m in found if m]


@functools.cache
def _may_be_programme() -> re.Pattern[str]:
    """Any programme rule's pattern: a quick test before `classify_id` (which decides)."""
    return re.compile(
        "|".join(f"(?:{p.pattern})" for p, kind in _id_rules() if kind == "programme") or "(?!)", re.IGNORECASE
    )


def _remark_programmes(segments: list[str]) -> list[str]:
    maybe = _may_be_programme()
    return [segment for segment in segments if maybe.search(segment) and classify_id(segment) == "programme"]


def parse_sdn_comments(body: bytes, *, where: str = "SDN_COMMENTS.CSV") -> dict[str, str]:
    """SDN_COMMENTS.CSV: ent_num -> the rest of its Remarks (rows of one entry joined in order).

    An empty file means no remark is longer than 1,000 characters.

    Raises:
        FeedBlocked: the body is an HTML page.
        ParseError: the file is not OFAC's layout (ent_num, text) or is cut mid-row.
    """
    if not body.strip(b"\x1a\r\n \t"):
        return {}
    overflow: dict[str, str] = {}
    for row in _csv_rows(body, where, 2):
        overflow[row[0]] = overflow.get(row[0], "") + row[1]
    return overflow


def parse_sdn_csv(
    sdn: bytes, alt: bytes, add: bytes, comments: bytes | None = None, *, where: str = "SDN.CSV"
) -> Publication:
    """Parse the CSV files; ALT.CSV gives aliases, ADD.CSV addresses, SDN_COMMENTS.CSV the rest
    of remarks longer than 1,000 characters, joined on ent_num.

    `comments` None: the file was not available; long remarks stay cut (and so may lose the
    identifiers at their end).

    Raises:
        FeedBlocked: a file is empty or an HTML page.
        ParseError: a file is not OFAC's CSV layout or is cut mid-row.
    """
    base = where.rpartition("/")[0] + "/" if "/" in where else ""
    sdn_rows = _csv_rows(sdn, where, 12)
    aliases: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in _csv_rows(alt, base + "ALT.CSV", 5):
        aliases[row[0]].append((row[2], row[3], squash(row[4])))
    addresses: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in _csv_rows(add, base + "ADD.CSV", 6):
        addresses[row[0]].append((row[2], row[3], row[4], squash(row[5])))
    overflow = parse_sdn_comments(comments, where=base + "SDN_COMMENTS.CSV") if comments is not None else {}
    entries = []
    for row in sdn_rows:
        ent, name, sdn_type, program = row[0], row[1], row[2], row[3]
        remarks = squash(row[11] + overflow.get(ent, ""))
        segments = _segments(remarks)
        alts, adds = sorted(aliases.get(ent, ())), sorted(addresses.get(ent, ()))
        entries.append(
            make_entry(
                KIND,
                ent,
                name,
                aliases=[a[1] for a in alts],
                programmes=[p.strip() for p in program.strip("[]").split("] [")] + _remark_programmes(segments),
                type=_TYPES.get(sdn_type.lower(), "entity"),
                ids=_remark_ids(segments),
                countries=unique(a[2] for a in adds),
                details=(row[4:11] + [remarks], alts, adds),
            )
        )
    return Publication(KIND, None, None, tuple(entries))
