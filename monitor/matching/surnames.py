"""Whether a person's one-word alias (a surname) in a text is that person.

"Viktor Lukashenko", "V. Lukashenko" and, list style, "LUKASHENKA, Viktar" are another person
than Alexander Lukashenko; "President Lukashenko", "А. Г. Лукашенко", "Аляксандар Лукашэнка"
and «Режим Лукашенка ...» are him. The knowledge (titles, function words, given names grouped
by spelling) is in seeds/names/person_context.toml, compiled into the NameIndex.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from monitor.matching.name_index import NameIndex, NameRef
from monitor.matching.normalize import token_key

__all__ = ["NameTokens", "surname_stands"]

_AFTER_SURNAME = re.compile(r",?[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?\n]")
_SENTENCE_OPENER = re.compile(r"[.!?:;\n«“„\"(\[]\W*$")
_NO_VOWELS = str.maketrans("", "", "aeiou")
_INITIAL_GAP = re.compile(r"\.\s*")
_PATRONYMIC_ENDS = ("vic", "vna", "ic", "icna")  # keys of -vich, -vna, -ich, -ichna (Ильич, Ильинична)


@dataclass(frozen=True)
class NameTokens:
    """The words of one text: offsets and raw strings, index for index."""

    text: str
    spans: list[tuple[int, int]]
    raws: list[str]


def _given_forms(key: str) -> set[str]:
    """A key and the same less a short case ending, to find inflected given names (Олександра)."""
    return {key} | {key[:-n] for n in (1, 2, 3) if len(key) - n >= 3}


def _list_style(tokens: NameTokens, at: int) -> bool:
    """Whether "SURNAME, Given" at word `at` reads as a list entry, not an enumeration: the
    surname in capitals, or the given name followed by a patronymic (…vich, …vna)."""
    if tokens.raws[at].isupper():
        return True
    after = tokens.raws[at + 2] if at + 2 < len(tokens.raws) else ""
    return token_key(after).endswith(_PATRONYMIC_ENDS)


def _is_initial(tokens: NameTokens, at: int, gap: str) -> bool:
    """Whether word `at` is an initial ("A." before the next word, `gap` being what follows it)."""
    raw = tokens.raws[at]
    return len(raw) == 1 and raw.isupper() and _INITIAL_GAP.fullmatch(gap) is not None


def _consonants(key: str) -> str:
    """The consonants of a key: Aleksandar, Aliaksandr and Oleksandr all read "lksndr"."""
    return key.translate(_NO_VOWELS)


def _starts_sentence(tokens: NameTokens, at: int) -> bool:
    """Whether word `at` opens its text, line, sentence or quotation (capitalised anyway)."""
    before = tokens.text[tokens.spans[at - 1][1] if at else 0 : tokens.spans[at][0]]
    return at == 0 or bool(_SENTENCE_OPENER.search(before))


def _title_case(tokens: NameTokens, at: int) -> bool:
    """Whether the sentence of word `at` is a Title Case headline.

    Counts the words of 4+ letters other than the two at `at - 1` and `at`: at least two, and
    all capitalised.
    """
    text, spans = tokens.text, tokens.spans
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, spans[at][0])), default=0)
    stop_match = _SENTENCE_END.search(text, spans[at][1])
    stop = stop_match.start() if stop_match else len(text)
    words = [
        raw
        for n, ((s, e), raw) in enumerate(zip(spans, tokens.raws))
        if start <= s and e <= stop and n not in (at - 1, at) and len(raw) >= 4 and raw.isalpha()
    ]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _own_given_before(tokens: NameTokens, i: int, ref: NameRef) -> bool:
    """Whether one of the three words before word `i` is the person's own given name, in any
    listed spelling or case, or with its consonants ("Аляксандар", "Борис и Игорь Ротенберг")."""
    own = _own_consonants(ref.given_keys)
    return any(
        _given_forms(key) & ref.given_keys or {f[:1] + _consonants(f) for f in _given_forms(key)} & own
        for key in map(token_key, tokens.raws[max(0, i - 3) : i])
    )


@functools.lru_cache(maxsize=4096)
def _own_consonants(given_keys: frozenset[str]) -> frozenset[str]:
    """First letter and consonants of each spelling of a person's given names (few distinct sets)."""
    return frozenset(key[:1] + _consonants(key) for key in given_keys)


def surname_stands(
    index: NameIndex,
    tokens: NameTokens,
    i: int,
    ref: NameRef,
    nouns_capitalised: bool,
    is_name: Callable[[str], object],
) -> bool:
    """False when a one-word person alias stands next to a different given name or initial.

    Args:
        index: the compiled watchlist (given names, titles, function words).
        tokens: the text's words.
        i: the word that matched `ref`, a person's one-word alias.
        nouns_capitalised: the text's language capitalises every noun (German).
        is_name: whether a word is a watchlist word ("Belarus Lukashenko" is no given name).
    """
    if i + 1 < len(tokens.raws) and _AFTER_SURNAME.fullmatch(tokens.text, tokens.spans[i][1], tokens.spans[i + 1][0]):
        following = token_key(tokens.raws[i + 1])
        if (
            following in index.given_names
            and following not in ref.given_keys
            and ("," not in tokens.text[tokens.spans[i][1] : tokens.spans[i + 1][0]] or _list_style(tokens, i))
        ):
            return False  # "Лукашенко Виктор", "LUKASHENKA, Viktar"; not "Lukashenko, Donald Trump"
    if ref.ambiguous:  # a surname two watchlist persons share: only after an own given name
        return _own_given_before(tokens, i, ref)
    if i == 0:
        return True
    prev = tokens.raws[i - 1]
    gap = tokens.text[tokens.spans[i - 1][1] : tokens.spans[i][0]]
    initials = ref.given_initials or frozenset()
    if _is_initial(tokens, i - 1, gap):
        first = i - 1  # "A. G. Lukashenko": the given name's initial comes first
        while (
            first > 0
            and i - first < 2
            and _is_initial(tokens, first - 1, tokens.text[tokens.spans[first - 1][1] : tokens.spans[first][0]])
        ):
            first -= 1
        return token_key(tokens.raws[first])[:1] in initials
    if not gap.isspace() or not (prev[0].isupper() and any(ch.islower() for ch in prev[1:])):
        return True
    prev_key = token_key(prev)
    if prev_key in index.particles:  # "Murillo De Ortega": a particle inside another person's name
        return (
            _own_given_before(tokens, i, ref)
            or i < 2
            or not tokens.raws[i - 2][:1].isupper()
            or _starts_sentence(tokens, i - 2)
        )
    if prev_key in index.function_words or any(
        prev_key.startswith(t) and len(prev_key) - len(t) <= 3 for t in index.titles
    ):
        return True  # "President Lukashenko", "Then Lukashenko"
    if _own_given_before(tokens, i, ref):
        return True  # "Аляксандар Лукашэнка", "Alexander Grigoryevich Lukashenko"
    if _given_forms(prev_key) & index.given_names:
        return False  # "Viktor Lukashenko", "Виктора Лукашенко"
    # "Autokrat Lukaschenko", "Belarus Lukashenko", "Treasury Sanctions Lukashenko", «Режим
    # Лукашенка ...» stand; after an unknown capitalised word (likely a given name) it does not
    return bool(nouns_capitalised or is_name(prev) or _title_case(tokens, i) or _starts_sentence(tokens, i - 1))
