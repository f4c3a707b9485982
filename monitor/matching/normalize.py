"""Small pure `str -> str` steps that turn a word into a comparison key, composed in `token_key`.

A name and a word of news meet when their keys are equal (or share a stem, see
monitor/matching/match.py). The key is built per token, so offsets into the original text stay exact:

    clean_token      NFKC, drop soft hyphens, zero-width and combining marks (stress accents)
    repair_homoglyphs Latin letters inside a Cyrillic word and the reverse ("Бeлавиа")
    fold_case        casefold (ß → ss)
    latinize         anyascii romanisation (no ICU), letters and digits only
    fold_phonetic    seeds/names/phonetic.toml::passes, doubled letters collapsed
    fold_word_parts  seeds/names/word_parts.toml: нафта → нефть inside any word

`vowel_class` blurs a key further (which vowel, not where) for the matcher's last resort.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator

from anyascii import anyascii

from monitor.matching import name_data

__all__ = [
    "HARD_C_LETTERS",
    "clean_token",
    "fold_case",
    "fold_extra",
    "fold_phonetic",
    "fold_word_parts",
    "hard_c_key",
    "homoglyphs_of",
    "iter_tokens",
    "latinize",
    "list_words",
    "repair_homoglyphs",
    "reset_caches",
    "token_key",
    "token_script",
    "transliteration_readings",
    "vowel_class",
]

# A token starts with a letter or digit and runs on over letters, digits, underscores and the
# marks and invisible joiners found inside words (stress accents, soft hyphens). The English
# possessive "s" after an apostrophe is no word of its own (Belarus's Development Bank).
_TOKEN = re.compile(
    r"[^\W_](?<!['\u2019][sS](?![\w\u0300-\u036f\u00ad\u200b-\u200d\u2060]))[\w\u0300-\u036f\u00ad\u200b-\u200d\u2060]*"
)
# Soft hyphen, zero-width characters and the combining diacritics left after NFKC (stress marks).
_INVISIBLE = re.compile(
    r"[\u00ad\u200b-\u200d\u2060\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_HAS_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS_BLANK = str.maketrans("aeiou", "_____")
# English and Romance spelling: c before a back vowel, l, r, t or k reads k; in words of at
# least HARD_C_LETTERS letters (a short word's key is shared by too many spellings).
HARD_C_LETTERS = 5
_HARD_C = re.compile(r"c(?=[aouklrt])")

# Latin letter → the Cyrillic letter drawn the same (and the reverse), for mixed-script words.
_LATIN_TO_CYRILLIC = dict(zip("aceopxyiABCEHKMOPTXYIk", "асеорхуіАВСЕНКМОРТХУІк"))
_CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items()}


def iter_tokens(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` (runs of letters and digits) with their offsets."""
    return _TOKEN.finditer(text)


def list_words(text: str) -> list[str]:
    """The words of `text`, as `iter_tokens` finds them, without offsets (faster)."""
    return _TOKEN.findall(text)


def clean_token(token: str) -> str:
    """NFKC, then drop soft hyphens, zero-width characters and combining marks (stress)."""
    token = unicodedata.normalize("NFKC", token)
    return token if token.isascii() else _INVISIBLE.sub("", token)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def repair_homoglyphs(token: str) -> str:
    """Replace look-alike letters of the other script when one script clearly owns the word.

    "Бeлавиа" (Latin e) becomes all Cyrillic; "Belаvia" (Cyrillic а) all Latin. A word with
    letters found only in Cyrillic and only in Latin at once is left alone.
    """
    if token.isascii() or not _HAS_LATIN.search(token) or not _HAS_CYRILLIC.search(token):
        return token
    cyrillic_only = latin_only = has_latin = has_cyrillic = False
    for ch in token:
        if _is_cyrillic(ch):
            has_cyrillic = True
            cyrillic_only = cyrillic_only or ch not in _CYRILLIC_TO_LATIN
        elif ch.isascii() and ch.isalpha():
            has_latin = True
            latin_only = latin_only or ch not in _LATIN_TO_CYRILLIC
        elif ch.isalpha():
            latin_only = True  # ł, ś, ä ...: a Latin-script word
    if has_latin and cyrillic_only and not latin_only:
        return "".join(_LATIN_TO_CYRILLIC.get(ch, ch) for ch in token)
    if has_cyrillic and latin_only and not cyrillic_only:
        return "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in token)
    return token


