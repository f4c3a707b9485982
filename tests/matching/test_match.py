"""monitor/matching/match.py: one test per matching rule, with sentences in several languages."""

from __future__ import annotations

import pytest

from monitor.matching.match import Match, Matcher, build_matcher
from monitor.matching.watchlist import Entity, load_watchlist
from tests.support.paths import FIXTURES

WATCHLIST = FIXTURES / "watchlists" / "belarus.toml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return build_matcher(load_watchlist([WATCHLIST]))


def keys(matcher: Matcher, text: str, lang: str | None = None) -> list[str]:
    return [m.key for m in matcher.find(text, lang)]


def surfaces(matcher: Matcher, text: str, lang: str | None = None) -> list[str]:
    return [m.surface for m in matcher.find(text, lang)]


def test_offsets_point_into_the_original_text(matcher: Matcher) -> None:
    text = "ЕС ввёл санкции против «Гродно Азота» и ﬁrm Belavia."
    found = matcher.find(text)
    assert [(m.key, text[m.start : m.end]) for m in found] == [("grodno-azot", "Гродно Азота"), ("belavia", "Belavia")]
    assert all(m.surface == text[m.start : m.end] for m in found)


def test_result_carries_the_alias_that_matched(matcher: Matcher) -> None:
    [match] = matcher.find("Лукашенко заявил")
    assert match == Match("lukashenko", 0, 9, "Лукашенко", alias=match.alias, form="name")
    assert match.alias in ("Lukashenko", "Лукашенко")  # aliases with one key share a state


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("снятие санкций с «Беларуськалия»", "Беларуськалия"),  # ru genitive
        ("дозволив операції з «Беларуськалієм»", "Беларуськалієм"),  # uk instrumental
        ("Мінфін США знімає заборону з Беларуськалію", "Беларуськалію"),  # uk dative
        ("Polska chce sankcji na Biełaruśkalij", "Biełaruśkalij"),  # pl transliteration
        ("EL kehtestas sanktsioonid Belaruskaliile", "Belaruskaliile"),  # et allative
        ("OFAC listed BELARUSKALIY in 2021", "BELARUSKALIY"),
        ("Belaruskali's output rose", "Belaruskali"),  # English possessive
    ],
)
def test_inflected_and_transliterated_forms_match(matcher: Matcher, text: str, surface: str) -> None:
    assert surfaces(matcher, text) == [surface]
    assert keys(matcher, text) == ["belaruskali"]


@pytest.mark.parametrize(
    "text",
    [
        "ЗША знялі санкцыі з «Белавіі»",
        "США сняли санкции с Белавии",
        "USA znoszą sankcje wobec Belavii",
        "JAV panaikino sankcijas Belavijai",
    ],
)
def test_inflection_on_the_last_letters_of_belavia(matcher: Matcher, text: str) -> None:
    assert keys(matcher, text) == ["belavia"]


def test_a_stem_final_consonant_may_alternate(matcher: Matcher) -> None:
    assert surfaces(matcher, "Zaufanie do Łukaszence spadło") == ["Łukaszence"]  # pl dative, k → c
    assert surfaces(matcher, "звернення до Лукашенці") == ["Лукашенці"]  # uk locative
    assert surfaces(matcher, "awaria w Grodno Azocie") == ["Grodno Azocie"]  # pl locative, t → ć
    assert surfaces(matcher, "на «Гродна Азоце»") == ["Гродна Азоце"]  # be locative, т → ц
    assert keys(matcher, "the lukashencoin token") == []  # still needs a case ending


def test_an_ending_that_fuses_with_the_stem_in_the_key_is_stripped_as_written() -> None:
    m = build_matcher([Entity("rosneft", "Rosneft"), Entity("belavia", "Belavia")])
    assert keys(m, "Rosnefts Tochter", lang="de") == ["rosneft"]  # rosneft + s → "rosnefc"
    assert keys(m, "Rosnefts Tochter") == ["rosneft"]
    assert keys(m, "rosnefts") == []  # capitalised words only


def test_every_word_of_a_multiword_name_may_inflect(matcher: Matcher) -> None:
    assert surfaces(matcher, "ЄС запровадив санкції проти Білоруської калійної компанії") == [
        "Білоруської калійної компанії"
    ]
    assert surfaces(matcher, "санкции против Белорусской калийной компании") == ["Белорусской калийной компании"]


