"""Classes of real-news phrasing beyond one clause: anaphors, "including" lists, relative
clauses on other nouns, talk about sanctions on described targets, conjoined targets."""

from __future__ import annotations

import pytest

from tests.support.analyzing import events


def test_anaphor_after_the_name_in_a_later_segment() -> None:
    # a recent change restated as context, the entity named again by a common noun
    assert events(
        "Poland will not reopen the border to Belshina trucks, even after Washington eased "
        "its measures against the company."
    ) == {("belshina", "lift", "US", "confirmed")}


def test_anaphor_in_a_sentence_that_names_only_a_country() -> None:
    assert events(
        "«Белавиа» возобновила рейсы в Стамбул",
        "Это стало возможным после того, как США сняли санкции с белорусской авиакомпании.",
        lang="ru",
    ) == {("belavia", "lift", "US", "confirmed")}


def test_including_reaches_back_over_a_relative_clause() -> None:
    assert events(
        "Канада запровадила санкції проти 12 компаній, які постачають техніку армії РФ, зокрема проти МАЗ.", lang="uk"
    ) == {("maz", "impose", "CA", "confirmed")}


def test_relative_clause_on_another_noun_is_not_the_entity() -> None:
    assert (
        events(
            "Прибыль «Белшины» упала",
            "В компании объясняют падение продаж простоем заводов, которые попали под санкции.",
            lang="ru",
        )
        == set()
    )


def test_talk_of_sanctions_on_described_targets() -> None:
    assert events("Britain weighs sanctions on Belarusian carmaker MAZ and tyre maker Belshina") == {
        ("maz", "impose", "UK", "speculative"),
        ("belshina", "impose", "UK", "speculative"),
    }


def test_continuation_word_after_the_name_is_no_continuation() -> None:
    # "w tym" (including) after the person lists the prisoners, not new targets
    assert events(
        "USA zniosły sankcje na Biełaruśkalij.",
        "Wcześniej Aleksandr Łukaszenka ułaskawił 50 więźniów, w tym dziennikarzy.",
        lang="pl",
    ) == {("belaruskali", "lift", "US", "confirmed")}


def test_taraskievica_spelling() -> None:
    assert events("ЗША зьнялі санкцыі з «Нафтана»", lang="be") == {("naftan", "lift", "US", "confirmed")}
    assert events("Эўразьвяз увёў новыя санкцыі супраць «Нафтана»", lang="be") == {
        ("naftan", "impose", "EU", "confirmed")
    }


def test_announced_sanctions_are_an_imposition() -> None:
    assert events("Уряд Канади оголосив санкції проти 30 компаній, серед них МАЗ.", lang="uk") == {
        ("maz", "impose", "CA", "confirmed")
    }


def test_cut_off_from_swift_is_an_imposition() -> None:
    assert events(
        "Rada UE przyjęła pakiet sankcji, który obejmuje odłączenie od SWIFT banku Belinvestbank.", lang="pl"
    ) == {("belinvestbank", "impose", "EU", "confirmed")}


def test_under_sanctions_as_an_adjective_is_background() -> None:
    assert (
        events("Sąd skazał przedsiębiorcę, który kupował opony od objętego sankcjami UE Belszyny.", lang="pl") == set()
    )


def test_list_name_with_an_action_word_is_no_action() -> None:
    assert events(
        "OFAC has removed the following entity from the Specially Designated Nationals and "
        "Blocked Persons List: NAFTAN OAO, Novopolotsk, Belarus."
    ) == {("naftan", "lift", "US", "confirmed")}


def test_the_owner_of_a_delisted_ship_is_not_delisted() -> None:
    assert events("Минфин США исключил из списка SDN танкер, ранее принадлежавший «Белшине».", lang="ru") == set()


def test_vessels_are_not_courts() -> None:
    # uk "суден" (vessels) shares its stem with "суд" (court)
    assert events("Уряд Канади розглядає санкції проти 20 суден і компаній, зокрема МАЗ.", lang="uk") == {
        ("maz", "impose", "CA", "speculative")
    }


