"""Compile watchlist names into the token automaton that monitor/matching/match.py walks.

Every name word becomes an id (its key, or "=" plus its exact form for case-exact aliases).
`stems` maps each key and each of its stems to the ids: a text word is one of these plus a case
ending. `bare` maps the keys and the vowel-final stems, which a text word may equal with no
ending left (Белавии folds to the stem `belavi`; "down" is not "Downy"). `goto` is the trie
over id sequences and `finals` says which names end in a state. Built once per watchlist, then
read-only.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from monitor.matching import name_data
from monitor.matching.countries import (
    country_adjectives,
    country_names,
    english_adjective_codes,
    english_adjectives,
    english_country_codes,
    english_country_name,
)
from monitor.matching.normalize import (
    clean_token,
    fold_extra,
    hard_c_key,
    homoglyphs_of,
    list_words,
    repair_homoglyphs,
    token_key,
    vowel_class,
)
from monitor.matching.watchlist import Entity

__all__ = [
    "MIN_STEM",
    "SHORT_STEM",
    "NameIndex",
    "NameRef",
    "compile_names",
    "is_case_exact",
    "matched_names",
    "reading_skeleton",
]

# A word needs a stem of this many key letters before it may inflect: "MAZ" never does.
MIN_STEM = 4
# A country's one-word name of MIN_STEM key letters may drop its dictionary-form vowel down to a
# stem this short: Куба → Кубы, Kuba → Kubie (a capital is still needed).
SHORT_STEM = 3
# An all-caps alias up to this many letters is an acronym and matches in its exact case only.
ACRONYM_LETTERS = 4
# A stem needs this many consonants before its vowels may differ (`vowel_class`): Беларусь
# (b l r s) does, Белавиа (b l v) and нефть (n f t) do not.
VOWEL_BLIND_CONSONANTS = 4
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class NameRef:
    """What a final state of the automaton reports."""

    key: str  # entity key
    alias: str  # the name or alias as written in the watchlist
    form: str = "name"  # "name" or "adjective"
    given_initials: frozenset[str] | None = None  # set for a person's one-word alias (surname)
    given_keys: frozenset[str] = frozenset()  # the person's given names in every known spelling, as keys
    capitalised: bool = False  # a name with a capitalised word: needs a capitalised word in the text
    lowercase_ok: bool = False  # a person's or country's name: may also be written in lowercase (Cyrillic)
    derived: bool = False  # a form the matcher made (surname alone, second surname dropped)
    ambiguous: bool = False  # a derived surname that another watchlist person shares: needs an own given name
    possessive: bool = False  # may carry an English possessive after its first word (Belarus's Development Bank)


@dataclass
class NameIndex:
    """The compiled watchlist; see the module docstring."""

    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bare: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # SHORT_STEM-letter stems of countries' 4-letter one-word names (Куба → kub): Кубы, Kubie
    short_stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # every stem's reading_skeleton: a transliteration reading is tried only on a word whose
    # skeleton (less an ending) is one of these
    skeletons: frozenset[str] = frozenset()
    # per language with extra folding (seeds/names/phonetic.toml::extra): the same three
    # tables with that folding applied to stems, bare stems and endings
    extra: dict[str, tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]]] = field(
        default_factory=dict
    )
    # the same, keyed by the vowel class of stems of VOWEL_BLIND_CONSONANTS+ consonants, and the
    # Cyrillic endings in vowel class: the last resort for a Cyrillic word (Білоруськалію)
    vowel_stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vowel_bare: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vowel_endings: dict[str | None, frozenset[str]] = field(default_factory=dict)  # by language; None: any
    vowel_ending_sizes: tuple[int, ...] = ()
    exact: dict[str, str] = field(default_factory=dict)
    exact_initials: frozenset[str] = frozenset()  # first letters (and their look-alikes) of exact forms
    goto: dict[tuple[int, str], int] = field(default_factory=dict)
    roots: dict[str, int] = field(default_factory=dict)  # goto from the start state, by word id
    finals: dict[int, tuple[NameRef, ...]] = field(default_factory=dict)
    oblique: dict[str, frozenset[str]] = field(default_factory=dict)
    oblique_by_script: dict[str, frozenset[str]] = field(default_factory=dict)
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)  # endings as written, casefolded
    written_by_script: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ending_sizes: tuple[int, ...] = ()
    titles: tuple[str, ...] = ()
    function_words: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()  # keys of every known given name
    given_spellings: dict[str, frozenset[str]] = field(default_factory=dict)  # key → keys of its name's spellings
    nouns_capitalised: frozenset[str] = frozenset()  # languages where any noun may stand before a name
    lowercase_scripts: frozenset[str] = frozenset()  # scripts in which a person's or country's name may be lowercase
    lowercase_common: frozenset[str] = frozenset()  # keys of common words that a lowercase name must not be
    lowercase_letters: int = 0  # a lowercase word needs this many key letters to be a name
    lowercase_not_languages: frozenset[str] = frozenset()  # items in these languages have no lowercase names
    particles: frozenset[str] = frozenset()  # keys of surname particles (de, al, von)
    conjunctions: frozenset[str] = frozenset()  # keys of "and" between two given names


_NO_SIBILANTS = str.maketrans("", "", "szc")


def reading_skeleton(key: str) -> str:
    """A key without the letters that transliteration systems write differently (s, z, c; ё as
    io or e): "ziuganov" (Zyuganov) and "siuganov" (German Sjuganow) both read "iuganov"."""
    return key.replace("io", "e").translate(_NO_SIBILANTS)


def is_case_exact(alias: str) -> bool:
    """An all-caps alias of at most ACRONYM_LETTERS letters (MAZ, BPC, NIS, БКК)."""
    letters = [ch for ch in alias if ch.isalpha()]
    return 0 < len(letters) <= ACRONYM_LETTERS and all(ch.isupper() for ch in letters)


def _name_variants(
    words: list[str], forms: list[tuple[str, ...]], short: dict[str, tuple[str, ...]], optional: list[tuple[str, ...]]
) -> list[list[str]]:
    """The name; without a leading or trailing legal form ("BELAVIA OAO"); without an optional
    phrase inside it ("Bank of [the Republic of] Belarus"); with short words (Co)."""
    if len(words) == 1:  # no phrase, legal form or country to leave out of one word
        return [words] + [[abbreviation] for abbreviation in short.get(token_key(words[0]), ())]
    keys = tuple(token_key(w) for w in words)
    variants = [words]
    # (a phrase, form or short word can only be there when its first word is: most names have none)
    firsts = _first_keys(tuple(optional), tuple(forms))
    if not firsts.isdisjoint(keys[1:-1]):
        for phrase in optional:
            n = len(phrase)
            variants += [words[:at] + words[at + n :] for at in range(1, len(keys) - n) if keys[at : at + n] == phrase]
    if "of" in keys or (len(keys) > 1 and keys[0] in english_adjective_codes()):
        for variant in list(variants):
            variants += _country_first(variant) + _adjective_as_country(variant)
    if keys[-1] in _country_last_words():
        variants += _adjective_first(words)
    if not firsts.isdisjoint(keys):
        for form in forms:
            n = len(form)
            if len(keys) > n and keys[:n] == form:
                variants.append(words[n:])
            if len(keys) > n and keys[-n:] == form:
                variants.append(words[:-n])
    variants = [v for v in variants if len(v) > 1 or len(token_key(v[0])) >= MIN_STEM or v is words]
    if not short.keys().isdisjoint(keys):
        for variant in list(variants):
            for n, word in enumerate(variant):
                variants += [
                    variant[:n] + [abbreviation] + variant[n + 1 :] for abbreviation in short.get(token_key(word), ())
                ]
    return variants


@functools.lru_cache(maxsize=4)
def _first_keys(optional: tuple[tuple[str, ...], ...], forms: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The first word keys of the optional phrases and legal forms."""
    return frozenset(p[0] for p in optional + forms if p)


