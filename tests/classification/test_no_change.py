"""No change: remains, extensions, denials, negation, court cases, background and the entity's own business; add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events


@pytest.mark.parametrize(
    "title, summary",
    by_lang(
        "en",
        ("US will not lift sanctions on Belaruskali", ""),
        ("EU has no plans to ease sanctions on Belaruskali", ""),
        ("Sanctions on Belaruskali remain in place, State Department says", ""),
        ("State Department denies report that sanctions on Belaruskali will be lifted", ""),
        ("Belaruskali sues to be removed from the EU sanctions list", ""),
        ("EU court upholds sanctions on Belaruskali", ""),
        ("EU prolongs sanctions on Belaruskali for another year", ""),
        ("Belaruskali exports rise despite sanctions", ""),
        ("Belavia launches flights to Sochi", "The airline suspends its route to Tbilisi."),
    ),
)
def test_denials_and_non_changes_give_no_event(title: str, summary: str) -> None:
    assert events(title, summary) == set()


@pytest.mark.parametrize(
    "title, summary",
    by_lang(
        "ru",
        ("Госдеп опроверг сообщения о снятии санкций с «Беларуськалия»", ""),
        ("ЕС не намерен снимать санкции с «Беларуськалия»", ""),
        ("ЕС продлил санкции против Беларуси еще на год", ""),
        ("Санкции против «Беларуськалия» остаются в силе", ""),
        ("«Белавиа» открывает рейсы в Стамбул", "Авиакомпания приостановила полеты в Тбилиси."),
        ("Экспорт калия растет", "«Беларуськалий» находится под санкциями ЕС с 2021 года."),
        ("Лукашенко назвал санкции против «Белавиа» незаконными", ""),
    ),
)
def test_no_change_on_a_publication_day(title: str, summary: str) -> None:
    assert events(title, summary, published="2025-11-04") == set()


@pytest.mark.parametrize(
    "title",
    [
        *by_lang(
            "uk",
            "ЄС продовжив санкції проти Білорусі ще на рік",
            "ЄС не планує знімати санкції з «Беларуськалію»",
            "США спростували інформацію про скасування санкцій проти «Беларуськалію»",
        ),
        *by_lang(
            "be",
            "Ціханоўская заклікала не здымаць санкцыі з «Беларуськалія»",
            "Лукашэнка назваў санкцыі супраць «Белавіі» незаконнымі",
        ),
        *by_lang(
            "pl",
            "Biełaruśkalij nadal objęty sankcjami UE",
            "UE nie zamierza znosić sankcji wobec Biełaruśkalija",
        ),
        *by_lang(
            "de",
            "Die Sanktionen gegen Belaruskali bleiben in Kraft",
            "Die EU wird die Sanktionen gegen Belavia nicht aufheben",
            "EU verlängert Sanktionen gegen Belarus",
        ),
        *by_lang("lt", "ES pratęsė sankcijas Baltarusijai", "JAV nepanaikino sankcijų „Belavia“"),
        *by_lang(
            "lv", "ES pagarina sankcijas pret Baltkrieviju", 'Latvija aicina ES nemīkstināt sankcijas pret "Belavia"'
        ),
        *by_lang("kk", "Еуроодақ Беларуське қарсы санкцияларды ұзартты"),
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


@pytest.mark.parametrize(
    "summary",
    by_lang(
        "en",
        "Belaruskali has been under U.S. sanctions since 2021.",
        "The EU imposed sanctions on Belaruskali in 2021.",
        "Belaruskali is already on the EU sanctions list.",
    ),
)
def test_background_gives_no_event(summary: str) -> None:
    assert events("Potash prices climb", summary, published="2025-06-01") == set()


@pytest.mark.parametrize(
    "title, summary",
    by_lang(
        "en",
        ("Belavia adds flights to Antalya despite sanctions", ""),
        ("Sanctions hit Belarus carriers", "Belavia suspends its route to Tbilisi."),
        ("IOC bans Belarus athletes", ""),
    ),
)
def test_the_entity_acting_is_not_a_sanctions_change(title: str, summary: str) -> None:
    assert events(title, summary) == set()


@pytest.mark.parametrize(
    "lang, title",
    [
        ("lt", "JAV paneigė, kad panaikino sankcijas „Belavia“"),
        ("lv", 'ES noraidīja priekšlikumu atcelt sankcijas "Belavia"'),
        ("et", "USA eitas, et kavatseb Belavia sanktsioonid tühistada"),
        ("lt", "„Naftan“ apskundė ES sankcijas teisme"),
        ("lv", '"Naftan" pārsūdzēja ES sankcijas tiesā'),
        ("et", "Naftani advokaadid väidavad, et ettevõte kanti sanktsiooninimekirja ekslikult"),
        ("lt", "ES įvedė sankcijas su „Naftan“ susijusioms bendrovėms"),
        ("lv", 'ES noteica sankcijas ar "Naftan" saistītiem uzņēmumiem'),
        ("et", "EL kehtestas sanktsioonid Naftaniga seotud ettevõtetele"),
    ],
)
def test_baltic_denials_court_cases_and_bystanders(lang: str, title: str) -> None:
    assert events(title, lang=lang) == set()


_NAFTAN_EU = ("naftan", "impose", "EU", "confirmed")


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        # near misses of the negation, court and talk words: these are still changes
        (
            "lv",
            'Ministrs uz nenoteiktu laiku iekļāva "Naftan" ieceļošanas aizlieguma sarakstā',
            ("naftan", "impose", None, "confirmed"),
        ),  # "nenoteiktu" (indefinite) is no negated "noteikt"
        ("et", "EL kehtestas sanktsioonid Naftanile ja kohtunikele", _NAFTAN_EU),  # judges are no court case
        ("lt", "ES įvedė JT remiamas sankcijas „Naftan“", _NAFTAN_EU),  # "remiamas" (backed) is no talk
    ],
)
def test_baltic_near_misses(lang: str, title: str, expected: tuple[str, str, str | None, str]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "lang, relief, renewal",
    [
        ("lt", "JAV pratęsė „Belavia“ licenciją", "JAV pratęsė sankcijas „Belavia“ dar pusmečiui"),
        ("lv", 'ASV pagarināja "Belavia" licenci', 'ASV pagarināja sankcijas pret "Belavia" uz pusgadu'),
        ("et", "USA pikendas Belavia litsentsi", "USA pikendas Belavia sanktsioone poole aasta võrra"),
    ],
)
def test_baltic_prolonging_a_licence_is_relief_prolonging_sanctions_is_not(
    lang: str, relief: str, renewal: str
) -> None:
    assert events(relief, lang=lang) == {("belavia", "lift", "US", "confirmed")}
    assert events(renewal, lang=lang) == set()


@pytest.mark.parametrize(
    "lang, title",
    [
        # a negated talk verb or auxiliary
        ("lt", "JAV nesvarsto sankcijų „Belavia“ panaikinimo"),
        ("lt", "Sankcijos „Belavia“ nebus panaikintos"),
        ("lt", "ES kol kas nesiruošia švelninti sankcijų „Belavia“"),
        ("lv", 'ASV neapsver sankciju atcelšanu "Belavia"'),
        ("lv", 'Sankcijas pret "Belavia" netiks atceltas'),
        ("et", "Belavia sanktsioone ei tühistata"),
        # opposition
        ("lt", "Lietuva prieštarauja sankcijų „Belavia“ panaikinimui"),
        ("lv", 'Latvija iebilst pret sankciju atcelšanu "Belavia"'),
        ("et", "Eesti on vastu Belavia sanktsioonide leevendamisele"),
    ],
)
def test_baltic_negated_talk_and_opposition(lang: str, title: str) -> None:
    assert events(title, lang=lang) == set()


@pytest.mark.parametrize(
    "lang, title",
    [
        # an attributive participle describes sanctions already in place: their effects are no change
        ("lt", "„Naftan“ negali eksportuoti trąšų dėl jai paskelbtų sankcijų"),
        ("lt", "Vyriausybė, vykdydama įsigaliojusias JAV sankcijas „Naftan“, nutraukė sutartį"),
        ("lv", 'Rietumu noteiktās sankcijas ierobežojušas "Naftan" eksportu'),
        ("et", "Naftani vastu kehtestatud sanktsioonid on vähendanud ettevõtte eksporti"),
    ],
)
def test_baltic_participles_describing_sanctions_in_place(lang: str, title: str) -> None:
    assert events(title, lang=lang) == set()


@pytest.mark.parametrize(
    "lang, title",
    [
        # near misses: a company's own suspension because of sanctions, and their effects, are no change
        ("lt", "„Belavia“ sustabdė skrydžius į Vilnių dėl ES sankcijų"),
        ("lv", '"Belavia" apturēja lidojumus uz Rīgu ES sankciju dēļ'),
        ("et", "Belavia peatas lennud Tallinna EL-i sanktsioonide tõttu"),
    ],
)
def test_baltic_own_business_because_of_sanctions(lang: str, title: str) -> None:
    assert events(title, lang=lang) == set()


def _en_a_recent_change_restated_as_context_is_an_event() -> None:
    found = events(
        "Lithuania keeps potash transit ban", "The ban stays despite Washington's easing of measures on Belaruskali."
    )
    assert found == {("belaruskali", "lift", "US", "confirmed")}


def _en_reluctance_is_not_talk_of_a_change() -> None:
    assert events("Diplomats say there is little appetite to ease sanctions on Belaruskali") == set()


def _en_a_hyphenated_sanctioned_adjective_is_not_a_change() -> None:
    assert events("U.S.-sanctioned Rosneft has received bids for its assets, sources said") == set()


def _en_a_participle_before_a_noun_is_a_status() -> None:
    assert events("The bank sought accounts with two blacklisted lenders: Naftan and Belshina.") == set()


def _ru_an_action_of_the_entity_after_a_sanctions_sentence_is_not_news() -> None:
    assert events("Санкции против авиакомпаний", "«Белавиа» приостановила рейсы в Тбилиси.") == set()


def _ru_a_recollection_is_background() -> None:
    assert events("Напомним, что ЕС ввел санкции против «Белавиа» из-за кризиса на границе.", lang="ru") == set()


def _uk_a_recollection_is_background() -> None:
    assert events("Нагадаємо, що ЄС запровадив санкції проти «Белавіа» через кризу на кордоні.", lang="uk") == set()


def _uk_extending_existing_sanctions_inside_a_longer_cue_is_no_change() -> None:
    # "ухвалила рішення ... санкції" must not swallow "продовжити" (extend) in its gap
    assert events("Рада ЄС ухвалила рішення продовжити чинні санкції проти Білорусі ще на рік.", lang="uk") == set()


def _de_an_exemption_for_product_grades_after_allerdings_is_no_lift_for_the_company() -> None:
    assert (
        events(
            "Neue EU-Sanktionen",
            "Für Naftan bedeuten die Sanktionen hohe Verluste, allerdings sind leichte Heizöle vorerst ausgenommen.",
            lang="de",
        )
        == set()
    )


def _de_spared_is_no_change() -> None:
    assert events("Brüssel hat Naftan ausgespart, da für Ungarn eine Ausnahmeregelung gilt.") == set()


def _de_first_time_since_is_no_background() -> None:
    assert events("Erstmals seit 30 Jahren hat die EU Sanktionen gegen Belarus verhängt.") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def _de_the_sanctioned_oligarch_is_a_status() -> None:
    assert events("Der sanktionierte Unternehmer Alexander Lukaschenko geht vor Gericht.") == set()


def _kk_negative_verb_after_the_sanction_noun() -> None:
    assert events("АҚШ «Белавиа» компаниясына қатысты санкцияларды алып тастамайды", lang="kk") == set()
    assert events("АҚШ Belavia-ға қарсы санкцияларды жеңілдетті", lang="kk") == {("belavia", "lift", "US", "confirmed")}


def _lv_before_the_sanctions_is_background() -> None:
    assert (
        events(
            "Kravu apjoms sarucis",
            "Pirms sankciju noteikšanas Naftan produkcija veidoja lielu daļu ostas kravu.",
            lang="lv",
        )
        == set()
    )


def _lv_a_negated_adjective_before_the_action_is_no_negation() -> None:
    # lv "uz nenoteiktu laiku" (for an indefinite time) is no "did not impose"
    assert events("Latvija uz nenoteiktu laiku iekļāva Naftan sankciju sarakstā.", lang="lv") == {
        ("naftan", "impose", "other", "confirmed")
    }


def _et_a_meeting_is_no_court() -> None:
    # "kohtumine" (meeting) is no "kohtu" (court's)
    assert events("Kohtumine on tõenäoline ning USA võib kaotada Valgevene-vastased sanktsioonid.", lang="et") == {
        ("belarus", "lift", "US", "speculative")
    }


@pytest.mark.parametrize(
    "case",
    checks(
        _en_a_recent_change_restated_as_context_is_an_event,
        _en_reluctance_is_not_talk_of_a_change,
        _en_a_hyphenated_sanctioned_adjective_is_not_a_change,
        _en_a_participle_before_a_noun_is_a_status,
        _ru_an_action_of_the_entity_after_a_sanctions_sentence_is_not_news,
        _ru_a_recollection_is_background,
        _uk_a_recollection_is_background,
        _uk_extending_existing_sanctions_inside_a_longer_cue_is_no_change,
        _de_an_exemption_for_product_grades_after_allerdings_is_no_lift_for_the_company,
        _de_spared_is_no_change,
        _de_first_time_since_is_no_background,
        _de_the_sanctioned_oligarch_is_a_status,
        _kk_negative_verb_after_the_sanction_noun,
        _lv_before_the_sanctions_is_background,
        _lv_a_negated_adjective_before_the_action_is_no_negation,
        _et_a_meeting_is_no_court,
    ),
)
def test_single_no_changes(case: Callable[[], None]) -> None:
    case()
