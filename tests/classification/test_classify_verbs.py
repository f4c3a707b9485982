"""Verb forms of lifting and imposing in every language: infinitives after a modal are talk
about a change of the right direction ("US could lift/impose sanctions on Naftan"), past
tenses a confirmed change ("Britain lifted/imposed sanctions on Naftan")."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events

TEMPLATES = {
    "ru": "США могут {} санкции против «Нафтана»",
    "uk": "США можуть {} санкції проти «Нафтану»",
    "be": "ЗША могуць {} санкцыі супраць «Нафтана»",
    "pl": "USA mogą {} sankcje wobec Naftanu",
    "de": "Die USA könnten Sanktionen gegen Naftan {}",
    "lt": "JAV gali {} sankcijas Naftan",
    "lv": "ASV varētu {} sankcijas pret Naftan",
    "et": "USA võib Naftani vastu sanktsioonid {}",
    "kk": "АҚШ Нафтанға қарсы санкцияларды {} мүмкін",
}
VERBS = {
    "ru": {"lift": ["снять", "отменить", "ослабить", "смягчить"], "impose": ["ввести", "расширить", "ужесточить"]},
    "uk": {
        "lift": ["зняти", "скасувати", "послабити", "пом'якшити"],
        "impose": ["запровадити", "розширити", "посилити"],
    },
    "be": {
        "lift": ["зняць", "зьняць", "скасаваць", "аслабіць", "змякчыць"],
        "impose": ["увесці", "пашырыць", "узмацніць"],
    },
    "pl": {
        "lift": ["znieść", "uchylić", "złagodzić", "poluzować"],
        "impose": ["nałożyć", "rozszerzyć", "zaostrzyć", "wprowadzić"],
    },
    "de": {"lift": ["aufheben", "lockern", "aussetzen"], "impose": ["verhängen", "ausweiten", "verschärfen"]},
    "lt": {
        "lift": ["panaikinti", "sušvelninti", "atšaukti"],
        "impose": ["įvesti", "išplėsti", "sugriežtinti", "pritaikyti"],
    },
    "lv": {"lift": ["atcelt", "mīkstināt"], "impose": ["noteikt", "paplašināt", "pastiprināt", "piemērot", "ieviest"]},
    "et": {"lift": ["tühistada", "kaotada", "leevendada"], "impose": ["kehtestada", "laiendada", "karmistada"]},
    "kk": {"lift": ["алып тастауы", "жеңілдетуі", "жоюы"], "impose": ["енгізуі", "кеңейтуі", "күшейтуі"]},
}
CASES = [(lang, action, verb) for lang, by in VERBS.items() for action, verbs in by.items() for verb in verbs]


@pytest.mark.parametrize("lang, action, verb", CASES)
def test_modal_and_infinitive(lang: str, action: str, verb: str) -> None:
    assert events(TEMPLATES[lang].format(verb), lang=lang) == {("naftan", action, "US", "speculative")}


# (template, actor, ["verb:action", ...]); "a ... b" puts b at the end (German separable verbs)
PAST = {
    "ru": [
        (
            "Великобритания {v} санкции против «Нафтана»",
            "UK",
            [
                "сняла:lift",
                "отменила:lift",
                "ослабила:lift",
                "смягчила:lift",
                "ввела:impose",
                "расширила:impose",
                "ужесточила:impose",
                "наложила:impose",
            ],
        ),
        ("Минфин США {v} «Нафтан» из санкционного списка", "US", ["исключил:lift", "вычеркнул:lift", "удалил:lift"]),
        (
            "Минфин США {v} «Нафтан» в санкционный список",
            "US",
            ["включил:impose", "внес:impose", "внёс:impose", "добавил:impose"],
        ),
    ],
    "uk": [
        (
            "Велика Британія {v} санкції проти «Нафтану»",
            "UK",
            [
                "зняла:lift",
                "скасувала:lift",
                "послабила:lift",
                "запровадила:impose",
                "розширила:impose",
                "посилила:impose",
                "наклала:impose",
            ],
        ),
        ("Мінфін США {v} «Нафтан» із санкційного списку", "US", ["виключив:lift", "викреслив:lift", "вилучив:lift"]),
        ("Мінфін США {v} «Нафтан» до санкційного списку", "US", ["вніс:impose", "включив:impose", "додав:impose"]),
    ],
    "be": [
        (
            "Вялікабрытанія {v} санкцыі супраць «Нафтана»",
            "UK",
            [
                "зьняла:lift",
                "зняла:lift",
                "скасавала:lift",
                "аслабіла:lift",
                "увяла:impose",
                "пашырыла:impose",
                "узмацніла:impose",
            ],
        ),
        ("Мінфін ЗША {v} «Нафтан» са санкцыйнага сьпісу", "US", ["выключыў:lift", "выкрасьліў:lift"]),
    ],
    "pl": [
        (
            "Wielka Brytania {v} sankcje wobec Naftanu",
            "UK",
            [
                "zniosła:lift",
                "uchyliła:lift",
                "złagodziła:lift",
                "nałożyła:impose",
                "rozszerzyła:impose",
                "zaostrzyła:impose",
                "wprowadziła:impose",
            ],
        ),
        (
            "Departament Skarbu USA {v} Naftan z listy sankcyjnej",
            "US",
            ["usunął:lift", "wykreślił:lift", "skreślił:lift"],
        ),
        ("Departament Skarbu USA {v} Naftan na listę sankcyjną", "US", ["wpisał:impose", "dodał:impose"]),
    ],
    "de": [
        (
            "Großbritannien {v} die Sanktionen gegen Naftan",
            "UK",
            ["lockerte:lift", "hob ... auf:lift", "verhängte:impose", "verschärfte:impose", "weitete ... aus:impose"],
        ),
        (
            "Das US-Finanzministerium {v} Naftan von der Sanktionsliste",
            "US",
            ["strich:lift", "entfernte:lift", "nahm ... herunter:lift"],
        ),
    ],
    "lt": [
        (
            "Didžioji Britanija {v} sankcijas Naftan",
            "UK",
            [
                "panaikino:lift",
                "sušvelnino:lift",
                "atšaukė:lift",
                "įvedė:impose",
                "išplėtė:impose",
                "sugriežtino:impose",
                "pritaikė:impose",
            ],
        ),
        ("JAV iždas {v} Naftan iš sankcijų sąrašo", "US", ["išbraukė:lift", "pašalino:lift"]),
        ("JAV iždas {v} Naftan į sankcijų sąrašą", "US", ["įtraukė:impose", "įrašė:impose"]),
    ],
    "lv": [
        (
            "Lielbritānija {v} sankcijas pret Naftan",
            "UK",
            [
                "atcēla:lift",
                "mīkstināja:lift",
                "noteica:impose",
                "paplašināja:impose",
                "pastiprināja:impose",
                "piemēroja:impose",
                "ieviesa:impose",
            ],
        ),
        ("ASV Valsts kase {v} Naftan no sankciju saraksta", "US", ["izslēdza:lift", "svītroja:lift", "izņēma:lift"]),
        ("ASV Valsts kase {v} Naftan sankciju sarakstā", "US", ["iekļāva:impose"]),
    ],
    "et": [
        (
            "Suurbritannia {v} Naftani vastu sanktsioonid",
            "UK",
            ["tühistas:lift", "leevendas:lift", "kehtestas:impose", "laiendas:impose", "karmistas:impose"],
        ),
        ("USA rahandusministeerium {v} Naftani sanktsioonide nimekirjast", "US", ["eemaldas:lift", "kustutas:lift"]),
        ("USA rahandusministeerium {v} Naftani sanktsioonide nimekirja", "US", ["lisas:impose", "kandis:impose"]),
    ],
    "kk": [
        (
            "Ұлыбритания Нафтанға қарсы санкцияларды {v}",
            "UK",
            [
                "алып тастады:lift",
                "жеңілдетті:lift",
                "жойды:lift",
                "енгізді:impose",
                "кеңейтті:impose",
                "күшейтті:impose",
            ],
        )
    ],
}
PAST_CASES = [(lang, tpl, jur, verb) for lang, rows in PAST.items() for tpl, jur, verbs in rows for verb in verbs]


@pytest.mark.parametrize("lang, template, actor, verb", PAST_CASES)
def test_past_tense_is_a_confirmed_change(lang: str, template: str, actor: str, verb: str) -> None:
    word, action = verb.split(":")
    if " ... " in word:
        head, tail = word.split(" ... ")
        text = template.replace("{v}", head) + " " + tail
    else:
        text = template.format(v=word)
    assert events(text, lang=lang) == {("naftan", action, actor, "confirmed")}


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "Canada, in step with the US, sanctioned Naftan on Friday.",
            "en",
            {("naftan", "impose", "CA", "confirmed"), ("naftan", "impose", "US", "confirmed")},
        ),
        (
            "Япония вслед за Евросоюзом ввела санкции против «Нафтана».",
            "ru",
            {("naftan", "impose", "JP", "confirmed"), ("naftan", "impose", "EU", "confirmed")},
        ),
        (
            "Лондон може слідом за США зняти санкції з «Нафтану».",
            "uk",
            {("naftan", "lift", "UK", "speculative")},
        ),  # in talk the followed actor is not reported
    ],
)
def test_an_actor_followed_in_a_confirmed_change_made_it_too(
    title: str, lang: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        ("lt", "JAV grąžino sankcijas Baltarusijai.", {("belarus", "impose", "US", "confirmed")}),
        ("ru", "США вернули санкции против «Нафтана».", {("naftan", "impose", "US", "confirmed")}),
        ("pl", "USA przywróciły sankcje wobec Naftanu.", {("naftan", "impose", "US", "confirmed")}),
        ("en", "The US restored sanctions on Naftan.", {("naftan", "impose", "US", "confirmed")}),
    ],
)
def test_returning_sanctions_is_an_imposition(lang: str, title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected
