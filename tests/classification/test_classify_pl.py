"""Polish: znosi/zniesienie, nałożyła, objęcie sankcjami, Biełaruśkalij in every case."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, expected",
    [
        ("USA znoszą sankcje wobec Belavii", ("belavia", "lift", "US", "confirmed")),
        ("Departament Skarbu usunął Belavię z listy sankcyjnej", ("belavia", "lift", "US", "confirmed")),
        ("UE nałożyła sankcje na Naftan", ("naftan", "impose", "EU", "confirmed")),
        ("Kanada zamroziła aktywa Biełaruśkalija", ("belaruskali", "impose", "CA", "confirmed")),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


@pytest.mark.parametrize(
    "title",
    [
        "Komisja Europejska zaproponowała nałożenie sankcji na Biełaruśkalij",
        "Polska apeluje o objęcie sankcjami Biełaruśkalija",
    ],
)
def test_talk(title: str) -> None:
    found = events(title)
    assert {(e, a, c) for e, a, _j, c in found} == {("belaruskali", "impose", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "Biełaruśkalij nadal objęty sankcjami UE",
        "UE nie zamierza znosić sankcji wobec Biełaruśkalija",
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_counterfactual_condition_is_talk() -> None:
    assert events("USA zdjęłyby sankcje z Biełaruśkalija, gdyby Mińsk uwolnił więźniów", lang="pl") == {
        ("belaruskali", "lift", "US", "speculative")
    }


def test_a_list_after_m_in_continues_the_previous_sentence() -> None:
    # "m.in." is an abbreviation, not a sentence's end
    assert events("Wielka Brytania rozszerzyła listę sankcyjną. Na liście znalazły się m.in. Naftan i MAZ.") == {
        ("naftan", "impose", "UK", "confirmed"),
        ("maz", "impose", "UK", "confirmed"),
    }


def test_sanctions_first_then_the_verb() -> None:
    assert events("Sankcjami objęto także Naftan.", "Decyzję podjęła Rada UE.") == {
        ("naftan", "impose", "EU", "confirmed")
    }


def test_a_modal_inside_a_gapped_cue_is_talk() -> None:
    # "Na listę ma trafić": "ma" (is to) stands inside "na listę ... trafić"
    assert events("Komisja Europejska zaproponowała nowe sankcje.", "Na listę ma trafić Naftan.") == {
        ("naftan", "impose", "EU", "speculative")
    }


def test_an_anaphor_before_a_country_refers_back() -> None:
    assert events(
        "Naftan od lat eksportuje paliwo do Polski.",
        "Koncern został w piątek objęty sankcjami UE wymierzonymi w Białoruś.",
    ) == {("naftan", "impose", "EU", "confirmed")}
