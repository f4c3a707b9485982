"""Confirmed changes (lifts and impositions) in every language: add a row under your language's `by_lang` or a `_<lang>_...` check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import by_lang, checks, events

LIFT_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "title, summary",
    by_lang(
        "en",
        ("Washington delists Belavia", ""),
        ("OFAC takes Belavia off the SDN list", ""),
        ("Belavia removed from U.S. sanctions list", ""),
        ("Treasury grants Belavia a general licence", "The licence allows U.S. firms to service the carrier's jets."),
        ("US eases sanctions on Belavia", ""),
    ),
)
def test_lifts(title: str, summary: str) -> None:
    assert LIFT_US in events(title, summary)


@pytest.mark.parametrize(
    "title, expected",
    [
        *by_lang(
            "en",
            ("EU freezes assets of Naftan in new sanctions package", ("naftan", "impose", "EU", "confirmed")),
            ("Britain sanctions Belshina", ("belshina", "impose", "UK", "confirmed")),
            ("Canada adds MAZ to its Belarus sanctions list", ("maz", "impose", "CA", "confirmed")),
            ("Japan imposes asset freeze on Rosneft", ("rosneft", "impose", "JP", "confirmed")),
            ("Australia sanctions Alexander Lukashenko", ("lukashenko", "impose", "AU", "confirmed")),
            ("Treasury revokes the general license for Belavia", ("belavia", "impose", "US", "confirmed")),
        ),
        *by_lang(
            "uk",
            ("США зняли санкції з «Белавіа»", ("belavia", "lift", "US", "confirmed")),
            ("Вашингтон остаточно вивів «Белавіа» з-під санкцій", ("belavia", "lift", "US", "confirmed")),
            ("Мінфін США дозволив операції з «Беларуськалієм»", ("belaruskali", "lift", "US", "confirmed")),
            ("ЄС запровадив санкції проти «Нафтану»", ("naftan", "impose", "EU", "confirmed")),
            ("РНБО запровадила санкції проти Лукашенка", ("lukashenko", "impose", "UA", "confirmed")),
            (
                "Зеленський підписав указ про санкції проти «Білінвестбанку»",
                ("belinvestbank", "impose", "UA", "confirmed"),
            ),
        ),
        *by_lang(
            "be",
            ("ЗША знялі санкцыі з «Белавіі»", ("belavia", "lift", "US", "confirmed")),
            ("ЕС увёў санкцыі супраць «Беларуськалія»", ("belaruskali", "impose", "EU", "confirmed")),
        ),
        *by_lang(
            "pl",
            ("USA znoszą sankcje wobec Belavii", ("belavia", "lift", "US", "confirmed")),
            ("Departament Skarbu usunął Belavię z listy sankcyjnej", ("belavia", "lift", "US", "confirmed")),
            ("UE nałożyła sankcje na Naftan", ("naftan", "impose", "EU", "confirmed")),
            ("Kanada zamroziła aktywa Biełaruśkalija", ("belaruskali", "impose", "CA", "confirmed")),
        ),
        *by_lang(
            "de",
            ("USA heben Sanktionen gegen Belavia auf", ("belavia", "lift", "US", "confirmed")),
            ("US-Finanzministerium streicht Belavia von der Sanktionsliste", ("belavia", "lift", "US", "confirmed")),
            ("EU verhängt Sanktionen gegen Belaruskali", ("belaruskali", "impose", "EU", "confirmed")),
        ),
        *by_lang(
            "lt",
            ("JAV panaikino sankcijas „Belavia“", ("belavia", "lift", "US", "confirmed")),
            ("ES įtraukė „Naftan“ į sankcijų sąrašą", ("naftan", "impose", "EU", "confirmed")),
        ),
        *by_lang(
            "lv",
            ('ASV izņēma "Belavia" no sankciju saraksta', ("belavia", "lift", "US", "confirmed")),
            ('ES noteica sankcijas pret "Naftan"', ("naftan", "impose", "EU", "confirmed")),
        ),
        *by_lang(
            "et",
            ("USA eemaldas Belavia sanktsiooninimekirjast", ("belavia", "lift", "US", "confirmed")),
            ("EL kehtestas sanktsioonid Belshinale", ("belshina", "impose", "EU", "confirmed")),
        ),
        *by_lang(
            "kk",
            ("АҚШ «Белавиа» компаниясына қарсы санкцияларды алып тастады", ("belavia", "lift", "US", "confirmed")),
        ),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


@pytest.mark.parametrize(
    "title, summary, expected",
    by_lang(
        "ru",
        ("Минфин США исключил «Белавиа» из санкционного списка", "", ("belavia", "lift", "US", "confirmed")),
        ("Вашингтон снял санкции с «Беларуськалия»", "", ("belaruskali", "lift", "US", "confirmed")),
        ("США ослабили ограничения для «Белавиа»", "", ("belavia", "lift", "US", "confirmed")),
        ("Евросоюз ввел санкции против «Нафтана»", "", ("naftan", "impose", "EU", "confirmed")),
        ("Канада внесла МАЗ в санкционный список", "", ("maz", "impose", "CA", "confirmed")),
        ("Великобритания заморозила активы «Белшины»", "", ("belshina", "impose", "UK", "confirmed")),
        ("Украина ввела санкции против Лукашенко", "", ("lukashenko", "impose", "UA", "confirmed")),
        ("Швейцария присоединилась к санкциям ЕС против «Роснефти»", "", ("rosneft", "impose", "CH", "confirmed")),
    ),
)
def test_changes_with_summary(title: str, summary: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, summary) == {expected}


@pytest.mark.parametrize(
    "title, expected",
    by_lang(
        "de",
        ("Kanada verhängt Finanzsanktionen gegen Naftan", ("naftan", "impose", "CA", "confirmed")),
        ("EU verhängt erstmals Wirtschaftssanktionen gegen Belarus", ("belarus", "impose", "EU", "confirmed")),
    ),
)
def test_compound_sanction_nouns(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang="de") == {expected}


_NAFTAN_EU = ("naftan", "impose", "EU", "confirmed")
_BELAVIA_US = ("belavia", "lift", "US", "confirmed")


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        # passives and participles of listing, freezing and imposing
        ("lt", "„Naftan“ buvo įtraukta į ES sankcijų sąrašą", _NAFTAN_EU),
        ("lt", "ES įšaldė „Naftan“ turtą", _NAFTAN_EU),
        ("lv", '"Naftan" iekļauts ES sankciju sarakstā', _NAFTAN_EU),
        ("lv", 'Pret "Naftan" noteiktas jaunas ES sankcijas', _NAFTAN_EU),
        ("et", "Naftan kanti ELi sanktsiooninimekirja", _NAFTAN_EU),
        ("et", "Naftani suhtes kehtestati EL-i sanktsioonid", _NAFTAN_EU),
        # perfect tenses
        ("lt", "ES Taryba yra įtraukusi „Naftan“ į sankcijų sąrašą", _NAFTAN_EU),
        ("lv", 'ES Padome ir iekļāvusi "Naftan" sankciju sarakstā', _NAFTAN_EU),
        ("et", "Euroopa Liidu Nõukogu on kandnud Naftani sanktsiooninimekirja", _NAFTAN_EU),
        # approval of a package, bans as verbs, SWIFT cut-offs
        ("et", "EL-i liikmesriigid kiitsid heaks sanktsioonipaketi Naftani vastu", _NAFTAN_EU),
        ("et", "EL keelustab kõik tehingud Naftaniga", _NAFTAN_EU),
        ("lt", "Naujuoju ES paketu „Naftan“ bus atjungta nuo SWIFT", _NAFTAN_EU),
        ("lv", 'ES atslēdz "Naftan" no SWIFT', _NAFTAN_EU),
        # lifts: passives, impersonals, participles
        ("lt", "„Belavia“ išbraukta iš JAV sankcijų sąrašo", _BELAVIA_US),
        ("lv", '"Belavia" izslēgta no ASV sankciju saraksta', _BELAVIA_US),
        ("lv", 'No ASV sankcijām atbrīvota arī "Belavia"', _BELAVIA_US),
        ("et", "Belavia eemaldati USA sanktsiooninimekirjast", _BELAVIA_US),
        ("et", "Belavia vastased USA sanktsioonid tühistati", _BELAVIA_US),
        ("et", "USA andis Belaviale üldlitsentsi", _BELAVIA_US),
    ],
)
def test_baltic_forms_of_listing_and_delisting(lang: str, title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "lang, title",
    [
        ("lt", "ES sankcijų sąraše atsidūrė „Naftan“"),
        ("lv", 'ES sankciju sarakstā nonāca "Naftan"'),
        ("et", "EL-i sanktsiooninimekirja sattus ka Naftan"),
    ],
)
def test_baltic_ending_up_on_the_list(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


@pytest.mark.parametrize(
    "lang, title",
    [
        # near misses: the same participles as predicates report the change
        ("lt", "ES sankcijos „Naftan“ įvestos pirmadienį"),
        ("lv", 'ES sankcijas pret "Naftan" noteiktas pirmdien'),
        ("et", "EL-i sanktsioonid Naftanile kehtestati esmaspäeval"),
    ],
)
def test_baltic_predicative_participles_are_changes(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


def _en_wind_down_licence_issued_with_a_designation_is_part_of_the_imposition() -> None:
    assert events("OFAC designates Naftan, issues wind-down license") == {("naftan", "impose", "US", "confirmed")}


def _en_wind_down_licence_in_a_later_sentence_of_a_designation_notice_is_part_of_it() -> None:
    assert events(
        "Treasury designates Naftan",
        "OFAC has added NAFTAN OAO to the SDN List. OFAC is also issuing General License 12, "
        "authorizing transactions related to the wind down of business with Naftan through June 3.",
    ) == {("naftan", "impose", "US", "confirmed")}


def _en_a_passive_headline_without_auxiliary() -> None:
    assert events("Belavia delisted by US Treasury") == {LIFT_US}


def _en_a_move_to_the_blocking_list_is_an_imposition() -> None:
    assert events("The US moved Naftan from the sectoral list to the SDN list.") == {
        ("naftan", "impose", "US", "confirmed")
    }


def _en_revoking_a_licence_that_allowed_business_with_x_imposes_on_x() -> None:
    assert events("OFAC revoked the general license that allowed transactions with Belaruskali.") == {
        ("belaruskali", "impose", "US", "confirmed")
    }


def _en_a_passive_sanctioned_is_an_imposition() -> None:
    assert events("Eleven Belarusian firms were sanctioned by Britain, including Naftan.") == {
        ("naftan", "impose", "UK", "confirmed")
    }
    assert events("Naftan was sanctioned in 2021.", published="2025-11-04") == set()


def _ru_a_swift_cut_off_is_about_sanctions() -> None:
    assert events("Лидеры ЕС согласовали отключение «Белинвестбанка» от системы SWIFT.", lang="ru") == {
        ("belinvestbank", "impose", "EU", "confirmed")
    }


def _pl_sanctions_first_then_the_verb() -> None:
    assert events("Sankcjami objęto także Naftan.", "Decyzję podjęła Rada UE.") == {
        ("naftan", "impose", "EU", "confirmed")
    }


def _de_exempting_subsidiaries_is_a_partial_lift() -> None:
    assert events("Die USA haben die Töchter von Belaruskali von den Sanktionen ausgenommen") == {
        ("belaruskali", "lift", "US", "confirmed")
    }


def _de_put_on_a_list_by_an_actor_is_no_removal_from_it() -> None:
    # "von der EU auf die schwarze Liste": "von der ... Liste" must not reach over "auf die"
    assert events("Naftan wurde am Montag von der EU auf die schwarze Liste gesetzt.") == {
        ("naftan", "impose", "EU", "confirmed")
    }


def _de_a_freeze_is_about_sanctions() -> None:
    assert events("Die EU friert das Vermögen des Unternehmens Belinvestbank ein.") == {
        ("belinvestbank", "impose", "EU", "confirmed")
    }


def _de_extending_sanctions_to_a_target_keeps_it() -> None:
    assert events("Die EU weitet ihre Sanktionen auf Belshina aus.") == {("belshina", "impose", "EU", "confirmed")}


def _et_plural_approval_of_a_package() -> None:
    assert events("EL-i liikmesriigid kiitsid heaks uue sanktsioonipaketi Valgevene vastu.", lang="et") == {
        ("belarus", "impose", "EU", "confirmed")
    }


@pytest.mark.parametrize(
    "case",
    checks(
        _en_wind_down_licence_issued_with_a_designation_is_part_of_the_imposition,
        _en_wind_down_licence_in_a_later_sentence_of_a_designation_notice_is_part_of_it,
        _en_a_passive_headline_without_auxiliary,
        _en_a_move_to_the_blocking_list_is_an_imposition,
        _en_revoking_a_licence_that_allowed_business_with_x_imposes_on_x,
        _en_a_passive_sanctioned_is_an_imposition,
        _ru_a_swift_cut_off_is_about_sanctions,
        _pl_sanctions_first_then_the_verb,
        _de_exempting_subsidiaries_is_a_partial_lift,
        _de_put_on_a_list_by_an_actor_is_no_removal_from_it,
        _de_a_freeze_is_about_sanctions,
        _de_extending_sanctions_to_a_target_keeps_it,
        _et_plural_approval_of_a_package,
    ),
)
def test_single_changes(case: Callable[[], None]) -> None:
    case()
