"""Talk of a change (plans, may, calls, conditions, questions) is speculative: add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events


@pytest.mark.parametrize(
    "title",
    [
        *by_lang(
            "en",
            "US weighs lifting sanctions on Belaruskali",
            "Washington could ease curbs on Belaruskali, officials say",
            "US plans to remove Belaruskali from sanctions list",
            "US ready to lift sanctions on Belaruskali once prisoners are freed",
            "Talks on US sanctions relief for Belaruskali continue in Minsk",
            "US will lift sanctions on Belaruskali, envoy says",
        ),
        *by_lang(
            "ru",
            "США могут снять санкции с «Беларуськалия»",
            "Вашингтон рассматривает возможность снятия санкций с «Беларуськалия»",
            "США готовы отменить санкции против «Беларуськалия» в обмен на освобождение заключенных",
            "США снимут санкции с «Беларуськалия», заявил спецпосланник",
        ),
        *by_lang(
            "uk",
            "США можуть зняти санкції з «Беларуськалію»",
            "Адміністрація Трампа обговорює послаблення санкцій проти «Беларуськалію»",
        ),
        *by_lang("be", "ЗША могуць зняць санкцыі з «Беларуськалія»"),
    ],
)
def test_talk_of_lifting_belaruskali(title: str) -> None:
    assert events(title) == {("belaruskali", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title",
    by_lang(
        "pl",
        "Komisja Europejska zaproponowała nałożenie sankcji na Biełaruśkalij",
        "Polska apeluje o objęcie sankcjami Biełaruśkalija",
    ),
)
def test_talk_of_an_imposition_whoever_acts(title: str) -> None:
    found = events(title)
    assert {(e, a, c) for e, a, _j, c in found} == {("belaruskali", "impose", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        *by_lang("lt", "JAV svarsto panaikinti sankcijas „Belavia“"),
        *by_lang("lv", 'ASV varētu atcelt sankcijas "Belavia"'),
        *by_lang("et", "USA kaalub Belavia sanktsioonide tühistamist"),
    ],
)
def test_talk_of_lifting_belavia(title: str) -> None:
    assert events(title) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        ("lt", "ES gali įvesti sankcijas „Naftan“", ("naftan", "impose", "EU", "speculative")),
        ("lt", "Tikimasi, kad ES įves sankcijas „Naftan“", ("naftan", "impose", "EU", "speculative")),
        ("lt", "Ar JAV panaikins sankcijas „Belavia“?", ("belavia", "lift", "US", "speculative")),
        (
            "lt",
            "JAV panaikins sankcijas „Belavia“, jei Minskas paleis politinius kalinius",
            ("belavia", "lift", "US", "speculative"),
        ),
        ("lv", 'ES plāno noteikt sankcijas "Naftan"', ("naftan", "impose", "EU", "speculative")),
        ("lv", 'ES gatavojas sagatavot sankcijas pret "Naftan"', ("naftan", "impose", "EU", "speculative")),
        ("lv", 'ASV apsvērs iespēju atcelt sankcijas "Belavia"', ("belavia", "lift", "US", "speculative")),
        (
            "lv",
            'ASV atcels sankcijas "Belavia", ja Minska atbrīvos politieslodzītos',
            ("belavia", "lift", "US", "speculative"),
        ),
        ("et", "Vaherahu korral võidakse Belavia sanktsioonid kaotada", ("belavia", "lift", None, "speculative")),
        ("et", "Oodatakse, et EL kehtestab Naftanile sanktsioonid", ("naftan", "impose", "EU", "speculative")),
        (
            "et",
            "USA tühistab Belavia sanktsioonid, kui Minsk vabastab poliitvangid",
            ("belavia", "lift", "US", "speculative"),
        ),
        (
            "et",
            "USA nõunik: Belavia-vastaste sanktsioonide leevendamine on arutlusel",
            ("belavia", "lift", "US", "speculative"),
        ),
    ],
)
def test_baltic_talk_conditions_and_questions(
    lang: str, title: str, expected: tuple[str, str | None, str, str]
) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "lang, title",
    [
        # near misses: the same verbs without the negation are talk
        ("lt", "JAV svarsto sankcijų „Belavia“ panaikinimą"),
        ("lv", 'ASV apsver sankciju atcelšanu "Belavia"'),
        ("et", "USA kaalub Belavia sanktsioonide tühistamist"),
    ],
)
def test_baltic_talk_without_negation(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        # the conditional mood is talk
        ("et", "USA tühistaks Belavia sanktsioonid", {("belavia", "lift", "US", "speculative")}),
        ("et", "EL kehtestaks Naftanile sanktsioonid", {("naftan", "impose", "EU", "speculative")}),
        (
            "lt",
            "ES paskelbtų sankcijas „Naftan“, jei Minskas nepaleistų kalinių",
            {("naftan", "impose", "EU", "speculative")},
        ),
        ("lt", "ES įvestų sankcijas „Naftan“", {("naftan", "impose", "EU", "speculative")}),
        # near miss: the same Lithuanian form before a genitive is a participle of sanctions in place
        ("lt", "„Naftan“ negali eksportuoti dėl ES įvestų sankcijų", set()),
    ],
)
def test_baltic_conditional_mood(lang: str, title: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, expected",
    by_lang(
        "en",
        (
            "The US is still set to remove Naftan and Belshina from its sanctions list.",
            {("naftan", "lift", "US", "speculative"), ("belshina", "lift", "US", "speculative")},
        ),
        # no relief, the regime of, authorizing sanctions
        ("US says no immediate sanctions relief for Belarus", set()),
        ("The US sanctioned tankers carrying oil for the regime of Alexander Lukashenko.", set()),
        (
            "Congress is looking at a bill that would authorize new sanctions on Belarus.",
            {("belarus", "impose", "US", "speculative")},
        ),
    ),
)
def test_still_before_talk_no_relief_regime_of_and_authorizing_sanctions(
    title: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title) == expected


def _en_calls_for_sanctions_are_a_speculative_imposition() -> None:
    assert events("Lawmakers urge the EU to sanction Belshina") == {("belshina", "impose", "EU", "speculative")}


def _en_talk_after_a_soft_break_does_not_make_a_done_change_speculative() -> None:
    found = events("Rosneft to sell assets after US blacklisting")
    assert found == {("rosneft", "impose", "US", "confirmed")}


def _en_question_headline_is_speculative() -> None:
    assert events("Will the US lift sanctions on Belaruskali?") == {("belaruskali", "lift", "US", "speculative")}


def _en_having_resisted_a_listing_is_no_listing() -> None:
    assert events(
        "The EU weighs sanctions on Naftan",
        "Hungary had long resisted targeting Naftan but now backs a broader package.",
    ) == {("naftan", "impose", "EU", "speculative")}


def _en_an_exception_to_sanctions_is_relief() -> None:
    assert events("Hungary asked the US to make an exception to the sanctions against Rosneft.") == {
        ("rosneft", "lift", "US", "speculative")
    }


def _en_hitting_harder_is_an_imposition() -> None:
    assert events(
        "Potash workers want more sanctions", "The EU will have to hit harder at Belaruskali, its workers said."
    ) == {("belaruskali", "impose", "EU", "speculative")}


def _ru_asking_to_lift_is_talk() -> None:
    assert events("В Бельгии просят ЕС отменить санкции против «Белавиа»", lang="ru") == {
        ("belavia", "lift", "EU", "speculative")
    }


def _ru_a_perfective_future_is_talk() -> None:
    assert events("Под новые санкции ЕС попадут «Нафтан» и «Белшина»", lang="ru") == {
        ("naftan", "impose", "EU", "speculative"),
        ("belshina", "impose", "EU", "speculative"),
    }


def _ru_a_decision_that_may_be_taken_keeps_the_talk_going() -> None:
    assert events(
        "ЕС готовит пятый пакет санкций.",
        "Окончательное решение может быть принято на следующей неделе. Под санкции попадёт и «Нафтан».",
        lang="ru",
    ) == {("naftan", "impose", "EU", "speculative")}


def _uk_coming_close_to_approval_is_talk() -> None:
    assert events("ЄС впритул наблизився до схвалення нового пакету санкцій проти Білорусі.", lang="uk") == {
        ("belarus", "impose", "EU", "speculative")
    }


def _be_a_future_after_a_decision_in_the_sentence_before_is_its_effect() -> None:
    assert events(
        "ЕЗ увёў санкцыі супраць Беларусі.",
        "Гэткае рашэнне прынялі міністры. Такім чынам замарожаныя будуць актывы «Нафтана».",
        lang="be",
    ) >= {("naftan", "impose", "EU", "confirmed")}


def _pl_counterfactual_condition_is_talk() -> None:
    assert events("USA zdjęłyby sankcje z Biełaruśkalija, gdyby Mińsk uwolnił więźniów", lang="pl") == {
        ("belaruskali", "lift", "US", "speculative")
    }


def _pl_a_modal_inside_a_gapped_cue_is_talk() -> None:
    # "Na listę ma trafić": "ma" (is to) stands inside "na listę ... trafić"
    assert events("Komisja Europejska zaproponowała nowe sankcje.", "Na listę ma trafić Naftan.") == {
        ("naftan", "impose", "EU", "speculative")
    }


def _de_a_demand_is_talk_and_a_conditional_clause_is_not_the_target() -> None:
    assert events("Polen hat die EU-Kommission aufgefordert, die Sanktionen gegen Belavia zu lockern") == {
        ("belavia", "lift", "EU", "speculative")
    }
    assert events(
        "Die USA könnten die Sanktionen gegen Belavia aufheben, wenn Lukaschenko weitere Gefangene freilässt"
    ) == {("belavia", "lift", "US", "speculative")}


def _de_talk() -> None:
    found = events("Die EU-Kommission schlägt vor, Belaruskali auf die Sanktionsliste zu setzen")
    assert found == {("belaruskali", "impose", "EU", "speculative")}


def _de_zu_infinitive_after_an_announcement_is_talk() -> None:
    assert events("Die USA kündigten an, die Sanktionen gegen Belavia aufzuheben") == {
        ("belavia", "lift", "US", "speculative")
    }


def _de_announcing_talks_after_the_change_is_another_clause() -> None:
    assert events("Die USA heben die Sanktionen gegen Belavia auf und kündigen weitere Gespräche an.") == {
        ("belavia", "lift", "US", "confirmed")
    }


def _de_further_restrictive_measures_are_an_imposition() -> None:
    assert events("Die EU wird weitere restriktive Maßnahmen gegen Belarus ergreifen.") == {
        ("belarus", "impose", "EU", "speculative")
    }


def _kk_future_and_intent_after_the_verb_stem() -> None:
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамақ", lang="kk") == {
        ("belavia", "lift", "US", "speculative")
    }
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамады", lang="kk") == set()


def _et_must_is_talk() -> None:
    assert events("Minister: Naftan tuleb kanda EL-i sanktsiooninimekirja", lang="et") == {
        ("naftan", "impose", "EU", "speculative")
    }


@pytest.mark.parametrize(
    "case",
    checks(
        _en_calls_for_sanctions_are_a_speculative_imposition,
        _en_talk_after_a_soft_break_does_not_make_a_done_change_speculative,
        _en_question_headline_is_speculative,
        _en_having_resisted_a_listing_is_no_listing,
        _en_an_exception_to_sanctions_is_relief,
        _en_hitting_harder_is_an_imposition,
        _ru_asking_to_lift_is_talk,
        _ru_a_perfective_future_is_talk,
        _ru_a_decision_that_may_be_taken_keeps_the_talk_going,
        _uk_coming_close_to_approval_is_talk,
        _be_a_future_after_a_decision_in_the_sentence_before_is_its_effect,
        _pl_counterfactual_condition_is_talk,
        _pl_a_modal_inside_a_gapped_cue_is_talk,
        _de_a_demand_is_talk_and_a_conditional_clause_is_not_the_target,
        _de_talk,
        _de_zu_infinitive_after_an_announcement_is_talk,
        _de_announcing_talks_after_the_change_is_another_clause,
        _de_further_restrictive_measures_are_an_imposition,
        _kk_future_and_intent_after_the_verb_stem,
        _et_must_is_talk,
    ),
)
def test_single_talk(case: Callable[[], None]) -> None:
    case()
