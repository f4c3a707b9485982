"""sources/ofac_sdn.py: SDN.XML and the CSV trio parse to the same entries."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.errors import FeedBlocked, ParseError
from sanctions_monitor_sources.ofac_sdn import classify_id, parse_sdn_csv, parse_sdn_xml
from tests.support.paths import FIXTURES

LISTS = FIXTURES / "lists"


def trio(folder: str) -> tuple[bytes, bytes, bytes]:
    return tuple((LISTS / folder / name).read_bytes() for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV"))  # type: ignore[return-value]


def test_xml_gives_header_and_entries() -> None:
    pub = parse_sdn_xml((LISTS / "sdn_before.xml").read_bytes())
    assert (pub.list, pub.published, pub.record_count, len(pub.entries)) == ("ofac-sdn", date(2025, 10, 28), 10, 10)
    belavia = pub.entries[0]
    assert (belavia.entry_id, belavia.name, belavia.aliases) == (
        "36001",
        "BELAVIA BELARUSIAN AIRLINES",
        ("BELAVIA", "OAO BELAVIA"),
    )
    assert (belavia.programmes, belavia.type, belavia.countries) == (("BELARUS-EO14038",), "entity", ("Belarus",))
    person = next(e for e in pub.entries if e.entry_id == "36004")
    assert (person.name, person.type, person.ids) == (
        "LUKASHENKA, Alyaksandr",
        "individual",
        ("Passport MP1234567 (Belarus)",),
    )
    assert next(e for e in pub.entries if e.entry_id == "36007").type == "vessel"


def test_xml_without_namespace_parses_the_same() -> None:
    body = (LISTS / "sdn_before.xml").read_bytes()
    bare = body.replace(b' xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"', b"")
    assert parse_sdn_xml(bare).entries == parse_sdn_xml(body).entries


def test_csv_trio_joins_aliases_addresses_and_remark_ids() -> None:
    pub = parse_sdn_csv(*trio("csv_before"))
    assert (pub.published, pub.record_count, len(pub.entries)) == (None, None, 10)
    xml = {e.entry_id: e for e in parse_sdn_xml((LISTS / "sdn_before.xml").read_bytes()).entries}
    for entry in pub.entries:
        other = xml[entry.entry_id]
        assert (entry.name, set(entry.aliases), entry.programmes, entry.type, entry.countries) == (
            other.name,
            set(other.aliases),
            other.programmes,
            other.type,
            other.countries,
        )
    assert next(e for e in pub.entries if e.entry_id == "36009").ids == ("Tax ID No. 7701234567 (Russia)",)


def test_csv_multi_programme_cell_is_split() -> None:
    entry = next(e for e in parse_sdn_csv(*trio("csv_after")).entries if e.entry_id == "36006")
    assert entry.programmes == ("IRAN", "SDGT")


def test_content_hash_moves_only_with_content() -> None:
    before = {e.entry_id: e.content_hash for e in parse_sdn_csv(*trio("csv_before")).entries}
    after = {e.entry_id: e.content_hash for e in parse_sdn_csv(*trio("csv_after")).entries}
    assert {i for i in before.keys() & after.keys() if before[i] != after[i]} == {"36006"}


def test_truncated_xml_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="truncated"):
        parse_sdn_xml((LISTS / "sdn_truncated.xml").read_bytes(), where="https://x/SDN.XML")


def test_csv_cut_mid_row_is_a_parse_error() -> None:
    _, alt, add = trio("csv_after")
    with pytest.raises(ParseError, match="SDN.CSV: row 7 has 2 fields"):
        parse_sdn_csv((LISTS / "csv_truncated_SDN.CSV").read_bytes(), alt, add)


def test_html_page_is_blocked_not_parsed() -> None:
    page = (LISTS / "html_challenge.html").read_bytes()
    with pytest.raises(FeedBlocked, match="HTML page"):
        parse_sdn_xml(page)
    with pytest.raises(FeedBlocked, match="HTML page"):
        parse_sdn_csv(page, b"", b"")


def test_other_xml_is_refused() -> None:
    with pytest.raises(ParseError, match="expected <sdnList>"):
        parse_sdn_xml(b"<rss><channel/></rss>")


def comments_set() -> tuple[bytes, bytes, bytes, bytes]:
    return tuple(
        (LISTS / "csv_comments" / n).read_bytes()  # type: ignore[return-value]
        for n in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")
    )


def test_csv_remarks_over_1000_characters_are_joined_from_sdn_comments() -> None:
    # Shaped like entries 30518, 29703 and 28264 of the July 2021 set: SDN.CSV cuts Remarks at
    # 1,000 characters (inside an address, right after a space, inside "Phone Number").
    sdn, alt, add, comments = comments_set()
    assert all(len(row.split(b',"')[-1].rstrip(b'"\r')) == 1000 for row in sdn.split(b"\r\n")[:3])
    full = {e.entry_id: e for e in parse_sdn_csv(sdn, alt, add, comments).entries}
    cut = {e.entry_id: e for e in parse_sdn_csv(sdn, alt, add).entries}
    addresses = [i for i in full["36101"].ids if i.startswith("Digital Currency Address - ")]
    assert len(addresses) == 19 and all(len(a.rpartition(" ")[2]) in (34, 42) for a in addresses)
    assert "Digital Currency Address - XBT 16Q" in cut["36101"].ids  # what was stored before
    assert "Digital Currency Address - XBT 16Q42Bo17anJx6NthUBgvknmKq387LSRXR" in full["36101"].ids
    passport = "Passport 4005123456 (Russia)"
    assert passport in full["36102"].ids and passport not in cut["36102"].ids
    assert [i for i in full["36102"].ids if "LTC" in i] == [  # the space at the cut is kept
        "Digital Currency Address - LTC L4QABqQrzkRGLxoZXE27MB4GFKPszfvSva",
        "Digital Currency Address - LTC LhK11pDqH5cooG97TxSVuKMcH5mUKiFxU8",
    ]
    assert "Identification Number 210302198701100000 (China)" in full["36103"].ids
    assert full["36104"] == cut["36104"]  # short remarks: nothing to join
    assert full["36101"].content_hash != cut["36101"].content_hash


def test_csv_comments_file_empty_or_absent() -> None:
    sdn, alt, add, _ = comments_set()
    assert parse_sdn_csv(sdn, alt, add, b"\x1a").entries == parse_sdn_csv(sdn, alt, add).entries
    with pytest.raises(ParseError, match="SDN_COMMENTS.CSV: row 1 has 1 fields"):
        parse_sdn_csv(sdn, alt, add, b"36101\r\n", where="https://x/SDN.CSV")


def test_xml_id_types_are_classified_by_rule() -> None:
    # Shaped like Rosneft (17022), the tanker SHONA (15036) and VTB (17013) of the 2018 non-SDN XML.
    pub = parse_sdn_xml((LISTS / "sdn_id_types.xml").read_bytes())
    oil, ship, bank = pub.entries
    assert oil.ids == ("Tax ID No. 7700000001 (Russia)", "Registration ID 1027700000002 (Russia)")
    directive = "Executive Order 13662 Directive Determination - Subject to Directive "
    assert oil.programmes == ("UKRAINE-EO13662", directive + "2", directive + "4")
    assert ship.ids == ("MMSI 572000001", "Vessel Registration Identification IMO 9100001")
    assert ship.programmes == ("IRAN",)
    assert bank.ids == ("License 1000 (Russia)", "SWIFT/BIC EXAMRUMM")
    assert bank.programmes[1] == "Executive Order 13662 Directive Determination - Subject to Directive 1"


def test_id_type_rules() -> None:
    assert [
        classify_id(t)
        for t in (
            "Executive Order 13662 Directive Determination - Subject to Directive 2",
            "For more information, please see: https://www.treasury.gov/x.pdf",
            "Website www.example.ru",
            "Former Vessel Flag Malta",
            "Vessel Flag Tanzania",
            "Additional Sanctions Information - Subject to Secondary Sanctions",
            "Linked To: EXAMPLE GROUP",
            "Vessel Registration Identification IMO 9100001",
            "Passport A123 ",
            "Gender Male",
        )
    ] == ["programme", "link", "link", "vessel", "vessel", "remark", "remark", "id", "id", "remark"]


def test_csv_remark_directive_is_a_programme_as_in_the_xml() -> None:
    sdn = (
        b'37001,"OPEN JOINT-STOCK COMPANY EXAMPLE OIL COMPANY",-0- ,"UKRAINE-EO13662",-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'-0- ,-0- ,"Tax ID No. 7700000001 (Russia); Executive Order 13662 Directive Determination - Subject to '
        b"Directive 2; Website www.example-oil.ru; For more information on directives, please visit the following "
        b'link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives."\r\n'
    )
    [entry] = parse_sdn_csv(sdn, b"\x1a", b"\x1a").entries
    assert entry.programmes == (
        "UKRAINE-EO13662",
        "Executive Order 13662 Directive Determination - Subject to Directive 2",
    )
    assert entry.ids == ("Tax ID No. 7700000001 (Russia)",)
