"""Where words stand in a sentence: the small positional tests behind `monitor/classify.py`
(lists, relative clauses, names joined by "and", participles next to sanction nouns)."""

from __future__ import annotations

from monitor.clauses import ACTIONS, _Sentence
from monitor.cues import Hit

__all__ = ["content_between", "describes_sanctions", "including", "joined", "object_of_lift", "own_target",
           "qualifies_sanctions", "relative_between", "relative_segment"]


def own_target(s: _Sentence, cue: Hit) -> bool:
    """Does the cue name its own target ("lifting of sanctions on the potash industry")?"""
    clause = s.clause[cue.first]
    return any(h.category == "target_before" and cue.last < h.first <= cue.last + 4 and s.clause[h.first] == clause
               and h.last + 1 < len(s.tokens.low) for h in s.hits)


def including(s: _Sentence, first: int) -> int:
    """"sanctions on 189 vessels that carry Russian oil, including the tanker Eagle S": the
    `including` cue a few words before the entity (its list goes back to the cue before the
    relative clause), else -1."""
    return max((h.first for h in s.hits if h.category == "including" and first - 4 <= h.last < first), default=-1)


def relative_between(s: _Sentence, last: int, cue: int) -> bool:
    """"The company blames tankers, which fell under sanctions": a comma-led segment break
    between the entity and a later cue that hangs on another word, not on the entity."""
    return any(h.category == "segment_break" and last < h.first < cue and s.tokens.low[h.first] == ","
               and h.first - 1 != last for h in s.hits)


def joined(s: _Sentence, last: int, other: int) -> bool:
    """"«Роснафта» і «Лукойл»": only quotes, commas and conjunctions between two names."""
    conj = {i for h in s.hits if h.category == "conj" for i in range(h.first, h.last + 1)}
    return all(i in conj or (not s.tokens.low[i][0].isalnum() and s.tokens.low[i] != ":")
               for i in range(last + 1, other))


def object_of_lift(s: _Sentence, lift: Hit, cue: Hit) -> bool:
    """Is an imposition word the object of a lift just before it ("lifted its ban", "eased the
    freeze", "lifted the blocking sanctions")?"""
    return (lift.category.startswith("lift") and cue.category == "impose" and 0 < cue.first - lift.last <= 3
            and not any(lift.last < h.first < cue.first for h in s.hits if h.category != "sanction"))


def describes_sanctions(s: _Sentence, cue: Hit) -> bool:
    """Does the cue follow a sanction noun directly ("sanctions imposed", "sankcje nałożone")?"""
    prev = cue.first - 1 - (s.tokens.low[cue.first - 1] == ",")
    return any(h.category == "sanction" and h.last == prev for h in s.hits)


def qualifies_sanctions(s: _Sentence, cue: Hit) -> bool:
    """Is the cue directly before a sanction noun ("verhängten Sanktionen", "kehtestatud sanktsioonid")?"""
    return any(h.category == "sanction" and h.first == cue.last + 1 for h in s.hits)


def relative_segment(s: _Sentence, seg: int) -> bool:
    """Does the segment open with a comma-led break (a relative clause: "considers a licence,
    which would allow dealings with X" is as uncertain as its head)?"""
    return any(h.category == "segment_break" and s.segment[h.first] == seg and seg > 0
               and s.tokens.low[h.first] == "," for h in s.hits)


def content_between(s: _Sentence, a: int, b: int) -> bool:
    """Is there a verb-like cue between a sanction noun and the entity ("sanctions on Belarusian
    truckmakers MAZ" has none; "sanctions hurt exporters such as MAZ" has one)?"""
    content = ACTIONS + ("talk", "speech", "keep", "negation", "sanction", "clause_break")
    return any(h.category in content and a < h.first < b for h in s.hits)
