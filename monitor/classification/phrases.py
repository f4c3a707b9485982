"""Where words stand in a sentence: the small positional tests behind `monitor/classification/classify.py`
(lists, relative clauses, names joined by "and", participles next to sanction nouns)."""

from __future__ import annotations

from monitor.classification.clauses import ACTION_CUES, Sentence
from monitor.classification.cues import CueBook, Hit

__all__ = [
    "asked",
    "content_between",
    "describes_sanctions",
    "description_start",
    "has_own_object",
    "heads_name",
    "including",
    "inside_action",
    "inside_relative",
    "joined",
    "object_of_lift",
    "own_business",
    "own_target",
    "qualifies_sanctions",
    "relative_after",
    "relative_between",
    "relative_segment",
    "revokes_relief",
    "speaks",
    "targets_country",
]


def own_target(s: Sentence, cue: Hit) -> bool:
    """Does the cue name its own target ("lifting of sanctions on the potash industry")?"""
    clause = s.clause[cue.first]
    return any(
        h.category == "target_before"
        and cue.last < h.first <= cue.last + 4
        and s.clause[h.first] == clause
        and h.last + 1 < len(s.tokens.low)
        for h in s.hits
    )


def including(s: Sentence, first: int) -> int:
    """ "sanctions on 189 vessels that carry Russian oil, including the tanker Eagle S": the
    `including` cue a few words before the entity (its list goes back to the cue before the
    relative clause), else -1."""
    return max((h.first for h in s.hits if h.category == "including" and first - 4 <= h.last < first), default=-1)


def relative_between(s: Sentence, last: int, cue: int) -> bool:
    """ "The company blames tankers, which fell under sanctions": a comma-led segment break
    between the entity and a later cue that hangs on another word, not on the entity."""
    return any(
        h.category == "segment_break" and last < h.first < cue and s.tokens.low[h.first] == "," and h.first - 1 != last
        for h in s.hits
    )


def inside_relative(s: Sentence, last: int, cue: int) -> bool:
    """ "die Sanktionen gegen Syrien, die 2019 verhängt wurden, werden ausgesetzt": is the cue
    inside a relative clause (a comma and a `relative_words` word, up to the next comma) that
    opens after the entity? It describes the clause's head, not what happens to the entity."""
    low, (exact, stems) = s.tokens.low, s.relative_words
    if not exact and not stems:
        return False
    for i in range(last + 1, cue):
        if low[i] == "," and i + 1 < len(low) and (low[i + 1] in exact or low[i + 1].startswith(stems)):
            if i == last + 1 and not _in_sanction_phrase(s, last):
                return False  # "Naftan, which the US may blacklist": the clause is the entity's own
            return "," not in low[i + 1 : cue]
    return False


def _in_sanction_phrase(s: Sentence, last: int) -> bool:
    """Is the entity the target in a sanction noun's phrase ("Sanktionen gegen Syrien")?"""
    first = next(a for _m, a, b in s.mentions if b == last) if any(b == last for _m, _a, b in s.mentions) else last
    return any(
        h.category == "target_before"
        and first - 2 <= h.last < first
        and any(n.category == "sanction" and h.first - 3 <= n.last < h.first for n in s.hits)
        for h in s.hits
    )


def joined(s: Sentence, last: int, other: int) -> bool:
    """ "«Роснафта» і «Лукойл»": only quotes, commas and conjunctions between two names."""
    conj = {i for h in s.hits if h.category == "conj" for i in range(h.first, h.last + 1)}
    return all(
        i in conj or (not s.tokens.low[i][0].isalnum() and s.tokens.low[i] != ":") for i in range(last + 1, other)
    )


def object_of_lift(s: Sentence, lift: Hit, cue: Hit) -> bool:
    """Is an imposition word the object of a lift just before it ("lifted its ban", "eased the
    freeze", "lifted the blocking sanctions")?"""
    return (
        lift.category.startswith("lift")
        and cue.category == "impose"
        and 0 < cue.first - lift.last <= 3
        and not any(lift.last < h.first < cue.first for h in s.hits if h.category != "sanction")
    )


def revokes_relief(s: Sentence, cue: Hit, relief: Hit) -> bool:
    """Is a relief just after an imposition what it revokes ("revoked the licence that allowed
    dealings with X", "отозвал лицензию, разрешавшую сделки с X")? Only a comma or a relative
    word between (no cue): revoking the relief imposes on X again."""
    return (
        cue.category == "impose"
        and relief.category.startswith("lift")
        and 0 < relief.first - cue.last <= 3
        and not any(cue.last < h.first < relief.first and h.category != "segment_break" for h in s.hits)
    )


def describes_sanctions(s: Sentence, cue: Hit) -> bool:
    """Does the cue follow a sanction noun directly ("sanctions imposed", "sankcje nałożone")?"""
    return description_start(s, cue) is not None


def description_start(s: Sentence, cue: Hit) -> int | None:
    """Where a participle describing a sanction noun begins: at the cue ("sanctions imposed"),
    or at the comma before it and a short time phrase ("лицензию, с 2015 года приостанавливавшую")."""
    low, start = s.tokens.low, cue.first
    commas = [i for i in range(max(0, cue.first - 4), cue.first) if low[i] == ","]
    content = ACTION_CUES + ("talk", "negation", "sanction", "speech")
    if commas and not any(h.category in content and commas[-1] < h.first < cue.first for h in s.hits):
        start = commas[-1]
    return start if any(h.category == "sanction" and h.last in (start - 1, cue.first - 1) for h in s.hits) else None


def qualifies_sanctions(s: Sentence, cue: Hit) -> bool:
    """Is the cue directly before a sanction noun ("verhängten Sanktionen", "kehtestatud sanktsioonid")?"""
    return any(h.category == "sanction" and h.first == cue.last + 1 for h in s.hits)