def test_a_longer_word_is_not_an_inflection(matcher: Matcher) -> None:
    assert keys(matcher, "Белавиационный завод") == []
    assert keys(matcher, "Belarus and Belaruskali") == ["belarus", "belaruskali"]
    assert surfaces(matcher, "Belaruskali") == ["Belaruskali"]


def test_a_bare_stem_matches_only_when_folding_ate_a_vowel_ending() -> None:
    m = build_matcher([Entity("downy", "Downy"), Entity("belavia", "Belavia")])
    assert keys(m, "prices went down") == []  # "downy" less "y" is not a word of it
    assert keys(m, "Belavii") == ["belavia"]  # belavi + i folds to belavi


def test_a_short_stem_never_inflects(matcher: Matcher) -> None:
    m = build_matcher([Entity("ost", "Ost")])
    assert keys(m, "Ost") == ["ost"]
    assert keys(m, "Osta Ostem Ostu") == []


def test_a_name_without_nominative_ending_keeps_its_last_letters(matcher: Matcher) -> None:
    assert keys(matcher, "ЕС ввел санкции против «Нафтана»") == ["naftan"]
    assert keys(matcher, "цены на нафту и нафты") == []  # naphtha is not Naftan


def test_acronyms_match_only_in_exact_case(matcher: Matcher) -> None:
    assert keys(matcher, "Canada imposes sanctions on MAZ") == ["maz"]
    assert keys(matcher, "an amazing maz Maz story") == []
    assert keys(matcher, "BPC and bpc and Bpc") == ["bpc"]
    assert keys(matcher, "калийная БКК и бкк") == ["bpc"]


def test_an_acronym_may_carry_a_lowercase_case_ending(matcher: Matcher) -> None:
    assert surfaces(matcher, "санкції проти МАЗу та МАЗом") == ["МАЗу", "МАЗом"]
    assert keys(matcher, "MAZDA MAZOVIA") == []


def test_exact_case_flag_on_an_alias(matcher: Matcher) -> None:
    assert keys(matcher, "Nis and NIS") == ["nis", "nis"]
    assert keys(matcher, "nis, Niš") == []


def test_homoglyphs_are_repaired(matcher: Matcher) -> None:
    assert keys(matcher, "Бeлавиа возобновила рейсы") == ["belavia"]  # Latin e
    assert keys(matcher, "MAЗ") == ["maz"]  # Latin M, A


def test_quotes_dashes_and_spaces_between_words_are_folded(matcher: Matcher) -> None:
    assert keys(matcher, "«Гродно—Азот»") == ["grodno-azot"]
    assert keys(matcher, "Grodno\u00a0Azot") == ["grodno-azot"]
    assert keys(matcher, "GRODNO-AZOT") == ["grodno-azot"]


def test_a_name_does_not_span_a_sentence_end(matcher: Matcher) -> None:
    assert keys(matcher, "They flew to Grodno. Azot plants were idle.") == []


def test_legal_forms_are_optional(matcher: Matcher) -> None:
    assert surfaces(matcher, "Naftan refinery and NAFTAN OAO") == ["Naftan", "NAFTAN OAO"]
    assert keys(matcher, "OFAC designated BELARUSKALI OAO") == ["belaruskali"]


def test_short_words_of_a_name_match_too(matcher: Matcher) -> None:
    assert surfaces(matcher, "Belarusian Potash Co. said") == ["Belarusian Potash Co"]
    assert keys(matcher, "Belarusian potash producers") == ["belarus"]


def test_the_longest_match_wins(matcher: Matcher) -> None:
    assert surfaces(matcher, "Belarusian Potash Company") == ["Belarusian Potash Company"]
    assert keys(matcher, "Belavia Belarusian Airlines") == ["belavia"]


def test_a_surname_after_another_given_name_is_another_person(matcher: Matcher) -> None:
    assert keys(matcher, "Viktor Lukashenko met the press.") == []
    assert keys(matcher, "Виктор Лукашенко прибыл в Москву.") == []
    assert keys(matcher, "His son Zmicier Lukashenko spoke.") == []
    assert keys(matcher, "V. Lukashenko and A. Lukashenko") == ["lukashenko"]
    assert keys(matcher, "Treasury Sanctions Viktor Lukashenko And Others") == []
    assert keys(matcher, "LUKASHENKA, Viktar Aliaksandravich; LUKASHENKO, Aleksandr") == ["lukashenko"]


