"""Read and validate the cue files under `seeds/cues/` into compiled `CueBook`s.

Every language is one file, `seeds/cues/<lang>.toml` (adding a language is adding a file):
`lang`, `script`, detection hints (`letters`, `not_letters`, `stopwords`, `prior`), `months`,
`effective` words, `abbreviations`, year words, `country_modifies_next` (may a country name
modify the next word, "Belarus potash"; default true), and a `[cues]` table of categories
(`monitor/classification/classify.py` says what each does). `seeds/cues/common.toml` is merged into every
language; `seeds/cues/jurisdictions.toml` names the acting authorities in all languages.
Books are built once (`functools.cache`); `reset_caches()` forgets them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from monitor.classification.cues import CATEGORIES, JURISDICTIONS, CueBook, CuePattern, parse_entry, tokenize
from monitor.errors import SeedError
from monitor.seedfiles import SEEDS_PATH, read_seed_file

__all__ = ["CUES_PATH", "available_languages", "load_actors", "load_cuebook", "reset_caches"]

CUES_PATH = SEEDS_PATH / "cues"
# categories read only by the classifier (monitor/classification/classify.py, monitor/classification/actors.py)
_CLASSIFIER_CATEGORIES = ("follows", "including", "not_target_before", "relation", "relation_after")


def _cue_patterns(raw: Mapping[str, Any], label: str) -> list[CuePattern]:
    cues = raw.get("cues", {})
    if not isinstance(cues, dict):
        raise SeedError(f"{label}: [cues] must be a table")
    patterns = []
    for category, entries in cues.items():
        if category not in CATEGORIES + _CLASSIFIER_CATEGORIES:
            raise SeedError(f"{label}: unknown cue category {category!r}")
        if not isinstance(entries, list):
            raise SeedError(f"{label}: {category} must be a list")
        patterns += [parse_entry(e, f"{label}: {category}[{i}]", category) for i, e in enumerate(entries)]
    return patterns


def _str_list(raw: Mapping[str, Any], key: str, label: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SeedError(f"{label}: {key} must be a list of non-empty strings")
    return tuple(v.lower() for v in value)


def _words(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Words written as stems ("котор") or exact ("die$"): (the exact words, the stems)."""
    return (frozenset(e[:-1] for e in entries if e.endswith("$")), tuple(e for e in entries if not e.endswith("$")))


def _flag(raw: Mapping[str, Any], key: str, label: str, default: bool = True) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise SeedError(f"{label}: {key} must be true or false")
    return value


def _months(raw: Mapping[str, Any], label: str) -> tuple[tuple[str, ...], ...]:
    months = raw.get("months")
    if not isinstance(months, list) or len(months) != 12:
        raise SeedError(f"{label}: months must list the 12 months (stems)")
    out = []
    for i, m in enumerate(months):
        forms = [m] if isinstance(m, str) else m
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f for f in forms):
            raise SeedError(f"{label}: months[{i}] must be a stem or a list of stems")
        out.append(tuple(f.lower() for f in forms))
    return tuple(out)