def relative_segment(s: Sentence, seg: int) -> bool:
    """Does the segment open with a comma-led break (a relative clause: "considers a licence,
    which would allow dealings with X" is as uncertain as its head)?"""
    return any(
        h.category == "segment_break" and s.segment[h.first] == seg and seg > 0 and s.tokens.low[h.first] == ","
        for h in s.hits
    )


def content_between(s: Sentence, a: int, b: int) -> bool:
    """Is there a verb-like cue between a sanction noun and the entity ("sanctions on Belarusian
    truckmakers MAZ" has none; "sanctions hurt exporters such as MAZ" has one)?"""
    content = ACTION_CUES + ("talk", "speech", "keep", "negation", "sanction", "clause_break")
    return any(h.category in content and a < h.first < b for h in s.hits)


def speaks(s: Sentence, first: int, last: int) -> bool:
    """ "После снятия санкций с «Белавиа» Лукашенко заявил ...", "..., sagte Lukaschenko": a
    person right before (or, inverted, right after) a `speech` verb is the speaker; a change
    fronted before the name is about someone else. A comma or colon cuts the link. In verb-final
    order a fronted person whose sentence ends in a speech verb is the speaker too ("Лукашенко
    ... келіссөз жүргізіп жатқанын айтты")."""
    low = s.tokens.low
    return any(
        (last < h.first <= last + 3 and not {",", ":"} & set(low[last + 1 : h.first]))
        or (
            first - 3 <= h.last < first
            and not {",", ":"} & set(low[h.last + 1 : first])
            and h.first > 0
            and low[h.first - 1] == ","
        )
        or (
            h.last == _last_word(low)
            and not {",", ":", ";"} & set(low[last + 1 : h.first])
            and not any(a.category in ACTION_CUES and a.first < first for a in s.hits)
        )
        for h in s.hits
        if h.category == "speech"
    )


def _last_word(low: list[str]) -> int:
    """The index of the sentence's last word (its final verb in a verb-final language)."""
    return max((i for i, t in enumerate(low) if t[0].isalnum()), default=-1)


def inside_action(s: Sentence, hit: Hit) -> bool:
    """ "Lizenz für Geschäfte mit X": the relation words are part of a longer action cue."""
    return any(
        a.category in ACTION_CUES
        and a.first <= hit.first
        and hit.last <= a.last
        and a.last - a.first > hit.last - hit.first
        for a in s.hits
    )


def has_own_object(s: Sentence, cue: Hit, first: int) -> bool:
    """ "Nach der Streichung der Fluggesellschaft von der US-Liste setzt Lukaschenko ...": a
    common noun for a company (`anaphora`) next to the cue, well before the entity, is the
    cue's own object; the entity further on is not its target ("the airline Belavia" is, and so
    is a list member: "sanctions on 30 companies, among them MAZ"; and "банк «Дабрабыт»" heads
    a name of its own)."""
    orig = s.tokens.orig
    return any(
        h.category == "anaphora"
        and h.last < first - 2
        and (cue.last < h.first <= cue.last + 3 or cue.first - 3 <= h.last < cue.first)
        and not heads_name(orig[h.last + 1])
        for h in s.hits
    )


def heads_name(word: str) -> bool:
    """ "банк «Дабрабыт»", "the airline Belavia": the common noun heads a name after it."""
    return word[0].isupper() or word[0] in "«\"„“'‘"


def targets_country(s: Sentence, last: int, cue: Hit) -> bool:
    """Does a cue after the entity name a country as its own target ("... sanctions against
    Lithuania", "gegen Litauen") with no passive marker between? Then the entity does it."""
    clause = s.clause[cue.first]
    passive = any(h.category in ("passive_before", "passive_after") and last < h.first <= cue.last + 1 for h in s.hits)
    return not passive and any(
        h.category == "target_before"
        and cue.last < h.first <= cue.last + 4
        and s.clause[h.first] == clause
        and any(a.first == h.last + 1 for a in s.actors)
        for h in s.hits
    )


def own_business(s: Sentence, first: int, last: int, cue: Hit, book: CueBook) -> bool:
    """ "«Белавиа» приостановила рейсы из-за санкций", "Belavia zawiesiła loty": a `self_action`
    verb after the entity, with no sanction word between or right after it and the entity not
    the object of a sanction noun ("Санкции против «Белавиа» приостановлены"), is the company's act."""
    low = s.tokens.low
    if not any(low[i].startswith(tuple(book.meta["self_action"])) for i in range(cue.first, cue.last + 1)):
        return False
    nouns = [h for h in s.hits if h.category == "sanction"]
    return not any(
        last < h.first < cue.first
        or h.first == cue.last + 1
        or (first - 5 <= h.last < first and not content_between(s, h.last, first))
        for h in nouns
    )


def asked(s: Sentence, cue: Hit, first: int) -> bool:
    """A question covers only what follows its last colon: "US lifts sanctions on X: what
    next?" reports a change, "Lukashenko: will the US lift sanctions on X?" asks."""
    if not s.tokens.text.rstrip().endswith("?"):
        return False
    colons = [i for i, t in enumerate(s.tokens.low) if t == ":"]
    return not colons or max(cue.last, first) > colons[-1]


def relative_after(s: Sentence, last: int, cue: Hit) -> bool:
    """Does a comma-led relative clause open right after the entity and hold the cue ("Lukoil,
    which Washington blacklisted last month")? Its subject acts on the entity."""
    return (
        last + 1 < len(s.segment)
        and s.segment[last + 1] != s.segment[last]
        and s.segment[cue.first] == s.segment[last + 1]
        and relative_segment(s, s.segment[last + 1])
    )
