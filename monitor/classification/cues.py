"""Cue books: the words that tell lift from imposition from talk, read from `seeds/cues/`.

The files are read by `monitor/classification/cue_loader.py`; this module is the entry syntax and the scan.
Entries are written as STEMS so inflected forms match:

    снят        a token starting with "снят" (casefolded): снят, снята, сняты, снятие
    may$        exactly the token "may"
    US          all capitals: exactly this token, case-sensitive (US, ЕС, ES)
    took ... off  "took", then "off" after at most eight words
    , and       punctuation tokens and one-letter words stand for themselves

All entries of a book go into one Aho-Corasick automaton keyed by their first word, so a
sentence is scanned once whatever the number of cues.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import ahocorasick  # type: ignore[import-not-found,unused-ignore]

from monitor.errors import SeedError
from monitor.vocabulary import JURISDICTIONS

__all__ = ["CATEGORIES", "JURISDICTIONS", "CueBook", "CuePattern", "Hit", "Tokens", "parse_entry", "tokenize"]

CATEGORIES = (
    "lift_full",
    "lift_partial",
    "lift",
    "impose",
    "actor_verb",
    "align",
    "sanction",
    "talk",
    "conditional",
    "future",
    "decision",
    "negation",
    "deny",
    "keep",
    "background",
    "court",
    "speech",
    "clause_break",
    "segment_break",
    "glue",
    "target_before",
    "target_after",
    "not_target_after",
    "conj",
    "anaphora",
    "continuation",
    "passive_before",
    "passive_after",
)
_ACTION_CATEGORIES = ("lift_full", "lift_partial", "lift", "impose")

GAP = "..."
MAX_GAP_WORDS = 8
_TOKEN = re.compile(r"\w+|\S")  # a word, or one punctuation character
_SPAN = re.Match.span
_END = operator.itemgetter(1)
_QUOTES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-"})
_QUOTE_CHARS = re.compile("[’ʼ‘`´‐‑–]")


def _fold_quote(m: re.Match[str]) -> str:
    return m.group().translate(_QUOTES)


class Hit(NamedTuple):
    """One cue found in a sentence: its category (or actor label) and where it is (a tuple:
    a long sentence has hundreds, and a tuple is three times cheaper to make than a dataclass)."""

    category: str
    first: int  # index of the first token
    last: int  # index of the last token
    start: int  # character offsets in the sentence
    end: int


class Tokens:
    """A sentence cut into word and punctuation tokens, with lowercased forms and offsets.

    The lowercased text is made at once; the tokens (`spans`, `low`, `joined`, `at`) on first
    use, as a sentence that only needs to be checked for a few cue words is often not cut at all.
    """

    __slots__ = ("_orig", "at", "found", "joined", "low", "low_text", "spans", "text")
    spans: list[tuple[int, int]]  # character offsets of each token
    low: list[str]  # each token, lowercased
    joined: str  # " " + the tokens joined by blanks: what the automata scan
    at: dict[int, int]  # offset in `joined` of the blank before a token -> its index

    def __init__(self, text: str) -> None:
        self.text = text
        folded = _QUOTE_CHARS.sub(_fold_quote, text)
        low = folded.lower()
        if len(low) != len(text):  # a few letters lowercase to two characters
            low = "".join(c.lower()[0] for c in folded)
        self.low_text = low
        self._orig: list[str] | None = None
        self.found: dict[CueBook, list[Hit]] = {}  # hits per cue book, computed once

    def __getattr__(self, name: str) -> Any:
        """Cut the tokens on first use of one of their attributes (called only while unset)."""
        if name not in ("spans", "low", "joined", "at"):
            raise AttributeError(name)
        low = self.low_text
        self.spans = list(map(_SPAN, _TOKEN.finditer(low)))
        self.low = _TOKEN.findall(low)
        self.joined = " " + " ".join(self.low)
        self.at = dict(
            zip(
                map(operator.add, itertools.accumulate(map(len, self.low), initial=0), itertools.count()),
                range(len(self.low)),
            )
        )
        return getattr(self, name)

    @property
    def orig(self) -> list[str]:
        """The tokens as written (for case-sensitive cues), cut on first use."""
        if self._orig is None:
            self._orig = [self.text[s:e] for s, e in self.spans]
        return self._orig

    def index_at(self, offset: int) -> int:
        """Index of the token that starts at or covers character `offset`."""
        return bisect.bisect_right(self.spans, offset, key=_END)


@functools.lru_cache(maxsize=256)
def tokenize(text: str) -> Tokens:
    """Tokens of one sentence (see `Tokens`); an item's sentences are read several times."""
    return Tokens(text)


@dataclass(frozen=True)
class _Word:
    text: str
    exact: bool
    case: bool  # compare the original text, case-sensitively