@functools.cache
def load_cuebook(lang: str, folder: Path = CUES_PATH) -> CueBook:
    """The compiled cue book of `lang` (with `common.toml` merged in).

    Raises:
        SeedError: the file is missing or an entry is wrong (the message names file and entry).
    """
    path = folder / f"{lang}.toml"
    raw = read_seed_file(path, "cue file")
    label = f"seeds/cues/{path.name}" if folder == CUES_PATH else str(path)
    if raw.get("lang") != lang:
        raise SeedError(f"{label}: lang must be {lang!r}")
    script = raw.get("script")
    if script not in ("latin", "cyrillic"):
        raise SeedError(f'{label}: script must be "latin" or "cyrillic"')
    patterns = _cue_patterns(raw, label)
    common = folder / "common.toml"
    if common.exists():
        patterns += _cue_patterns(read_seed_file(common, "cue file"), "seeds/cues/common.toml")
    for key in ("letters", "not_letters"):
        if not isinstance(raw.get(key, ""), str):
            raise SeedError(f"{label}: {key} must be a string")
    prior = raw.get("prior", 0)
    if not isinstance(prior, (int, float)) or isinstance(prior, bool):
        raise SeedError(f"{label}: prior must be a number")
    meta = {
        "script": script,
        "prior": float(prior),
        "letters": frozenset(raw.get("letters", "").lower()),
        "not_letters": frozenset(raw.get("not_letters", "").lower()),
        "stopwords": frozenset(_str_list(raw, "stopwords", label)),
        "abbreviations": frozenset(_str_list(raw, "abbreviations", label)),
        "months": _months(raw, label),
        "effective": _str_list(raw, "effective", label),
        "effective_after": _str_list(raw, "effective_after", label),
        "year_before": frozenset(_str_list(raw, "year_before", label)),
        "year_after": frozenset(_str_list(raw, "year_after", label)),
        "active_endings": _str_list(raw, "active_endings", label),
        "negation_prefixes": _str_list(raw, "negation_prefixes", label),
        "country_modifies_next": _flag(raw, "country_modifies_next", label),
        # "last week's lifting", "недавнее снятие": words right before a change that date it as done
        "restated": tuple(tuple(tokenize(e).low) for e in _str_list(raw, "restated", label)),
        # "both companies", "обох компаній": all the companies the previous sentence named
        "prolong": _str_list(raw, "prolong", label),
        "self_action": _str_list(raw, "self_action", label),
        # the shallow parse (monitor/classification/structure.py): prepositions that make a name an attribute
        "attribute_before": frozenset(_str_list(raw, "attribute_before", label)),
        "relative_words": _words(_str_list(raw, "relative_words", label)),
        "plural_genitive": _str_list(raw, "plural_genitive", label),
        "determiners": frozenset(_str_list(raw, "determiners", label)),
        "participle_endings": _str_list(raw, "participle_endings", label),
        "list_openers": frozenset(_str_list(raw, "list_openers", label)),
        "court_bodies": _str_list(raw, "court_bodies", label),
        "place_before": frozenset(_str_list(raw, "place_before", label)),
        "instrumental_before": frozenset(_str_list(raw, "instrumental_before", label)),
        "instrumental_endings": _str_list(raw, "instrumental_endings", label),
        # "Гэта X і Y", "To X, Y i Z": a demonstrative opening a sentence of names continues a list
        "continuation_first": frozenset(_str_list(raw, "continuation_first", label)),
        "genitive_first": _flag(raw, "genitive_first", label, False),
        "genitive_after": _flag(raw, "genitive_after", label, False),
        "nouns_capitalized": _flag(raw, "nouns_capitalized", label, False),
        "plural_anaphora": tuple(tuple(tokenize(e).low) for e in _str_list(raw, "plural_anaphora", label)),
    }
    return CueBook(lang, patterns, meta)


@functools.cache
def load_actors(folder: Path = CUES_PATH) -> CueBook:
    """The actor names of `jurisdictions.toml`; a hit's category is "JURISDICTION:COUNTRY".

    Raises:
        SeedError: the file is missing or an actor entry is wrong.
    """
    raw = read_seed_file(folder / "jurisdictions.toml", "cue file")
    label = "seeds/cues/jurisdictions.toml"
    actors = raw.get("actor")
    if not isinstance(actors, list) or not actors:
        raise SeedError(f"{label}: write the actors as [[actor]] tables")
    patterns = []
    for n, actor in enumerate(actors):
        where = f"{label}: actor[{n}]"
        jur, country = actor.get("jurisdiction"), actor.get("country", "")
        if jur not in JURISDICTIONS:
            raise SeedError(f"{where}: jurisdiction {jur!r} is not one of {', '.join(JURISDICTIONS)}")
        if not isinstance(country, str):
            raise SeedError(f"{where}: country must be a string")
        names = actor.get("names")
        if not isinstance(names, list) or not names:
            raise SeedError(f"{where}: names must be a non-empty list")
        patterns += [parse_entry(e, f"{where}.names[{i}]", f"{jur}:{country}") for i, e in enumerate(names)]
    return CueBook("actors", patterns)


@functools.cache
def available_languages(folder: Path = CUES_PATH) -> tuple[str, ...]:
    """Languages with a cue file, sorted."""
    skip = {"common", "jurisdictions"}
    return tuple(sorted(p.stem for p in folder.glob("*.toml") if p.stem not in skip))


def reset_caches() -> None:
    """Forget compiled books (tests, or a long-lived process after editing seeds)."""
    load_cuebook.cache_clear()
    load_actors.cache_clear()
    available_languages.cache_clear()