def test_adverb_after_a_target_country() -> None:
    assert events("Die USA könnten ihre Sanktionen gegen Belarus weiter lockern") == {
        ("belarus", "lift", "US", "speculative")
    }


def test_conjoined_targets_before_a_talked_verb() -> None:
    assert events("Трамп: санкції проти «Нафтану» і «Білінвестбанку» можуть зняти після угоди", lang="uk") == {
        ("naftan", "lift", "US", "speculative"),
        ("belinvestbank", "lift", "US", "speculative"),
    }


def test_relative_clause_inherits_the_talk_of_its_head() -> None:
    assert events("The US is considering a licence, which would allow dealings with Naftan.") == {
        ("naftan", "lift", "US", "speculative")
    }
    assert events("JAV svarsto išduoti licenciją, kuri leistų sandorius su Naftan.", lang="lt") == {
        ("naftan", "lift", "US", "speculative")
    }


def test_an_earlier_month_of_the_same_year_is_background() -> None:
    # effects of measures taken months before the item, not news
    assert (
        events(
            "Belinvestbank struggled with payments after US sanctions imposed on it in March 2025.",
            published="2025-09-20",
        )
        == set()
    )
    assert events("The US imposed sanctions on Belinvestbank on 2 September 2025.", published="2025-09-20") == {
        ("belinvestbank", "impose", "US", "confirmed")
    }


def test_instructing_to_prepare_sanctions_is_talk() -> None:
    assert events("Зеленський доручив уряду підготувати санкції проти МАЗ.", lang="uk") == {
        ("maz", "impose", "UA", "speculative")
    }


def test_a_hoping_person_is_the_speaker_not_the_target() -> None:
    assert events("Лукашенко рассчитывает на снятие санкций с калийной отрасли", lang="ru") == set()
    assert events("Lukashenko hopes for an easing of sanctions on potash exports") == set()


def test_exemption_from_sanctions_on_x_is_a_partial_lift() -> None:
    assert events("Венгрия намерена попросить освободить свои компании от санкций США против «Нафтана»", lang="ru") == {
        ("naftan", "lift", "US", "speculative")
    }


def test_the_persons_regime_is_not_the_person() -> None:
    assert events("The EU is weighing an asset freeze on firms tied to the Lukashenko regime") == set()
    assert events("ЕС может ввести санкции против чиновников режима Лукашенко", lang="ru") == set()


def test_a_company_noun_does_not_refer_back_to_a_person() -> None:
    assert events("Svarstoma įšaldyti su Lukašenkos režimu susijusių įmonių turtą.", lang="lt") == set()


def test_polish_infinitive_of_lifting() -> None:
    assert events("USA mogą znieść sankcje na Biełaruśkalij", lang="pl") == {
        ("belaruskali", "lift", "US", "speculative")
    }


def test_an_entity_named_as_a_relation_of_the_target_gets_nothing() -> None:
    assert events("The US sanctioned five firms linked to Naftan") == set()
    assert events("Tankers carrying Naftan fuel were added to the US sanctions list") == set()
    assert events("ЕС ввел санкции против танкеров, принадлежащих «Белшине»", lang="ru") == set()
    assert events("ES įšaldė su Naftan susijusių įmonių turtą", lang="lt") == set()
    # a subsidiary's licence is still relief for the parent
    assert events("OFAC issued a licence for Naftan's subsidiaries in Germany") == {
        ("naftan", "lift", "US", "confirmed")
    }


def test_an_actor_inside_a_longer_actor_name() -> None:
    assert events("The UN Security Council removed Naftan from its sanctions list") == {
        ("naftan", "lift", "UN", "confirmed")
    }