@dataclass(frozen=True)
class CuePattern:
    category: str
    words: tuple[_Word | None, ...]  # None is a gap


class CueBook:
    """The compiled cues of one language (or the actor names): one automaton, one scan.

    The automaton's keys are the patterns' first words, each after a blank, and it runs over the
    sentence's lowercased tokens joined by blanks: so a key is found only at the start of a
    token, and only there does Python look at it.
    """

    def __init__(
        self,
        name: str,
        patterns: Iterable[CuePattern],
        meta: Mapping[str, Any] | None = None,
        *,
        prefilter: bool = False,
    ) -> None:
        self.name = name
        self.meta = dict(meta or {})
        self._patterns = patterns = list(patterns)
        by_key: dict[str, list[CuePattern]] = {}
        for p in patterns:
            first = p.words[0]
            assert first is not None
            by_key.setdefault(first.text.lower(), []).append(p)
        self._automaton = ahocorasick.Automaton()
        for key, pats in by_key.items():
            # longest first, so that "revoke ... licence" is tried before "licence"
            pats.sort(key=lambda p: -len(p.words))
            whole = tuple(step for p in pats if (step := _step(p, key, True)) is not None)
            part = tuple(step for p in pats if (step := _step(p, key, False)) is not None)
            self._automaton.add_word(" " + key, (len(key), _split(whole), _split(part)))
        if by_key:
            self._automaton.make_automaton()
        self._empty = not by_key
        # `prefilter`: also an automaton of one word of each pattern (its longest), to skip a
        # text where none occurs without cutting it into tokens
        self._anywhere: Any = None
        if prefilter and by_key:
            self._anywhere = ahocorasick.Automaton()
            for p in patterns:
                self._anywhere.add_word(_telling_word(p), None)
            self._anywhere.make_automaton()
        self._parts: dict[str, CueBook] = {}
        self.action_stems = tuple(
            sorted(
                {
                    p.words[0].text
                    for p in patterns
                    if len(p.words) == 1 and p.words[0] and not p.words[0].exact and p.category in _ACTION_CATEGORIES
                }
            )
        )

    def find(self, tokens: Tokens, category: str | None = None) -> list[Hit]:
        """Every cue occurrence in the sentence, sorted by position (overlaps kept); with
        `category`, only that category's (a smaller book scans faster when no full scan is at hand)."""
        if category is not None:
            full = tokens.found.get(self)
            if full is not None:
                return [h for h in full if h.category == category]
            return self._part(category).find(tokens)
        if self._empty:
            return []
        cached = tokens.found.get(self)
        if cached is not None:
            return cached
        if self._anywhere is not None and next(self._anywhere.iter(tokens.low_text), None) is None:
            tokens.found[self] = []  # no first word anywhere in the text: no need to cut it
            return []
        hits: list[Hit] = []
        spans, low, joined, at = tokens.spans, tokens.low, tokens.joined, tokens.at
        n, size = len(low), len(joined)
        for end, (length, whole, part) in self._automaton.iter(joined):
            i = at[end - length]
            singles, sequences = whole if end + 1 == size or joined[end + 1] == " " else part
            for found, cased in singles:
                # a stem or a whole word: the automaton has checked it; a cased word, compare it
                if cased is None or tokens.orig[i] == cased:
                    hits.append(_new(Hit, (found, i, i, spans[i][0], spans[i][1])))
            for found, words, nxt, nxt_exact, later in sequences:
                # cheap early noes: the second word must be the next token; every later word
                # must occur somewhere after this token
                if nxt is not None and (
                    i + 1 >= n or not (low[i + 1] == nxt if nxt_exact else low[i + 1].startswith(nxt))
                ):
                    continue
                if later and any(joined.find(w, end) < 0 for w in later):
                    continue
                last = _match(words, tokens, i)
                if last is not None:
                    hits.append(_new(Hit, (found, i, last, spans[i][0], spans[last][1])))
        if len(hits) > 1:  # by position, the longest first; two stable sorts on C keys
            hits.sort(key=_LAST, reverse=True)
            hits.sort(key=_FIRST)
        tokens.found[self] = hits
        return hits

    def _part(self, category: str) -> CueBook:
        part = self._parts.get(category)
        if part is None:
            part = self._parts[category] = CueBook(
                f"{self.name}:{category}", [p for p in self._patterns if p.category == category], prefilter=True
            )
        return part


_ONE_TOKEN, _ONE_CASED, _SEQUENCE = range(3)
_Step = tuple[str, int, "tuple[_Word | None, ...] | None", "str | None", bool, tuple[str, ...]]
_FIRST = operator.attrgetter("first")
_LAST = operator.attrgetter("last")
_new = tuple.__new__  # Hit(...) without NamedTuple's Python-level __new__: half the cost