def test_another_spelling_of_the_persons_own_given_name_is_no_other_person() -> None:
    m = build_matcher([Entity("al", "Alexander Lukashenko", "person", aliases=("Lukashenko",))])
    assert keys(m, "Аляксандр Лукашэнка сказаў") == ["al"]  # Belarusian spelling of Alexander
    assert keys(m, "звернення Олександра Лукашенка") == ["al"]  # Ukrainian, genitive
    assert keys(m, "O. Lukashenko said") == ["al"]  # initial of Oleksandr
    assert keys(m, "Виктора Лукашенко наградили") == []  # genitive of another name


def test_a_given_name_after_a_comma_blocks_only_a_list_entry(matcher: Matcher) -> None:
    assert keys(matcher, "Sanctions hit Orban's friends, Lukashenko, Donald Tusk's critics") == ["lukashenko"]
    assert keys(matcher, "Лукашенко, Виктор Орбан и Эрдоган") == ["lukashenko"]  # an enumeration
    assert keys(matcher, "LUKASHENKO, Dmitry; born 1980") == []  # list entry: capitals
    assert keys(matcher, "Лукашенко, Дмитрий Александрович") == []  # list entry: patronymic
    assert keys(matcher, "Лукашенко Дмитрий Александрович") == []


def test_a_given_initial_may_be_followed_by_a_patronymic_initial(matcher: Matcher) -> None:
    assert keys(matcher, "Указ подписал А. Г. Лукашенко") == ["lukashenko"]
    assert keys(matcher, "Указ подписал А.Г.Лукашенко") == ["lukashenko"]
    assert keys(matcher, "signed by V. A. Lukashenko") == []  # the first initial is the given name


def test_the_persons_own_given_name_is_recognised_by_its_consonants() -> None:
    m = build_matcher([Entity("vm", "Vladimir Makei", "person", aliases=("Makei", "Макей"))])
    assert keys(m, "Talks with Władimir Makei ended") == ["vm"]  # spelling not in the groups
    assert keys(m, "пасля сустрэчы з Уладзімерам Макеем") == ["vm"]  # unlisted form, instrumental
    assert keys(m, "Talks with Vadim Makei ended") == []  # another known given name
    assert keys(m, "пасля сустрэчы з Уладзіславам Макеем") == []  # other consonants: another person


def test_a_capitalised_word_opening_a_sentence_is_no_given_name(matcher: Matcher) -> None:
    assert keys(matcher, "Союзник Лукашенко заявил об этом.") == ["lukashenko"]
    assert keys(matcher, "Он сказал: «Оппоненты Лукашенка сядуць»") == ["lukashenko"]
    assert keys(matcher, "Вчера Олег Лукашенко заявил") == []  # a known given name still blocks
    assert keys(matcher, "Viktor Lukashenko said so.") == []
    assert keys(matcher, "they met Zenon Lukashenko there") == []  # mid-sentence: a given name


def test_in_german_a_capitalised_noun_before_a_surname_is_no_given_name(matcher: Matcher) -> None:
    assert keys(matcher, "Der Kreml-Verbündete Lukashenko sagte", lang="de") == ["lukashenko"]
    assert keys(matcher, "Der Kreml-Verbündete Lukashenko sagte", lang="en") == []
    assert keys(matcher, "Sohn Viktor Lukashenko sagte", lang="de") == []


def test_a_name_does_not_span_a_line_break(matcher: Matcher) -> None:
    assert keys(matcher, "Sanctions on Grodno\nAzot fertiliser") == []


def test_a_surname_alone_or_after_a_title_matches(matcher: Matcher) -> None:
    assert keys(matcher, "Lukashenko frees 123 prisoners") == ["lukashenko"]
    assert keys(matcher, "President Lukashenko said.") == ["lukashenko"]
    assert keys(matcher, "Then Lukashenko said.") == ["lukashenko"]
    assert keys(matcher, "Treasury Sanctions Lukashenko Regime") == ["lukashenko"]
    assert keys(matcher, "Белорусский лидер Лукашенко заявил") == ["belarus", "lukashenko"]
    assert surfaces(matcher, "Александра Лукашенко") == ["Александра Лукашенко"]
    assert keys(matcher, "переговори з Лукашенком у Мінську") == ["lukashenko"]  # uk instrumental
    assert keys(matcher, "встреча с президентом Лукашенко") == ["lukashenko"]


def test_country_names_come_from_cldr_and_inflect(matcher: Matcher) -> None:
    text = "Беларуси, Беларусью, Білорусі, Białorusi, Baltarusijos, Baltarusijai, Valgevene, Baltkrievijas, Беларусьқа, Weißrussland"
    assert keys(matcher, text) == ["belarus"] * 10