def test_agreed_but_still_to_be_adopted_is_talk() -> None:
    assert events(
        "EU ambassadors agreed a new sanctions package targeting Naftan, which is yet to be "
        "formally adopted by ministers"
    ) == {("naftan", "impose", "EU", "speculative")}
    assert events("Послы ЕС согласовали санкции против «Нафтана», их еще должны утвердить министры", lang="ru") == {
        ("naftan", "impose", "EU", "speculative")
    }
    assert events("The EU Council formally adopted sanctions on Naftan") == {("naftan", "impose", "EU", "confirmed")}


def test_the_addressee_of_a_call_is_the_actor() -> None:
    assert events(
        "x",
        "Lithuania's foreign minister called on the European Union to add the Naftan refinery to its sanctions list.",
    ) == {("naftan", "impose", "EU", "speculative")}


def test_sanctions_taking_effect_restate_the_imposition() -> None:
    assert events("The US sanctions on Rosneft take effect on Friday") == {("rosneft", "impose", "US", "confirmed")}
    assert events("Санкции США против «Роснефти» вступают в силу 21 ноября", lang="ru") == {
        ("rosneft", "impose", "US", "confirmed")
    }
    assert events("Die Sanktionen gegen Naftan bleiben in Kraft") == set()


def test_actors_joined_with_an_article() -> None:
    assert events("The US and the EU are discussing sanctions relief for Belavia") == {
        ("belavia", "lift", "US", "speculative"),
        ("belavia", "lift", "EU", "speculative"),
    }


def test_a_hoping_company_is_what_the_talk_is_about() -> None:
    assert events("Belavia hopes the EU will lift sanctions soon") == {("belavia", "lift", "EU", "speculative")}


def test_aligning_with_bloc_measures_names_only_the_aligning_country() -> None:
    assert events(
        "Die Schweiz hat die jüngsten Sanktionen der EU übernommen. Ab Montag gilt auch hierzulande "
        "ein Transaktionsverbot für Naftan.",
        lang="de",
    ) == {("naftan", "impose", "CH", "confirmed")}
    assert events(
        "РНБО запровадила санкції проти «Нафтану».",
        "Рішення синхронізує українські обмеження з 17-м пакетом санкцій ЄС, повідомили в Офісі президента.",
        lang="uk",
    ) == {("naftan", "impose", "UA", "confirmed")}


def test_as_early_as_is_no_background_in_talk() -> None:
    assert events("Вашингтон может ослабить санкции против «Беларуськалия» уже в декабре", lang="ru") == {
        ("belaruskali", "lift", "US", "speculative")
    }


def test_an_expiring_licence_is_no_relief() -> None:
    assert events("The Treasury let a licence for Naftan expire") == set()


def test_decree_putting_a_decision_into_force() -> None:
    assert events("Зеленський увів у дію рішення РНБО про санкції проти «Нафтану»", lang="uk") == {
        ("naftan", "impose", "UA", "confirmed")
    }
    assert events("Poland will ban imports of Belaruskali potash from December 1") == {
        ("belaruskali", "impose", "other", "confirmed")
    }


def test_a_name_before_another_subjects_change_on_another_entity() -> None:
    assert events("Лукашенко помиловал 52 заключенных, США ослабили санкции против «Белавиа»", lang="ru") == {
        ("belavia", "lift", "US", "confirmed")
    }


def test_escaping_a_package_is_no_imposition() -> None:
    assert events("Belavia escapes EU sanctions package") == set()
    assert events("Naftan could face EU sanctions") == {("naftan", "impose", "EU", "speculative")}


def test_allowing_transactions_is_about_sanctions_in_baltic_languages() -> None:
    assert events("ASV Valsts kase atļāva darījumus ar Belavia", lang="lv") == {("belavia", "lift", "US", "confirmed")}
    assert events("JAV iždo departamentas leido sandorius su Belavia", lang="lt") == {
        ("belavia", "lift", "US", "confirmed")
    }


def test_a_proposed_measure_belongs_to_its_owner() -> None:
    assert events("Литва предлагает новые санкции ЕС против Беларуси", lang="ru") == {
        ("belarus", "impose", "EU", "speculative")
    }


