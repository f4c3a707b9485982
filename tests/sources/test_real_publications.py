"""The list parsers on real publications, skipped when ../shared/data is absent.

The figures of docs/official-lists.md ("Checked against real publications") come from here; run the module to print them:

    .venv/bin/python -m tests.sources.test_real_publications [DATA_DIR]

Each figure is checked against a count made straight from the files with the standard library
(ElementTree, csv) where one can be made, not only against the parser itself.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from monitor.lists.diff import diff_entries
from sanctions_monitor_sources.eu_fsf import parse_eu_xml
from sanctions_monitor_sources.ofac_sdn import classify_id, parse_sdn_csv, parse_sdn_xml
from sanctions_monitor_sources.publication import ListEntry, squash
from sanctions_monitor_sources.uk_sanctions import parse_uk_xml
from sanctions_monitor_sources.un_sc import parse_un_xml, split_alias
from tests.support.paths import ROOT

DATA = Path(os.environ.get("SANCTIONS_MONITOR_DATA", ROOT.parent / "shared" / "data"))
pytestmark = pytest.mark.skipif(not (DATA / "README.md").is_file(), reason=f"no real list data at {DATA}")


def read(*parts: str) -> bytes:
    return DATA.joinpath(*parts).read_bytes()


def by_id(entries: tuple[ListEntry, ...] | list[ListEntry]) -> dict[str, ListEntry]:
    return {e.entry_id: e for e in entries}


# --- 1. OFAC CSV: SDN_COMMENTS.CSV ---------------------------------------------------------------


@cache
def ofac_csv() -> dict[str, Any]:
    files = [read("ofac", "b", n) for n in ("sdn.csv", "alt.csv", "add.csv")]
    joined = by_id(parse_sdn_csv(*files, read("ofac", "b", "sdn_comments.csv")).entries)
    cut = by_id(parse_sdn_csv(*files).entries)
    text = lambda n: read("ofac", "b", n).decode("utf-8").rstrip("\x1a\r\n")  # noqa: E731
    remarks = {r[0]: r[11] for r in csv.reader(text("sdn.csv").splitlines()) if r}
    overflow = {r[0]: r[1] for r in csv.reader(text("sdn_comments.csv").splitlines()) if r}
    out: dict[str, Any] = {
        "comment_rows": len(overflow),
        "cut_remarks": sum(len(r) == 1000 for r in remarks.values()),
        "ids_cut": sum(len(e.ids) for e in cut.values()),
        "ids_joined": sum(len(e.ids) for e in joined.values()),
        "entries_changed_by_join": sorted(i for i in joined if joined[i] != cut[i]),
    }
    for ent in ("30518", "29703", "28264"):
        full = remarks[ent] + overflow[ent]
        published = re.findall(r"Digital Currency Address - \w+ \w+", full)
        out[ent] = {
            "ids_cut": len(cut[ent].ids),
            "ids_joined": len(joined[ent].ids),
            "addresses_published": len(published),
            "addresses_kept": sum(a in joined[ent].ids for a in published),
            "gained": sorted(set(joined[ent].ids) - set(cut[ent].ids)),
            "lost": sorted(set(cut[ent].ids) - set(joined[ent].ids)),
        }
    old = parse_sdn_csv(*(read("ofac", "a", n) for n in ("sdn.csv", "alt.csv", "add.csv")))
    out["diff_a_b"] = diff_entries(old.entries, joined.values()).counts()
    return out


def test_ofac_csv_comments_join_keeps_every_identifier() -> None:
    f = ofac_csv()
    assert (f["comment_rows"], f["cut_remarks"]) == (5, 5)
    assert f["30518"]["addresses_published"] == f["30518"]["addresses_kept"] == 19
    assert f["30518"]["lost"] == ["Digital Currency Address - XBT 1Gq"]
    assert "Digital Currency Address - XBT 1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr" in f["30518"]["gained"]
    assert "Passport 4005504207 (Russia)" in f["29703"]["gained"]
    assert "Identification Number 210302198701102136 (China)" in f["28264"]["gained"]
    assert f["29703"]["addresses_published"] == f["29703"]["addresses_kept"]


# --- 5. OFAC XML: what an <id> is ------------------------------------------------------------------


@cache
def ofac_xml() -> dict[str, Any]:
    body = read("ofac-xml", "ofac_consolidated_nonsdn_perchrh_2018-04-06.xml")
    pub = parse_sdn_xml(body)
    kinds: Counter[str] = Counter()
    for node in ET.fromstring(body).iter():
        if node.tag.endswith("}id"):
            text = " ".join(
                filter(None, (squash(node.findtext("{*}idType") or ""), squash(node.findtext("{*}idNumber") or "")))
            )
            kinds[classify_id(text)] += 1
    rosneft = by_id(pub.entries)["17022"]
    return {
        "entries": len(pub.entries),
        "record_count": pub.record_count,
        "id_elements": sum(kinds.values()),
        "kinds": dict(kinds),
        "ids": sum(len(e.ids) for e in pub.entries),
        "directive_programmes": sum(p.startswith("Executive Order") for e in pub.entries for p in e.programmes),
        "rosneft": {"ids": list(rosneft.ids), "programmes": list(rosneft.programmes)},
        "sample_2020_ids": sum(
            len(e.ids) for e in parse_sdn_xml(read("ofac-xml", "sdn_sample_deriv_2020-04-22.xml")).entries
        ),
    }


def test_ofac_xml_ids_are_identifiers() -> None:
    f = ofac_xml()
    assert (f["entries"], f["record_count"], f["id_elements"]) == (639, 639, 2096)
    assert f["kinds"] == {"id": 787, "programme": 309, "link": 473, "vessel": 101, "remark": 426}
    assert f["ids"] == 787 and f["directive_programmes"] == 309
    assert "Executive Order 13662 Directive Determination - Subject to Directive 2" in f["rosneft"]["programmes"]
    assert f["rosneft"]["ids"] == [
        "Tax ID No. 7706107510 (Russia)",
        "Government Gazette Number 00044428 (Russia)",
        "Registration ID 1027700043502 (Russia)",
    ]


# --- 2, 3, 8. EU: main name, listing date, "00" ------------------------------------------------

EU_FILES = (
    "eu_gsmiguel_sample_2026-08-05.xml",
    "eu_jaggeman_carve_2026-08-05_realonly.xml",
    "eu_sample_deriv_2020-04-15.xml",
)


def reorder_aliases(body: bytes, seed: int) -> bytes:
    """The export with each entity's nameAlias elements in a random order (rewritten by ElementTree)."""
    root = ET.fromstring(body)
    rng = random.Random(seed)
    for entity in root.iter("{http://eu.europa.ec/fpi/fsd/export}sanctionEntity"):
        children = list(entity)
        aliases = [c for c in children if c.tag.endswith("}nameAlias")]
        rng.shuffle(aliases)
        shuffled = iter(aliases)
        entity[:] = [next(shuffled) if c.tag.endswith("}nameAlias") else c for c in children]
    return ET.tostring(root, encoding="utf-8")


