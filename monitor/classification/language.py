"""Guess an item's language cheaply from its letters and stopwords.

The feed's `lang` may be missing or wrong, so the text decides; the hint only breaks ties.
Each cue file says which letters point to its language (`letters`), which letters it never
uses (`not_letters`), its commonest short words (`stopwords`) and a small `prior` that settles
a short text with no telling letter or word (English for Latin script, Russian for Cyrillic).
"""

from __future__ import annotations

import functools
import re

from monitor.classification.cue_loader import available_languages, load_cuebook
from monitor.classification.cues import CueBook

__all__ = ["detect_language", "likely_languages", "rank_languages"]

_WORD = re.compile(r"\w+")
_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўәғқңөұүһ")
_HINT_ALIASES = {"ua": "uk", "by": "be", "kz": "kk", "ee": "et"}
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


def detect_language(text: str, hint: str | None = None) -> str:
    """The best-scoring language among those with a cue file ("en" when nothing fits)."""
    return rank_languages(text, hint)[0]


def rank_languages(text: str, hint: str | None = None) -> list[str]:
    """Languages of the text's script with a cue file, most likely first.

    Args:
        text: title and summary.
        hint: the language the feed claims; wins ties.
    """
    return [lang for _score, lang in _scored(text, hint)] or ["en"]


def likely_languages(text: str, hint: str | None = None, *, limit: int = 3) -> list[str]:
    """The best language and those scoring within one point of it (at most `limit`), to try in
    turn on a text too short to show its language ("USA eemaldas Belavia nimekirjast")."""
    scored = _scored(text, hint)[:limit]
    if not scored:
        return ["en"]
    best = scored[0][0]
    return [lang for score, lang in scored if score <= best + 1]


def _scored(text: str, hint: str | None) -> list[tuple[float, str]]:
    """(minus score, language) for the languages of the text's script, best first."""
    if hint:  # "en-US", "ru_RU" -> "en", "ru"; a country code for a language is a common slip
        hint = _HINT_ALIASES.get(hint.lower()[:2], hint.lower()[:2])
    low = text.lower()
    profiles, vocabulary = _profiles(tuple(load_cuebook(lang) for lang in available_languages()))
    words = vocabulary.intersection(_WORD.findall(low))  # only stopwords count
    # every character of the text: a cue file's letters are word characters, or the few
    # non-word characters it lists ("'" in Ukrainian), so the others never count
    letters = set(low)
    script = "cyrillic" if len(letters & _CYRILLIC) > len(letters & _LATIN) else "latin"
    scored = []
    for lang, lang_script, good, bad, stopwords, prior in profiles:
        if lang_script != script:
            continue
        score = (
            3 * len(letters & good)
            - 5 * len(letters & bad)
            + len(words & stopwords)
            + prior
            + (1.0 if lang == hint else 0)
        )
        scored.append((-float(score), lang))
    return sorted(scored)


@functools.lru_cache(maxsize=4)
def _profiles(
    books: tuple[CueBook, ...],
) -> tuple[list[tuple[str, str, frozenset[str], frozenset[str], frozenset[str], float]], frozenset[str]]:
    """Each book's detection hints, and every book's stopwords."""
    profiles = [
        (b.name, b.meta["script"], b.meta["letters"], b.meta["not_letters"], b.meta["stopwords"], b.meta["prior"])
        for b in books
    ]
    return profiles, frozenset().union(*(p[4] for p in profiles))
