"""sources/un_sc.py: the UN Security Council consolidated list XML."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.errors import ParseError
from monitor.lists.diff import diff_entries
from sanctions_monitor_sources.un_sc import parse_un_xml, split_alias
from tests.support.paths import FIXTURES

LISTS = FIXTURES / "lists"


def test_individuals_and_entities_by_dataid() -> None:
    pub = parse_un_xml((LISTS / "un_before.xml").read_bytes())
    assert (pub.list, pub.published, len(pub.entries)) == ("un-sc", date(2025, 10, 28), 10)
    kinds = {e.entry_id: e.type for e in pub.entries}
    assert kinds["6908004"] == kinds["6908008"] == "individual"
    assert kinds["6908001"] == "entity"
    person = next(e for e in pub.entries if e.entry_id == "6908008")
    assert (person.name, person.aliases, person.programmes, person.listed_on, person.ids) == (
        "Rustam KARIMOV",
        ("AL-KARIMI, Rustam",),
        ("Al-Qaida",),
        date(2016, 3, 2),
        ("UN KPi.008",),
    )


def test_added_removed_and_changed_records_are_visible_in_ids_and_hashes() -> None:
    before = {e.entry_id: e for e in parse_un_xml((LISTS / "un_before.xml").read_bytes()).entries}
    after = {e.entry_id: e for e in parse_un_xml((LISTS / "un_after.xml").read_bytes()).entries}
    assert (before.keys() - after.keys(), after.keys() - before.keys()) == ({"6908001"}, {"6908011"})
    assert [i for i in before.keys() & after.keys() if before[i].content_hash != after[i].content_hash] == ["6908006"]


def test_cut_file_is_a_parse_error() -> None:
    body = (LISTS / "un_after.xml").read_bytes()
    with pytest.raises(ParseError, match="consolidated.xml: not well-formed XML"):
        parse_un_xml(body[:-40])


def test_reindented_values_are_no_change() -> None:
    # As between the publications of 2018-10-29 (one line per record) and 2026-02-27 (pretty-printed):
    # 6909001 differs only in the indentation inside COMMENTS1 and a NOTE; 6909002 was really updated.
    old = parse_un_xml((LISTS / "un_reindent_2018.xml").read_bytes()).entries
    new = parse_un_xml((LISTS / "un_reindent_2026.xml").read_bytes()).entries
    assert [(c.after.entry_id, c.fields) for c in diff_entries(old, new).changed] == [("6909002", ("details",))]
    assert old[0] == new[0]


def test_one_alias_name_with_several_names_is_split() -> None:
    # Shaped like IRi.003 (110444), IRi.016 and the HTS entry of the 2026-02-27 publication.
    person, entity = parse_un_xml((LISTS / "un_aliases.xml").read_bytes()).entries
    assert person.aliases == (
        "Azam Exampleyani",
        "Azam Example-Jani",
        "Mohammed Exabet",
        "Mohammad Exabet",
        "M. Javad Kareemi Exabet",
        "M. Jawad Karimi Exabet",
        "أبو مثال",
        "Abu-Mithal",
        "Abu- Mithaal",
        "Abdel Ilah Exampli (false identity related to a fraudulent identification number 6910270000000)",
    )
    assert entity.aliases == (
        "Hay’at Tahrir al-Mithal (HTM)",
        "هيئة تحرير المثال",
        "Hay’at Tahrir al-Mithal",
        "Assembly for the Liberation of Example",
    )
    assert split_alias("Leader (Hong Kong) International Trading Limited") == [
        "Leader (Hong Kong) International Trading Limited"
    ]


def test_an_identifier_given_only_in_a_note_is_kept() -> None:
    person = parse_un_xml((LISTS / "un_aliases.xml").read_bytes()).entries[0]
    assert person.ids == (
        "UN IRi.901",
        "Passport 203000 (Libya)",
        "Passport Libyan passport number 347000, issued under name Ibrahim Example, expired on 21 Feb. 2014",
        "National Identification Number Afghan national identification card (tazkira) number 545000; issued in 1974",
    )