def test_country_adjectives_are_marked(matcher: Matcher) -> None:
    [match] = matcher.find("белорусского производителя шин")
    assert (match.key, match.form) == ("belarus", "adjective")
    assert [m.form for m in matcher.find("Belarus")] == ["name"]


def test_a_word_both_name_and_adjective_follows_its_case(matcher: Matcher) -> None:
    assert [m.form for m in matcher.find("білоруська компанія")] == ["adjective"]
    assert [m.form for m in matcher.find("Еуроодақ Беларуське қарсы")] == ["name"]


def test_belarusian_spelling_meets_russian_aliases_when_the_language_is_known() -> None:
    m = build_matcher(
        [
            Entity("bpc", "BPC", aliases=("Белорусская калийная компания",)),
            Entity("maz", "MAZ", aliases=("Минский автомобильный завод",)),
            Entity("palea", "Palea Ltd"),
        ]
    )
    text = "санкцыі супраць Беларускай калійнай кампаніі і Мінскага аўтамабільнага завода"
    assert keys(m, text, lang="be") == ["bpc", "maz"]
    assert keys(m, text) == ["bpc", "maz"]  # long words: vowel-blind in any Cyrillic text
    assert keys(m, "Мінскага аўтамабільнага завода", lang="be") == ["maz"]
    assert keys(m, "pole of the field", lang="en") == []


def test_ukrainian_vowels_meet_russian_ones_in_long_cyrillic_words() -> None:
    m = build_matcher(
        [
            Entity("btk", "Белтелеком"),
            Entity("naftan", "Нафтан"),
            Entity("belavia", "Белавиа"),
            Entity("by", "Беларусь"),
        ]
    )
    assert keys(m, "Мінфін заблокував активи «Білтелекому»", lang="uk") == ["btk"]  # і for е, inflected
    assert keys(m, "санкції проти Білорусі", lang="uk") == ["by"]
    assert keys(m, "Нефтяные компании растут", lang="ru") == []  # vowels in other places
    assert keys(m, "«Болавіо» летить", lang="uk") == []  # 3 consonants: vowels must fold alike
    assert keys(m, "білтелекому", lang="uk") == []  # lowercase: no capitalised name
    assert keys(m, "Biltelekom in Latin script") == []


def test_word_parts_of_one_meaning_meet() -> None:
    m = build_matcher([Entity("slavneft", "Славнефть"), Entity("dbk", "Банк развития Казахстана")])
    assert keys(m, "санкції проти «Славнафти»", lang="uk") == ["slavneft"]
    assert keys(m, "кредит Банку розвитку Казахстану", lang="uk") == ["dbk"]
    assert keys(m, "завод нафталіну", lang="uk") == []  # whole words still


def test_a_name_translated_word_by_word_meets_the_alias() -> None:
    m = build_matcher(
        [
            Entity("bpc", "Belarusian Potash Company", aliases=("Белорусская калийная компания",)),
            Entity("dbb", "Development Bank of Belarus", aliases=("Банк развития Беларуси",)),
        ]
    )
    assert keys(m, "Akcjonariusze Bank Rozwoju Białorusi wstrzymali", lang="pl") == ["dbb"]
    assert keys(m, "Baltarusijos kalio kompanija eksportuoja per Klaipėdą", lang="lt") == ["bpc"]
    assert keys(m, "Baltkrievijas kālija kompānija paziņoja", lang="lv") == ["bpc"]
    assert keys(m, "a Polish potash company and Polska kompania potasowa", lang="pl") == []
    assert keys(m, "Bank of Poland and Bank Rozwoju Polski", lang="pl") == []
    nb = build_matcher([Entity("nb", "Национальный банк Республики Беларусь")])
    assert keys(nb, "prezes Narodowego Banku Białorusi", lang="pl") == ["nb"]
    assert keys(nb, "Narodowy Bank Polski i Bank Białorusi", lang="pl") == []


def test_a_long_form_name_matches_without_republic_of() -> None:
    m = build_matcher(
        [Entity("nb", "National Bank of the Republic of Belarus", aliases=("Национальный банк Республики Беларусь",))]
    )
    assert keys(m, "the National Bank of Belarus said") == ["nb"]
    assert keys(m, "the National Bank of the Republic of Belarus said") == ["nb"]
    assert keys(m, "рашэнне Нацыянальнага банка Беларусі", lang="be") == ["nb"]
    assert keys(m, "the Republic of Belarus and its National Bank") == []


