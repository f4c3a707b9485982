"""Guess an item's language cheaply from its letters and stopwords.

The feed's `lang` may be missing or wrong, so the text decides; the hint only breaks ties.
Each cue file says which letters point to its language (`letters`), which letters it never
uses (`not_letters`) and its commonest short words (`stopwords`).
"""

from __future__ import annotations

import re

from monitor.cues import available_languages, load_cuebook

__all__ = ["detect_language"]

_WORD = re.compile(r"\w+")
_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўәғқңөұүһ")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


def detect_language(text: str, hint: str | None = None) -> str:
    """The best-scoring language among those with a cue file ("en" when nothing fits).

    Args:
        text: title and summary.
        hint: the language the feed claims; wins ties.
    """
    low = text.lower()
    letters = set(low)
    words = set(_WORD.findall(low))
    script = "cyrillic" if len(letters & _CYRILLIC) > len(letters & _LATIN) else "latin"
    best, best_score = "en", float("-inf")
    for lang in available_languages():
        book = load_cuebook(lang)
        if book.meta["script"] != script:
            continue
        score = (3 * len(letters & book.meta["letters"]) - 5 * len(letters & book.meta["not_letters"])
                 + len(words & book.meta["stopwords"]) + (1.5 if lang == hint else 0))
        if score > best_score:
            best, best_score = lang, score
    return best
