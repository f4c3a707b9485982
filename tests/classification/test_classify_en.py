"""English: lifts, impositions, talk, denials, background, and one test per boundary rule."""

from __future__ import annotations

import pytest

from tests.support.analyzing import analyze, events

LIFT_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "title, summary",
    [
        ("Washington delists Belavia", ""),
        ("OFAC takes Belavia off the SDN list", ""),
        ("Belavia removed from U.S. sanctions list", ""),
        ("Treasury grants Belavia a general licence", "The licence allows U.S. firms to service the carrier's jets."),
        ("US eases sanctions on Belavia", ""),
    ],
)
def test_lifts(title: str, summary: str) -> None:
    assert LIFT_US in events(title, summary)


@pytest.mark.parametrize(
    "title, expected",
    [
        ("EU freezes assets of Naftan in new sanctions package", ("naftan", "impose", "EU", "confirmed")),
        ("Britain sanctions Belshina", ("belshina", "impose", "UK", "confirmed")),
        ("Canada adds MAZ to its Belarus sanctions list", ("maz", "impose", "CA", "confirmed")),
        ("Japan imposes asset freeze on Rosneft", ("rosneft", "impose", "JP", "confirmed")),
        ("Australia sanctions Alexander Lukashenko", ("lukashenko", "impose", "AU", "confirmed")),
        ("Treasury revokes the general license for Belavia", ("belavia", "impose", "US", "confirmed")),
    ],
)
def test_impositions(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


def test_wind_down_licence_issued_with_a_designation_is_part_of_the_imposition() -> None:
    assert events("OFAC designates Naftan, issues wind-down license") == {("naftan", "impose", "US", "confirmed")}


@pytest.mark.parametrize(
    "title",
    [
        "US weighs lifting sanctions on Belaruskali",
        "Washington could ease curbs on Belaruskali, officials say",
        "US plans to remove Belaruskali from sanctions list",
        "US ready to lift sanctions on Belaruskali once prisoners are freed",
        "Talks on US sanctions relief for Belaruskali continue in Minsk",
        "US will lift sanctions on Belaruskali, envoy says",
    ],
)
def test_talk_is_speculative(title: str) -> None:
    assert events(title) == {("belaruskali", "lift", "US", "speculative")}


def test_calls_for_sanctions_are_a_speculative_imposition() -> None:
    assert events("Lawmakers urge the EU to sanction Belshina") == {("belshina", "impose", "EU", "speculative")}


@pytest.mark.parametrize(
    "title, summary",
    [
        ("US will not lift sanctions on Belaruskali", ""),
        ("EU has no plans to ease sanctions on Belaruskali", ""),
        ("Sanctions on Belaruskali remain in place, State Department says", ""),
        ("State Department denies report that sanctions on Belaruskali will be lifted", ""),
        ("Belaruskali sues to be removed from the EU sanctions list", ""),
        ("EU court upholds sanctions on Belaruskali", ""),
        ("EU prolongs sanctions on Belaruskali for another year", ""),
        ("Belaruskali exports rise despite sanctions", ""),
        ("Belavia launches flights to Sochi", "The airline suspends its route to Tbilisi."),
    ],
)
def test_denials_and_non_changes_give_no_event(title: str, summary: str) -> None:
    assert events(title, summary) == set()


@pytest.mark.parametrize(
    "summary",
    [
        "Belaruskali has been under U.S. sanctions since 2021.",
        "The EU imposed sanctions on Belaruskali in 2021.",
        "Belaruskali is already on the EU sanctions list.",
    ],
)
def test_background_gives_no_event(summary: str) -> None:
    assert events("Potash prices climb", summary, published="2025-06-01") == set()


def test_a_recent_change_restated_as_context_is_an_event() -> None:
    found = events(
        "Lithuania keeps potash transit ban", "The ban stays despite Washington's easing of measures on Belaruskali."
    )
    assert found == {("belaruskali", "lift", "US", "confirmed")}


def test_inflected_and_possessive_names_match() -> None:
    assert ("belavia", "lift", "US", "confirmed") in events("US lifts sanctions on Belavia's fleet")


def test_near_miss_names_do_not_match() -> None:
    result = analyze("Amazing MAZDA deals lift Belarusian aviation")
    assert "maz" not in result.mentions and result.events == ()


# --- boundary rules -------------------------------------------------------------------------


def test_clause_break_separates_subjects() -> None:
    """ "X frees prisoners as US eases sanctions": X is not the target."""
    found = events("Lukashenko frees prisoners as US eases potash sanctions")
    assert not any(e[0] == "lukashenko" for e in found)


def test_fronted_speaker_is_not_the_target() -> None:
    found = events("Lukashenko says US ready to lift sanctions on Belaruskali")
    assert found == {("belaruskali", "lift", "US", "speculative")}


def test_talk_after_a_soft_break_does_not_make_a_done_change_speculative() -> None:
    found = events("Rosneft to sell assets after US blacklisting")
    assert found == {("rosneft", "impose", "US", "confirmed")}


def test_each_joint_actor_gets_an_event() -> None:
    found = events("US and UK sanction Belaruskali")
    assert found == {("belaruskali", "impose", "US", "confirmed"), ("belaruskali", "impose", "UK", "confirmed")}


def test_the_aligning_country_is_the_only_actor() -> None:
    assert events("Norway joins EU sanctions on Belshina") == {("belshina", "impose", "other", "confirmed")}
    assert events("Norway joins new EU sanctions on Belshina") == {("belshina", "impose", "other", "confirmed")}


def test_the_entitys_own_country_is_never_taken_for_the_actor() -> None:
    found = events("Norway imposes sanctions on Norsk Testbank")
    assert found == {("norsk-bank", "impose", None, "confirmed")}


def test_a_country_named_as_target_is_not_the_actor() -> None:
    assert events("EU tightens sanctions against Belarus") == {("belarus", "impose", "EU", "confirmed")}


def test_country_as_modifier_or_address_is_not_a_target() -> None:
    found = events(
        "Belarus-related Designations Removals",
        "The following entity has been removed from the SDN List: BELAVIA OAO, Minsk, Belarus.",
    )
    assert found == {LIFT_US}


def test_passive_actor_after_the_cue() -> None:
    assert events("Belavia was delisted by Washington on Tuesday") == {LIFT_US}


def test_actor_carried_from_the_title() -> None:
    found = events("US Treasury acts on Belarus carriers", "Belavia was removed from the list.")
    assert LIFT_US in found


def test_sentence_referring_back_to_the_entity() -> None:
    found = events("Belavia to resume European flights", "The airline was removed from the OFAC list on Tuesday.")
    assert LIFT_US in found


def test_question_headline_is_speculative() -> None:
    assert events("Will the US lift sanctions on Belaruskali?") == {("belaruskali", "lift", "US", "speculative")}


def test_scope_and_effective_date() -> None:
    result = analyze("OFAC removes Belavia from SDN list", "The removal takes effect from 4 December.")
    assert [(e.scope, e.effective_date) for e in result.events] == [("full", None)]
    result = analyze("EU lifts sanctions on Belavia from 4 December", published="2025-11-20")
    assert [(e.scope, str(e.effective_date)) for e in result.events] == [(None, "2025-12-04")]
    result = analyze("US eases sanctions on Belavia")
    assert [e.scope for e in result.events] == ["partial"]


def test_evidence_is_the_sentence() -> None:
    result = analyze(
        "Minsk welcomes move", "Talks went on. Washington lifted sanctions on Belavia on Tuesday. More later."
    )
    assert [e.evidence for e in result.events] == ["Washington lifted sanctions on Belavia on Tuesday."]


def test_a_list_continuing_the_previous_sentence_takes_its_change() -> None:
    found = events(
        "UK unveils new package", "Britain on Tuesday sanctioned 300 targets. Among them were Naftan and Belshina."
    )
    assert found == {("naftan", "impose", "UK", "confirmed"), ("belshina", "impose", "UK", "confirmed")}


def test_participle_describing_the_sanctions_is_not_the_change() -> None:
    assert events("US lifted sanctions imposed on Belaruskali") == {("belaruskali", "lift", "US", "confirmed")}


def test_a_subordinate_clause_is_not_the_object_of_the_main_verb() -> None:
    found = events("US lifts sanctions on Belavia after Lukashenko frees prisoners")
    assert found == {("belavia", "lift", "US", "confirmed")}


@pytest.mark.parametrize(
    "title, summary",
    [
        ("Belavia adds flights to Antalya despite sanctions", ""),
        ("Sanctions hit Belarus carriers", "Belavia suspends its route to Tbilisi."),
        ("IOC bans Belarus athletes", ""),
    ],
)
def test_the_entity_acting_is_not_a_sanctions_change(title: str, summary: str) -> None:
    assert events(title, summary) == set()


def test_a_passive_headline_without_auxiliary() -> None:
    assert events("Belavia delisted by US Treasury") == {LIFT_US}


def test_list_items_after_a_semicolon_share_the_change() -> None:
    found = events("Financial sanctions notice", "UK added to the list: Naftan OAO; Belshina OAO.")
    assert found == {("naftan", "impose", "UK", "confirmed"), ("belshina", "impose", "UK", "confirmed")}


def test_an_actor_before_a_plural_noun_is_not_a_verb() -> None:
    assert events("What the lifting of U.S. sanctions means for Belavia") == {LIFT_US}


def test_reluctance_is_not_talk_of_a_change() -> None:
    assert events("Diplomats say there is little appetite to ease sanctions on Belaruskali") == set()


def test_the_speaker_is_not_the_target_when_another_entity_is_nearer_the_cue() -> None:
    found = events("Lukashenko wants sanctions on Belavia lifted")
    assert {e[0] for e in found} == {"belavia"}


def test_a_hyphenated_sanctioned_adjective_is_not_a_change() -> None:
    assert events("U.S.-sanctioned Rosneft has received bids for its assets, sources said") == set()


def test_wind_down_licence_in_a_later_sentence_of_a_designation_notice_is_part_of_it() -> None:
    assert events(
        "Treasury designates Naftan",
        "OFAC has added NAFTAN OAO to the SDN List. OFAC is also issuing General License 12, "
        "authorizing transactions related to the wind down of business with Naftan through June 3.",
    ) == {("naftan", "impose", "US", "confirmed")}


def test_having_resisted_a_listing_is_no_listing() -> None:
    assert events(
        "The EU weighs sanctions on Naftan",
        "Hungary had long resisted targeting Naftan but now backs a broader package.",
    ) == {("naftan", "impose", "EU", "speculative")}


def test_a_country_named_as_the_victim_in_the_title_does_not_act() -> None:
    assert events(
        "EU sanctions over the war against Ukraine: 20th package adopted",
        "The package introduces a full transaction ban on Naftan.",
    ) == {("naftan", "impose", "EU", "confirmed")}
    assert events(
        "Aggression against Ukraine: Council widens listings",
        "The package introduces a full transaction ban on Naftan.",
    ) == {("naftan", "impose", "EU", "confirmed")}


def test_a_topic_label_before_a_colon_does_not_act() -> None:
    assert events(
        "Ukraine: Canada adopts further measures",
        "Ottawa has decided to follow the EU. Naftan has been added to the sanctions list.",
    ) == {("naftan", "impose", "CA", "confirmed")}


def test_every_entity_of_an_ofac_list_with_aliases_and_addresses_is_designated() -> None:
    assert events(
        "Belarus-related Designations",
        "The following entities have been added to OFAC's SDN List: NAFTAN OAO (a.k.a. NAFTAN; a.k.a. "
        "NOVOPOLOTSK REFINERY), Ul. Zavodskaya 1, Novopolotsk 211440, Belarus [BELARUS-EO14038]; "
        "BELSHINA OAO, Ul. Minskoe Shosse 4, Bobruisk 213824, Belarus [BELARUS-EO14038].",
    ) == {("naftan", "impose", "US", "confirmed"), ("belshina", "impose", "US", "confirmed")}


def test_a_sentence_after_a_street_abbreviation_goes_on() -> None:
    assert events("Treasury designates Belshina, Ul. Minskoe Shosse 4, Bobruisk.") == {
        ("belshina", "impose", "US", "confirmed")
    }


@pytest.mark.parametrize(
    "summary, expected",
    [
        # a restated recent change in a relative clause hanging on the entity
        (
            "The buyer needs no consent from Naftan, which Washington blacklisted last month together with Rosneft.",
            {("naftan", "impose", "US", "confirmed"), ("rosneft", "impose", "US", "confirmed")},
        ),
        ("Naftan, which the US may blacklist soon, has sold its plant.", {("naftan", "impose", "US", "speculative")}),
        ("Naftan, which Washington blacklisted in 2022, has sold its plant.", set()),
    ],
)
def test_a_relative_clause_on_the_entity_reports_its_change(summary: str, expected: set[tuple[str, ...]]) -> None:
    assert events("Refinery sale", summary) == expected


def test_prefix_cues_do_not_swallow_longer_words() -> None:
    # "plan" is no talk in "plant", ", which was" no background in ", which Washington"
    assert events("Naftan, which Washington blacklisted, has sold its plant.") == {
        ("naftan", "impose", "US", "confirmed")
    }


def test_to_before_a_name_is_no_infinitive() -> None:
    assert events("Japan halted exports to Belarus and froze the assets of Naftan.") == {
        ("naftan", "impose", "JP", "confirmed")
    }


def test_a_country_before_an_auxiliary_is_no_modifier() -> None:
    # "Belarus have" is no "Belarus potash": an auxiliary is no noun the country could qualify
    assert events("UN sanctions against Belarus have been reimposed.") == {("belarus", "impose", "UN", "confirmed")}


def test_a_move_to_the_blocking_list_is_an_imposition() -> None:
    assert events("The US moved Naftan from the sectoral list to the SDN list.") == {
        ("naftan", "impose", "US", "confirmed")
    }


def test_revoking_a_licence_that_allowed_business_with_x_imposes_on_x() -> None:
    assert events("OFAC revoked the general license that allowed transactions with Belaruskali.") == {
        ("belaruskali", "impose", "US", "confirmed")
    }


def test_among_those_sanctioned() -> None:
    assert events("Naftan was among those sanctioned by Britain on Friday.") == {
        ("naftan", "impose", "UK", "confirmed")
    }


def test_an_exception_to_sanctions_is_relief() -> None:
    assert events("Hungary asked the US to make an exception to the sanctions against Rosneft.") == {
        ("rosneft", "lift", "US", "speculative")
    }


@pytest.mark.parametrize(
    "title, expected",
    [
        ("US says no immediate sanctions relief for Belarus", set()),
        ("The US sanctioned tankers carrying oil for the regime of Alexander Lukashenko.", set()),
        (
            "Congress is looking at a bill that would authorize new sanctions on Belarus.",
            {("belarus", "impose", "US", "speculative")},
        ),
    ],
)
def test_no_relief_regime_of_and_authorizing_sanctions(title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title) == expected


def test_these_vessels_are_the_ones_just_listed() -> None:
    assert events(
        "The UN committee designated two firms, Naftan and Belshina, on Friday.",
        "Japan designated these firms as well.",
    ) == {
        ("naftan", "impose", "UN", "confirmed"),
        ("belshina", "impose", "UN", "confirmed"),
        ("naftan", "impose", "JP", "confirmed"),
        ("belshina", "impose", "JP", "confirmed"),
    }


def test_a_passive_sanctioned_is_an_imposition() -> None:
    assert events("Eleven Belarusian firms were sanctioned by Britain, including Naftan.") == {
        ("naftan", "impose", "UK", "confirmed")
    }
    assert events("Naftan was sanctioned in 2021.", published="2025-11-04") == set()


def test_sanctioned_jointly_by_two_actors() -> None:
    assert events(
        "One firm, Naftan, and the Minsk-based Belshina were sanctioned jointly by the United States and Japan."
    ) == {(k, "impose", j, "confirmed") for k in ("naftan", "belshina") for j in ("US", "JP")}


def test_a_participle_before_a_noun_is_a_status() -> None:
    assert events("The bank sought accounts with two blacklisted lenders: Naftan and Belshina.") == set()


def test_these_two_firms_refer_to_the_last_list() -> None:
    assert events(
        "The UN committee designated two firms, Naftan and Belshina, on Friday.",
        "Japan designated these two firms as well.",
    ) >= {("naftan", "impose", "JP", "confirmed"), ("belshina", "impose", "JP", "confirmed")}


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "The US is still set to remove Naftan and Belshina from its sanctions list.",
            {("naftan", "lift", "US", "speculative"), ("belshina", "lift", "US", "speculative")},
        ),
    ],
)
def test_still_before_talk(title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title) == expected


def test_hitting_harder_is_an_imposition() -> None:
    assert events(
        "Potash workers want more sanctions", "The EU will have to hit harder at Belaruskali, its workers said."
    ) == {("belaruskali", "impose", "EU", "speculative")}