def _country_first(words: list[str]) -> list[list[str]]:
    """English "<head> of [the] <country>" also written "<country> <head>" and "<adjective> <head>":
    "Development Bank of Belarus" as "Belarus Development Bank", "Belarusian Development Bank"."""
    keys = [token_key(w) for w in words]
    if "of" not in keys[1:-1]:
        return []
    at = len(keys) - 2 - keys[-2::-1].index("of")  # the last "of" before the last word
    tail = words[at + 2 :] if keys[at + 1] == token_key("the") else words[at + 1 :]
    code = english_country_codes().get(" ".join(tail))
    if code is None:
        return []
    return [list_words(first) + words[:at] for first in (" ".join(tail), *english_adjectives(code))]


@functools.cache
def _country_last_words() -> dict[str, str]:
    """Key of every one-word name of a country with seeded adjectives (also less its last
    letter, a genitive: Беларуси) → the country's code."""
    found: dict[str, str] = {}
    for code in name_data.country_extras():
        for name in country_names(code):
            if len(list_words(name)) == 1:
                key = token_key(name)
                found.setdefault(key, code)
                found.setdefault(key[:-1], code)
    return found


def _adjective_first(words: list[str]) -> list[list[str]]:
    """A name that ends in a country's name also comes with the country's adjective first, in
    any language: "Альфа-Банк Беларусь" as «Беларускі Альфа-Банк», "Belarusian Alfa-Bank"."""
    code = _country_last_words()[token_key(words[-1])]
    return [list_words(adjective) + words[:-1] for adjective in country_adjectives(code)]