def test_slavic_country_followed_by_lowercase_words_is_a_target() -> None:
    assert events("Polska zaproponuje w Brukseli objęcie Białorusi takimi samymi sankcjami jak Rosji", lang="pl") == {
        ("belarus", "impose", "EU", "speculative")
    }


def test_adopting_the_blocs_latest_sanctions_names_the_adopting_country() -> None:
    assert events("Switzerland adopted the European Union's latest sanctions, adding Naftan to its own list") == {
        ("naftan", "impose", "CH", "confirmed")
    }


def test_a_decided_lifting_inside_a_decision_cue_is_a_lift() -> None:
    assert events("The EU approved lifting sanctions on Belavia") == {("belavia", "lift", "EU", "confirmed")}
    assert events("Совет ЕС утвердил снятие санкций с «Белавиа»", lang="ru") == {("belavia", "lift", "EU", "confirmed")}
    assert events("Rada UE przyjęła decyzję o zniesieniu sankcji wobec Belavii", lang="pl") == {
        ("belavia", "lift", "EU", "confirmed")
    }
    assert events("Der Rat hat die Aufhebung der Sanktionen gegen Belavia beschlossen") == {
        ("belavia", "lift", "EU", "confirmed")
    }
    # revoking a licence stays an imposition
    assert events("Treasury revokes the general license for Belavia") == {("belavia", "impose", "US", "confirmed")}


def test_work_drafts_and_paving_the_way_are_talk() -> None:
    assert events("The US paves the way for lifting sanctions on Belavia") == {("belavia", "lift", "US", "speculative")}
    assert events("Die EU arbeitet an neuen Sanktionen gegen Naftan") == {("naftan", "impose", "EU", "speculative")}
    assert events("Проект нового пакета санкций ЕС включает «Нафтан»", lang="ru") == {
        ("naftan", "impose", "EU", "speculative")
    }
    assert events("The US agreed to lift sanctions on Belavia in exchange for prisoners") == {
        ("belavia", "lift", "US", "confirmed")
    }


def test_must_and_should_are_talk_in_every_language() -> None:
    for text, lang in [
        ("The EU must sanction Naftan, Lithuania says", "en"),
        ("ЕС должен ввести санкции против «Нафтана»", "ru"),
        ("ЄС повинен запровадити санкції проти «Нафтану»", "uk"),
        ("ЭЗ павінен увесьці санкцыі супраць «Нафтана»", "be"),
        ("UE powinna nałożyć sankcje na Naftan", "pl"),
        ("Die EU muss Sanktionen gegen Naftan verhängen", "de"),
        ("ES turėtų įvesti sankcijas Naftan", "lt"),
        ("ES vajadzētu noteikt sankcijas pret Naftan", "lv"),
        ("EL peaks kehtestama sanktsioonid Naftanile", "et"),
        ("ЕО Нафтанға санкция салуы керек", "kk"),
    ]:
        assert events(text, lang=lang) == {("naftan", "impose", "EU", "speculative")}, text


def test_passive_listing_with_words_between() -> None:
    assert events("Naftan trafił na unijną listę sankcyjną", lang="pl") == {("naftan", "impose", "EU", "confirmed")}
    assert events("Naftan pateko į ES sankcijų sąrašą", lang="lt") == {("naftan", "impose", "EU", "confirmed")}
    assert events("Naftan kanti ELi sanktsioonide nimekirja", lang="et") == {("naftan", "impose", "EU", "confirmed")}


def test_partners_and_suppliers_of_the_entity_are_not_the_entity() -> None:
    assert events("ЕС ввел санкции против партнеров «Нафтана»", lang="ru") == set()
    assert events("ЕС ввел санкции против «Нафтана» и его партнеров", lang="ru") == {
        ("naftan", "impose", "EU", "confirmed")
    }
    assert events("ES įvedė sankcijas Naftan tiekėjams", lang="lt") == set()  # genitive before the head noun
    assert events("The EU is close to sanctioning Naftan") == {("naftan", "impose", "EU", "speculative")}


