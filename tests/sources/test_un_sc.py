"""sources/un_sc.py: the UN Security Council consolidated list XML."""

from __future__ import annotations

from tests.support.paths import FIXTURES

from datetime import date

import pytest

from monitor.errors import ParseError
from sanctions_monitor_sources.un_sc import parse_un_xml

LISTS = FIXTURES / "lists"


def test_individuals_and_entities_by_dataid() -> None:
    pub = parse_un_xml((LISTS / "un_before.xml").read_bytes())
    assert (pub.list, pub.published, len(pub.entries)) == ("un-sc", date(2025, 10, 28), 10)
    kinds = {e.entry_id: e.type for e in pub.entries}
    assert kinds["6908004"] == kinds["6908008"] == "individual"
    assert kinds["6908001"] == "entity"
    person = next(e for e in pub.entries if e.entry_id == "6908008")
    assert (person.name, person.aliases, person.programmes, person.listed_on, person.ids) == (
        "Rustam KARIMOV", ("AL-KARIMI, Rustam",), ("Al-Qaida",), date(2016, 3, 2), ("UN KPi.008",))


def test_added_removed_and_changed_records_are_visible_in_ids_and_hashes() -> None:
    before = {e.entry_id: e for e in parse_un_xml((LISTS / "un_before.xml").read_bytes()).entries}
    after = {e.entry_id: e for e in parse_un_xml((LISTS / "un_after.xml").read_bytes()).entries}
    assert (before.keys() - after.keys(), after.keys() - before.keys()) == ({"6908001"}, {"6908011"})
    assert [i for i in before.keys() & after.keys()
            if before[i].content_hash != after[i].content_hash] == ["6908006"]


def test_cut_file_is_a_parse_error() -> None:
    body = (LISTS / "un_after.xml").read_bytes()
    with pytest.raises(ParseError, match="consolidated.xml: not well-formed XML"):
        parse_un_xml(body[:-40])
