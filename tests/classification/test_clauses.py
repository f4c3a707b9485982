"""Sentence and clause boundaries (clause breaks, subordinate and relative clauses, participles, abbreviations); add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events

LIFT_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "summary, expected",
    by_lang(
        "en",
        # a restated recent change in a relative clause hanging on the entity
        (
            "The buyer needs no consent from Naftan, which Washington blacklisted last month together with Rosneft.",
            {("naftan", "impose", "US", "confirmed"), ("rosneft", "impose", "US", "confirmed")},
        ),
        ("Naftan, which the US may blacklist soon, has sold its plant.", {("naftan", "impose", "US", "speculative")}),
        ("Naftan, which Washington blacklisted in 2022, has sold its plant.", set()),
    ),
)
def test_a_relative_clause_on_the_entity_reports_its_change(summary: str, expected: set[tuple[str, ...]]) -> None:
    assert events("Refinery sale", summary) == expected


def _en_clause_break_separates_subjects() -> None:
    """ "X frees prisoners as US eases sanctions": X is not the target."""
    found = events("Lukashenko frees prisoners as US eases potash sanctions")
    assert not any(e[0] == "lukashenko" for e in found)


def _en_participle_describing_the_sanctions_is_not_the_change() -> None:
    assert events("US lifted sanctions imposed on Belaruskali") == {("belaruskali", "lift", "US", "confirmed")}


def _en_a_subordinate_clause_is_not_the_object_of_the_main_verb() -> None:
    found = events("US lifts sanctions on Belavia after Lukashenko frees prisoners")
    assert found == {("belavia", "lift", "US", "confirmed")}


def _en_an_actor_before_a_plural_noun_is_not_a_verb() -> None:
    assert events("What the lifting of U.S. sanctions means for Belavia") == {LIFT_US}


def _en_a_sentence_after_a_street_abbreviation_goes_on() -> None:
    assert events("Treasury designates Belshina, Ul. Minskoe Shosse 4, Bobruisk.") == {
        ("belshina", "impose", "US", "confirmed")
    }


def _en_prefix_cues_do_not_swallow_longer_words() -> None:
    # "plan" is no talk in "plant", ", which was" no background in ", which Washington"
    assert events("Naftan, which Washington blacklisted, has sold its plant.") == {
        ("naftan", "impose", "US", "confirmed")
    }


def _en_to_before_a_name_is_no_infinitive() -> None:
    assert events("Japan halted exports to Belarus and froze the assets of Naftan.") == {
        ("naftan", "impose", "JP", "confirmed")
    }


def _en_a_country_before_an_auxiliary_is_no_modifier() -> None:
    # "Belarus have" is no "Belarus potash": an auxiliary is no noun the country could qualify
    assert events("UN sanctions against Belarus have been reimposed.") == {("belarus", "impose", "UN", "confirmed")}


def _de_wobei_opens_a_clause_of_its_own() -> None:
    # the EU's listing after "wobei" is Belshina's alone; Naftan stays with the US
    assert events(
        "Die USA haben Sanktionen gegen Naftan und Belshina verhängt, wobei Belshina auch von der EU "
        "auf die schwarze Liste gesetzt wurde."
    ) == {
        ("naftan", "impose", "US", "confirmed"),
        ("belshina", "impose", "US", "confirmed"),
        ("belshina", "impose", "EU", "confirmed"),
    }


@pytest.mark.parametrize(
    "case",
    checks(
        _en_clause_break_separates_subjects,
        _en_participle_describing_the_sanctions_is_not_the_change,
        _en_a_subordinate_clause_is_not_the_object_of_the_main_verb,
        _en_an_actor_before_a_plural_noun_is_not_a_verb,
        _en_a_sentence_after_a_street_abbreviation_goes_on,
        _en_prefix_cues_do_not_swallow_longer_words,
        _en_to_before_a_name_is_no_infinitive,
        _en_a_country_before_an_auxiliary_is_no_modifier,
        _de_wobei_opens_a_clause_of_its_own,
    ),
)
def test_single_clauses(case: Callable[[], None]) -> None:
    case()
