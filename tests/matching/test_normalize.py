"""monitor/matching/normalize.py: each step, then the composed key across scripts and spellings."""

from __future__ import annotations

import pytest

from monitor.matching import normalize
from monitor.matching.normalize import (
    clean_token,
    fold_case,
    fold_extra,
    fold_phonetic,
    latinize,
    repair_homoglyphs,
    token_key,
    token_script,
    vowel_class,
)


def test_clean_token_applies_nfkc_and_drops_invisible_and_stress_marks() -> None:
    assert clean_token("ﬁnance") == "finance"
    assert clean_token("Бела\u00adвиа") == "Белавиа"
    assert clean_token("Белави\u0301а") == "Белавиа"
    assert clean_token("Беларусь\u200b") == "Беларусь"


def test_repair_homoglyphs_makes_a_cyrillic_word_all_cyrillic() -> None:
    assert repair_homoglyphs("Бeлавиа") == "Белавиа"  # Latin e
    assert repair_homoglyphs("Нафтaн") == "Нафтан"  # Latin a
    assert repair_homoglyphs("MAЗ") == "МАЗ"  # Latin M and A


def test_repair_homoglyphs_makes_a_latin_word_all_latin() -> None:
    assert repair_homoglyphs("Belаvia") == "Belavia"  # Cyrillic а
    assert repair_homoglyphs("Рolska") == "Polska"  # Cyrillic Р


def test_repair_homoglyphs_leaves_clean_and_truly_mixed_words() -> None:
    assert repair_homoglyphs("Белавиа") == "Белавиа"
    assert repair_homoglyphs("Belavia") == "Belavia"
    assert repair_homoglyphs("Бfл") == "Бfл"  # Б and f both own their script


def test_fold_case_uses_casefold() -> None:
    assert fold_case("WEIẞRUSSLAND") == "weissrussland"
    assert fold_case("БЕЛАЗ") == "белаз"


def test_latinize_romanises_and_keeps_only_letters_and_digits() -> None:
    assert latinize("беларуськалий") == "belaruskaliy"
    assert latinize("łukaszenka") == "lukaszenka"
    assert latinize("ew-001pa") == "ew001pa"


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("lukashenko", "lukasenko"),
        ("lukaschenko", "lukasenko"),
        ("lukaszenka", "lukasenka"),
        ("bielaruskalij", "belaruskali"),
        ("khimvolokno", "cimvolokno"),
        ("chimwolokno", "cimvolokno"),
        ("hrodna", "grodna"),
        ("weissrussland", "veisrusland"),
    ],
)
def test_fold_phonetic_merges_spelling_classes(word: str, folded: str) -> None:
    assert fold_phonetic(word) == folded


@pytest.mark.parametrize(
    "group",
    [
        ["Беларуськалий", "Беларуськалій", "Belaruskaliy", "Belaruskalij", "Biełaruśkalij", "Belaruskali"],
        ["Łukaszenka", "Lukašenka", "Lukashenka", "Лукашэнка"],
        ["Lukaschenko", "Лукашенко", "Lukashenko"],
        ["Хімволокно", "Khimvolokno", "Chimwołokno", "Химволокно"],
        ["Белавиа", "Бeлавиа", "Belavia", "Белавія"],
    ],
)
def test_token_key_meets_across_scripts_and_spellings(group: list[str]) -> None:
    assert len({token_key(word) for word in group}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Belarus", "Belaruskali"),
        ("Naftan", "Nafta"),
        ("Belavia", "Belaviatsionny"),
        ("Rosneft", "Rossiya"),
        ("Lukoil", "Lukashenko"),
        ("MAZ", "Mars"),
    ],
)
def test_token_key_keeps_near_misses_apart(one: str, other: str) -> None:
    assert token_key(one) != token_key(other)


def test_fold_extra_applies_a_languages_extra_folding() -> None:
    assert fold_extra(token_key("Химволокно"), "be") == fold_extra(token_key("Хімвалакна"), "be") == "cimvalakna"
    assert fold_extra("grodno", "ru") == "grodno"


def test_belarusian_u_short_is_read_as_v() -> None:
    assert token_key("аўтамабільны") == "avtamabilni"  # not "autamabilni"
    assert fold_extra(token_key("аўтамабільны"), "be") == fold_extra(token_key("автомобильный"), "be")


def test_word_parts_of_one_meaning_share_a_key() -> None:
    assert token_key("Славнафта") == token_key("Славнефта") == "slavnefta"  # uk нафта = ru нефть
    assert token_key("розвитку")[:-1] == token_key("развития")[:-1] == "razviti"  # uk розвиток = ru развитие
    assert token_key("Navtan") != token_key("Naftan")  # only the listed parts


def test_vowel_class_keeps_consonants_and_where_vowels_stand() -> None:
    assert vowel_class(token_key("Білтелеком")) == vowel_class(token_key("Белтелеком")) == "b_lt_l_k_m"
    assert vowel_class(token_key("нефтяной")) != vowel_class(token_key("Нафтан"))  # я is two letters
    assert vowel_class(token_key("Роснано")) != vowel_class(token_key("Роснефть"))  # other consonants


def test_token_script_names_the_script_of_the_first_letter() -> None:
    assert token_script("Беларусь") == "cyrillic"
    assert token_script("Białoruś") == "latin"
    assert token_script("2025") == "other"
    assert token_script("Λευκορωσία") == "other"


def test_reset_caches_empties_the_key_cache() -> None:
    token_key("Белавиа")
    normalize.reset_caches()
    assert token_key.cache_info().currsize == 0
