"""Ukrainian: зняв/знято/скасував, запровадив, РНБО and the decree of the President."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, expected",
    [
        ("США зняли санкції з «Белавіа»", ("belavia", "lift", "US", "confirmed")),
        ("Вашингтон остаточно вивів «Белавіа» з-під санкцій", ("belavia", "lift", "US", "confirmed")),
        ("Мінфін США дозволив операції з «Беларуськалієм»", ("belaruskali", "lift", "US", "confirmed")),
        ("ЄС запровадив санкції проти «Нафтану»", ("naftan", "impose", "EU", "confirmed")),
        ("РНБО запровадила санкції проти Лукашенка", ("lukashenko", "impose", "UA", "confirmed")),
        ("Зеленський підписав указ про санкції проти «Білінвестбанку»", ("belinvestbank", "impose", "UA", "confirmed")),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


@pytest.mark.parametrize(
    "title",
    [
        "США можуть зняти санкції з «Беларуськалію»",
        "Адміністрація Трампа обговорює послаблення санкцій проти «Беларуськалію»",
    ],
)
def test_talk(title: str) -> None:
    assert events(title) == {("belaruskali", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "ЄС продовжив санкції проти Білорусі ще на рік",
        "ЄС не планує знімати санкції з «Беларуськалію»",
        "США спростували інформацію про скасування санкцій проти «Беларуськалію»",
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_a_recollection_is_background() -> None:
    assert events("Нагадаємо, що ЄС запровадив санкції проти «Белавіа» через кризу на кордоні.", lang="uk") == set()


def test_extending_existing_sanctions_inside_a_longer_cue_is_no_change() -> None:
    # "ухвалила рішення ... санкції" must not swallow "продовжити" (extend) in its gap
    assert events("Рада ЄС ухвалила рішення продовжити чинні санкції проти Білорусі ще на рік.", lang="uk") == set()


def test_a_list_of_countries_is_targeted_as_one() -> None:
    assert events("ЄС запровадив новий пакет обмежень щодо Росії та Білорусі.", lang="uk") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def test_coming_close_to_approval_is_talk() -> None:
    assert events("ЄС впритул наблизився до схвалення нового пакету санкцій проти Білорусі.", lang="uk") == {
        ("belarus", "impose", "EU", "speculative")
    }