def _adjective_as_country(words: list[str]) -> list[list[str]]:
    """An English country adjective first in a name may also be the country's name:
    "Belarusian Potash Company" as "Belarus Potash Company"."""
    if len(words) < 2:
        return []
    code = english_adjective_codes().get(token_key(words[0]))
    name = english_country_name(code) if code else None
    return [list_words(name) + words[1:]] if name else []


_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
_POSSESSIVE_IN = re.compile(r"\w['\u2019][sS]\b")  # a name with a possessive of its own (Lord's Resistance Army)


def _entity_names(entity: Entity) -> list[tuple[str, str]]:
    names = [(entity.name, "name")] + [(a, "name") for a in entity.aliases]
    if entity.kind == "country" and entity.country:
        names += [(n, "name") for n in country_names(entity.country)]
        names += [(a, "adjective") for a in country_adjectives(entity.country)]
    for name, form in list(names):
        # "Korea Mining Development Trading Corporation (KOMID)": the name without the bracket,
        # and the acronym in the bracket as a name of its own (not "(S)" or "(ANGOLA)")
        inner = _PARENTHESES.findall(name)
        if inner and form == "name":
            rest = _PARENTHESES.sub("", name).strip()
            names += [(rest, "name")] + [(part.strip(), "name") for part in inner if _is_acronym_of(part.strip(), rest)]
    return list(dict.fromkeys((n, f) for n, f in names if list_words(n)))


def _is_acronym_of(part: str, name: str) -> bool:
    """An all-caps word of 2+ letters made of the name's letters in order, starting with its first
    (KOMID: KOrea MIning Development)."""
    if len(list_words(part)) != 1 or not part.isalpha() or not part.isupper() or len(part) < 2:
        return False
    letters = iter("".join(list_words(name)).casefold())
    return part[0].casefold() == name[:1].casefold() and all(ch in letters for ch in part.casefold())


def _bracketed_acronyms(entity: Entity) -> set[str]:
    """Acronyms given in brackets inside a name (KOMID): they match in their case only."""
    return {
        part.strip()
        for name in (entity.name, *entity.aliases)
        for part in _PARENTHESES.findall(name)
        if _is_acronym_of(part.strip(), _PARENTHESES.sub("", name).strip())
    }