@cache
def eu() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in EU_FILES:
        body = read("eu", name)
        entries = parse_eu_xml(body).entries
        first = {}
        for entity in ET.fromstring(body).iter("{http://eu.europa.ec/fpi/fsd/export}sanctionEntity"):
            aliases = [a.get("wholeName") for a in entity.iter("{http://eu.europa.ec/fpi/fsd/export}nameAlias")]
            first[entity.get("logicalId")] = squash(aliases[0] or "") if aliases else ""
        out[name] = {
            "entries": len(entries),
            "names": {e.entry_id: e.name for e in entries},
            "listed_on": {e.entry_id: e.listed_on.isoformat() if e.listed_on else None for e in entries},
            "name_is_not_first_alias": sum(e.name != first[e.entry_id] for e in entries),
            "same_in_any_alias_order": all(
                parse_eu_xml(reorder_aliases(body, s)).entries == entries for s in range(10)
            ),
            "unknown_country_codes_in_file": body.count(b'countryIso2Code="00"'),
            "unknown_in_output": sum("Unknown" in v for e in entries for v in e.ids + e.countries),
        }
    return out


def test_eu_main_name_listing_date_and_unknown_country() -> None:
    f = eu()
    new, carve, old = (f[n] for n in EU_FILES)
    assert new["names"]["3822"] == "Parchin Chemical Industries (PCI)"  # not Irish
    assert new["names"]["6177"] == "Ibrahim Hassan Tali Al-Asiri"  # not Arabic script
    assert new["names"]["191"] == carve["names"]["191"] == "Khalid Sheikh MOHAMMED"  # not the FR misspelling
    assert old["names"]["191"] == "Khalid Shaikh MOHAMMED"  # same alias (logicalId 289) in 2020
    assert old["names"]["5295"] == "Amor Mohamed Ghedeir"  # the UN's primary name (QDi)
    assert new["listed_on"]["191"] == old["listed_on"]["191"] == "2005-11-30"  # was 2025-01-31 / 2020-01-14
    assert carve["listed_on"]["980"] == "2009-11-18"  # was 2014-04-01
    assert all(f[n]["same_in_any_alias_order"] for n in EU_FILES)
    assert all(f[n]["unknown_in_output"] == 0 for n in EU_FILES)
    assert sum(f[n]["unknown_country_codes_in_file"] for n in EU_FILES) == 7