def test_a_lift_whose_object_is_a_measure() -> None:
    assert events("The EU lifted its ban on Belavia flights") == {("belavia", "lift", "EU", "confirmed")}
    assert events("The US lifted the blocking sanctions on Belavia") == {("belavia", "lift", "US", "confirmed")}
    assert events("Die EU hob das Flugverbot für Belavia auf") == {("belavia", "lift", "EU", "confirmed")}


def test_a_year_dating_the_described_sanctions_is_no_background_for_the_lift() -> None:
    assert events("The US removed the restrictions imposed on Belavia in 2021") == {
        ("belavia", "lift", "US", "confirmed")
    }
    assert events("The EU imposed sanctions on Naftan in 2021") == set()


def test_support_study_and_signals_are_talk() -> None:
    assert events("Britain backs new sanctions on Naftan") == {("naftan", "impose", "UK", "speculative")}
    assert events("Washington is studying the removal of Belavia from the SDN list") == {
        ("belavia", "lift", "US", "speculative")
    }
    assert events("Polska popiera nałożenie sankcji na Naftan", lang="pl") == {
        ("naftan", "impose", "other", "speculative")
    }


# The shallow parse (monitor/classification/structure.py): bystanders that only qualify another word, and
# coordinated lists whose members share one change.


@pytest.mark.parametrize(
    "lang, title",
    [
        ("en", "Britain sanctioned 40 officials to raise the pressure on President Alexander Lukashenko."),
        ("en", "The EU sanctioned the judges who jailed critics after elections rigged by Lukashenko."),
        ("pl", "UE nałożyła sankcje na 20 sędziów po wyborach sfałszowanych przez Łukaszenkę."),
        (
            "ru",
            "Об этом на встрече с Александром Лукашенко сообщил американский посланник, после того как "
            "США сняли санкции с «Белавиа».",
        ),
    ],
)
def test_a_name_attached_to_another_word_is_a_bystander(lang: str, title: str) -> None:
    assert not {e for e in events(title, lang=lang) if e[0] == "lukashenko"}


@pytest.mark.parametrize(
    "lang, title",
    [
        ("en", "Canada imposed sanctions on 30 companies in Belarus and Russia."),
        ("uk", "Україна запровадила санкції проти 120 компаній з Росії та Білорусі."),
        ("pl", "Ukraina nałożyła sankcje na 50 firm na Białorusi i w Rosji."),
        ("de", "Die EU verhängt Sanktionen gegen 20 Firmen in Belarus."),
    ],
)
def test_a_country_where_the_targets_are_is_no_target(lang: str, title: str) -> None:
    assert events(title, lang=lang) == set()


def test_with_before_a_cue_of_the_change_keeps_the_target() -> None:
    assert events("Мінфін США дозволив операції з «Белшиною»", lang="uk") == {("belshina", "lift", "US", "confirmed")}
    assert events("The licence authorizes dealings with Belshina, Treasury said.") == {
        ("belshina", "lift", "US", "confirmed")
    }


def test_a_possessor_before_its_noun_is_a_bystander() -> None:
    # lt puts the genitive first: "Lukashenko's family members" are the targets
    assert events("ES įvedė sankcijas Lukašenkos šeimos nariams.", lang="lt") == set()


