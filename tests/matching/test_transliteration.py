"""Transliteration systems of Cyrillic names (seeds/names/transliteration.toml): German, Polish,
Belarusian łacinka, Kazakh Latin, passport and BGN spellings meet the watchlist's name."""

from __future__ import annotations

import pytest

from monitor.matching.match import Matcher, build_matcher
from monitor.matching.normalize import token_key, transliteration_readings
from monitor.matching.watchlist import Entity


def keys(matcher: Matcher, text: str, lang: str | None = None) -> list[str]:
    return [m.key for m in matcher.find(text, lang)]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return build_matcher(
        [
            Entity("zy", "Gennady Zyuganov", "person", aliases=("Зюганов",)),
            Entity("ze", "Volodymyr Zelensky", "person"),
            Entity("ye", "Boris Yeltsin", "person"),
            Entity("zh", "Vladimir Zhirinovsky", "person"),
            Entity("sh", "Sergei Shoigu", "person"),
            Entity("me", "Dmitry Medvedev", "person"),
            Entity("vo", "Vyacheslav Volodin", "person"),
            Entity("gp", "Gazprom", aliases=("Газпром",)),
            Entity("ma", "Владимир Морозов", "person", aliases=("Uladzimir Marozau",)),
            Entity("mz", "Mogilev Azot", aliases=("Могилёв Азот",)),
            Entity("lu", "Alexander Lukashenko", "person", aliases=("Lukashenko",)),
            Entity("ru", "Russia", "country", "RU"),
            Entity("by", "Belarus", "country", "BY"),
            Entity("kz", "Kazakhstan", "country", "KZ"),
        ]
    )


def test_german_readings_of_s_z_and_sch() -> None:
    assert "zyuganow" in transliteration_readings("Sjuganow", "german")
    assert token_key(transliteration_readings("Jelzin", "german")[0]) == token_key("Yeltsin")
    assert transliteration_readings("Berlin", "german") == []  # nothing to read otherwise


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("KP-Chef Sjuganow kritisierte die Regierung", "zy"),
        ("Präsident Selenskyj reist nach Berlin", "ze"),
        ("unter Jelzin begann die Privatisierung", "ye"),
        ("der Nationalist Schirinowski starb 2022", "zh"),
        ("Verteidigungsminister Schoigu wurde abgesetzt", "sh"),
        ("Medwedews Drohungen", "me"),
        ("Sanktionen gegen Gasprom", "gp"),
    ],
)
def test_german_spellings(matcher: Matcher, text: str, key: str) -> None:
    assert keys(matcher, text, "de") == [key]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Miedwiediew znów grozi Zachodowi", "me"),
        ("minister Szojgu został odwołany", "sh"),
        ("Wołodin powiedział, że Duma poprze ustawę", "vo"),
        ("sankcje wobec Gazpromu", "gp"),
        ("rządy Jelcyna i Żyrinowskiego", "ye"),
    ],
)
def test_polish_spellings(matcher: Matcher, text: str, key: str) -> None:
    assert keys(matcher, text, "pl")[:1] == [key]


def test_german_readings_make_no_names_of_other_words(matcher: Matcher) -> None:
    assert keys(matcher, "Sonnenschein in Sachsen und Siegen", "de") == []
    assert keys(matcher, "Die Zeitung Zeit berichtet", "de") == []
    assert keys(matcher, "Selenski-Straße", "ru") == []  # German readings only in German
    # or unknown items


def test_belarusian_lacinka(matcher: Matcher) -> None:
    assert keys(matcher, "Sankcyi suprać Mahiloŭ Azotu", "be") == ["mz"]
    assert keys(matcher, "režym Łukašenki ŭ Minsku", "be") == ["lu"]
    assert keys(matcher, "Uładzimir Marozaŭ, kiraŭnik čyhunki") == ["ma"]  # ŭ tells łacinka in any item
    assert keys(matcher, "Mahiloŭski rajon", "be") == []  # an adjective, not the name
    assert keys(matcher, "Mahadan Azot", "be") == []


def test_belarusian_passport_and_cyrillic_spellings_of_one_surname(matcher: Matcher) -> None:
    assert keys(matcher, "начальнік чыгункі Уладзімір Марозаў", "be") == ["ma"]
    assert keys(matcher, "railway chief Uladzimir Marozau", "en") == ["ma"]
    assert keys(matcher, "Владимир Морозов назначен", "ru") == ["ma"]
    assert keys(matcher, "Uladzimir Marozik was there", "en") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Qazaqstan men Reseı arasyndaǵy kelisim", ["kz", "ru"]),
        ("Reseıdiń munaıy", ["ru"]),
        ("Belarýs pen Reseı", ["by", "ru"]),
        ("Belarýske qarsy sanksıa", ["by"]),
    ],
)
def test_kazakh_latin_alphabet(matcher: Matcher, text: str, found: list[str]) -> None:
    assert keys(matcher, text, "kk") == found
    assert keys(matcher, text) == found  # ı, ý tell the system


def test_kazakh_readings_need_a_kazakh_word(matcher: Matcher) -> None:
    assert keys(matcher, "Resin and Reset", "en") == []
    assert keys(matcher, "Qaraǵandy men Qostanaı", "kk") == []
    assert keys(matcher, "Belarysy", "kk") == []


def test_a_reading_is_tried_only_near_a_name() -> None:
    from monitor.matching.name_index import reading_skeleton

    assert reading_skeleton(token_key("Sjuganow")) == reading_skeleton(token_key("Zyuganov"))
    assert reading_skeleton(token_key("Bieriozkin")) == reading_skeleton(token_key("Berezkin"))
    assert reading_skeleton(token_key("Sonnenschein")) != reading_skeleton(token_key("Zyuganov"))
