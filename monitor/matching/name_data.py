"""Name knowledge read from `seeds/names/`: folding rules, endings, legal forms, person context.

Each table is read once, validated and cached (`functools.cache`); `reset_caches()` clears
them for long-lived processes and tests. A bad file is a `SeedError` naming file and entry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from monitor.errors import SeedError
from monitor.seedfiles import SEEDS_PATH, read_seed_file, seed_strings, shown_path

__all__ = [
    "NAMES_PATH",
    "Endings",
    "NamingCustoms",
    "Transliteration",
    "adjective_endings",
    "alternations",
    "before_romanising",
    "conjunctions",
    "country_extras",
    "endings_by_language",
    "extra_folding",
    "given_name_groups",
    "legal_forms",
    "lowercase_names",
    "naming_customs",
    "optional_phrases",
    "person_context",
    "phonetic_passes",
    "reset_caches",
    "short_forms",
    "transliterations",
    "word_parts",
    "word_suffixes",
]

NAMES_PATH = SEEDS_PATH / "names"
SCRIPTS = ("cyrillic", "latin")


@dataclass(frozen=True)
class Endings:
    """One language's endings, as written (folding happens in monitor/matching/normalize.py)."""

    lang: str
    script: str
    nominative: tuple[str, ...]
    oblique: tuple[str, ...]