@pytest.mark.parametrize(
    "lang, title",
    [
        ("en", "Washington blacklisted Naftan, its trading arm Belshina and the truckmaker MAZ on Monday."),
        (
            "pl",
            "USA nałożyły sankcje na Naftan, a także zbudowane jeszcze w czasach radzieckich (1960) "
            "zakłady Belshina i MAZ.",
        ),
        ("de", "Die USA verhängen Sanktionen gegen Naftan, den Reifenhersteller Belshina und MAZ."),
    ],
)
def test_members_of_a_list_share_its_change(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {(k, "impose", "US", "confirmed") for k in ("naftan", "belshina", "maz")}


def test_a_later_cue_does_not_split_a_talked_list() -> None:
    assert events(
        "The EU has proposed sanctioning Belaruskali, and its export arm, Belshina, as part of a new package."
    ) == {("belaruskali", "impose", "EU", "speculative"), ("belshina", "impose", "EU", "speculative")}


def test_a_list_goes_on_over_an_abbreviation_and_a_name_s_tail() -> None:
    assert events(
        "Treasury moved to terminate sanctions against Naftan Co. Ltd, Belshina OJSC, and MAZ, "
        "three firms owned by one holding."
    ) == {(k, "lift", "US", "speculative") for k in ("naftan", "belshina", "maz")}


def test_assets_held_by_a_person_make_him_the_target() -> None:
    assert events("Japan announced a freeze on assets held by President Alexander Lukashenko.") == {
        ("lukashenko", "impose", "JP", "confirmed")
    }


# A list in the next sentence: the previous sentence's change, for the entities listed there
# (they stand in for the object of its last change).


@pytest.mark.parametrize(
    "lang, title, summary, expected",
    [
        (
            "ru",
            "Минфин США ослабил санкции против трёх белорусских компаний после переговоров в Минске.",
            "Речь идёт о «Белшине», «Нафтане» и МАЗе.",
            "lift",
        ),
        (
            "pl",
            "Departament Skarbu USA nałożył sankcje na trzy białoruskie koncerny.",
            "Chodzi o Belshinę, Naftan i MAZ.",
            "impose",
        ),
        (
            "de",
            "Die USA haben drei belarussische Konzerne mit Sanktionen belegt.",
            "Betroffen sind Belshina, Naftan und MAZ.",
            "impose",
        ),
        (
            "en",
            "Washington sanctioned three Belarusian manufacturers on Tuesday.",
            "The targets included Belshina, Naftan and MAZ.",
            "impose",
        ),
    ],
)
def test_a_list_in_the_next_sentence(lang: str, title: str, summary: str, expected: str) -> None:
    assert events(title, summary, lang=lang) == {
        (k, expected, "US", "confirmed") for k in ("belshina", "naftan", "maz")
    }


def test_a_demonstrative_opening_a_sentence_of_names_continues_talk() -> None:
    assert events(
        "ЗША могуць увесці санкцыі супраць двух беларускіх заводаў, паведамляюць СМІ.",
        "Гэта «Белшына» і МАЗ.",
        lang="be",
    ) == {("belshina", "impose", "US", "speculative"), ("maz", "impose", "US", "speculative")}


# The actor named once in the lead governs later sentences; an actor far after the change belongs
# to another phrase (monitor/classification/actors.py).


@pytest.mark.parametrize(
    "lang, title, summary, expected",
    [
        (
            "en",
            "Australia sanctions Belarusian refiner Naftan",
            "Naftan has been added to the list for supplying fuel to the army during the long war against Ukraine.",
            {("naftan", "impose", "AU", "confirmed")},
        ),
        (
            "pl",
            "Kanada nałożyła sankcje na białoruskich urzędników",
            "Na listę trafił także Naftan, który od lat dostarcza paliwo wojsku walczącemu w Ukrainie.",
            {("naftan", "impose", "CA", "confirmed")},
        ),
    ],
)
def test_the_lead_actor_governs_later_sentences(
    lang: str, title: str, summary: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, summary, lang=lang) == expected


@pytest.mark.parametrize(
    "lang, title",
    [
        ("de", "Im Gleichschritt mit der EU haben die USA einige Sanktionen gegen Belarus ausgesetzt."),
        ("en", "In lockstep with the EU, the US suspended some sanctions on Belarus."),
    ],
)
def test_in_step_with_another_actor_adds_it(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("belarus", "lift", "US", "confirmed"), ("belarus", "lift", "EU", "confirmed")}


@pytest.mark.parametrize(
    "lang, title",
    [
        ("de", "Wegen des Krieges in der Ukraine setzt die EU Naftan auf die Sanktionsliste."),
        ("en", "Over the war in Ukraine, the EU put Naftan on its sanctions list."),
        ("ru", "Из-за войны в Украине ЕС внёс «Нафтан» в санкционный список."),
    ],
)
def test_a_country_after_a_place_preposition_is_no_actor(lang: str, title: str) -> None:
    assert events(title, lang=lang) == {("naftan", "impose", "EU", "confirmed")}


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        (
            "de",
            "Die USA teilten mit, dass die Sanktionen gegen Belarus, die 2021 verhängt wurden, ausgesetzt werden.",
            {("belarus", "lift", "US", "confirmed")},
        ),
        (
            "pl",
            "USA zawiesiły sankcje wobec Białorusi, które nałożono w 2021 roku.",
            {("belarus", "lift", "US", "confirmed")},
        ),
        (
            "en",
            "Naftan, which the US may blacklist soon, has sold its plant.",
            {("naftan", "impose", "US", "speculative")},
        ),
    ],
)
def test_a_relative_clause_describes_its_head(lang: str, title: str, expected: set[tuple[str, ...]]) -> None:
    # the verb of a relative clause on "sanctions against X" describes them; on X itself it is X's
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        (
            "ru",
            "Минфин США снял санкции с компании «Белшина» Александра Лукашенко.",
            {("belshina", "lift", "US", "confirmed")},
        ),
        ("uk", "США зняли санкції з компанії Олександра Лукашенка.", set()),
        ("pl", "USA zniosły sankcje na spółki Aleksandra Łukaszenki.", set()),
    ],
)
def test_a_person_after_a_company_is_its_owner(lang: str, title: str, expected: set[tuple[str, ...]]) -> None:
    assert events(title, lang=lang) == expected


