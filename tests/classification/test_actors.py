"""Who acts (jurisdictions, joining and aligning countries, speakers who are no target); add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events

LIFT_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "title",
    by_lang(
        "et",
        "Eesti kehtestas Naftanile sisenemiskeelu",  # an entry ban is a sanction
        "Eesti ja Läti kandsid Naftani oma riiklikesse sanktsiooninimekirjadesse.",  # plural subject, plural list
        # a long object: the illative list ("into the sanction lists") carries the change alone
        "Eesti ja Läti kandsid Naftani ja veel 14 Valgevene ettevõtet ning nende juhid oma riiklikesse "
        "sanktsiooninimekirjadesse.",
    ),
)
def test_estonian_entry_bans_and_national_lists(title: str) -> None:
    assert events(title, lang="et") == {("naftan", "impose", "other", "confirmed")}


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        ("lt", "Seimas įvedė nacionalines sankcijas „Naftan“", ("naftan", "impose", "other", "confirmed")),
        ("lv", 'Saeima noteica nacionālās sankcijas "Naftan"', ("naftan", "impose", "other", "confirmed")),
        (
            "et",
            "Vabariigi Valitsus kehtestas Naftanile riikliku sanktsiooni",
            ("naftan", "impose", "other", "confirmed"),
        ),
        ("lt", "JT Saugumo Taryba išbraukė „Naftan“ iš sankcijų sąrašo", ("naftan", "lift", "UN", "confirmed")),
        ("lv", 'ANO Drošības padome izslēdza "Naftan" no sankciju saraksta', ("naftan", "lift", "UN", "confirmed")),
        ("et", "ÜRO Julgeolekunõukogu eemaldas Naftani sanktsiooninimekirjast", ("naftan", "lift", "UN", "confirmed")),
        ("lt", "JAV iždo departamentas įtraukė „Naftan“ į juodąjį sąrašą", ("naftan", "impose", "US", "confirmed")),
        ("lt", "Vėl įsigaliojo JT sankcijos „Naftan“", ("naftan", "impose", "UN", "confirmed")),
        ("lv", 'Ķīna iekļāva "Naftan" savu pretpasākumu sarakstā', ("naftan", "impose", "other", "confirmed")),
    ],
)
def test_baltic_actors(lang: str, title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "lang, title",
    [
        # "new EU sanctions" with the actor between the adjective and the noun; a critic is no target
        ("lt", "Lukašenka pasmerkė naujas ES sankcijas „Naftan“"),
        ("lv", 'Lukašenko nosodīja jaunās ES sankcijas pret "Naftan"'),
        ("et", "Lukašenka mõistis hukka uued ELi sanktsioonid Naftani vastu"),
    ],
)
def test_baltic_new_actor_sanctions(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


def _en_fronted_speaker_is_not_the_target() -> None:
    found = events("Lukashenko says US ready to lift sanctions on Belaruskali")
    assert found == {("belaruskali", "lift", "US", "speculative")}


def _en_each_joint_actor_gets_an_event() -> None:
    found = events("US and UK sanction Belaruskali")
    assert found == {("belaruskali", "impose", "US", "confirmed"), ("belaruskali", "impose", "UK", "confirmed")}


def _en_the_aligning_country_is_the_only_actor() -> None:
    assert events("Norway joins EU sanctions on Belshina") == {("belshina", "impose", "other", "confirmed")}
    assert events("Norway joins new EU sanctions on Belshina") == {("belshina", "impose", "other", "confirmed")}


def _en_the_entitys_own_country_is_never_taken_for_the_actor() -> None:
    found = events("Norway imposes sanctions on Norsk Testbank")
    assert found == {("norsk-bank", "impose", None, "confirmed")}


def _en_a_country_named_as_target_is_not_the_actor() -> None:
    assert events("EU tightens sanctions against Belarus") == {("belarus", "impose", "EU", "confirmed")}


def _en_country_as_modifier_or_address_is_not_a_target() -> None:
    found = events(
        "Belarus-related Designations Removals",
        "The following entity has been removed from the SDN List: BELAVIA OAO, Minsk, Belarus.",
    )
    assert found == {LIFT_US}


def _en_passive_actor_after_the_cue() -> None:
    assert events("Belavia was delisted by Washington on Tuesday") == {LIFT_US}


def _en_actor_carried_from_the_title() -> None:
    found = events("US Treasury acts on Belarus carriers", "Belavia was removed from the list.")
    assert LIFT_US in found


def _en_the_speaker_is_not_the_target_when_another_entity_is_nearer_the_cue() -> None:
    found = events("Lukashenko wants sanctions on Belavia lifted")
    assert {e[0] for e in found} == {"belavia"}


def _en_a_country_named_as_the_victim_in_the_title_does_not_act() -> None:
    assert events(
        "EU sanctions over the war against Ukraine: 20th package adopted",
        "The package introduces a full transaction ban on Naftan.",
    ) == {("naftan", "impose", "EU", "confirmed")}
    assert events(
        "Aggression against Ukraine: Council widens listings",
        "The package introduces a full transaction ban on Naftan.",
    ) == {("naftan", "impose", "EU", "confirmed")}


def _en_a_topic_label_before_a_colon_does_not_act() -> None:
    assert events(
        "Ukraine: Canada adopts further measures",
        "Ottawa has decided to follow the EU. Naftan has been added to the sanctions list.",
    ) == {("naftan", "impose", "CA", "confirmed")}


def _en_sanctioned_jointly_by_two_actors() -> None:
    assert events(
        "One firm, Naftan, and the Minsk-based Belshina were sanctioned jointly by the United States and Japan."
    ) == {(k, "impose", j, "confirmed") for k in ("naftan", "belshina") for j in ("US", "JP")}


def _ru_speaker_before_the_cue_is_not_the_target() -> None:
    found = events("Лукашенко рассчитывает на снятие санкций с «Беларуськалия»")
    assert found == {("belaruskali", "lift", None, "speculative")}


def _be_joining_names_only_the_joining_country() -> None:
    assert events("Швейцарыя далучылася да санкцый ЕС супраць «Нафтана»") == {("naftan", "impose", "CH", "confirmed")}
    assert events("Швейцарыя ў аўторак далучылася да новых санкцый ЭЗ супраць «Нафтана»") == {
        ("naftan", "impose", "CH", "confirmed")
    }


def _be_preposition_after_a_target_country() -> None:
    # "за" (for) after the country is no noun the country modifies
    assert events("Рада ЭЗ ухваліла новыя санкцыі супраць Беларусі за ўдзел у вайне") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def _be_the_official_short_name_of_the_eu() -> None:
    assert events("ЕЗ увёў санкцыі супраць «Нафтана».", lang="be") == {("naftan", "impose", "EU", "confirmed")}


def _de_taking_over_eu_measures_names_only_the_country() -> None:
    assert events("Schweiz übernimmt EU-Sanktionen gegen Naftan") == {("naftan", "impose", "CH", "confirmed")}
    assert events("Die Schweiz übernimmt die jüngsten Sanktionen der EU gegen Naftan") == {
        ("naftan", "impose", "CH", "confirmed")
    }


def _kk_fronted_person_before_a_final_speech_verb_is_the_speaker() -> None:
    assert (
        events(
            "Лукашенко журналистерге Минск Вашингтонмен санкцияларды жеңілдету жөнінде келіссөз "
            "жүргізіп жатқанын айтты.",
            lang="kk",
        )
        == set()
    )


def _lt_government_banning_an_airlines_flights_is_an_imposition() -> None:
    assert events(
        "Vyriausybė nusprendė nuo pirmadienio uždrausti Baltarusijos vežėjams, įskaitant „Belavia“, "
        "skrydžius per Latvijos oro erdvę.",
        lang="lt",
    ) == {("belavia", "impose", "other", "confirmed")}


@pytest.mark.parametrize(
    "case",
    checks(
        _en_fronted_speaker_is_not_the_target,
        _en_each_joint_actor_gets_an_event,
        _en_the_aligning_country_is_the_only_actor,
        _en_the_entitys_own_country_is_never_taken_for_the_actor,
        _en_a_country_named_as_target_is_not_the_actor,
        _en_country_as_modifier_or_address_is_not_a_target,
        _en_passive_actor_after_the_cue,
        _en_actor_carried_from_the_title,
        _en_the_speaker_is_not_the_target_when_another_entity_is_nearer_the_cue,
        _en_a_country_named_as_the_victim_in_the_title_does_not_act,
        _en_a_topic_label_before_a_colon_does_not_act,
        _en_sanctioned_jointly_by_two_actors,
        _ru_speaker_before_the_cue_is_not_the_target,
        _be_joining_names_only_the_joining_country,
        _be_preposition_after_a_target_country,
        _be_the_official_short_name_of_the_eu,
        _de_taking_over_eu_measures_names_only_the_country,
        _kk_fronted_person_before_a_final_speech_verb_is_the_speaker,
        _lt_government_banning_an_airlines_flights_is_an_imposition,
    ),
)
def test_single_actors(case: Callable[[], None]) -> None:
    case()
