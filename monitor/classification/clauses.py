"""A sentence made ready for classification: its cues, actors, clauses and segments.

`prepare` scans the sentence once with the language's cue book and once with the actor names,
turns an `actor_verb` into an imposition where an actor stands just before it ("Treasury
sanctions X"), keeps the longest of overlapping exclusive cues ("revoke ... licence" over
"licence"), and numbers clauses (cut at `clause_break`) and segments (cut at `clause_break`
and `segment_break`) token by token.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

from monitor.classification.cues import CueBook, Hit, Tokens, tokenize
from monitor.classification.structure import Structure, build_structure

__all__ = ["ACTION_CUES", "EXCLUSIVE", "Sentence", "SpanMention", "prepare"]

ACTION_CUES = ("lift_full", "lift_partial", "lift", "impose", "align")
EXCLUSIVE = ACTION_CUES + ("keep", "clause_break", "segment_break", "glue", "negation", "deny", "court")
_ACTIONS, _EXCLUSIVE = frozenset(ACTION_CUES), frozenset(EXCLUSIVE)
_BREAKS = frozenset(("clause_break", "segment_break"))
_MODIFIERS = frozenset(("keep", "negation", "deny"))
_FIRST, _LAST = operator.attrgetter("first"), operator.attrgetter("last")


@dataclass(frozen=True)
class SpanMention:
    """An entity mention in one sentence: watchlist key, kind, country, character offsets."""

    key: str
    kind: str
    country: str | None
    start: int
    end: int


@dataclass
class Sentence:
    tokens: Tokens
    hits: list[Hit]
    actors: list[Hit]
    clause: list[int]
    segment: list[int]
    mentions: list[tuple[SpanMention, int, int]]  # mention, first token, last token
    stopwords: frozenset[str]
    active_endings: tuple[str, ...]
    structure: Structure = Structure((), frozenset())  # lists and bystanders (monitor/classification/structure.py)
    place_before: frozenset[str] = frozenset()  # "in", "aus", "в": an actor after one is a place
    relative_words: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())  # "which", "die$", "котор"
    plural_genitive: tuple[str, ...] = ()  # "-ов", "-ів", "-ów": "friends of", "propagandists of"


def prepare(text: str, mentions: Sequence[SpanMention], book: CueBook, actor_book: CueBook) -> Sentence:
    tokens = tokenize(text)
    spans = [(m, tokens.index_at(m.start), tokens.index_at(max(m.start, m.end - 1))) for m in mentions]
    inside = {i for _m, a, b in spans for i in range(a, b + 1)}
    actors = [a for a in actor_book.find(tokens) if a.first not in inside and a.last not in inside]
    found = [h for h in book.find(tokens) if h.first not in inside]
    found += _prefixed_negations(tokens, book, found)
    hits = _resolve_overlaps(_actor_verbs(found, actors, tokens, inside))
    n = len(tokens.low)
    clause, segment = [0] * n, [0] * n
    c = 0
    breaks = {h.first: h.category for h in hits if h.category in _BREAKS}
    for g, i in enumerate(sorted(breaks), 1):  # a new clause or segment from each break on
        c += breaks[i] == "clause_break"
        clause[i:] = [c] * (n - i)
        segment[i:] = [g] * (n - i)
    s = Sentence(tokens, hits, actors, clause, segment, spans, book.meta["stopwords"], book.meta["active_endings"])
    s.place_before = book.meta["place_before"]
    s.relative_words = book.meta["relative_words"]
    s.plural_genitive = book.meta["plural_genitive"]
    s.structure = build_structure(s, book)
    return s


def _prefixed_negations(tokens: Tokens, book: CueBook, hits: list[Hit]) -> list[Hit]:
    """lt "nepanaikino", lv "nemīkstināt": a negation prefix on an action stem is a negation
    (`negation_prefixes` of the cue file), unless an action follows it: then the negated word
    was an adjective ("uz nenoteiktu laiku ... iekļaut", for an indefinite time)."""
    out = []
    last_action = max((h.first for h in hits if h.category in _ACTIONS), default=-1)
    for prefix in book.meta["negation_prefixes"]:
        for i, token in enumerate(tokens.low):
            rest = token[len(prefix) :]
            if token.startswith(prefix) and rest and rest.startswith(book.action_stems) and i > last_action:
                out.append(Hit("negation", i, i, tokens.spans[i][0], tokens.spans[i][1]))
    return out


def _actor_verbs(hits: list[Hit], actors: list[Hit], tokens: Tokens, named: set[int]) -> list[Hit]:
    """ "Treasury sanctions X", "US targets MAZ", "to sanction X": an `actor_verb` right after an
    actor or an infinitive marker, not followed by another cue ("US sanctions on ..."), imposes."""
    if not any(h.category == "actor_verb" for h in hits):
        return list(hits)
    ends = {a.last for a in actors} | {h.last for h in hits if h.category == "future"}
    covered = {i for h in hits if h.category != "actor_verb" for i in range(h.first, h.last + 1)}
    content = ACTION_CUES + ("sanction", "talk", "speech", "keep", "negation")
    busy = {i for h in hits if h.category in content for i in range(h.first, h.last + 1)}
    out = []
    for h in hits:
        if h.category != "actor_verb":
            out.append(h)
            continue
        nxt = h.last + 1
        free = nxt < len(tokens.low) and nxt not in covered and tokens.low[nxt][0].isalnum()
        if free and tokens.low[h.last].endswith("s"):  # a plural noun too: "U.S. sanctions mean ..."
            free = nxt in named or not tokens.orig[nxt][0].islower()
        # the actor may stand a few words before: "Britain on Tuesday sanctioned ..."
        near = next((e for e in range(h.first - 1, h.first - 5, -1) if e in ends or e in busy), None)
        compound = tokens.low[h.first - 1] == "-"  # "U.S.-sanctioned Lukoil" is an adjective
        if near is not None and near in ends and free and not compound:
            out.append(Hit("impose", h.first, h.last, h.start, h.end))
    return out


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Among exclusive categories keep the longest of overlapping hits; others stay. A gapped
    action cue never spans a clause or segment break ("atnaujintas, nors ... sankcijas")."""
    breaks = [h.first for h in hits if h.category in _BREAKS]
    if breaks:
        hits = [
            h
            for h in hits
            if not (h.first < h.last and h.category in _ACTIONS and any(h.first < b <= h.last for b in breaks))
        ]
    kept: list[Hit] = []
    taken: set[int] = set()  # tokens covered by a kept exclusive hit
    inner: set[int] = set()  # tokens strictly inside a kept gapped hit (its gap)
    for h in sorted(hits, key=_longest_first):
        if h.category in _EXCLUSIVE:
            if h.first in taken or (h.last > h.first and not taken.isdisjoint(range(h.first, h.last + 1))):
                # "ухвалила рішення продовжити чинні санкції": a keep or negation inside the gap
                # of a longer cue still counts
                if h.category in _MODIFIERS and all(i in inner for i in range(h.first, h.last + 1)):
                    kept.append(h)
                continue
            taken.update(range(h.first, h.last + 1))
            inner.update(range(h.first + 1, h.last))
        kept.append(h)
    kept.sort(key=_LAST, reverse=True)  # by position, the longest first (two stable sorts)
    kept.sort(key=_FIRST)
    # "erstmals seit 30 Jahren", "for the first time in": glue also hides the background in it
    glued = {i for h in kept if h.category == "glue" for i in range(h.first, h.last + 1)}
    return [
        h
        for h in kept
        if h.category != "glue"
        and not (h.category in ("background", "talk") and glued and h.first in glued and h.last in glued)
    ]


def _longest_first(h: Hit) -> tuple[int, int]:
    return h.first - h.last, h.first
