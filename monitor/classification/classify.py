"""Decide, sentence by sentence, what a text says happened to each mentioned entity.

Pure: a sentence, the entity mentions in it and a cue book in, `EventFinding`s out. The rules,
all driven by the cue files (`seeds/cues/<lang>.toml`):

1. The sentence is cut into clauses at `clause_break` cues ("; ", ", but", " as ") and clauses
   into segments at `segment_break` cues ("after", "despite", ", which"). An entity takes the
   nearest action cue (`lift*`, `impose`, `align`) before it in its clause, else the nearest
   after it (passives, verb-final languages); "including X" (`including`) reaches back over a
   relative clause to the list's cue. A fronted speaker ("Lukashenko hopes for the lifting of
   sanctions on Belaruskali") is not the target; nor is a name before another subject's change
   on another entity, nor an entity named only as a relation of the target (`relation`,
   `relation_after`: "tankers carrying X's oil", "firms linked to X").
2. Where cues overlap, the longer wins ("revoke ... licence" is an imposition, not a licence),
   but a lift inside a decision cue is what was decided ("approved lifting sanctions"), and a
   lift whose object is a measure governs it ("lifted its ban on X").
3. An action word needs a `sanction` word in its clause or in an earlier sentence of the item
   ("Belavia suspends flights" is not news).
4. In the cue's segment (in a fronted adverbial, "Despite X's easing of measures on Y, ...",
   only up to its comma): `negation`, `keep` (but a `prolong` verb right before a lift is more
   relief: "extends the licence"), `court`, `background` (not in talk: "as early as
   December"), a past time ("in 2021", "in April" two months back; not one dating sanctions
   described by a participle) mean no event; a `deny` anywhere before the cue too.
5. A `restated` word right before the cue ("last week's lifting", "недавнее снятие") means a
   change already made, restated as context: confirmed. Else `talk` in the segment,
   `conditional` in the clause, or a question mean speculative; `future` just before the cue
   ("will lift", "to lift") too, unless a `decision` or an effective date makes it a decided
   change. `talk` with only a `sanction` noun ("urges sanctions on X") is a
   speculative imposition.
6. Jurisdiction: see `monitor/classification/actors.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from monitor.classification.actors import actor_jurisdiction, choose_actors, is_country_target, is_modifier
from monitor.classification.clauses import ACTION_CUES, Sentence, SpanMention, prepare
from monitor.classification.cues import CueBook, Hit, tokenize
from monitor.classification.dates import find_effective_date, is_past_time
from monitor.classification.findings import EventFinding
from monitor.classification.phrases import (
    asked,
    content_between,
    describes_sanctions,
    description_start,
    has_own_object,
    including,
    inside_action,
    inside_relative,
    joined,
    object_of_lift,
    own_business,
    own_target,
    qualifies_sanctions,
    relative_after,
    relative_between,
    relative_segment,
    revokes_relief,
    speaks,
    targets_country,
)

__all__ = ["classify_sentence", "mentions_sanctions"]

_SCOPE = {"lift_full": "full", "lift_partial": "partial"}


def classify_sentence(
    text: str,
    mentions: Sequence[SpanMention],
    book: CueBook,
    actor_book: CueBook,
    *,
    published: date | None = None,
    fallback_actors: tuple[str, ...] = (),
    on_topic: bool = False,
    decided: bool = False,
) -> list[EventFinding]:
    """The events one sentence reports about the mentioned entities.

    Args:
        text: the sentence (also kept as evidence).
        mentions: entity mentions with offsets into `text`.
        book: the cue book of the sentence's language.
        actor_book: the actor names (`load_actors()`).
        published: the item's date (year of dates, "in 2021" as background).
        fallback_actors: jurisdictions to use when the sentence names no actor.
        on_topic: an earlier sentence of the item is about sanctions, so a weak action word
            here ("Na listę trafiły ...") needs no sanction word of its own.
        decided: the sentence before reports a decision ("The ministers took the decision.
            The assets will be frozen ..."): a future here is that decision's effect.
    """
    s = prepare(text, mentions, book, actor_book)
    on_topic = on_topic or any(h.category == "sanction" for h in s.hits)
    found: dict[int, list[EventFinding]] = {}
    eligible: set[int] = set()
    modifies = book.meta["country_modifies_next"]
    targets = {
        i
        for i, (m, a, b) in enumerate(s.mentions)
        if m.kind == "country" and is_country_target(s, a, b, text[m.start : m.end], modifies)
    }
    for group in s.structure.groups:  # "проти Росії та Білорусі": a list of countries is targeted as one
        if targets.intersection(group):
            targets.update(
                i
                for i in group
                if s.mentions[i][0].kind == "country"
                and text[s.mentions[i][0].start : s.mentions[i][0].start + 1].isupper()
            )
    for index, (mention, first, last) in enumerate(s.mentions):
        if index in s.structure.bystanders:
            continue  # "a meeting with X", "companies in Belarus": an attribute of another word
        if mention.kind == "country" and index not in targets:
            continue
        if mention.kind == "person" and (is_modifier(s, first, last) or speaks(s, first, last)):
            continue
        if _related(s, first, last):
            continue
        eligible.add(index)
        found[index] = _event_for(s, mention, first, last, book, published, fallback_actors, on_topic, decided)
    if s.structure.groups:
        _share_in_lists(s, found, eligible, book)
    return [f for index in sorted(found) for f in found[index]]


def _share_in_lists(s: Sentence, found: dict[int, list[EventFinding]], eligible: set[int], book: CueBook) -> None:
    """ "sanctioned Belaruskali, its export arm BPC and its subsidiary Agrorozkvit": the members of
    a coordinated list are the objects of one change. A member left without a change of its own
    takes the change of the list's first member that has one; when that change's cue stands
    before the list, it governs every member (a later cue after a member, "..., Y, as part of a
    new package", does not). A country shares only with a country."""
    for group in s.structure.groups:
        head = next((i for i in group if found.get(i)), None)
        if head is None:
            continue
        cue = _governing_cue(s, s.mentions[head][1], s.mentions[head][2], book)
        # no cue: talk with a sanction noun before the head ("urges sanctions on X, Y and Z")
        leads = cue is None or cue.last < s.mentions[group[0]][1]
        country = s.mentions[head][0].kind == "country"
        for index in group:
            mention, first, last = s.mentions[index]
            if index == head or index not in eligible or (mention.kind == "country") != country:
                continue
            if found.get(index):
                own = _governing_cue(s, first, last, book)
                if not leads or own is None or own == cue or own.first < first:
                    continue
            found[index] = [replace(f, entity=mention.key) for f in found[head]]


def _related(s: Sentence, first: int, last: int) -> bool:
    """ "tankers carrying Naftan fuel", "firms linked to X", "принадлежавших «Совкомфлоту»",
    "su Lukašenkos režimu susijusių": the entity only names a relation of the target, so it is
    not the target (a `relation` cue just before it, a `relation_after` cue just after)."""
    return any(
        (
            (
                h.category == "relation"
                and first - 4 <= h.last < first
                and s.segment[h.last] == s.segment[first]
                and not content_between(s, h.last, first)
            )  # "close to sanctioning X" is no relation
            or (h.category == "relation_after" and last < h.first <= last + 2)
        )
        and not inside_action(s, h)
        for h in s.hits
    )


def _event_for(
    s: Sentence,
    m: SpanMention,
    first: int,
    last: int,
    book: CueBook,
    published: date | None,
    fallback: tuple[str, ...],
    on_topic: bool,
    decided: bool = False,
) -> list[EventFinding]:
    cue = _governing_cue(s, first, last, book)
    if cue is not None and _attributive(s, cue, book):
        return []  # "two blacklisted institutions: X and Y", "der sanktionierte Oligarch X": a status
    if cue is None:
        return _talked_sanctions(s, m, first, book, published, fallback)
    cue = _inner_lift(s, cue, book)
    if not (on_topic or _about_sanctions(s, cue)):
        return []
    end = _fronted_end(s, cue, first)
    if _cancelled(s, cue, book, published, end):
        return []
    action = "impose"
    if cue.category.startswith("lift") or (
        cue.category == "align"
        and any(
            h.category.startswith("lift") and h.first > cue.first and s.clause[h.first] == s.clause[cue.first]
            for h in s.hits
        )
    ):
        action = "lift"
    certainty = _certainty(s, cue, first, book, published, end, decided)
    clause_text = _unit_text(s, s.clause, cue.first)
    effective = find_effective_date(clause_text, book, published)
    scope = _SCOPE.get(cue.category) if action == "lift" else None
    jurisdictions = choose_actors(s, cue, m.country, fallback)
    found = [
        EventFinding(m.key, action, j, certainty, scope, effective, s.tokens.text)  # type: ignore[arg-type]
        for j in jurisdictions
    ]
    return found + [
        EventFinding(m.key, action, j, "confirmed", scope, None, s.tokens.text)  # type: ignore[arg-type]
        for j in _followed(s, cue)
        if j not in jurisdictions and certainty == "confirmed"
    ]


def _attributive(s: Sentence, cue: Hit, book: CueBook) -> bool:
    """Is a one-word cue a participle (`participle_endings`) used as an adjective: after a
    determiner (`determiners`: "the", "two", "der") and before a plain word of the noun phrase ("the sanctioned oligarch",
    "zwei gelistete Banken")? It describes a status, not a change."""
    low, n = s.tokens.low, len(s.tokens.low)
    named = {a for _m, a, _b in s.mentions}
    nxt = cue.last + 1
    endings = book.meta["participle_endings"]
    if cue.first > 1 and low[cue.first - 2] in book.meta["list_openers"]:
        return False  # "Unter den sanktionierten Personen sind X", "among the sanctioned firms": a list
    return (
        cue.first == cue.last
        and cue.first > 0
        and low[cue.first - 1] in book.meta["determiners"]
        and bool(endings)
        and low[cue.first].endswith(endings)
        and nxt < n
        and nxt not in named
        and low[nxt][0].isalpha()
        and low[nxt] not in s.stopwords
        and not any(h.first <= nxt <= h.last and h.category not in ("anaphora", "sanction") for h in s.hits)
    )


def _followed(s: Sentence, cue: Hit) -> list[str]:
    """ "Britain, in step with the US, sanctioned X", "Япония вслед за ЕС ввела санкции": the actor
    named after a `follows` cue in the cue's clause has already made the same change (used only
    with a confirmed change: in talk, "could follow the US" is too loose to report the US)."""
    ends = {h.last for h in s.hits if h.category == "follows" and s.clause[h.first] == s.clause[cue.first]}
    return list(dict.fromkeys(actor_jurisdiction(a) for a in s.actors if a.first - 1 in ends))


def _inner_lift(s: Sentence, cue: Hit, book: CueBook) -> Hit:
    """ "approved lifting sanctions", "утвердил снятие санкций": a lift inside a longer imposition
    cue ("approv ... sanction") is what was decided."""
    if cue.category != "impose" or cue.last - cue.first < 2:
        return cue
    inner = [
        h for h in book.find(s.tokens) if h.category.startswith("lift") and cue.first < h.first and h.last < cue.last
    ]
    return inner[0] if inner else cue


def _governing_cue(s: Sentence, first: int, last: int, book: CueBook) -> Hit | None:
    clause = s.clause[first]
    if clause > 0 and _bare_item(s, clause):
        clause -= 1  # "... added to the list: NAFTAN OAO; BELSHINA OAO." - a list item
        while clause > 0 and not any(h.category in ACTION_CUES and s.clause[h.first] == clause for h in s.hits):
            clause -= 1  # back over an earlier item's "a.k.a. ...; a.k.a. ..." to the list's cue
        first = last = max(i for i, c in enumerate(s.clause) if c == clause)
    cues = [h for h in s.hits if h.category in ACTION_CUES and s.clause[h.first] == clause]
    head = including(s, first)
    before = [h for h in cues if h.first < first and (s.segment[h.first] == s.segment[first] or h.last < head)]
    if len(before) > 1 and (
        describes_sanctions(s, before[-1])
        or object_of_lift(s, before[-2], before[-1])
        or revokes_relief(s, before[-2], before[-1])
    ):
        before.pop()  # "lifted sanctions imposed on X", "lifted its ban on X", "revoked the licence
        #                     that allowed dealings with X": the first change governs
    if before:
        return None if head < 0 and has_own_object(s, before[-1], first) else before[-1]
    after = [
        h
        for h in cues
        if h.first > last and not relative_between(s, last, h.first) and not inside_relative(s, last, h.first)
    ]
    if not after:
        return None
    cue = after[0]
    if len(after) > 1 and qualifies_sanctions(s, cue):
        cue = after[1]  # "салынған санкцияларды алып тастады": the participle describes them
    between = [h for h in s.hits if last < h.first < cue.first]
    others_after = any(
        s.clause[a] == clause and a > last and m.kind != "country" and not joined(s, last, a) for m, a, _b in s.mentions
    )
    speaker = any(h.category == "speech" and s.tokens.low[h.first] != ":" for h in between)
    colon_or_talk = any(h.category in ("talk", "speech") for h in between)
    person = any(m.kind == "person" for m, a, _b in s.mentions if a == first)
    if speaker and not person and not own_target(s, cue):
        speaker = False  # "Belavia hopes the EU will lift sanctions": the company is what it is about
    subject = any(last < a.first < cue.first for a in s.actors)  # "X pardoned 52, the US eased ... on Y"
    described = subject and relative_after(s, last, cue)  # "Lukoil, which Washington blacklisted"
    if speaker or (others_after and (colon_or_talk or subject) and not described):
        return None  # "Lukashenko says ...", "Лукашенко: ... снять санкции с «Беларуськалия»"
    if not (described or _passive_enough(s, last, cue)) or not (
        s.active_endings or _about_sanctions(s, cue) or cue.category == "lift_full"
    ):
        return None  # the entity acts: "Belavia adds flights", "«Белавиа» приостановила рейсы"
    if targets_country(s, last, cue) or own_business(s, first, last, cue, book):
        return None  # "Лукашенко ввел ответные санкции против Литвы": the entity is the agent
    return cue


def _bare_item(s: Sentence, clause: int) -> bool:
    """A clause that is only names (at most three other words) and no cue, or a name with its
    address and a bracketed program tag (an OFAC notice): an item of a list."""
    named = {i for _m, a, b in s.mentions for i in range(a, b + 1)}
    cued = {i for h in s.hits if h.category not in ("conj", "clause_break") for i in range(h.first, h.last + 1)}
    words = [i for i, c in enumerate(s.clause) if c == clause and s.tokens.low[i][0].isalnum()]
    if any(i in cued for i in words):
        return False
    tagged = words and words[0] in named and any(s.tokens.low[i] == "[" for i, c in enumerate(s.clause) if c == clause)
    return bool(tagged) or sum(i not in named for i in words) <= 3  # "X, its address [PROGRAM-TAG]"


def _passive_enough(s: Sentence, last: int, cue: Hit) -> bool:
    """Is a cue after the entity about the entity, not done by it?

    Where the language says which verb endings are finite (`active_endings`, en "s", "ed"), a
    finite cue after the entity counts only as a passive: a `passive_before` word in between
    ("Belavia was removed"), a `passive_after` word right after ("Belavia removed from",
    "sanctioned by", "hit with") or the end of the clause ("Belavia delisted"). So "Belavia
    adds flights" and "Belavia suspends its route" are not news. Nouns ("after US
    blacklisting", "relief") pass; so does every cue of a language without `active_endings`.
    """
    endings = s.active_endings
    word = s.tokens.low[cue.last]
    if not endings or not word.endswith(endings):
        return True
    low, n = s.tokens.low, len(s.tokens.low)
    after = cue.last + 1
    if after >= n or not low[after][0].isalnum():
        return True
    return any(
        (h.category == "passive_before" and last < h.first <= cue.first)  # "X were sanctioned"
        or (h.category == "passive_after" and h.first in (cue.last, after))
        for h in s.hits
    )


def mentions_sanctions(text: str, book: CueBook) -> bool:
    """Does the sentence contain a `sanction` word (the item is about sanctions)?"""
    return bool(book.find(tokenize(text), "sanction"))


def _about_sanctions(s: Sentence, cue: Hit) -> bool:
    clause = s.clause[cue.first]
    return any(h.category == "sanction" and s.clause[h.first] == clause for h in s.hits)


def _fronted_end(s: Sentence, cue: Hit, first: int) -> int:
    """ "Despite Washington's easing of measures on X, exports remain low": a change inside a
    fronted adverbial (a `segment_break` opening the sentence: "despite", "после", "following")
    ends at the comma after it and the entity; the main clause's keep or talk is not about it.
    The token index where the change's words end (the sentence's length if nothing is fronted)."""
    low = s.tokens.low
    fronted = any(h.category == "segment_break" and h.first <= 1 and h.last < min(cue.first, first) for h in s.hits)
    start = max(cue.last, first) + 1
    return next((j for j in range(start, len(low)) if low[j] == ","), len(low)) if fronted else len(low)


def _cancelled(s: Sentence, cue: Hit, book: CueBook, published: date | None, end: int = 10**9) -> bool:
    """Denials, non-changes, court cases and background give no event (up to `end`)."""
    seg = s.segment[cue.first]
    # "may ease sanctions on X as early as December" ("уже в декабре"): no background in talk
    talk = any(h.category in ("talk", "future") and s.segment[h.first] == seg for h in s.hits)
    for h in s.hits:
        if h.category == "deny" and h.first < cue.first:
            return True
        if s.segment[h.first] != seg or h.first >= end:
            continue
        if h.category == "negation" and h.first <= cue.last + 3:  # "licence bid rejected" too
            return True
        if h.category == "keep" and (
            _prolongs_relief(s, h, cue, book) or any(t.category == "talk" and t.first == h.last + 1 for t in s.hits)
        ):
            continue  # "extends the licence"; "is still set to remove": the keep word modifies the talk
        if h.category == "court" and _court_rules(s, h, cue, book):
            continue
        if h.category in ("keep", "court") or (h.category == "background" and not talk):
            return True
    # "removed the restrictions imposed on X in 2021": the year dates the described sanctions
    starts = (
        description_start(s, h)
        for h in s.hits
        if h.first > cue.last and h.category in ACTION_CUES and describes_sanctions(s, h)
    )
    stop = next(
        (start for start in starts if start is not None),
        len(s.tokens.low),
    )
    words = [
        t
        for i, (t, g) in enumerate(zip(s.tokens.low, s.segment))
        if g == seg and i < end and (i < stop or cue.first > stop)
    ]
    return published is not None and is_past_time(words, book, published)


def _court_rules(s: Sentence, court: Hit, cue: Hit, book: CueBook) -> bool:
    """ "The EU General Court annulled the sanctions on X", "der Gerichtshof entschied, X von der
    Sanktionsliste zu streichen": a court (`court_bodies`, not a lawsuit) as the subject of a lift
    in its clause, with no talk or negation between, has lifted them."""
    return (
        cue.category.startswith("lift")
        and court.first < cue.first
        and s.clause[court.first] == s.clause[cue.first]
        and s.tokens.low[court.first].startswith(book.meta["court_bodies"])
        and not any(
            h.category in ("talk", "negation", "future", "conditional") and court.first < h.first < cue.first
            for h in s.hits
        )
    )


def _restated(s: Sentence, cue: Hit, first: int, book: CueBook) -> bool:
    """ "would complement last week's lifting of U.S. measures on X": a change dated as done (a
    `restated` word right before the cue) with no talk between it and the entity ("... and
    could allow Y to ...": Y is still talk)."""
    low = s.tokens.low
    lo, hi = sorted((cue.last, first))
    return any(tuple(low[max(0, cue.first - len(w)) : cue.first]) == w for w in book.meta["restated"]) and not any(
        h.category in ("talk", "conditional", "future", "speech") and lo < h.first < hi for h in s.hits
    )


def _prolongs_relief(s: Sentence, keep: Hit, cue: Hit, book: CueBook) -> bool:
    """ "extends the relief", "продлил лицензию", "verlängert die Ausnahmegenehmigung": a
    prolonging verb whose object is a lift is more relief, not a routine renewal of sanctions."""
    return (
        cue.category.startswith("lift")
        and 0 < cue.first - keep.last <= 3
        and s.tokens.low[keep.first].startswith(tuple(book.meta["prolong"]))
        and all(w[0].isalnum() for w in s.tokens.low[keep.last + 1 : cue.first])
    )


def _certainty(
    s: Sentence, cue: Hit, first: int, book: CueBook, published: date | None, end: int, decided_before: bool = False
) -> str:
    seg, clause = s.segment[cue.first], s.clause[cue.first]
    if asked(s, cue, first):
        return "speculative"
    if _restated(s, cue, first, book):
        return "confirmed"
    segs = {seg, seg - 1} if relative_segment(s, seg) else {seg}
    scope = _talk_scope(s, cue, first, end)
    for h in s.hits:
        if h.first >= end:
            continue
        if h.category == "talk" and s.segment[h.first] in segs and h.first < scope:
            return "speculative"
        if h.category == "conditional" and s.clause[h.first] == clause:
            return "speculative"
    named = {a for _m, a, _b in s.mentions} | {a.first for a in s.actors}  # "exports to Belarus" is no infinitive
    # a future verb between the change and the entity counts ("под санкции попадут X"), not a
    # particle that also marks a passive ("added ... to the list")
    particles = {h.first for h in s.hits if h.category == "passive_after"}
    future = any(
        h.category == "future"
        and s.segment[h.first] == seg
        and (cue.first - 4 <= h.first <= cue.last or (cue.last < h.first < first and h.first not in particles))
        and not (
            cue.first < h.first < cue.last and s.tokens.low[h.last + 1] in s.stopwords
        )  # "moved ... to the SDN list"
        and h.last + 1 not in named
        for h in s.hits
    )
    if future:
        decided = decided_before or any(h.category == "decision" and s.clause[h.first] == clause for h in s.hits)
        if not decided and find_effective_date(_unit_text(s, s.clause, cue.first), book, published) is None:
            return "speculative"
    return "confirmed"


def _talk_scope(s: Sentence, cue: Hit, first: int, end: int) -> int:
    """Where talk stops bearing on the change: a decided change before the entity ("ambassadors
    approved a new package against X over its support for ...") is not made talk by a word after
    the entity, nor is any change by talk in an "including ..." appendix after it ("announced a
    package against X, including measures aimed at ...")."""
    after = max(cue.last, first)
    appendix = [h.first for h in s.hits if h.category == "including" and h.first > after]
    if appendix:
        end = min(end, appendix[0])
    decided = cue.first < first and any(
        h.category == "decision" and h.first <= cue.last and s.clause[h.first] == s.clause[cue.first] for h in s.hits
    )
    return min(end, after + 1) if decided else end


def _talked_sanctions(
    s: Sentence, m: SpanMention, first: int, book: CueBook, published: date | None, fallback: tuple[str, ...]
) -> list[EventFinding]:
    """ "urges sanctions on X", "Polska chce sankcji na X": a speculative imposition (the
    sanction word right before the entity, talk earlier in the segment, no action cue)."""
    seg = s.segment[first]
    head = including(s, first)
    talk = [
        h for h in s.hits if h.category == "talk" and (s.segment[h.first] == seg or h.last < head) and h.first < first
    ]
    noun = [
        h
        for h in s.hits
        if h.category == "sanction"
        and (s.segment[h.first] == seg or h.last < head)
        and first - 10 <= h.last < first
        and not content_between(s, h.last, first)
    ]
    if not talk or not noun or _cancelled(s, noun[-1], book, published):
        return []
    return [
        EventFinding(m.key, "impose", j, "speculative", None, None, s.tokens.text)
        for j in choose_actors(s, noun[-1], m.country, fallback)
    ]


def _unit_text(s: Sentence, unit: list[int], index: int) -> str:
    idx = [i for i, u in enumerate(unit) if u == unit[index]]
    return s.tokens.text[s.tokens.spans[idx[0]][0] : s.tokens.spans[idx[-1]][1]]
