"""Lithuanian, Latvian, Estonian and Kazakh: case endings, postpositions, verb-final clauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.classification.analyzer import load_analyzer
from monitor.classification.findings import ItemText
from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, expected",
    [
        ("JAV panaikino sankcijas „Belavia“", ("belavia", "lift", "US", "confirmed")),
        ("ES įtraukė „Naftan“ į sankcijų sąrašą", ("naftan", "impose", "EU", "confirmed")),
        ('ASV izņēma "Belavia" no sankciju saraksta', ("belavia", "lift", "US", "confirmed")),
        ('ES noteica sankcijas pret "Naftan"', ("naftan", "impose", "EU", "confirmed")),
        ("USA eemaldas Belavia sanktsiooninimekirjast", ("belavia", "lift", "US", "confirmed")),
        ("EL kehtestas sanktsioonid Belshinale", ("belshina", "impose", "EU", "confirmed")),
        ("АҚШ «Белавиа» компаниясына қарсы санкцияларды алып тастады", ("belavia", "lift", "US", "confirmed")),
    ],
)
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


@pytest.mark.parametrize(
    "title",
    [
        "JAV svarsto panaikinti sankcijas „Belavia“",
        'ASV varētu atcelt sankcijas "Belavia"',
        "USA kaalub Belavia sanktsioonide tühistamist",
    ],
)
def test_talk(title: str) -> None:
    assert events(title) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "ES pratęsė sankcijas Baltarusijai",
        "ES pagarina sankcijas pret Baltkrieviju",
        "Еуроодақ Беларуське қарсы санкцияларды ұзартты",
        "JAV nepanaikino sankcijų „Belavia“",
        'Latvija aicina ES nemīkstināt sankcijas pret "Belavia"',
    ],
)
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_kazakh_negative_verb_after_the_sanction_noun() -> None:
    assert events("АҚШ «Белавиа» компаниясына қатысты санкцияларды алып тастамайды", lang="kk") == set()
    assert events("АҚШ Belavia-ға қарсы санкцияларды жеңілдетті", lang="kk") == {("belavia", "lift", "US", "confirmed")}


def test_kazakh_future_and_intent_after_the_verb_stem() -> None:
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамақ", lang="kk") == {
        ("belavia", "lift", "US", "speculative")
    }
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамады", lang="kk") == set()


def test_estonian_must_is_talk() -> None:
    assert events("Minister: Naftan tuleb kanda EL-i sanktsiooninimekirja", lang="et") == {
        ("naftan", "impose", "EU", "speculative")
    }


def test_latvian_before_the_sanctions_is_background() -> None:
    assert (
        events(
            "Kravu apjoms sarucis",
            "Pirms sankciju noteikšanas Naftan produkcija veidoja lielu daļu ostas kravu.",
            lang="lv",
        )
        == set()
    )


def test_kazakh_fronted_person_before_a_final_speech_verb_is_the_speaker() -> None:
    assert (
        events(
            "Лукашенко журналистерге Минск Вашингтонмен санкцияларды жеңілдету жөнінде келіссөз "
            "жүргізіп жатқанын айтты.",
            lang="kk",
        )
        == set()
    )


def test_a_company_noun_does_not_refer_back_to_a_person() -> None:
    assert (
        events(
            "Lukashenko met the US envoy on Monday.",
            "Банк секторына қатысты шектеулерді алып тастау мүмкіндігін талқылауда.",
            lang="kk",
        )
        == set()
    )


@pytest.mark.parametrize(
    "title",
    [
        "Eesti kehtestas Naftanile sisenemiskeelu",  # an entry ban is a sanction
        "Eesti ja Läti kandsid Naftani oma riiklikesse sanktsiooninimekirjadesse.",  # plural subject, plural list
        # a long object: the illative list ("into the sanction lists") carries the change alone
        "Eesti ja Läti kandsid Naftani ja veel 14 Valgevene ettevõtet ning nende juhid oma riiklikesse "
        "sanktsiooninimekirjadesse.",
    ],
)
def test_estonian_entry_bans_and_national_lists(title: str) -> None:
    assert events(title, lang="et") == {("naftan", "impose", "other", "confirmed")}


def test_lithuanian_government_banning_an_airlines_flights_is_an_imposition() -> None:
    assert events(
        "Vyriausybė nusprendė nuo pirmadienio uždrausti Baltarusijos vežėjams, įskaitant „Belavia“, "
        "skrydžius per Latvijos oro erdvę.",
        lang="lt",
    ) == {("belavia", "impose", "other", "confirmed")}


# --- Lithuanian, Latvian, Estonian by phenomenon (each case in all three languages) ---

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
    "lang, title, expected",
    [
        ("lt", "Seimas įvedė nacionalines sankcijas „Naftan“", ("naftan", "impose", "other", "confirmed")),
        ("lv", 'Saeima noteica nacionālās sankcijas "Naftan"', ("naftan", "impose", "other", "confirmed")),
        (
            "et",
            "Vabariigi Valitsus kehtestas Naftanile riikliku sanktsiooni",
            ("naftan", "impose", "other", "confirmed"),
        ),
        ("lt", "JT Saugumo Taryba išbraukė „Naftan“ iš sankcijų sąrašo", ("naftan", "lift", "UN", "confirmed")),
        ("lv", 'ANO Drošības padome izslēdza "Naftan" no sankciju saraksta', ("naftan", "lift", "UN", "confirmed")),
        ("et", "ÜRO Julgeolekunõukogu eemaldas Naftani sanktsiooninimekirjast", ("naftan", "lift", "UN", "confirmed")),
        ("lt", "JAV iždo departamentas įtraukė „Naftan“ į juodąjį sąrašą", ("naftan", "impose", "US", "confirmed")),
        ("lt", "Vėl įsigaliojo JT sankcijos „Naftan“", ("naftan", "impose", "UN", "confirmed")),
        ("lv", 'Ķīna iekļāva "Naftan" savu pretpasākumu sarakstā', ("naftan", "impose", "other", "confirmed")),
    ],
)
def test_baltic_actors(lang: str, title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "lang, title",
    [
        ("lt", "Į atsakomųjų priemonių sąrašą bankus UAB „Naftan“ ir AB „Belshina“ Kinija įtraukė vakar"),
        ("lv", 'ES sankciju sarakstā iekļauti SIA "Naftan" un AS "Belshina"'),
        ("et", "EL lisas sanktsiooninimekirja AS Naftani ja AS Belshina"),
    ],
)
def test_baltic_lists_with_legal_forms(lang: str, title: str) -> None:
    found = events(title, lang=lang)
    assert {(e, a) for e, a, _j, _c in found} == {("naftan", "impose"), ("belshina", "impose")}


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


@pytest.mark.parametrize(
    "lang, lead, names",
    [
        ("lt", "ES išplėtė sankcijų sąrašą.", "Į jį pateko „Naftan“ ir „Belshina“."),
        ("lv", "ES paplašināja sankciju sarakstu.", 'Tajā nonāca "Naftan" un "Belshina".'),
        # the lead ends in the list word itself, a compound: it is still the sanction word
        ("et", "EL täiendas sanktsiooninimekirja.", "Nende hulgas on Naftan ja Belshina."),
    ],
)
def test_baltic_list_in_the_next_sentence(lang: str, lead: str, names: str) -> None:
    assert events(lead, names, lang=lang) == {
        ("naftan", "impose", "EU", "confirmed"),
        ("belshina", "impose", "EU", "confirmed"),
    }


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
        # near misses: the same verbs without the negation are talk
        ("lt", "JAV svarsto sankcijų „Belavia“ panaikinimą"),
        ("lv", 'ASV apsver sankciju atcelšanu "Belavia"'),
        ("et", "USA kaalub Belavia sanktsioonide tühistamist"),
    ],
)
def test_baltic_talk_without_negation(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "title",
    [
        "EL kehtestas sanktsioonid Aljaksandr Lukašenkale",  # the Belarusian form's vowel, then the case suffix
        "EL kehtestas sanktsioonid Aleksandr Lukašenkole",
    ],
)
def test_estonian_case_suffix_after_another_final_vowel(title: str) -> None:
    assert events(title, lang="et") == {("lukashenko", "impose", "EU", "confirmed")}


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
        # near misses: the same participles as predicates report the change
        ("lt", "ES sankcijos „Naftan“ įvestos pirmadienį"),
        ("lv", 'ES sankcijas pret "Naftan" noteiktas pirmdien'),
        ("et", "EL-i sanktsioonid Naftanile kehtestati esmaspäeval"),
    ],
)
def test_baltic_predicative_participles_are_changes(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


@pytest.mark.parametrize(
    "lang, title",
    [
        # the name is the agent of a participle ("attacks organised by X"), not the target
        ("lt", "ES svarsto sankcijas dėl Lukašenkos organizuotų hibridinių atakų"),
        ("lv", "ES apsver sankcijas par Lukašenko organizētajiem hibrīduzbrukumiem"),
        ("et", "EL kaalub sanktsioone Lukašenka korraldatud hübriidrünnakute eest"),
    ],
)
def test_baltic_agent_of_a_participle_is_no_target(lang: str, title: str) -> None:
    assert {e for e, _a, _j, _c in events(title, lang=lang)} <= {"belarus"}


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
    "lang, title",
    [
        # "new EU sanctions" with the actor between the adjective and the noun; a critic is no target
        ("lt", "Lukašenka pasmerkė naujas ES sankcijas „Naftan“"),
        ("lv", 'Lukašenko nosodīja jaunās ES sankcijas pret "Naftan"'),
        ("et", "Lukašenka mõistis hukka uued ELi sanktsioonid Naftani vastu"),
    ],
)
def test_baltic_new_actor_sanctions(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


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


@pytest.mark.parametrize(
    "lang, title",
    [
        # "..., among which is X": a relative "among which" reaches back to the list's cue
        ("lt", "ES įvedė sankcijas devynioms įmonėms, tarp kurių yra ir „Naftan“"),
        ("lv", 'ES noteica sankcijas deviņiem uzņēmumiem, kuru vidū ir arī "Naftan"'),
        ("et", "EL kehtestas sanktsioonid üheksale ettevõttele, mille hulgas on ka Naftan"),
    ],
)
def test_baltic_among_which(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


def test_a_negated_adjective_before_the_action_is_no_negation() -> None:
    # lv "uz nenoteiktu laiku" (for an indefinite time) is no "did not impose"
    assert events("Latvija uz nenoteiktu laiku iekļāva Naftan sankciju sarakstā.", lang="lv") == {
        ("naftan", "impose", "other", "confirmed")
    }


def test_estonian_plural_approval_of_a_package() -> None:
    assert events("EL-i liikmesriigid kiitsid heaks uue sanktsioonipaketi Valgevene vastu.", lang="et") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def test_a_meeting_is_no_court_in_estonian() -> None:
    # "kohtumine" (meeting) is no "kohtu" (court's)
    assert events("Kohtumine on tõenäoline ning USA võib kaotada Valgevene-vastased sanktsioonid.", lang="et") == {
        ("belarus", "lift", "US", "speculative")
    }
