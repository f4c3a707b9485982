"""Names in the classifier: inflected, possessive and transliterated forms, and near misses; add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.classification.analyzer import load_analyzer
from monitor.classification.findings import ItemText
from tests.support.analyzing import analyze, by_lang, checks, events


@pytest.mark.parametrize(
    "title",
    by_lang(
        "et",
        "EL kehtestas sanktsioonid Aljaksandr Lukašenkale",  # the Belarusian form's vowel, then the case suffix
        "EL kehtestas sanktsioonid Aleksandr Lukašenkole",
    ),
)
def test_estonian_case_suffix_after_another_final_vowel(title: str) -> None:
    assert events(title, lang="et") == {("lukashenko", "impose", "EU", "confirmed")}


def test_latvian_and_estonian_h_for_russian_kh(tmp_path: Path) -> None:
    watchlist = tmp_path / "people.toml"
    watchlist.write_text('[[entity]]\nkey = "fridman"\nname = "Mikhail Fridman"\nkind = "person"\n', encoding="utf-8")
    analyzer = load_analyzer([watchlist])
    for lang, title in [
        ("lv", "ES atcēla sankcijas Mihailam Fridmanam"),
        ("et", "EL tühistas Mihhail Fridmani sanktsioonid"),
        ("lt", "ES panaikino sankcijas Michailui Fridmanui"),
    ]:
        found = analyzer.analyze(ItemText(title, "", lang, None))
        assert {(e.entity, e.action, e.jurisdiction) for e in found.events} == {("fridman", "lift", "EU")}, title


def _en_inflected_and_possessive_names_match() -> None:
    assert ("belavia", "lift", "US", "confirmed") in events("US lifts sanctions on Belavia's fleet")


def _en_near_miss_names_do_not_match() -> None:
    result = analyze("Amazing MAZDA deals lift Belarusian aviation")
    assert "maz" not in result.mentions and result.events == ()


@pytest.mark.parametrize(
    "case",
    checks(
        _en_inflected_and_possessive_names_match,
        _en_near_miss_names_do_not_match,
    ),
)
def test_single_names(case: Callable[[], None]) -> None:
    case()