def test_a_capitalised_name_needs_a_capitalised_word(matcher: Matcher) -> None:
    m = build_matcher(
        [
            Entity("step", "STEP S.A."),
            Entity("kontroles", "Kontroles"),
            Entity("ebay", "eBay"),
            Entity("sf", "Step Forward"),
        ]
    )
    assert keys(m, "the next steps and kontrolės tarnyba") == []  # common words, lowercase
    assert keys(m, "STEP S.A. and Step were listed; Kontrolės") == ["step", "step", "kontroles"]
    assert keys(m, "sold on ebay") == ["ebay"]  # the alias itself is lowercase
    assert keys(m, "a step forward, a Step Forward") == ["sf"]  # one capital in the span is enough
    assert keys(matcher, "Belarusian Potash Company; grodno azot") == ["bpc"]


def test_another_languages_dictionary_form_matches_in_any_text() -> None:
    m = build_matcher([Entity("hr", "Grodno Azot"), Entity("vm", "Vladimir Makei", "person", aliases=("Makeiko",))])
    assert keys(m, "Vladimir Makeika spoke in Hrodna", lang="en") == ["vm"]  # Belarusian -a for Russian -o
    assert keys(m, "the Hrodna Azot plant", lang="en") == ["hr"]
    assert keys(m, "Vladimir Makeikas", lang="en") == ["vm"]  # plus an English ending
    assert keys(m, "Makeikt, Makeikat", lang="en") == []  # still endings only


def test_english_hard_c_reads_k_both_ways() -> None:
    m = build_matcher([Entity("scb", "Sovcombank"), Entity("acr", "Акрон"), Entity("cuk", "Cukrownia")])
    assert keys(m, "активы Совкомбанка заморожены") == ["scb"]  # watchlist c, text к
    assert keys(m, "Acron shares fell") == ["acr"]  # text c, watchlist к
    assert keys(m, "akcje Cukrowni i Цукровні") == ["cuk", "cuk"]  # c as ц still holds
    assert keys(m, "Sovtombank, Acrin") == []  # other letters: no


def test_english_of_country_names_also_come_country_first() -> None:
    m = build_matcher(
        [Entity("mf", "Ministry of Finance of the Republic of Belarus"), Entity("by", "Belarus", "country", "BY")]
    )
    assert keys(m, "Belarus's Ministry of Finance said") == ["mf"]  # possessive, "of the Republic" left out
    assert keys(m, "the Belarusian Ministry of Finance said") == ["mf"]  # English adjective
    assert keys(m, "the Ministry of Finance of Belarus said") == ["mf"]
    assert keys(m, "Belarus said its Ministry of Finance") == ["by"]  # not next to each other


def test_an_english_country_adjective_in_a_name_may_be_the_countrys_name() -> None:
    m = build_matcher([Entity("rw", "Belarusian Railway"), Entity("rs", "Russian")])
    assert keys(m, "Belarus Railway and Belarusian Railways") == ["rw", "rw"]
    assert keys(m, "Russia") == []  # a one-word name keeps its word


def test_language_restricts_the_endings(matcher: Matcher) -> None:
    assert keys(matcher, "Belarust", lang="de") == []  # no Estonian partitive in German
    assert keys(matcher, "Belarust", lang="et") == ["belarus"]
    assert keys(matcher, "Belarust") == ["belarus"]  # unknown language: the script's endings
    assert keys(matcher, "Belarust", lang="ET-ee") == ["belarus"]


def test_a_registration_matches_with_or_without_hyphen_case_exact(matcher: Matcher) -> None:
    assert keys(matcher, "the aircraft EW-001PA landed") == ["aircraft"]
    assert keys(matcher, "ew-001pa") == []


def test_an_alias_without_letters_is_ignored() -> None:
    assert keys(build_matcher([Entity("x", "—", aliases=("Belavia",))]), "Belavia — —") == ["x"]


def test_two_entities_with_one_alias_are_both_reported() -> None:
    m = build_matcher([Entity("a", "Polesie"), Entity("b", "Polesye Ltd", aliases=("Polesie",))])
    assert sorted(keys(m, "Polesie")) == ["a", "b"]


def test_cost_does_not_grow_with_the_watchlist() -> None:
    big = [Entity(f"e{n}", f"Company Number{n:05d} Holding") for n in range(20_000)]
    m = build_matcher([*big, Entity("belavia", "Belavia")])
    assert keys(m, "Belavia and Company Number01234 Holding") == ["belavia", "e1234"]