def homoglyphs_of(letter: str) -> tuple[str, ...]:
    """The letters of the other script drawn like `letter` (Latin "M" → Cyrillic "М")."""
    other = _LATIN_TO_CYRILLIC.get(letter) or _CYRILLIC_TO_LATIN.get(letter)
    return (other,) if other else ()


def fold_case(text: str) -> str:
    """Casefold: case-insensitive comparison in every script (ß → ss, Σ/σ/ς → σ)."""
    return text.casefold()


@functools.cache
def _before_romanising() -> dict[int, str]:
    return str.maketrans(name_data.before_romanising())


def latinize(text: str) -> str:
    """Romanise with anyascii and keep lowercase ASCII letters and digits only.

    Letters listed in seeds/names/phonetic.toml::before_romanising are replaced first (ў → в).
    """
    if not text.isascii():
        text = anyascii(text.translate(_before_romanising()))
    text = text.lower()
    return text if text.isalnum() else _NOT_ALNUM.sub("", text)  # ASCII by now


_Step = tuple[re.Pattern[str], tuple[tuple[str, str], ...]] | dict[int, str]


@functools.cache
def _phonetic_steps() -> tuple[_Step, ...]:
    """Each pass as a translation table (single letters) or replacements, longest first, with a
    regex that finds whether any of them applies (most words need none)."""
    steps: list[_Step] = []
    for rules in name_data.phonetic_passes():
        if all(len(src) == 1 for src, _ in rules):
            steps.append(str.maketrans(dict(rules)))
        else:
            steps.append((re.compile("|".join(re.escape(src) for src, _ in rules)), rules))
    return tuple(steps)


def fold_phonetic(key: str) -> str:
    """Fold spelling variants of a romanised word (seeds/names/phonetic.toml::passes).

    Args:
        key: lowercase ASCII letters and digits, as `latinize` returns.

    Returns:
        The key with letter classes merged and doubled letters collapsed:
        "lukaschenko" → "lukasenko", "bielaruskalij" → "belaruskali".
    """
    for number, step in enumerate(_phonetic_steps()):
        if isinstance(step, dict):
            key = key.translate(step)
        elif step[0].search(key):
            for src, dst in step[1]:
                if src in key:
                    key = key.replace(src, dst)
        if number >= 1 and _DOUBLED.search(key):
            key = _DOUBLED.sub(r"\1", key)
    return key


def fold_extra(key: str, lang: str) -> str:
    """The extra folding of `lang` (seeds/names/phonetic.toml::extra), on top of `fold_phonetic`.

    Args:
        key: a key from `token_key` (or a stem or ending of one).
        lang: language code; a language without extra folding leaves the key as it is.

    Returns:
        "grodno" → "gradna" for "be"; doubled letters collapsed again.
    """
    rules = name_data.extra_folding().get(lang)
    if not rules:
        return key
    for src, dst in rules:
        key = key.replace(src, dst)
    return _DOUBLED.sub(r"\1", key)