@pytest.mark.parametrize(
    "lang, title, expected",
    [
        ("be", "Украіна ўвяла санкцыі супраць прапагандыстаў Аляксандра Лукашэнкі.", set()),
        ("ru", "Британия ввела санкции против соратников Александра Лукашенко.", set()),
    ],
)
def test_a_person_after_a_plural_genitive_noun_is_its_possessor(
    lang: str, title: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, lang=lang) == expected


def test_a_plural_apposition_before_several_names_is_no_possessor() -> None:
    # pl "miliarderów X i Y": the plural noun is the names' apposition, they are the targets
    assert events(
        "Sąd UE skreślił białoruskich koncernów Naftan i Belshina z unijnej listy sankcyjnej.", lang="pl"
    ) == {("naftan", "lift", "EU", "confirmed"), ("belshina", "lift", "EU", "confirmed")}


# Talk of a change goes on into a later sentence that names no actor and no decision of its own.


@pytest.mark.parametrize(
    "lang, title, summary, expected",
    [
        (
            "de",
            "Belarus: EU droht mit Sanktionen",
            "Die EU kündigte neue Sanktionen an, sollte sich die Lage nicht bessern. Die Maßnahmen zielen auch auf Naftan.",
            {("naftan", "impose", "EU", "speculative")},
        ),
        (
            "pl",
            "UE ma ogłosić w czwartek nowy pakiet sankcji.",
            "Pakiet obejmie także koncern Naftan.",
            {("naftan", "impose", "EU", "speculative")},
        ),
        (
            "en",
            "The EU imposed new sanctions on Belarus on Monday.",
            "They target Naftan as well.",
            {("belarus", "impose", "EU", "confirmed"), ("naftan", "impose", "EU", "confirmed")},
        ),
    ],
)
def test_talk_goes_on_into_the_next_sentence(
    lang: str, title: str, summary: str, expected: set[tuple[str, ...]]
) -> None:
    assert events(title, summary, lang=lang) == expected