@functools.cache
def phonetic_passes() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Ordered folding passes from `seeds/names/phonetic.toml::passes`, longest pattern first."""
    path = NAMES_PATH / "phonetic.toml"
    raw = read_seed_file(path).get("passes")
    if not isinstance(raw, list) or not raw:
        raise SeedError(f"{shown_path(path)}: passes must be a non-empty list of tables")
    passes = []
    for i, table in enumerate(raw):
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise SeedError(f"{shown_path(path)}: passes[{i}] must map strings to strings")
        passes.append(tuple(sorted(table.items(), key=lambda kv: -len(kv[0]))))
    return tuple(passes)


def _string_table(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()
    ):
        raise SeedError(f"{where}: expected a table of strings to strings")
    return dict(value)


@functools.cache
def before_romanising() -> dict[str, str]:
    """Letter replacements made before anyascii (`seeds/names/phonetic.toml::before_romanising`)."""
    path = NAMES_PATH / "phonetic.toml"
    return _string_table(read_seed_file(path).get("before_romanising", {}), f"{shown_path(path)}: before_romanising")


@functools.cache
def extra_folding() -> dict[str, tuple[tuple[str, str], ...]]:
    """Language → extra key replacements, longest first (`seeds/names/phonetic.toml::extra`)."""
    path = NAMES_PATH / "phonetic.toml"
    raw = read_seed_file(path).get("extra", {})
    if not isinstance(raw, dict):
        raise SeedError(f"{shown_path(path)}: extra must be a table of language = {{ from = to }}")
    return {
        lang: tuple(
            sorted(_string_table(table, f"{shown_path(path)}: extra.{lang}").items(), key=lambda kv: -len(kv[0]))
        )
        for lang, table in raw.items()
    }


@functools.cache
def endings_by_language() -> dict[str, Endings]:
    """Every `seeds/names/endings/<lang>.toml`, keyed by language code."""
    found: dict[str, Endings] = {}
    for path in sorted((NAMES_PATH / "endings").glob("*.toml")):
        raw = read_seed_file(path)
        where = shown_path(path)
        unknown = set(raw) - {"script", "nominative", "oblique"}
        if unknown:
            raise SeedError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        script = raw.get("script")
        if script not in SCRIPTS:
            raise SeedError(f"{where}: script is {script!r}; expected one of: {', '.join(SCRIPTS)}")
        found[path.stem] = Endings(
            lang=path.stem,
            script=script,
            nominative=seed_strings(raw.get("nominative", []), f"{where}: nominative"),
            oblique=seed_strings(raw.get("oblique", []), f"{where}: oblique"),
        )
    return found


@functools.cache
def alternations() -> tuple[tuple[str, str], ...]:
    """Stem-final consonant changes from `seeds/names/alternations.toml::alternations`."""
    path = NAMES_PATH / "alternations.toml"
    raw = read_seed_file(path).get("alternations")
    where = f"{shown_path(path)}: alternations"
    if not isinstance(raw, list):
        raise SeedError(f"{where}: expected a list of [from, to] pairs")
    for i, pair in enumerate(raw):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
            raise SeedError(f"{where}[{i}]: expected a pair of non-empty strings, got {pair!r}")
    return tuple((src, dst) for src, dst in raw)


@functools.cache
def legal_forms() -> tuple[str, ...]:
    """Legal-form words from `seeds/names/legal_forms.toml::forms`."""
    path = NAMES_PATH / "legal_forms.toml"
    return seed_strings(read_seed_file(path).get("forms"), f"{shown_path(path)}: forms")


@functools.cache
def optional_phrases() -> tuple[str, ...]:
    """Phrases a long-form name may leave out, from `seeds/names/legal_forms.toml::optional`."""
    path = NAMES_PATH / "legal_forms.toml"
    raw = read_seed_file(path).get("optional", {})
    if not isinstance(raw, dict) or set(raw) - {"phrases"}:
        raise SeedError(f"{shown_path(path)}: optional must be a table with phrases = [...]")
    return seed_strings(raw.get("phrases", []), f"{shown_path(path)}: optional.phrases")


@functools.cache
def word_parts() -> tuple[tuple[str, ...], ...]:
    """Groups of word parts with one meaning, from `seeds/names/word_parts.toml::groups`."""
    path = NAMES_PATH / "word_parts.toml"
    groups = read_seed_file(path).get("groups")
    if not isinstance(groups, list):
        raise SeedError(f"{shown_path(path)}: groups must be a list of lists of word parts")
    return tuple(seed_strings(group, f"{shown_path(path)}: groups[{i}]") for i, group in enumerate(groups))


@functools.cache
def word_suffixes() -> tuple[tuple[str, ...], ...]:
    """Groups of word endings of one meaning (`seeds/names/word_parts.toml::suffixes`)."""
    path = NAMES_PATH / "word_parts.toml"
    groups = read_seed_file(path).get("suffixes", [])
    if not isinstance(groups, list):
        raise SeedError(f"{shown_path(path)}: suffixes must be a list of lists of word endings")
    return tuple(seed_strings(group, f"{shown_path(path)}: suffixes[{i}]") for i, group in enumerate(groups))


@functools.cache
def adjective_endings() -> tuple[str, ...]:
    """Endings of adjectives that Polish puts after the noun (`seeds/names/word_parts.toml`)."""
    path = NAMES_PATH / "word_parts.toml"
    return seed_strings(read_seed_file(path).get("adjective_endings", []), f"{shown_path(path)}: adjective_endings")


@functools.cache
def short_forms() -> dict[str, tuple[str, ...]]:
    """Long word → its short forms, from `seeds/names/legal_forms.toml::short`."""
    path = NAMES_PATH / "legal_forms.toml"
    raw = read_seed_file(path).get("short", {})
    if not isinstance(raw, dict):
        raise SeedError(f"{shown_path(path)}: short must be a table of word = [short forms]")
    return {word: seed_strings(forms, f"{shown_path(path)}: short.{word}") for word, forms in raw.items()}


@functools.cache
def person_context() -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...], frozenset[str]]:
    """(titles, function_words, given_names, nouns_capitalised) from `seeds/names/person_context.toml`
    and `seeds/names/given_names.toml::groups`.

    `given_names` is a tuple of groups, each the spellings of one name.
    """
    path = NAMES_PATH / "person_context.toml"
    raw = read_seed_file(path)
    where = shown_path(path)
    titles = seed_strings(raw.get("titles"), f"{where}: titles")
    function_words = seed_strings(raw.get("function_words"), f"{where}: function_words")
    nouns_capitalised = frozenset(seed_strings(raw.get("nouns_capitalised", []), f"{where}: nouns_capitalised"))
    return titles, function_words, given_name_groups(), nouns_capitalised


@functools.cache
def conjunctions() -> tuple[str, ...]:
    """Words joining two given names before one surname (`seeds/names/person_context.toml`)."""
    path = NAMES_PATH / "person_context.toml"
    return seed_strings(read_seed_file(path).get("conjunctions", []), f"{shown_path(path)}: conjunctions")


@functools.cache
def given_name_groups() -> tuple[tuple[str, ...], ...]:
    """The spellings of each given name across languages (`seeds/names/given_names.toml::groups`)."""
    path = NAMES_PATH / "given_names.toml"
    where = shown_path(path)
    groups = read_seed_file(path).get("groups")
    if not isinstance(groups, list) or not groups:
        raise SeedError(f"{where}: groups must be a non-empty list of lists of spellings")
    return tuple(seed_strings(group, f"{where}: groups[{i}]") for i, group in enumerate(groups))


@dataclass(frozen=True)
class NamingCustoms:
    """How personal names are built (`seeds/names/given_names.toml::customs`)."""

    surname_letters: int
    shared_surname_persons: int
    particles: tuple[str, ...]
    father_particles: tuple[str, ...]
    patronymic_endings: tuple[str, ...]
    two_surnames_countries: frozenset[str]
    two_surnames_letters: str


@functools.cache
def naming_customs() -> NamingCustoms:
    """The [customs] table of `seeds/names/given_names.toml`."""
    path = NAMES_PATH / "given_names.toml"
    where = f"{shown_path(path)}: customs"
    raw = read_seed_file(path).get("customs")
    if not isinstance(raw, dict):
        raise SeedError(f"{where}: expected a [customs] table")
    known = {
        "surname_letters",
        "shared_surname_persons",
        "particles",
        "father_particles",
        "patronymic_endings",
        "two_surnames_countries",
        "two_surnames_letters",
    }
    if set(raw) - known:
        raise SeedError(f"{where}: unknown key {sorted(set(raw) - known)[0]!r}")
    for number in ("surname_letters", "shared_surname_persons"):
        value = raw.get(number)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SeedError(f"{where}: {number} must be a positive integer, got {value!r}")
    two_letters = raw.get("two_surnames_letters", "")
    if not isinstance(two_letters, str):
        raise SeedError(f"{where}: two_surnames_letters must be a string, got {two_letters!r}")
    return NamingCustoms(
        surname_letters=raw["surname_letters"],
        shared_surname_persons=raw["shared_surname_persons"],
        particles=seed_strings(raw.get("particles", []), f"{where}.particles"),
        father_particles=seed_strings(raw.get("father_particles", []), f"{where}.father_particles"),
        patronymic_endings=seed_strings(raw.get("patronymic_endings", []), f"{where}.patronymic_endings"),
        two_surnames_countries=frozenset(
            seed_strings(raw.get("two_surnames_countries", []), f"{where}.two_surnames_countries")
        ),
        two_surnames_letters=two_letters,
    )


@functools.cache
def lowercase_names() -> tuple[frozenset[str], int, tuple[str, ...], frozenset[str]]:
    """(scripts, min_letters, common_words, not_languages) from `seeds/names/lowercase.toml`."""
    path = NAMES_PATH / "lowercase.toml"
    where = shown_path(path)
    raw = read_seed_file(path)
    known = {"scripts", "min_letters", "common_words", "not_languages"}
    if set(raw) - known:
        raise SeedError(f"{where}: unknown key {sorted(set(raw) - known)[0]!r}")
    scripts = frozenset(seed_strings(raw.get("scripts", []), f"{where}: scripts"))
    if scripts - set(SCRIPTS):
        raise SeedError(f"{where}: scripts has {sorted(scripts - set(SCRIPTS))[0]!r}; expected: {', '.join(SCRIPTS)}")
    letters = raw.get("min_letters")
    if not isinstance(letters, int) or isinstance(letters, bool) or letters < 1:
        raise SeedError(f"{where}: min_letters must be a positive integer, got {letters!r}")
    return (
        scripts,
        letters,
        seed_strings(raw.get("common_words", []), f"{where}: common_words"),
        frozenset(seed_strings(raw.get("not_languages", []), f"{where}: not_languages")),
    )


@dataclass(frozen=True)
class Transliteration:
    """One transliteration system of Cyrillic names (`seeds/names/transliteration.toml`)."""

    name: str
    languages: frozenset[str]
    letters: str
    read: tuple[tuple[str, tuple[str, ...]], ...]  # pattern ("$" ends a word) → its readings
    vowels_any: bool


@functools.cache
def transliterations() -> tuple[Transliteration, ...]:
    """Every system of `seeds/names/transliteration.toml`, in file order."""
    path = NAMES_PATH / "transliteration.toml"
    where = shown_path(path)
    systems = []
    for name, table in read_seed_file(path).items():
        here = f"{where}: [{name}]"
        if not isinstance(table, dict) or set(table) - {"languages", "letters", "read", "vowels"}:
            raise SeedError(f"{here} may only have languages, letters, read and vowels")
        letters = table.get("letters", "")
        if not isinstance(letters, str):
            raise SeedError(f"{here}: letters must be a string, got {letters!r}")
        vowels = table.get("vowels", "same")
        if vowels not in ("same", "any"):
            raise SeedError(f"{here}: vowels is {vowels!r}; expected same or any")
        read = table.get("read")
        if not isinstance(read, dict) or not read:
            raise SeedError(f"{here}: read must be a table of pattern = reading or [readings]")
        rules = []
        for pattern, value in read.items():
            value = [value] if isinstance(value, str) else value
            if (
                not pattern.rstrip("$")
                or not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) for v in value)
            ):
                raise SeedError(f"{here}: read.{pattern} must be a string or a list of strings, got {read[pattern]!r}")
            rules.append((pattern.casefold(), tuple(value)))
        systems.append(
            Transliteration(
                name,
                frozenset(seed_strings(table.get("languages", []), f"{here}: languages")),
                letters.casefold(),
                tuple(rules),
                vowels == "any",
            )
        )
    return tuple(systems)


@functools.cache
def country_extras() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Country code → (other names, adjectives) from `seeds/names/countries.toml`."""
    path = NAMES_PATH / "countries.toml"
    where = shown_path(path)
    extras = {}
    for code, table in read_seed_file(path).items():
        if not isinstance(table, dict) or set(table) - {"names", "adjectives"}:
            raise SeedError(f"{where}: [{code}] may only have names and adjectives")
        extras[code] = (
            seed_strings(table.get("names", []), f"{where}: {code}.names"),
            seed_strings(table.get("adjectives", []), f"{where}: {code}.adjectives"),
        )
    return extras


def reset_caches() -> None:
    """Forget every cached table, so edited seed files are read again."""
    for loader in (
        phonetic_passes,
        before_romanising,
        extra_folding,
        endings_by_language,
        alternations,
        legal_forms,
        optional_phrases,
        short_forms,
        person_context,
        word_parts,
        country_extras,
        given_name_groups,
        naming_customs,
        lowercase_names,
        conjunctions,
        transliterations,
        word_suffixes,
        adjective_endings,
    ):
        loader.cache_clear()