@functools.cache
def _word_parts() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One regex over every member key of seeds/names/word_parts.toml and its replacement."""
    replace: dict[str, str] = {}
    for group in name_data.word_parts():
        keys = [fold_phonetic(latinize(fold_case(part))) for part in group]
        replace.update({key: keys[0] for key in keys[1:] if key and key != keys[0]})
    if not replace:
        return None
    return re.compile("|".join(map(re.escape, sorted(replace, key=len, reverse=True)))), replace


def fold_word_parts(key: str) -> str:
    """Replace word parts of one meaning by one spelling (seeds/names/word_parts.toml).

    "rosnafta" → "rosnefta" (Ukrainian нафта, Russian нефть); doubled letters collapsed again.
    """
    table = _word_parts()
    if table is None:
        return key
    pattern, replace = table
    if pattern.search(key) is None:
        return key
    return _DOUBLED.sub(r"\1", pattern.sub(lambda m: replace[m.group()], key))


_MAX_READINGS = 4


@functools.cache
def _reading_pattern(system: str) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One regex over a system's patterns, longest first ("au$" only at a word's end)."""
    rules = dict(next(s.read for s in name_data.transliterations() if s.name == system))
    ordered = sorted(rules, key=lambda p: len(p.rstrip("$")), reverse=True)
    pattern = "|".join(re.escape(p[:-1]) + "$" if p.endswith("$") else re.escape(p) for p in ordered)
    return re.compile(pattern), rules


def transliteration_readings(word: str, system: str) -> list[str]:
    """The word read back under a transliteration system (seeds/names/transliteration.toml) into
    English-style romanisation: German "Sjuganow" → "zjuganow" (and the other readings of its s),
    Kazakh "Belarýs" → "belarus". Casefolded; at most 4; the word itself is left out.
    """
    lower = fold_case(clean_token(word))
    pattern, rules = _reading_pattern(system)
    pieces: list[tuple[str, ...]] = []
    at = 0
    for found in pattern.finditer(lower):
        text = found.group()
        pieces += [
            (lower[at : found.start()],),
            rules.get(text + "$", ()) if found.end() == len(lower) and text + "$" in rules else rules[text],
        ]
        at = found.end()
    if not pieces:
        return []
    pieces.append((lower[at:],))
    readings = ("".join(parts) for parts in itertools.product(*pieces))
    return [r for r in itertools.islice(readings, _MAX_READINGS) if r != lower]


def hard_c_key(word: str) -> str | None:
    """The key of a Latin word read with English hard c (Sovcomflot → "sovkomflot"), if it differs.

    The plain key reads c as ц/ч (Polish, Lithuanian, Czech spelling): both readings are kept
    by the matcher, so "Sovcomflot" meets Совкомфлот and "Cukrownia" still meets Цукровня.
    """
    folded = fold_case(word)
    if "c" not in folded or not folded.isascii() or len(folded) < HARD_C_LETTERS:
        return None
    hard = _HARD_C.sub("k", folded)
    return token_key(hard) if hard != folded else None


def vowel_class(key: str) -> str:
    """The key with every vowel written "_": which vowel it was no longer counts, where it was does.

    Ukrainian and Belarusian write і, и, а where Russian writes е, о, и in one name
    (Білоруськалій, Беларуськалий: both "b_l_r_sk_l_"); the matcher compares such keys
    only for Cyrillic words and stems of 4+ consonants. "нефтяных" ("n_ft__n_c") stays apart
    from Naftan.
    """
    return key.translate(_VOWELS_BLANK)


@functools.lru_cache(maxsize=131_072)
def token_key(token: str) -> str:
    """The comparison key of one word: clean, repair, casefold, romanise, fold."""
    return fold_word_parts(fold_phonetic(latinize(fold_case(repair_homoglyphs(clean_token(token))))))


def token_script(token: str) -> str:
    """ "cyrillic", "latin" or "other": the script whose endings apply to this word."""
    for ch in token:
        if ch.isalpha():
            if _is_cyrillic(ch):
                return "cyrillic"
            return "latin" if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") else "other"
    return "other"


def reset_caches() -> None:
    """Forget cached tables and keys (after editing seeds/names/)."""
    name_data.reset_caches()
    _phonetic_steps.cache_clear()
    _before_romanising.cache_clear()
    _word_parts.cache_clear()
    _reading_pattern.cache_clear()
    token_key.cache_clear()
