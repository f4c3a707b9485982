"""German: separable verbs ("hebt ... auf"), compounds (EU-Sanktionen, Sanktionsliste)."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, expected",
    [
        ("USA heben Sanktionen gegen Belavia auf", ("belavia", "lift", "US", "confirmed")),
        ("US-Finanzministerium streicht Belavia von der Sanktionsliste", ("belavia", "lift", "US", "confirmed")),
        ("EU verhängt Sanktionen gegen Belaruskali", ("belaruskali", "impose", "EU", "confirmed")),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


def test_taking_over_eu_measures_names_only_the_country() -> None:
    assert events("Schweiz übernimmt EU-Sanktionen gegen Naftan") == {("naftan", "impose", "CH", "confirmed")}
    assert events("Die Schweiz übernimmt die jüngsten Sanktionen der EU gegen Naftan") == {
        ("naftan", "impose", "CH", "confirmed")
    }


def test_a_demand_is_talk_and_a_conditional_clause_is_not_the_target() -> None:
    assert events("Polen hat die EU-Kommission aufgefordert, die Sanktionen gegen Belavia zu lockern") == {
        ("belavia", "lift", "EU", "speculative")
    }
    assert events(
        "Die USA könnten die Sanktionen gegen Belavia aufheben, wenn Lukaschenko weitere Gefangene freilässt"
    ) == {("belavia", "lift", "US", "speculative")}


def test_exempting_subsidiaries_is_a_partial_lift() -> None:
    assert events("Die USA haben die Töchter von Belaruskali von den Sanktionen ausgenommen") == {
        ("belaruskali", "lift", "US", "confirmed")
    }


def test_talk() -> None:
    found = events("Die EU-Kommission schlägt vor, Belaruskali auf die Sanktionsliste zu setzen")
    assert found == {("belaruskali", "impose", "EU", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "Die Sanktionen gegen Belaruskali bleiben in Kraft",
        "Die EU wird die Sanktionen gegen Belavia nicht aufheben",
        "EU verlängert Sanktionen gegen Belarus",
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_zu_infinitive_after_an_announcement_is_talk() -> None:
    assert events("Die USA kündigten an, die Sanktionen gegen Belavia aufzuheben") == {
        ("belavia", "lift", "US", "speculative")
    }


def test_an_exemption_for_product_grades_after_allerdings_is_no_lift_for_the_company() -> None:
    assert (
        events(
            "Neue EU-Sanktionen",
            "Für Naftan bedeuten die Sanktionen hohe Verluste, allerdings sind leichte Heizöle vorerst ausgenommen.",
            lang="de",
        )
        == set()
    )


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Kanada verhängt Finanzsanktionen gegen Naftan", ("naftan", "impose", "CA", "confirmed")),
        ("EU verhängt erstmals Wirtschaftssanktionen gegen Belarus", ("belarus", "impose", "EU", "confirmed")),
    ],
)
def test_compound_sanction_nouns(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang="de") == {expected}


def test_put_on_a_list_by_an_actor_is_no_removal_from_it() -> None:
    # "von der EU auf die schwarze Liste": "von der ... Liste" must not reach over "auf die"
    assert events("Naftan wurde am Montag von der EU auf die schwarze Liste gesetzt.") == {
        ("naftan", "impose", "EU", "confirmed")
    }


def test_spared_is_no_change() -> None:
    assert events("Brüssel hat Naftan ausgespart, da für Ungarn eine Ausnahmeregelung gilt.") == set()


def test_wobei_opens_a_clause_of_its_own() -> None:
    # the EU's listing after "wobei" is Belshina's alone; Naftan stays with the US
    assert events(
        "Die USA haben Sanktionen gegen Naftan und Belshina verhängt, wobei Belshina auch von der EU "
        "auf die schwarze Liste gesetzt wurde."
    ) == {
        ("naftan", "impose", "US", "confirmed"),
        ("belshina", "impose", "US", "confirmed"),
        ("belshina", "impose", "EU", "confirmed"),
    }


def test_announcing_talks_after_the_change_is_another_clause() -> None:
    assert events("Die USA heben die Sanktionen gegen Belavia auf und kündigen weitere Gespräche an.") == {
        ("belavia", "lift", "US", "confirmed")
    }


def test_a_long_list_before_a_final_delisting_verb() -> None:
    assert events(
        "Die EU hebt Sanktionen auf.",
        "Wie es in einem Bericht heißt, wurden die Raffinerie Naftan, "
        "die Reifenfabrik Belshina (Bobruisk) sowie der Lkw-Hersteller MAZ von der Liste gestrichen.",
    ) == {(k, "lift", "EU", "confirmed") for k in ("naftan", "belshina", "maz")}


def test_a_freeze_is_about_sanctions() -> None:
    assert events("Die EU friert das Vermögen des Unternehmens Belinvestbank ein.") == {
        ("belinvestbank", "impose", "EU", "confirmed")
    }


def test_first_time_since_is_no_background() -> None:
    assert events("Erstmals seit 30 Jahren hat die EU Sanktionen gegen Belarus verhängt.") == {
        ("belarus", "impose", "EU", "confirmed")
    }


@pytest.mark.parametrize(
    "title",
    [
        "Die EU erhöht den Druck auf Präsident Alexander Lukaschenko und weitet ihre Sanktionen aus.",
        "Die EU verhängt Sanktionen gegen Unterstützer des Präsidenten Alexander Lukaschenko.",
    ],
)
def test_pressure_on_and_supporters_of_a_person_leave_him_out(title: str) -> None:
    assert not {e for e in events(title) if e[0] == "lukashenko"}


def test_extending_sanctions_to_a_target_keeps_it() -> None:
    assert events("Die EU weitet ihre Sanktionen auf Belshina aus.") == {("belshina", "impose", "EU", "confirmed")}


def test_the_sanctioned_oligarch_is_a_status() -> None:
    assert events("Der sanktionierte Unternehmer Alexander Lukaschenko geht vor Gericht.") == set()


def test_further_restrictive_measures_are_an_imposition() -> None:
    assert events("Die EU wird weitere restriktive Maßnahmen gegen Belarus ergreifen.") == {
        ("belarus", "impose", "EU", "speculative")
    }


def test_among_the_sanctioned_firms_lists_targets() -> None:
    assert events(
        "Die Ukraine verhängt Sanktionen gegen Unternehmen.",
        "Unter den sanktionierten Unternehmen sind Naftan und Belshina.",
    ) == {("naftan", "impose", "UA", "confirmed"), ("belshina", "impose", "UA", "confirmed")}