# --- 4, 6. UN: whitespace-only edits, aliases, NOTE identifiers -----------------------------------


def _leaves(record: ET.Element, normalise: Any) -> list[tuple[str, str]]:
    skip = {"SORT_KEY", "SORT_KEY_LAST_MOD"}
    return sorted(
        (n.tag, normalise(n.text)) for n in record.iter() if n.tag not in skip and n.text is not None and n.text.strip()
    )


def _records(body: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(body)
    return {
        r.findtext("DATAID") or "": r
        for r in root.iter()
        if r.tag in ("INDIVIDUAL", "ENTITY") and r.find("DATAID") is not None
    }


@cache
def un() -> dict[str, Any]:
    files = {
        n: read("un", n) for n in ("un_perchrh_2018-08-24.xml", "un_perchrh_2018-10-29.xml", "consolidated-2026-02.xml")
    }
    pubs = {n: parse_un_xml(b).entries for n, b in files.items()}
    a, b, c = pubs.values()
    old, new = _records(files["un_perchrh_2018-10-29.xml"]), _records(files["consolidated-2026-02.xml"])
    both = old.keys() & new.keys()
    strip_changed = {i for i in both if _leaves(old[i], str.strip) != _leaves(new[i], str.strip)}
    squash_changed = {i for i in both if _leaves(old[i], squash) != _leaves(new[i], squash)}
    out: dict[str, Any] = {
        "entries": {n: len(p) for n, p in pubs.items()},
        "diff_2018_08_to_10": diff_entries(a, b).counts(),
        "diff_2018_10_to_2026": diff_entries(b, c).counts(),
        "independent_changed_strip": len(strip_changed),
        "independent_changed_squash": len(squash_changed),
        "whitespace_only": len(strip_changed - squash_changed),
    }
    for n, body in files.items():
        root = ET.fromstring(body)
        multi = [
            a.findtext("ALIAS_NAME") or ""
            for a in root.iter()
            if a.tag.endswith("_ALIAS") and ";" in (a.findtext("ALIAS_NAME") or "")
        ]
        docs = [
            d
            for d in root.iter("INDIVIDUAL_DOCUMENT")
            if not (d.findtext("NUMBER") or "").strip()
            and ((d.findtext("NOTE") or "").strip() or (d.findtext("TYPE_OF_DOCUMENT2") or "").strip())
        ]
        numbered = sum(1 for d in root.iter("INDIVIDUAL_DOCUMENT") if (d.findtext("NUMBER") or "").strip())
        references = sum(1 for r in _records(body).values() if (r.findtext("REFERENCE_NUMBER") or "").strip())
        ids = sum(len(e.ids) for e in pubs[n])
        out[n] = {
            "alias_names_with_semicolon": len(multi),
            "aliases_from_them": sum(len(split_alias(m)) for m in multi),
            "aliases": sum(len(e.aliases) for e in pubs[n]),
            "documents_with_number": numbered,
            "documents_without_number_but_text": len(docs),
            "ids": ids,
            "ids_from_text_only": ids - numbered - references,
        }
    return out


def test_un_whitespace_edits_are_no_change() -> None:
    f = un()
    assert f["entries"] == {
        "un_perchrh_2018-08-24.xml": 1098,
        "un_perchrh_2018-10-29.xml": 1093,
        "consolidated-2026-02.xml": 1003,
    }
    assert f["diff_2018_08_to_10"] == {"added": 3, "removed": 8, "changed": 9}
    assert (f["independent_changed_strip"], f["whitespace_only"]) == (739, 88)
    assert f["diff_2018_10_to_2026"] == {"added": 112, "removed": 202, "changed": f["independent_changed_squash"]}
    assert f["independent_changed_squash"] == 739 - 88


def test_un_aliases_split_and_note_identifiers_kept() -> None:
    f = un()
    assert f["consolidated-2026-02.xml"]["alias_names_with_semicolon"] == 27
    person = by_id(parse_un_xml(read("un", "consolidated-2026-02.xml")).entries)
    assert {"Azim Adhajani", "Azim Agha-Jani"} <= set(person["110444"].aliases)
    assert (
        "Passport Libyan passport number 347834, issued under name Ibrahim Ali Tantoush, expired on 21 Feb. 2014"
        in person["111639"].ids
    )
    assert {
        "Passport Tunisian passport number L 191609 issued on 28 Feb. 1996, expired on 27 Feb. 2001",
        "National Identification Number 04643632 issued on 18 Jun. 1999",
        "National Identification Number Italian Fiscal Code: DAOMMD74T11Z352Z",
    } <= set(person["111735"].ids)


# --- 7. root element behind a leading comment --------------------------------------------------------


def with_leading_comment(body: bytes, comment: bytes) -> bytes:
    head, sep, rest = body.partition(b"?>")
    return head + sep + b"\n<!-- " + comment + b" -->" + rest if sep else b"<!-- " + comment + b" -->\n" + body


def test_a_leading_comment_does_not_change_the_parse() -> None:
    for parse, parts, comment in (
        (parse_uk_xml, ("uk", "uk_jaggeman_carve_2026-08-14_realonly_nocomment.xml"), b"one <Designation> each"),
        (parse_un_xml, ("un", "consolidated-2026-02.xml"), b"<INDIVIDUAL> and <ENTITY> records"),
        (parse_eu_xml, ("eu", "eu_gsmiguel_sample_2026-08-05.xml"), b"<sanctionEntity> in <export>"),
        (parse_sdn_xml, ("ofac-xml", "sdn_sample_deriv_2020-04-22.xml"), b"<sdnEntry> records"),
    ):
        body = read(*parts)
        assert parse(with_leading_comment(body, comment)).entries == parse(body).entries


def figures() -> dict[str, Any]:
    return {"ofac_csv": ofac_csv(), "ofac_xml": ofac_xml(), "eu": eu(), "un": un()}


if __name__ == "__main__":
    if len(sys.argv) > 1:
        DATA = Path(sys.argv[1])
    print(json.dumps(figures(), indent=1, ensure_ascii=False, default=str))