def _telling_word(p: CuePattern) -> str:
    """The longest word of `p` compared in lowercase (else its first word, lowercased): any text
    the pattern matches contains it."""
    words = [w.text for w in p.words if w is not None and not w.case]
    first = p.words[0]
    assert first is not None
    return max(words, key=len) if words else first.text.lower()


def _step(p: CuePattern, key: str, whole: bool) -> _Step | None:
    """What to check for `p` where its first word's key starts a token (`whole`: and is the
    whole token): (category, kind, words, the second word if it must be the next token,
    whether exactly, the later words that must occur after it); None: it cannot match."""
    first = p.words[0]
    assert first is not None
    if _whole_first(p) and not whole:
        return None
    if first.case and len(first.text) == len(key) and not whole:
        return None  # a case-sensitive word is compared whole
    single = _single(p)
    if single == 1 or (single == 2 and whole):
        return (p.category, _ONE_TOKEN, None, None, False, ())
    if len(p.words) == 1:
        return (p.category, _ONE_CASED, p.words, None, False, ())
    second = p.words[1]
    nxt = second.text if second is not None and not second.case else None
    later = tuple(w.text for w in p.words[1:] if w is not None and not w.case)
    return (p.category, _SEQUENCE, p.words, nxt, bool(second and second.exact), later)


def _split(
    steps: tuple[_Step, ...],
) -> tuple[tuple[tuple[str, str | None], ...], tuple[tuple[str, Any, str | None, bool, tuple[str, ...]], ...]]:
    """The steps of one token as (category, the cased word or None) for one-token cues and
    (category, words, next, exactly, later) for sequences, each in their order. A one-token hit
    ends on its first token, a sequence's later: the sort by position never compares the two."""
    singles = tuple(
        (category, None if kind == _ONE_TOKEN else cast("tuple[_Word, ...]", words)[0].text)
        for category, kind, words, *_rest in steps
        if kind != _SEQUENCE
    )
    sequences = tuple(
        (category, words, nxt, nxt_exact, later)
        for category, kind, words, nxt, nxt_exact, later in steps
        if kind == _SEQUENCE
    )
    return singles, sequences


def _single(p: CuePattern) -> int:
    """1: one stem; 2: one exact lowercase word; 0: anything else (checked by `_match`)."""
    if len(p.words) != 1 or p.words[0] is None or p.words[0].case:
        return 0
    return 2 if p.words[0].exact else 1


def _whole_first(p: CuePattern) -> bool:
    """Must the first word be a whole token (an exact word, not a stem)?"""
    first = p.words[0]
    return first is not None and first.exact and not first.case


def _word_ok(w: _Word, tokens: Tokens, k: int) -> bool:
    if w.case:
        return tokens.orig[k] == w.text
    t = tokens.low[k]
    return t == w.text if w.exact else t.startswith(w.text)


def _match(words: tuple[_Word | None, ...], tokens: Tokens, i: int) -> int | None:
    """Index of the last token of `words` matched from token `i`, or None."""
    first = words[0]
    if first is None or not _word_ok(first, tokens, i):
        return None
    j, gap, n = i, False, len(tokens.low)
    for w in words[1:]:
        if w is None:
            gap = True
            continue
        k, skipped = j + 1, 0
        while k < n and not _word_ok(w, tokens, k):
            if not gap or tokens.low[k] in (";", "?", "!"):
                return None
            skipped += tokens.low[k][0].isalnum()
            if skipped > MAX_GAP_WORDS:
                return None
            k += 1
        if k >= n:
            return None
        j, gap = k, False
    return j


def parse_entry(entry: object, where: str, category: str) -> CuePattern:
    """Turn one cue string into a pattern.

    Raises:
        SeedError: the entry is not a string, is empty, or misplaces "...".
    """
    if not isinstance(entry, str) or not entry.strip():
        raise SeedError(f"{where} empty" if isinstance(entry, str) else f"{where} is not a string")
    words: list[_Word | None] = []
    for raw in entry.split():
        if raw == GAP:
            if not words or words[-1] is None:
                raise SeedError(f"{where} {entry!r}: '...' must stand between words")
            words.append(None)
            continue
        exact = raw.endswith("$") and len(raw) > 1
        text = raw[:-1] if exact else raw
        case = any(c.isalpha() for c in text) and text.isupper() and len(text) > 1
        for piece in _TOKEN.findall(text.translate(_QUOTES)):
            whole = exact or len(piece) == 1 or not piece[0].isalnum()  # a one-letter stem would match too much
            words.append(_Word(piece if case else piece.lower(), whole, case))
    if words[-1] is None:
        raise SeedError(f"{where} {entry!r}: '...' must stand between words")
    return CuePattern(category, tuple(words))
