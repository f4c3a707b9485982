"""Lithuanian, Latvian, Estonian and Kazakh: case endings, postpositions, verb-final clauses."""

from __future__ import annotations

import pytest

from analyzing import events


@pytest.mark.parametrize("title, expected", [
    ("JAV panaikino sankcijas „Belavia“", ("belavia", "lift", "US", "confirmed")),
    ("ES įtraukė „Naftan“ į sankcijų sąrašą", ("naftan", "impose", "EU", "confirmed")),
    ("ASV izņēma \"Belavia\" no sankciju saraksta", ("belavia", "lift", "US", "confirmed")),
    ("ES noteica sankcijas pret \"Naftan\"", ("naftan", "impose", "EU", "confirmed")),
    ("USA eemaldas Belavia sanktsiooninimekirjast", ("belavia", "lift", "US", "confirmed")),
    ("EL kehtestas sanktsioonid Belshinale", ("belshina", "impose", "EU", "confirmed")),
    ("АҚШ «Белавиа» компаниясына қарсы санкцияларды алып тастады", ("belavia", "lift", "US", "confirmed")),
])
def test_changes(title: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title) == {expected}


@pytest.mark.parametrize("title", [
    "JAV svarsto panaikinti sankcijas „Belavia“",
    "ASV varētu atcelt sankcijas \"Belavia\"",
    "USA kaalub Belavia sanktsioonide tühistamist",
])
def test_talk(title: str) -> None:
    assert events(title) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize("title", [
    "ES pratęsė sankcijas Baltarusijai",
    "ES pagarina sankcijas pret Baltkrieviju",
    "Еуроодақ Беларуське қарсы санкцияларды ұзартты",
    "JAV nepanaikino sankcijų „Belavia“",
    "Latvija aicina ES nemīkstināt sankcijas pret \"Belavia\"",
])
def test_no_change(title: str) -> None:
    assert events(title) == set()


def test_kazakh_negative_verb_after_the_sanction_noun() -> None:
    assert events("АҚШ «Белавиа» компаниясына қатысты санкцияларды алып тастамайды", lang="kk") == set()
    assert events("АҚШ Belavia-ға қарсы санкцияларды жеңілдетті", lang="kk") == {("belavia", "lift", "US", "confirmed")}


def test_kazakh_future_and_intent_after_the_verb_stem() -> None:
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамақ", lang="kk") == {("belavia", "lift", "US", "speculative")}
    assert events("АҚШ Belavia-ға қарсы санкцияларды алып тастамады", lang="kk") == set()


def test_estonian_must_is_talk() -> None:
    assert events("Minister: Naftan tuleb kanda EL-i sanktsiooninimekirja", lang="et") == {
        ("naftan", "impose", "EU", "speculative")}


def test_latvian_before_the_sanctions_is_background() -> None:
    assert events("Kravu apjoms sarucis",
                  "Pirms sankciju noteikšanas Naftan produkcija veidoja lielu daļu ostas kravu.", lang="lv") == set()


def test_kazakh_fronted_person_before_a_final_speech_verb_is_the_speaker() -> None:
    assert events("Лукашенко журналистерге Минск Вашингтонмен санкцияларды жеңілдету жөнінде келіссөз "
                  "жүргізіп жатқанын айтты.", lang="kk") == set()


def test_a_company_noun_does_not_refer_back_to_a_person() -> None:
    assert events("Lukashenko met the US envoy on Monday.",
                  "Банк секторына қатысты шектеулерді алып тастау мүмкіндігін талқылауда.", lang="kk") == set()


@pytest.mark.parametrize("title", [
    "Eesti kehtestas Naftanile sisenemiskeelu",       # an entry ban is a sanction
    "Eesti ja Läti kandsid Naftani oma riiklikesse sanktsiooninimekirjadesse.",    # plural subject, plural list
    # a long object: the illative list ("into the sanction lists") carries the change alone
    "Eesti ja Läti kandsid Naftani ja veel 14 Valgevene ettevõtet ning nende juhid oma riiklikesse "
    "sanktsiooninimekirjadesse.",
])
def test_estonian_entry_bans_and_national_lists(title: str) -> None:
    assert events(title, lang="et") == {("naftan", "impose", "other", "confirmed")}


def test_lithuanian_government_banning_an_airlines_flights_is_an_imposition() -> None:
    assert events("Vyriausybė nusprendė nuo pirmadienio uždrausti Baltarusijos vežėjams, įskaitant „Belavia“, "
                  "skrydžius per Latvijos oro erdvę.", lang="lt") == {("belavia", "impose", "other", "confirmed")}


def test_a_negated_adjective_before_the_action_is_no_negation() -> None:
    # lv "uz nenoteiktu laiku" (for an indefinite time) is no "did not impose"
    assert events("Latvija uz nenoteiktu laiku iekļāva Naftan sankciju sarakstā.", lang="lv") == {
        ("naftan", "impose", "other", "confirmed")}


def test_estonian_plural_approval_of_a_package() -> None:
    assert events("EL-i liikmesriigid kiitsid heaks uue sanktsioonipaketi Valgevene vastu.", lang="et") == {
        ("belarus", "impose", "EU", "confirmed")}


def test_a_meeting_is_no_court_in_estonian() -> None:
    # "kohtumine" (meeting) is no "kohtu" (court's)
    assert events("Kohtumine on tõenäoline ning USA võib kaotada Valgevene-vastased sanktsioonid.", lang="et") == {
        ("belarus", "lift", "US", "speculative")}