def _person_names(
    entity: Entity, names: list[tuple[str, str]], given_names: frozenset[str]
) -> tuple[list[tuple[str, str]], list[str], set[str]]:
    """A person's names as news also write them, the given names, and the derived surnames.

    "Oleg Vladimirovich Deripaska" is also "Oleg Deripaska" and "Deripaska"; "Дерипаска Олег
    Владимирович" also "Олег Дерипаска"; "DERIPASKA, Oleg" also "Oleg DERIPASKA"; with two
    surnames (seeds/names/given_names.toml::customs) "Nicolás Maduro Moros" also "Nicolás Maduro"
    and "Maduro". A surname alone needs customs.surname_letters key letters and must not be a
    known given name.
    """
    customs = name_data.naming_customs()
    particles = {token_key(p) for p in customs.particles}
    father_of = {token_key(p) for p in customs.father_particles}
    patronymic = tuple(token_key(e) for e in customs.patronymic_endings)
    two_surnames = entity.country in customs.two_surnames_countries or (
        entity.country is None and any(ch in customs.two_surnames_letters for ch in entity.name.casefold())
    )
    extra: list[tuple[str, str]] = []
    given: list[str] = []
    surnames: set[str] = set()
    for name, form in names:
        if name.count(",") == 1:  # list style "LAST, First Middle"
            last, first = (part.strip() for part in name.split(","))
            name = f"{first} {last}"
            extra.append((name, form))
        core = [w for w in list_words(name) if len(w) > 1 and token_key(w) not in particles]
        if len(core) < 2:
            continue
        keys = [token_key(w) for w in core]
        is_patronymic = [len(k) > 6 and k.endswith(patronymic) for k in keys]
        written = [token_key(w) for w in list_words(name)]
        if len(written) > 1 and written[-2] in father_of:
            continue  # "Abubakar BIN MOHAMMED": a father's name, no surname
        if len(core) >= 3 and is_patronymic[-1] and not is_patronymic[0]:
            surname, first = core[0], core[1]  # Дерипаска Олег Владимирович
            extra.append((f"{first} {surname}", form))
        else:
            surname, first = core[-1], core[0]
            if len(core) >= 3 and is_patronymic[1]:
                extra.append((f"{first} {surname}", form))  # the patronymic left out
            elif two_surnames and len(core) >= 3:
                surname = core[-2]  # the father's surname; the mother's may be dropped
                extra.append((" ".join(core[:-1]), form))
        given.append(first)
        key = token_key(surname)
        if len(key) >= customs.surname_letters and surname[0].isupper() and key not in given_names:
            surnames.add(surname)
    return extra, given, surnames


def matched_names(entity: Entity) -> tuple[str, ...]:
    """The names the matcher compiles for one entity, as written: its name and aliases, country
    names, bracketed acronyms, and a person's other forms (surname alone, patronymic or second
    surname left out). Inflections and spellings come on top. (A surname alone that another
    watchlist person shares needs the person's given name before it.)"""
    names = _entity_names(entity)
    if entity.kind == "person":
        extra, _given, derived = _person_names(
            entity, names, frozenset(key for group in name_data.given_name_groups() for key in map(token_key, group))
        )
        names = names + extra + [(d, "name") for d in sorted(derived)]
    return tuple(dict.fromkeys(n for n, _ in names))


