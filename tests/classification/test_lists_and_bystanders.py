"""Lists of targets, bystanders and relations (anaphora, friends, supporters, agents); add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events

LIFT_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "title",
    by_lang(
        "de",
        "Die EU erhöht den Druck auf Präsident Alexander Lukaschenko und weitet ihre Sanktionen aus.",
        "Die EU verhängt Sanktionen gegen Unterstützer des Präsidenten Alexander Lukaschenko.",
    ),
)
def test_pressure_on_and_supporters_of_a_person_leave_him_out(title: str) -> None:
    assert not {e for e in events(title) if e[0] == "lukashenko"}


@pytest.mark.parametrize(
    "lang, title",
    [
        ("lt", "Į atsakomųjų priemonių sąrašą bankus UAB „Naftan“ ir AB „Belshina“ Kinija įtraukė vakar"),
        ("lv", 'ES sankciju sarakstā iekļauti SIA "Naftan" un AS "Belshina"'),
        ("et", "EL lisas sanktsiooninimekirja AS Naftani ja AS Belshina"),
    ],
)
def test_baltic_lists_with_legal_forms(lang: str, title: str) -> None:
    found = events(title, lang=lang)
    assert {(e, a) for e, a, _j, _c in found} == {("naftan", "impose"), ("belshina", "impose")}


@pytest.mark.parametrize(
    "lang, lead, names",
    [
        ("lt", "ES išplėtė sankcijų sąrašą.", "Į jį pateko „Naftan“ ir „Belshina“."),
        ("lv", "ES paplašināja sankciju sarakstu.", 'Tajā nonāca "Naftan" un "Belshina".'),
        # the lead ends in the list word itself, a compound: it is still the sanction word
        ("et", "EL täiendas sanktsiooninimekirja.", "Nende hulgas on Naftan ja Belshina."),
    ],
)
def test_baltic_list_in_the_next_sentence(lang: str, lead: str, names: str) -> None:
    assert events(lead, names, lang=lang) == {
        ("naftan", "impose", "EU", "confirmed"),
        ("belshina", "impose", "EU", "confirmed"),
    }


@pytest.mark.parametrize(
    "lang, title",
    [
        # the name is the agent of a participle ("attacks organised by X"), not the target
        ("lt", "ES svarsto sankcijas dėl Lukašenkos organizuotų hibridinių atakų"),
        ("lv", "ES apsver sankcijas par Lukašenko organizētajiem hibrīduzbrukumiem"),
        ("et", "EL kaalub sanktsioone Lukašenka korraldatud hübriidrünnakute eest"),
    ],
)
def test_baltic_agent_of_a_participle_is_no_target(lang: str, title: str) -> None:
    assert {e for e, _a, _j, _c in events(title, lang=lang)} <= {"belarus"}


@pytest.mark.parametrize(
    "lang, title",
    [
        # "..., among which is X": a relative "among which" reaches back to the list's cue
        ("lt", "ES įvedė sankcijas devynioms įmonėms, tarp kurių yra ir „Naftan“"),
        ("lv", 'ES noteica sankcijas deviņiem uzņēmumiem, kuru vidū ir arī "Naftan"'),
        ("et", "EL kehtestas sanktsioonid üheksale ettevõttele, mille hulgas on ka Naftan"),
    ],
)
def test_baltic_among_which(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


def _en_sentence_referring_back_to_the_entity() -> None:
    found = events("Belavia to resume European flights", "The airline was removed from the OFAC list on Tuesday.")
    assert LIFT_US in found


def _en_a_list_continuing_the_previous_sentence_takes_its_change() -> None:
    found = events(
        "UK unveils new package", "Britain on Tuesday sanctioned 300 targets. Among them were Naftan and Belshina."
    )
    assert found == {("naftan", "impose", "UK", "confirmed"), ("belshina", "impose", "UK", "confirmed")}


def _en_list_items_after_a_semicolon_share_the_change() -> None:
    found = events("Financial sanctions notice", "UK added to the list: Naftan OAO; Belshina OAO.")
    assert found == {("naftan", "impose", "UK", "confirmed"), ("belshina", "impose", "UK", "confirmed")}


def _en_every_entity_of_an_ofac_list_with_aliases_and_addresses_is_designated() -> None:
    assert events(
        "Belarus-related Designations",
        "The following entities have been added to OFAC's SDN List: NAFTAN OAO (a.k.a. NAFTAN; a.k.a. "
        "NOVOPOLOTSK REFINERY), Ul. Zavodskaya 1, Novopolotsk 211440, Belarus [BELARUS-EO14038]; "
        "BELSHINA OAO, Ul. Minskoe Shosse 4, Bobruisk 213824, Belarus [BELARUS-EO14038].",
    ) == {("naftan", "impose", "US", "confirmed"), ("belshina", "impose", "US", "confirmed")}


def _en_among_those_sanctioned() -> None:
    assert events("Naftan was among those sanctioned by Britain on Friday.") == {
        ("naftan", "impose", "UK", "confirmed")
    }


def _en_these_vessels_are_the_ones_just_listed() -> None:
    assert events(
        "The UN committee designated two firms, Naftan and Belshina, on Friday.",
        "Japan designated these firms as well.",
    ) == {
        ("naftan", "impose", "UN", "confirmed"),
        ("belshina", "impose", "UN", "confirmed"),
        ("naftan", "impose", "JP", "confirmed"),
        ("belshina", "impose", "JP", "confirmed"),
    }


def _en_these_two_firms_refer_to_the_last_list() -> None:
    assert events(
        "The UN committee designated two firms, Naftan and Belshina, on Friday.",
        "Japan designated these two firms as well.",
    ) >= {("naftan", "impose", "JP", "confirmed"), ("belshina", "impose", "JP", "confirmed")}


def _ru_friends_of_a_person_are_the_targets_not_he() -> None:
    assert events("Британия ввела санкции против друзей Александра Лукашенко.", lang="ru") == set()


def _uk_a_list_of_countries_is_targeted_as_one() -> None:
    assert events("ЄС запровадив новий пакет обмежень щодо Росії та Білорусі.", lang="uk") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def _pl_a_list_after_m_in_continues_the_previous_sentence() -> None:
    # "m.in." is an abbreviation, not a sentence's end
    assert events("Wielka Brytania rozszerzyła listę sankcyjną. Na liście znalazły się m.in. Naftan i MAZ.") == {
        ("naftan", "impose", "UK", "confirmed"),
        ("maz", "impose", "UK", "confirmed"),
    }


def _pl_an_anaphor_before_a_country_refers_back() -> None:
    assert events(
        "Naftan od lat eksportuje paliwo do Polski.",
        "Koncern został w piątek objęty sankcjami UE wymierzonymi w Białoruś.",
    ) == {("naftan", "impose", "EU", "confirmed")}


def _de_a_long_list_before_a_final_delisting_verb() -> None:
    assert events(
        "Die EU hebt Sanktionen auf.",
        "Wie es in einem Bericht heißt, wurden die Raffinerie Naftan, "
        "die Reifenfabrik Belshina (Bobruisk) sowie der Lkw-Hersteller MAZ von der Liste gestrichen.",
    ) == {(k, "lift", "EU", "confirmed") for k in ("naftan", "belshina", "maz")}


def _de_among_the_sanctioned_firms_lists_targets() -> None:
    assert events(
        "Die Ukraine verhängt Sanktionen gegen Unternehmen.",
        "Unter den sanktionierten Unternehmen sind Naftan und Belshina.",
    ) == {("naftan", "impose", "UA", "confirmed"), ("belshina", "impose", "UA", "confirmed")}


def _kk_a_company_noun_does_not_refer_back_to_a_person() -> None:
    assert (
        events(
            "Lukashenko met the US envoy on Monday.",
            "Банк секторына қатысты шектеулерді алып тастау мүмкіндігін талқылауда.",
            lang="kk",
        )
        == set()
    )


@pytest.mark.parametrize(
    "case",
    checks(
        _en_sentence_referring_back_to_the_entity,
        _en_a_list_continuing_the_previous_sentence_takes_its_change,
        _en_list_items_after_a_semicolon_share_the_change,
        _en_every_entity_of_an_ofac_list_with_aliases_and_addresses_is_designated,
        _en_among_those_sanctioned,
        _en_these_vessels_are_the_ones_just_listed,
        _en_these_two_firms_refer_to_the_last_list,
        _ru_friends_of_a_person_are_the_targets_not_he,
        _uk_a_list_of_countries_is_targeted_as_one,
        _pl_a_list_after_m_in_continues_the_previous_sentence,
        _pl_an_anaphor_before_a_country_refers_back,
        _de_a_long_list_before_a_final_delisting_verb,
        _de_among_the_sanctioned_firms_lists_targets,
        _kk_a_company_noun_does_not_refer_back_to_a_person,
    ),
)
def test_single_lists_and_bystanders(case: Callable[[], None]) -> None:
    case()
