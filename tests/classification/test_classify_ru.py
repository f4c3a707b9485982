"""Russian: stems catch inflected cues and names («Белавиа», «Беларуськалия»)."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, summary, expected",
    [
        ("Минфин США исключил «Белавиа» из санкционного списка", "", ("belavia", "lift", "US", "confirmed")),
        ("Вашингтон снял санкции с «Беларуськалия»", "", ("belaruskali", "lift", "US", "confirmed")),
        ("США ослабили ограничения для «Белавиа»", "", ("belavia", "lift", "US", "confirmed")),
        ("Евросоюз ввел санкции против «Нафтана»", "", ("naftan", "impose", "EU", "confirmed")),
        ("Канада внесла МАЗ в санкционный список", "", ("maz", "impose", "CA", "confirmed")),
        ("Великобритания заморозила активы «Белшины»", "", ("belshina", "impose", "UK", "confirmed")),
        ("Украина ввела санкции против Лукашенко", "", ("lukashenko", "impose", "UA", "confirmed")),
        ("Швейцария присоединилась к санкциям ЕС против «Роснефти»", "", ("rosneft", "impose", "CH", "confirmed")),
    ],
)
def test_changes(title: str, summary: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, summary) == {expected}


@pytest.mark.parametrize(
    "title",
    [
        "США могут снять санкции с «Беларуськалия»",
        "Вашингтон рассматривает возможность снятия санкций с «Беларуськалия»",
        "США готовы отменить санкции против «Беларуськалия» в обмен на освобождение заключенных",
        "США снимут санкции с «Беларуськалия», заявил спецпосланник",
    ],
)
def test_talk(title: str) -> None:
    assert events(title) == {("belaruskali", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title, summary",
    [
        ("Госдеп опроверг сообщения о снятии санкций с «Беларуськалия»", ""),
        ("ЕС не намерен снимать санкции с «Беларуськалия»", ""),
        ("ЕС продлил санкции против Беларуси еще на год", ""),
        ("Санкции против «Беларуськалия» остаются в силе", ""),
        ("«Белавиа» открывает рейсы в Стамбул", "Авиакомпания приостановила полеты в Тбилиси."),
        ("Экспорт калия растет", "«Беларуськалий» находится под санкциями ЕС с 2021 года."),
        ("Лукашенко назвал санкции против «Белавиа» незаконными", ""),
    ],
)
def test_no_change(title: str, summary: str) -> None:
    assert events(title, summary, published="2025-11-04") == set()


def test_speaker_before_the_cue_is_not_the_target() -> None:
    found = events("Лукашенко рассчитывает на снятие санкций с «Беларуськалия»")
    assert found == {("belaruskali", "lift", None, "speculative")}


def test_effective_date_in_russian() -> None:
    from tests.support.analyzing import analyze

    result = analyze("ЕС снимает санкции с «Белавиа» с 1 декабря 2025 года")
    assert [str(e.effective_date) for e in result.events] == ["2025-12-01"]


def test_an_action_of_the_entity_after_a_sanctions_sentence_is_not_news() -> None:
    assert events("Санкции против авиакомпаний", "«Белавиа» приостановила рейсы в Тбилиси.") == set()


def test_a_recollection_is_background() -> None:
    assert events("Напомним, что ЕС ввел санкции против «Белавиа» из-за кризиса на границе.", lang="ru") == set()


def test_a_time_phrase_in_a_participle_dates_the_licence_not_the_revocation() -> None:
    assert events(
        "Решение Минфина США",
        "Минфин США отменил лицензию, с 2016 года приостанавливавшую санкции против ОАО «Нафтан» и ОАО «Белшина».",
        lang="ru",
    ) == {("naftan", "impose", "US", "confirmed"), ("belshina", "impose", "US", "confirmed")}


def test_friends_of_a_person_are_the_targets_not_he() -> None:
    assert events("Британия ввела санкции против друзей Александра Лукашенко.", lang="ru") == set()


def test_asking_to_lift_is_talk() -> None:
    assert events("В Бельгии просят ЕС отменить санкции против «Белавиа»", lang="ru") == {
        ("belavia", "lift", "EU", "speculative")
    }


def test_a_swift_cut_off_is_about_sanctions() -> None:
    assert events("Лидеры ЕС согласовали отключение «Белинвестбанка» от системы SWIFT.", lang="ru") == {
        ("belinvestbank", "impose", "EU", "confirmed")
    }


def test_a_perfective_future_is_talk() -> None:
    assert events("Под новые санкции ЕС попадут «Нафтан» и «Белшина»", lang="ru") == {
        ("naftan", "impose", "EU", "speculative"),
        ("belshina", "impose", "EU", "speculative"),
    }


def test_a_decision_that_may_be_taken_keeps_the_talk_going() -> None:
    assert events(
        "ЕС готовит пятый пакет санкций.",
        "Окончательное решение может быть принято на следующей неделе. Под санкции попадёт и «Нафтан».",
        lang="ru",
    ) == {("naftan", "impose", "EU", "speculative")}