def compile_names(entities: Iterable[Entity]) -> NameIndex:
    """Build the NameIndex for a watchlist.

    Raises:
        SeedError: a seed table under seeds/names/ is broken.
    """
    nominative = {token_key(e) for table in name_data.endings_by_language().values() for e in table.nominative} - {""}
    index = NameIndex()
    _set_endings(index)
    forms = [tuple(token_key(w) for w in list_words(f)) for f in name_data.legal_forms()]
    short = {token_key(long): forms for long, forms in name_data.short_forms().items()}
    optional = sorted(
        (tuple(token_key(w) for w in list_words(p)) for p in name_data.optional_phrases()), key=len, reverse=True
    )
    stems: defaultdict[str, set[str]] = defaultdict(set)
    short_stems: defaultdict[str, set[str]] = defaultdict(set)
    country_short: set[str] = set()  # words of countries' one-word names that inflect short
    finals: defaultdict[int, dict[tuple[str, str], NameRef]] = defaultdict(dict)
    given_names: set[str] = set()
    spellings: defaultdict[str, set[str]] = defaultdict(set)  # a key that also stands for other ids
    # a given name's spellings share one id ("~" and the group's first key): Дмитро, Dymitr, Dmitry
    canonical = {key: "~" + min(keys) for key, keys in index.given_spellings.items()}
    registered: set[str] = set()
    stem_cache: dict[str, tuple[str, ...]] = {}
    shared_most = name_data.naming_customs().shared_surname_persons
    english_country_keys = {token_key(w) for name in english_country_codes() for w in list_words(name)[:1]}
    adjective_endings = tuple(e.casefold() for e in name_data.adjective_endings())
    suffix_pairs = [
        (token_key(a), token_key(b))
        for group in name_data.word_suffixes()
        for a in group
        for b in group
        if token_key(a) != token_key(b)
    ]
    shared: dict[frozenset[str], frozenset[str]] = {}  # one frozenset per distinct set of given keys
    entities = list(entities)
    persons = {}  # entity number → (names, given names, derived surnames)
    surname_owners: defaultdict[str, set[str]] = defaultdict(set)
    for number, entity in enumerate(entities):
        if entity.kind == "person":
            names = _entity_names(entity)
            extra, given, derived = _person_names(entity, names, index.given_names)
            names = list(dict.fromkeys(names + extra))
            persons[number] = (names, given, derived)
            owned = {token_key(n) for n, _ in names if len(list_words(n)) == 1} | {token_key(d) for d in derived}
            for key in owned:
                surname_owners[key].add(entity.key)
    for number, entity in enumerate(entities):
        person = entity.kind == "person"
        names, given, derived = persons.pop(number) if person else (_entity_names(entity), [], set())
        # a surname alone that two watchlist persons share is neither's ("Lukashenko" for Viktor)
        explicit = {token_key(n) for n, _ in names if len(list_words(n)) == 1}
        # a surname that another watchlist person shares is this person only after their own given
        # name ("Борис и Игорь Ротенберг"); alone it is neither's
        names = names + [
            (d, "surname" if surname_owners[token_key(d)] == {entity.key} else "shared surname")
            for d in sorted(derived)
            if token_key(d) not in explicit and len(surname_owners[token_key(d)]) <= shared_most
        ]
        given_keys = {token_key(w) for w in given}
        given_names |= given_keys
        given_forms = frozenset(spelling for key in given_keys for spelling in index.given_spellings.get(key, {key}))
        person_given = shared.setdefault(given_forms, given_forms)
        initials = frozenset(k[:1] for k in person_given)
        initials = shared.setdefault(initials, initials)
        acronyms = _bracketed_acronyms(entity)
        # lowercase on purpose: persons and countries whose every name ends in a long word
        # (not Oman, whose Latvian Omāna reads as Ukrainian "омана", deception)
        lowercase_ok = (
            entity.kind in ("person", "country")
            and min(len(token_key(list_words(n)[-1])) for n, f in names if f != "adjective") >= index.lowercase_letters
        )
        for alias, form in names:
            exact = alias in entity.exact_case or alias in acronyms or is_case_exact(alias)
            made = form in ("surname", "shared surname")
            shared_surname = form == "shared surname"
            form = "name" if made else form
            written = list_words(alias)
            variants = _name_variants(written, forms, short, optional)
            if not person and 2 <= len(written) <= 4 and written[-2].casefold().endswith(adjective_endings):
                variants.append(written[:-2] + [written[-1], written[-2]])  # Komisja Wyborcza
            for words in variants:
                ids = [_exact_id(w) if exact else token_key(w) for w in words]
                if not all(ids):
                    continue
                for n, (word, word_id) in enumerate(zip(words, ids)):
                    if exact:
                        index.exact[word_id[2:] if word_id.startswith("=^") else word_id[1:]] = word_id
                        continue
                    if person and n < len(words) - 1 and word_id in canonical:
                        ids[n] = canonical[word_id]
                        if ids[n] not in registered:
                            registered.add(ids[n])
                            for spelling in index.given_spellings[word_id]:
                                spellings[spelling].add(ids[n])
                                stems[spelling].add(ids[n])
                                for stem in _stems(spelling, nominative):
                                    stems[stem].add(ids[n])
                        continue
                    hard = hard_c_key(word)  # Sovcomflot also as "sovkomflot" (Совкомфлот)
                    others = [hard] if hard else []
                    others += [
                        key[: -len(src)] + dst
                        for key in (word_id, *others)
                        for src, dst in suffix_pairs
                        if key.endswith(src) and len(key) - len(src) >= SHORT_STEM
                    ]  # Corporation: korporacia
                    if (
                        n == len(words) - 1
                        and n
                        and word.isascii()
                        and len(word_id) >= 5
                        and word_id.endswith("s")
                        and not word_id.endswith(("ss", "us", "is"))
                    ):
                        # an English plural head noun also in the singular: Revolutionary Guard(s)
                        others.append(word_id[:-3] + "i" if word_id.endswith("ies") else word_id[:-1])
                    for other in others:
                        spellings[other].add(word_id)
                    for spelling in (word_id, *others):
                        found = stem_cache.get(spelling)
                        if found is None:
                            found = stem_cache[spelling] = tuple(_stems(spelling, nominative))
                        for stem in found:
                            stems[stem].add(word_id)
                    # short words that still inflect: a country's (Куба → Кубы) and those of a
                    # longer name (Юрий Чиж → Юрыя Чыжа)
                    if SHORT_STEM <= len(word_id) <= MIN_STEM and (len(words) > 1 or entity.kind == "country"):
                        for stem in _stems(word_id, nominative, SHORT_STEM) - {word_id} | (
                            {word_id} if len(word_id) == SHORT_STEM and len(words) > 1 else set()
                        ):
                            short_stems[stem].add(word_id)
                            if entity.kind == "country" and len(words) == 1:
                                country_short.add(word_id)
                surname = person and len(words) == 1 and bool(person_given)
                ref = NameRef(
                    entity.key,
                    alias,
                    form,
                    initials if surname else None,
                    person_given,
                    form == "name" and not exact and any(w[0].isupper() for w in words),
                    lowercase_ok and form == "name" and not exact,
                    made,
                    shared_surname,
                    len(ids) > 1
                    and (
                        ids[0] in english_adjective_codes()
                        or ids[0] in english_country_keys
                        or _POSSESSIVE_IN.search(alias) is not None
                    ),
                )
                finals[_insert(index.goto, ids)].setdefault((entity.key, form), ref)
    index.stems = {k: tuple(sorted(v)) for k, v in stems.items()}
    index.bare = _bare(index.stems, spellings)
    index.roots = {word_id: state for (start, word_id), state in index.goto.items() if start == 0}
    # (a short word that is a name of its own keeps its letters: KOTI of "KOTI CORP", also "KOTI")
    alone = {word_id for word_id, state in index.roots.items() if state in finals} - country_short
    index.skeletons = frozenset(map(reading_skeleton, index.stems))
    index.short_stems = {
        k: v for k, v in ((k, tuple(sorted(w for w in v if w not in alone))) for k, v in short_stems.items()) if v
    }
    index.vowel_stems = _vowel_blind(index.stems)
    index.vowel_bare = _vowel_blind(index.bare)
    for lang in name_data.extra_folding():
        if lang in index.oblique:
            folded = _refold(index.stems, lang)
            index.extra[lang] = (folded, _bare(folded), frozenset(fold_extra(e, lang) for e in index.oblique[lang]))
    index.exact_initials = frozenset(ch for form in index.exact for ch in (form[0], *homoglyphs_of(form[0])))
    index.finals = {state: tuple(refs.values()) for state, refs in finals.items()}
    index.given_names |= given_names
    return index


