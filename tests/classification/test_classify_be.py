"""Belarusian: both у and ў spellings, знялі/здымаць, увёў/ўвёў."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, expected",
    [
        ("ЗША знялі санкцыі з «Белавіі»", ("belavia", "lift", "US", "confirmed")),
        ("ЕС увёў санкцыі супраць «Беларуськалія»", ("belaruskali", "impose", "EU", "confirmed")),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


def test_joining_names_only_the_joining_country() -> None:
    assert events("Швейцарыя далучылася да санкцый ЕС супраць «Нафтана»") == {("naftan", "impose", "CH", "confirmed")}
    assert events("Швейцарыя ў аўторак далучылася да новых санкцый ЭЗ супраць «Нафтана»") == {
        ("naftan", "impose", "CH", "confirmed")
    }


def test_talk() -> None:
    assert events("ЗША могуць зняць санкцыі з «Беларуськалія»") == {("belaruskali", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "Ціханоўская заклікала не здымаць санкцыі з «Беларуськалія»",
        "Лукашэнка назваў санкцыі супраць «Белавіі» незаконнымі",
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_preposition_after_a_target_country() -> None:
    # "за" (for) after the country is no noun the country modifies
    assert events("Рада ЭЗ ухваліла новыя санкцыі супраць Беларусі за ўдзел у вайне") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def test_the_official_short_name_of_the_eu() -> None:
    assert events("ЕЗ увёў санкцыі супраць «Нафтана».", lang="be") == {("naftan", "impose", "EU", "confirmed")}


def test_a_future_after_a_decision_in_the_sentence_before_is_its_effect() -> None:
    assert events(
        "ЕЗ увёў санкцыі супраць Беларусі.",
        "Гэткае рашэнне прынялі міністры. Такім чынам замарожаныя будуць актывы «Нафтана».",
        lang="be",
    ) >= {("naftan", "impose", "EU", "confirmed")}
