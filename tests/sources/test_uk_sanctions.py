"""sources/uk_sanctions.py: the FCDO's UK Sanctions List XML."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.errors import ParseError
from sanctions_monitor_sources.eu_fsf import parse_eu_xml
from sanctions_monitor_sources.uk_sanctions import parse_uk_xml
from sanctions_monitor_sources.un_sc import parse_un_xml
from tests.support.paths import FIXTURES

LISTS = FIXTURES / "lists"


def test_designations_give_unique_id_names_and_regime() -> None:
    pub = parse_uk_xml((LISTS / "uk_before.xml").read_bytes())
    assert (pub.list, pub.published, len(pub.entries)) == ("uk-sanctions", date(2025, 10, 28), 10)
    belavia = pub.entries[0]
    assert (belavia.entry_id, belavia.name, belavia.aliases, belavia.listed_on) == (
        "BLR0001",
        "BELAVIA BELARUSIAN AIRLINES",
        ("BELAVIA", "OAO BELAVIA"),
        date(2021, 12, 2),
    )
    assert belavia.programmes == ("The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",)
    person = next(e for e in pub.entries if e.entry_id == "BLR0004")
    assert (person.name, person.type) == ("Alyaksandr LUKASHENKA", "individual")
    assert next(e for e in pub.entries if e.entry_id == "IRN0007").type == "vessel"


def test_publication_date_falls_back_to_the_latest_update() -> None:
    body = (LISTS / "uk_after.xml").read_bytes().replace(b"<DateGenerated>04/11/2025</DateGenerated>", b"")
    assert parse_uk_xml(body).published == date(2025, 11, 4)


def test_other_root_is_refused() -> None:
    with pytest.raises(ParseError, match="expected <Designations>"):
        parse_uk_xml((LISTS / "eu_before.xml").read_bytes())


def test_a_leading_comment_naming_other_elements_does_not_fool_the_root_check() -> None:
    body = (LISTS / "uk_leading_comment.xml").read_bytes()
    [entry] = parse_uk_xml(body).entries
    assert (entry.entry_id, entry.name, entry.aliases) == ("AFG9011", "ABDUL KARIM EXAMPLI", ("Abdul Karim EXAMPLY",))
    with pytest.raises(ParseError, match="root element is <Designations>, expected <export>"):
        parse_eu_xml(body)
    with pytest.raises(ParseError, match="root element is <Designations>, expected <CONSOLIDATED_LIST>"):
        parse_un_xml(body)
    with pytest.raises(ParseError, match="not well-formed XML before the root element"):
        parse_uk_xml(b"<!-- <Designations> -->\n<<Designations/>")
