"""Cut a summary into sentences: the unit the classifier reads and keeps as evidence.

A stop (. ! ? …) ends a sentence when the next word starts with a capital, a digit or a quote,
unless the word before the stop is one letter (U.S., J. Smith, lt "m.", ru "г."), a short
number (de "1. Dezember") or an abbreviation from the language's cue file
(`seeds/cues/<lang>.toml::abbreviations`). Line breaks always end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

__all__ = ["sentence_spans", "split_sentences"]

# a stop (then closing quotes or brackets) before a blank and a word, or line breaks; written to
# start with one character class, so the regex engine skips ahead to the next candidate quickly
_CANDIDATE = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*[\"'»”“)\]]*(?=\s+[\"'«„“(\[]?[\w]))")
_WORD_BEFORE = re.compile(r"\W*(\w+)")  # matched on the reversed text from the stop


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[str]:
    """The sentences of `text`, stripped, in order (empty ones dropped)."""
    return [text[s:e] for s, e in sentence_spans(text, abbreviations)]


def sentence_spans(text: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, without surrounding blanks."""
    abbrev = abbreviations if isinstance(abbreviations, (set, frozenset)) else set(abbreviations)
    out: list[tuple[int, int]] = []
    start = 0
    backwards = ""  # the text reversed, to read the word before a stop forwards
    for m in _CANDIDATE.finditer(text):
        if m.group().startswith((".",)) and not m.group().startswith("..."):
            backwards = backwards or text[::-1]
            at = len(text) - m.start()  # the last word before the stop, at most 40 characters back
            before = _WORD_BEFORE.match(backwards, at, at + 40)
            nxt = text[m.end() : m.end() + 2].lstrip()
            if before is not None and _is_abbreviation(before.group(1)[::-1], abbrev, nxt):
                continue
        _add(text, start, m.end(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def _is_abbreviation(word: str, abbrev: Collection[str], following: str) -> bool:
    if len(word) == 1 and word.isalpha():
        return True
    if word.isdigit() and len(word) <= 2:
        return True
    if word.lower() in abbrev:
        return True
    return bool(following) and following[0].islower()
