"""Infinitives of lifting and imposing after a modal, in every language: each is talk about a
change of the right direction ("US could lift/impose sanctions on Naftan")."""

from __future__ import annotations

import pytest

from analyzing import events

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
    "uk": {"lift": ["зняти", "скасувати", "послабити", "пом'якшити"], "impose": ["запровадити", "розширити", "посилити"]},
    "be": {"lift": ["зняць", "зьняць", "скасаваць", "аслабіць", "змякчыць"], "impose": ["увесці", "пашырыць", "узмацніць"]},
    "pl": {"lift": ["znieść", "uchylić", "złagodzić", "poluzować"], "impose": ["nałożyć", "rozszerzyć", "zaostrzyć", "wprowadzić"]},
    "de": {"lift": ["aufheben", "lockern", "aussetzen"], "impose": ["verhängen", "ausweiten", "verschärfen"]},
    "lt": {"lift": ["panaikinti", "sušvelninti", "atšaukti"], "impose": ["įvesti", "išplėsti", "sugriežtinti", "pritaikyti"]},
    "lv": {"lift": ["atcelt", "mīkstināt"], "impose": ["noteikt", "paplašināt", "pastiprināt", "piemērot", "ieviest"]},
    "et": {"lift": ["tühistada", "kaotada", "leevendada"], "impose": ["kehtestada", "laiendada", "karmistada"]},
    "kk": {"lift": ["алып тастауы", "жеңілдетуі", "жоюы"], "impose": ["енгізуі", "кеңейтуі", "күшейтуі"]},
}
CASES = [(lang, action, verb) for lang, by in VERBS.items() for action, verbs in by.items() for verb in verbs]


@pytest.mark.parametrize("lang, action, verb", CASES)
def test_modal_and_infinitive(lang: str, action: str, verb: str) -> None:
    assert events(TEMPLATES[lang].format(verb), lang=lang) == {("naftan", action, "US", "speculative")}
