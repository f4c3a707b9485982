"""sources/eu_fsf.py: the EU Financial Sanctions Files XML."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from monitor.errors import FeedBlocked, ParseError
from sanctions_monitor_sources.eu_fsf import parse_eu_xml
from tests.support.paths import FIXTURES

LISTS = FIXTURES / "lists"


def test_entries_carry_logical_id_programme_names_and_countries() -> None:
    pub = parse_eu_xml((LISTS / "eu_before.xml").read_bytes())
    assert (pub.list, pub.published, pub.record_count, len(pub.entries)) == ("eu-fsf", date(2025, 10, 28), None, 10)
    belavia = pub.entries[0]
    assert (belavia.entry_id, belavia.name, belavia.aliases) == (
        "130001",
        "Belavia Belarusian Airlines",
        ("Belavia", "Oao Belavia"),
    )
    assert (belavia.programmes, belavia.type, belavia.countries, belavia.listed_on) == (
        ("BLR",),
        "entity",
        ("BY",),
        date(2021, 12, 2),
    )
    person = next(e for e in pub.entries if e.entry_id == "130004")
    assert (person.type, person.ids) == ("individual", ("Passport MP1234567 (BY)",))


def test_only_the_changed_entity_changes_hash() -> None:
    before = {e.entry_id: e.content_hash for e in parse_eu_xml((LISTS / "eu_before.xml").read_bytes()).entries}
    after = {e.entry_id: e.content_hash for e in parse_eu_xml((LISTS / "eu_after.xml").read_bytes()).entries}
    assert {i for i in before.keys() & after.keys() if before[i] != after[i]} == {"130006"}
    assert before.keys() - after.keys() == {"130001"} and after.keys() - before.keys() == {"130011"}


def test_wrong_documents_are_refused() -> None:
    with pytest.raises(FeedBlocked):
        parse_eu_xml((LISTS / "html_challenge.html").read_bytes())
    with pytest.raises(ParseError, match="expected <export>"):
        parse_eu_xml((LISTS / "un_before.xml").read_bytes())
    body = (LISTS / "eu_after.xml").read_bytes()
    with pytest.raises(ParseError, match="not well-formed"):
        parse_eu_xml(body[: len(body) // 2])


def test_listing_date_falls_back_to_the_first_regulation() -> None:
    body = (LISTS / "eu_before.xml").read_bytes().replace(b' designationDate="2021-12-02"', b"")
    assert parse_eu_xml(body).entries[0].listed_on == date(2021, 12, 2)


def names_file() -> bytes:
    # Shaped like 3822 (Irish first), 6177 (Arabic first), 191 (French-tagged misspelling first, no
    # designationDate, an amendment of 2025) and 980 (no designationDate) of the 2026-08-05 export.
    return (LISTS / "eu_names.xml").read_bytes()


def shuffled(body: bytes, seed: int) -> bytes:
    """The same export with the nameAlias elements of each entity in another order."""

    def shuffle(entity: re.Match[bytes]) -> bytes:
        text = entity.group(0)
        aliases = re.findall(rb"\s*<nameAlias .*?</nameAlias>", text, re.S)
        rest = re.sub(rb"\s*<nameAlias .*?</nameAlias>", b"", text, flags=re.S)
        random.Random(seed).shuffle(aliases)
        cut = rest.index(b"<subjectType")
        cut = rest.index(b"/>", cut) + 2
        return rest[:cut] + b"".join(aliases) + rest[cut:]

    return re.sub(rb"<sanctionEntity .*?</sanctionEntity>", shuffle, body, flags=re.S)


def test_main_name_is_the_first_english_alias_in_any_order() -> None:
    entries = parse_eu_xml(names_file()).entries
    assert [e.name for e in entries] == [
        "Sample Chemical Industries (SCI)",
        "Ibrahim Hassan Tali Al-Mithali",
        "Khalid Sheikh EXAMPLI",
        "Global Example Foundation (GEF)",
    ]
    assert set(entries[0].aliases) == {
        "Tionscail Ceimiceán Samplach",
        "Sample Chemical Ind (SCF)",
        "Industrias Químicas Samplach",
    }
    assert "إبراهيم حسن مثال" in entries[1].aliases and len(entries[1].aliases) == 3
    for seed in range(5):
        assert parse_eu_xml(shuffled(names_file(), seed)).entries == entries


def test_main_name_falls_back_to_untagged_then_any() -> None:
    body = names_file().replace(b'nameLanguage="EN"', b'nameLanguage="DE"')
    entries = parse_eu_xml(body).entries
    assert entries[1].name == "Ibrahim Hassan al-Mithali"  # the only untagged alias
    assert entries[0].name == "Sample Chemical Industries (SCI)"  # all tagged: smallest alias logicalId


def test_listing_date_is_the_earliest_regulation_never_the_latest_amendment() -> None:
    listed = {e.entry_id: e.listed_on for e in parse_eu_xml(names_file()).entries}
    assert listed == {
        "9001": date(2008, 6, 23),
        "9002": date(2011, 3, 24),  # designationDate
        "9003": date(2005, 11, 30),
        "9004": date(2009, 11, 18),
    }  # not 2025-01-31, 2014-04-01
    bare = re.sub(rb"<regulationSummary [^>]*/>", b"", names_file())
    assert {e.entry_id: e.listed_on for e in parse_eu_xml(bare).entries}["9003"] == date(2025, 1, 31)
    none = re.sub(rb' publicationDate="[^"]*"', b"", names_file())
    assert {e.entry_id: e.listed_on for e in parse_eu_xml(none).entries}["9004"] is None


def test_unknown_country_00_is_left_out() -> None:
    entries = {e.entry_id: e for e in parse_eu_xml(names_file()).entries}
    assert entries["9001"].ids == ("Registration Number 892",) and entries["9001"].countries == ("IR",)
    assert entries["9003"].ids == ("National passport 488000",) and entries["9003"].countries == ()
