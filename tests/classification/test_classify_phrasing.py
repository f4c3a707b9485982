"""Phrasing classes found in realistic multi-sentence news: kinship relations, bracketed
country names in titles of laws, German reported speech, nouns of ending, licence words."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


@pytest.mark.parametrize(
    "title, lang",
    [
        ("The EU sanctioned the son and adviser of Alexander Lukashenko.", "en"),
        ("Британія запровадила санкції проти сина Лукашенка.", "uk"),
        ("Канада ввела санкции против сына Лукашенко.", "ru"),
        ("ES įvedė sankcijas Lukašenkos sūnui.", "lt"),
        ("Die EU verhängt Sanktionen gegen Lukaschenkos Sohn.", "de"),
        ("Polska nałożyła sankcje na syna Łukaszenki.", "pl"),
    ],
)
def test_a_relative_named_by_kinship_is_not_the_target(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


def test_a_bracketed_country_in_a_law_title_is_no_target() -> None:
    assert events(
        "Canada listed the tyre maker Belshina under the Special Economic Measures (Belarus) Regulations."
    ) == {("belshina", "impose", "CA", "confirmed")}


@pytest.mark.parametrize(
    "title, expected",
    [
        # reported speech (Konjunktiv I): what someone expects or wants is talk
        ("Er erwarte, dass die EU die Sanktionen gegen Belavia bald aufheben werde.", ("belavia", "lift", "EU")),
        (
            "Die Ministerin hat sich dafür ausgesprochen, Naftan auf die EU-Sanktionsliste zu setzen.",
            ("naftan", "impose", "EU"),
        ),
        # "Ende der Sanktionen": a noun of ending is a lift
        ("Minsk hofft auf ein Ende der US-Sanktionen gegen Belaruskali.", ("belaruskali", "lift", "US")),
    ],
)
def test_german_talk(title: str, expected: tuple[str, str, str]) -> None:
    assert events(title, lang="de") == {(*expected, "speculative")}


def test_german_exemption_permit_is_about_sanctions() -> None:
    assert events("Die USA haben Belshina eine Ausnahmegenehmigung erteilt.", lang="de") == {
        ("belshina", "lift", "US", "confirmed")
    }


def test_sanctions_coming_off_is_a_lift() -> None:
    assert events("Sanctions on Rosneft could come off soon, the US president said.") == {
        ("rosneft", "lift", "US", "speculative")
    }


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        ("JAV gali atlaisvinti sankcijas Naftanui.", "lt", ("naftan", "lift", "US", "speculative")),
        ("JK paskelbė sankcijas Naftanui.", "lt", ("naftan", "impose", "UK", "confirmed")),
        (
            "Rada UE przyjęła decyzję zakazującą liniom Belavia lotów nad Unią.",
            "pl",
            ("belavia", "impose", "EU", "confirmed"),
        ),
    ],
)
def test_loosening_announcing_and_banning_verbs(title: str, lang: str, expected: tuple[str, str, str, str]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "title, lang",
    [
        ("После исключения авиакомпании из списка SDN Лукашенко надеется на Европу.", "ru"),
        ("Після зняття санкцій з авіакомпанії Лукашенко заявив про нові рейси.", "uk"),
    ],
)
def test_a_person_before_a_speech_verb_is_the_speaker(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Nach der Streichung der Fluggesellschaft von der US-Liste setzt Lukaschenko nun auf Europa.", "de"),
        ("After the delisting of the airline by the US, Lukashenko now turns to Europe.", "en"),
    ],
)
def test_a_change_with_its_own_object_is_not_about_a_later_name(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


def test_a_company_noun_heading_another_name_is_no_object() -> None:
    assert events("The EU blacklisted the producer Belaruskali and the tyre maker Belshina.") == {
        ("belaruskali", "impose", "EU", "confirmed"),
        ("belshina", "impose", "EU", "confirmed"),
    }


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "Analysts say the deal could build on last week's lifting of US sanctions on Belaruskali.",
            "en",
            {("belaruskali", "lift", "US", "confirmed")},
        ),
        (
            "Эксперты считают, что недавнее снятие санкций США с «Белавиа» может открыть путь к сделке.",
            "ru",
            {("belavia", "lift", "US", "confirmed")},
        ),
        # talk between the dated change and the next name keeps that one talk
        (
            "The move would follow the recent easing of US measures on Belaruskali and could allow Belshina "
            "to export again.",
            "en",
            {("belaruskali", "lift", "US", "confirmed"), ("belshina", "lift", "US", "speculative")},
        ),
    ],
)
def test_a_change_dated_as_done_is_restated_context(title: str, lang: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, summary, lang, expected",
    [
        (
            "Ukraine follows Washington",
            "Kyiv has imposed sanctions on Rosneft and Naftan. On Monday the US Treasury had imposed "
            "blocking sanctions on both companies.",
            "en",
            {
                ("rosneft", "impose", "UA", "confirmed"),
                ("naftan", "impose", "UA", "confirmed"),
                ("rosneft", "impose", "US", "confirmed"),
                ("naftan", "impose", "US", "confirmed"),
            },
        ),
        (
            "Україна наслідує США",
            "РНБО запровадила санкції проти «Роснафти» і «Нафтану». Раніше Мінфін США "
            "запровадив санкції проти обох компаній.",
            "uk",
            {
                ("rosneft", "impose", "UA", "confirmed"),
                ("naftan", "impose", "UA", "confirmed"),
                ("rosneft", "impose", "US", "confirmed"),
                ("naftan", "impose", "US", "confirmed"),
            },
        ),
    ],
)
def test_both_companies_refers_to_all_just_named(
    title: str, summary: str, lang: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, summary, lang=lang) == expected


def test_both_companies_without_a_change_is_no_event() -> None:
    assert events("Rosneft and Naftan report profits", "Both companies export diesel to Poland.") == set()


def test_declaring_property_blocked_is_an_imposition() -> None:
    # pl "uznał za mienie zablokowane": the property (an aircraft, a vessel) is blocked
    assert events(
        "Departament Skarbu USA nałożył sankcje na Naftan, a Belshinę uznał za mienie zablokowane.", lang="pl"
    ) == {("naftan", "impose", "US", "confirmed"), ("belshina", "impose", "US", "confirmed")}


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "Latvija įtraukė Lukašenką į nepageidaujamų užsieniečių sąrašą.",
            "lt",
            ("lukashenko", "impose", "other", "confirmed"),
        ),
        ("Norway placed Lukashenko under a travel ban.", "en", ("lukashenko", "impose", "other", "confirmed")),
    ],
)
def test_a_national_entry_ban_list_is_a_sanction(title: str, lang: str, expected: tuple[str, ...]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "The US extended the general licence for Belaruskali until April.",
            "en",
            {("belaruskali", "lift", "US", "confirmed")},
        ),
        ("Минфин США продлил лицензию для «Белавиа» до апреля.", "ru", {("belavia", "lift", "US", "confirmed")}),
        (
            "Belshina hopes to export tyres again if Washington extends the sanctions relief it has granted.",
            "en",
            {("belshina", "lift", "US", "speculative")},
        ),
        # prolonging the sanctions themselves stays a routine renewal
        ("The EU extended sanctions on Belaruskali until February.", "en", set()),
        ("ЕС продлил санкции против «Беларуськалия».", "ru", set()),
    ],
)
def test_prolonging_a_relief_is_a_further_lift(title: str, lang: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Poland is pushing to have Belshina added to the EU sanctions list.", "en"),
        ("Польша предложила включить «Белшину» в санкционный список ЕС.", "ru"),
    ],
)
def test_the_owner_of_a_proposed_list_is_the_actor(title: str, lang: str) -> None:
    assert events(title, lang=lang) == {("belshina", "impose", "EU", "speculative")}


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "Despite the US easing of measures on Naftan, its diesel exports remain weak.",
            "en",
            {("naftan", "lift", "US", "confirmed")},
        ),
        (
            "Following the EU decision to lift sanctions on Belshina, the company plans new exports.",
            "en",
            {("belshina", "lift", "EU", "confirmed")},
        ),
        (
            "Незважаючи на зняття санкцій США з «Нафтану», ЄС зберігає свої обмеження.",
            "uk",
            {("naftan", "lift", "US", "confirmed")},
        ),
        # the main clause's own target keeps its own reading
        ("Despite the US easing, the EU keeps its sanctions on Naftan.", "en", set()),
    ],
)
def test_a_change_in_a_fronted_adverbial_ends_at_its_comma(
    title: str, lang: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        (
            "The UK lifted sanctions on Naftan and said more relief could follow for Belshina.",
            "en",
            {("naftan", "lift", "UK", "confirmed"), ("belshina", "lift", "UK", "speculative")},
        ),
        (
            "Минфин США снял санкции с «Нафтана» и заявил, что может ослабить меры против «Белшины».",
            "ru",
            {("naftan", "lift", "US", "confirmed"), ("belshina", "lift", "US", "speculative")},
        ),
    ],
)
def test_a_coordinated_speech_verb_opens_a_new_clause(title: str, lang: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Lifting sanctions on Naftan is not on the table, a State Department official said.", "en"),
        ("Eine Lockerung der Sanktionen gegen Naftan steht derzeit nicht zur Debatte.", "de"),
        ("Смягчение санкций против «Нафтана» пока не обсуждается.", "ru"),
        ("Зняття санкцій з «Нафтану» наразі не розглядається.", "uk"),
        ("АҚШ «Нафтанға» қарсы санкцияларды жеңілдетуді жоспарламайды.", "kk"),
    ],
)
def test_a_change_off_the_agenda_is_no_event(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "Jak nieoficjalnie dowiedziało się RMF, Wielka Brytania ma nałożyć sankcje na Belshinę.",
            {("belshina", "impose", "UK", "speculative")},
        ),
        ("Wielka Brytania nałożyła sankcje na Belshinę.", {("belshina", "impose", "UK", "confirmed")}),
    ],
)
def test_polish_ma_with_an_infinitive_is_a_future(title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang="pl") == expected


def test_belarusian_freeze_verb_is_an_imposition() -> None:
    assert events("Японія замарозіла актывы «Нафтана».", lang="be") == {("naftan", "impose", "JP", "confirmed")}


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        ("Britain unfroze the assets of Belshina.", "en", ("belshina", "lift", "UK", "confirmed")),
        ("Великобритания разморозила активы «Белшины».", "ru", ("belshina", "lift", "UK", "confirmed")),
        (
            "Großbritannien hat die Vermögenswerte von Belshina freigegeben.",
            "de",
            ("belshina", "lift", "UK", "confirmed"),
        ),
        ("Die USA haben eine Lizenz für Geschäfte mit Naftan erteilt.", "de", ("naftan", "lift", "US", "confirmed")),
        ("OFAC issued Naftan a licence to wind up pending transactions.", "en", ("naftan", "lift", "US", "confirmed")),
        (
            "EU envoys backed sanctions on Naftan, pending formal adoption by ministers.",
            "en",
            ("naftan", "impose", "EU", "speculative"),
        ),
    ],
)
def test_unfreezing_and_licences_to_deal(title: str, lang: str, expected: tuple[str, ...]) -> None:
    assert events(title, lang=lang) == {expected}


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Łukaszenka zakazał importu polskich jabłek w odpowiedzi na sankcje UE.", "pl"),
        ("EU foreign ministers dismissed calls to lift sanctions on Belavia.", "en"),
    ],
)
def test_a_ban_by_the_entity_and_a_dismissed_call_are_no_events(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Лукашенко ввел ответные санкции против Литвы.", "ru"),
        ("Lukaschenko verhängte Gegenmaßnahmen gegen Polen.", "de"),
        ("Лукашенко запровадив обмеження проти Польщі.", "uk"),
    ],
)
def test_an_entity_imposing_measures_on_a_country_is_the_agent(title: str, lang: str) -> None:
    assert events(title, lang=lang) == set()


def test_a_passive_keeps_the_entity_as_target() -> None:
    assert events("Belshina was added to the UK sanctions list over its exports to Russia.") == {
        ("belshina", "impose", "UK", "confirmed")
    }


@pytest.mark.parametrize(
    "title, lang, expected",
    [
        ("«Белавиа» приостановила рейсы в Калининград из-за санкций.", "ru", set()),
        ("Belavia zawiesiła loty do Kaliningradu z powodu sankcji.", "pl", set()),
        ("Belavia sustabdė skrydžius į Kaliningradą dėl sankcijų.", "lt", set()),
        ("Санкции ЕС против «Белавиа» приостановлены.", "ru", {("belavia", "lift", "EU", "confirmed")}),
        ("ЕС приостановил санкции против «Белавиа».", "ru", {("belavia", "lift", "EU", "confirmed")}),
    ],
)
def test_a_company_suspending_its_own_business_is_no_event(
    title: str, lang: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "title, lang, certainty",
    [
        ("US lifted sanctions on Naftan: what comes next for Minsk?", "en", "confirmed"),
        ("JAV panaikino sankcijas „Naftan“: kas toliau?", "lt", "confirmed"),
        ("Lukashenko: will the US lift sanctions on Naftan?", "en", "speculative"),
        ("Will the US lift sanctions on Naftan?", "en", "speculative"),
    ],
)
def test_a_question_covers_only_what_follows_its_colon(title: str, lang: str, certainty: str) -> None:
    assert events(title, lang=lang) == {("naftan", "lift", "US", certainty)}


# Talk bears on a change only where it scopes over it (monitor/classification/classify.py::_talk_scope).


def test_talk_in_an_including_appendix_leaves_the_change_confirmed() -> None:
    assert events(
        "Britain announced a new sanctions package against Belarus on Friday, including export "
        "bans and measures aimed at curbing propaganda."
    ) == {("belarus", "impose", "UK", "confirmed")}


def test_a_decided_change_is_not_made_talk_by_a_reason_after_the_entity() -> None:
    assert events("Посли ЄС схвалили новий пакет санкцій проти Білорусі за підтримку війни.", lang="uk") == {
        ("belarus", "impose", "EU", "confirmed")
    }


def test_seeing_no_reason_to_lift_is_no_talk_of_lifting() -> None:
    assert events("The EU's foreign policy chief said she sees no reason to lift sanctions against Belarus.") == set()


def test_not_wanting_to_lift_is_a_denial_in_russian() -> None:
    # "хотят" (want) is no "хотя" (although): the negation stays in the change's segment
    assert events("В Литве заявили, что не хотят снимать с Беларуси санкции", lang="ru") == set()


def test_a_meeting_with_a_leader_follows_no_one() -> None:
    # "following a meeting with ... leader" is no "follow the lead"
    assert events(
        "The US will lift sanctions on Belavia, the envoy said following a meeting with Belarusian "
        "leader Alexander Lukashenko."
    ) == {("belavia", "lift", "US", "speculative")}


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        ("en", "The EU General Court annulled the sanctions against Naftan.", {("naftan", "lift", "EU", "confirmed")}),
        (
            "de",
            "Das EuG entschied, Naftan von der Sanktionsliste der EU zu streichen.",
            {("naftan", "lift", "EU", "confirmed")},
        ),
        ("en", "Naftan filed a lawsuit to have the EU sanctions annulled.", set()),
    ],
)
def test_a_court_that_lifts_is_no_lawsuit(lang: str, title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected


def test_german_sanctions_directed_against() -> None:
    assert events("Die neuen US-Sanktionen richten sich gegen Naftan und Belshina.", lang="de") == {
        ("naftan", "impose", "US", "confirmed"),
        ("belshina", "impose", "US", "confirmed"),
    }