def _bare(
    stems: dict[str, tuple[str, ...]], spellings: dict[str, set[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """The stems a text word may equal with no ending: whole words (and their other
    `spellings`) and vowel-final stems."""
    bare: defaultdict[str, set[str]] = defaultdict(set)
    for stem, word_ids in stems.items():
        for word_id in word_ids:
            if stem == word_id or stem[-1] in _VOWELS or word_id in (spellings or {}).get(stem, ()):
                bare[stem].add(word_id)
    return {k: tuple(sorted(v)) for k, v in bare.items()}


def _vowel_blind(stems: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """`stems` keyed by vowel class, for stems with VOWEL_BLIND_CONSONANTS+ consonants."""
    blind: defaultdict[str, set[str]] = defaultdict(set)
    for stem, word_ids in stems.items():
        if sum(ch not in _VOWELS for ch in stem) >= VOWEL_BLIND_CONSONANTS:
            blind[vowel_class(stem)].update(word_ids)
    return {k: tuple(sorted(v)) for k, v in blind.items()}


def _refold(stems: dict[str, tuple[str, ...]], lang: str) -> dict[str, tuple[str, ...]]:
    refolded: defaultdict[str, set[str]] = defaultdict(set)
    for stem, word_ids in stems.items():
        refolded[fold_extra(stem, lang)].update(word_ids)
    return {k: tuple(sorted(v)) for k, v in refolded.items()}


def _stems(word_id: str, nominative: set[str], shortest: int = MIN_STEM) -> set[str]:
    """The word, its stems without a dictionary-form ending (`shortest` key letters or more),
    and their consonant alternations."""
    found = {word_id} | {
        word_id[: -len(e)] for e in nominative if word_id.endswith(e) and len(word_id) - len(e) >= shortest
    }
    for stem in list(found):
        for src, dst in name_data.alternations():
            if stem.endswith(src) and len(stem) - len(src) + len(dst) >= shortest:
                found.add(stem[: -len(src)] + dst)
    return found


def _exact_id(word: str) -> str:
    exact = repair_homoglyphs(clean_token(word))
    return ("=^" if exact.isupper() else "=") + exact


def _insert(goto: dict[tuple[int, str], int], ids: list[str]) -> int:
    state = 0
    for word_id in ids:
        nxt = goto.get((state, word_id))
        if nxt is None:
            nxt = goto[(state, word_id)] = len(goto) + 1
        state = nxt
    return state


def _set_endings(index: NameIndex) -> None:
    by_script: defaultdict[str, set[str]] = defaultdict(set)
    written_by_script: defaultdict[str, set[str]] = defaultdict(set)
    # A name may come in another language's dictionary form in any text: "Lukashenka"
    # (Belarusian) in English news for the watchlist's Lukashenko, "Hrodna" for Grodno.
    nominative = {token_key(e) for table in name_data.endings_by_language().values() for e in table.nominative}
    for lang, table in name_data.endings_by_language().items():
        folded = frozenset(token_key(e) for e in table.oblique) | nominative - {""}
        index.oblique[lang] = folded
        by_script[table.script] |= folded
        index.written[lang] = tuple(sorted({e.casefold() for e in table.oblique}, key=len, reverse=True))
        written_by_script[table.script] |= set(index.written[lang])
    index.oblique_by_script = {script: frozenset(e) for script, e in by_script.items()}
    index.vowel_endings = {
        lang: frozenset(map(vowel_class, e))
        for lang, e in index.oblique.items()
        if name_data.endings_by_language()[lang].script == "cyrillic"
    }
    index.vowel_endings[None] = frozenset(map(vowel_class, by_script["cyrillic"]))
    index.vowel_ending_sizes = tuple(sorted({len(e) for e in index.vowel_endings[None]}))
    index.written_by_script = {
        script: tuple(sorted(e, key=len, reverse=True)) for script, e in written_by_script.items()
    }
    index.ending_sizes = tuple(sorted({len(e) for e in by_script["latin"] | by_script["cyrillic"]}))
    titles, function_words, given_groups, index.nouns_capitalised = name_data.person_context()
    index.titles = tuple(sorted({token_key(t) for t in titles}))
    index.function_words = frozenset(token_key(w) for w in function_words)
    for group in given_groups:
        keys = frozenset(token_key(n) for n in group)
        for key in keys:
            index.given_spellings[key] = index.given_spellings.get(key, frozenset()) | keys
    index.given_names = frozenset(index.given_spellings)
    scripts, index.lowercase_letters, common, index.lowercase_not_languages = name_data.lowercase_names()
    index.lowercase_scripts = scripts
    index.particles = frozenset(token_key(p) for p in name_data.naming_customs().particles)
    index.conjunctions = frozenset(token_key(w) for w in name_data.conjunctions())
    index.lowercase_common = frozenset(token_key(w) for w in common)
