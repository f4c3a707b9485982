"""Who acts, and whether a country is the target: the positional rules behind a jurisdiction.

The actor is the acting subject, found from `seeds/cues/jurisdictions.toml` names:
the nearest actor before the action cue in its clause, with actors joined to it by "and" or a
comma ("US and UK sanction ..." gives two events); for an `align` cue ("Norway joins EU
sanctions", "Der Bundesrat hat die Massnahmen der EU übernommen") the first actor of the clause
alone, as the bloc acted before (the labelling convention of the evaluation set); else the first
a few words after the cue ("blacklisted by Washington", "removed from the US list"); else the
item's lead actor (the first the item names, passed as `fallback`); else the nearest in the
sentence. Never the entity's own country, and never a country in
target position ("sanctions against Russia").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.classification.cues import Hit

if TYPE_CHECKING:
    from monitor.classification.clauses import Sentence

__all__ = ["actor_country", "actor_jurisdiction", "choose_actors", "is_country_target", "is_modifier", "placed"]


def actor_jurisdiction(hit: Hit) -> str:
    """The jurisdiction of an actor hit (its category is "JURISDICTION:COUNTRY")."""
    return hit.category.split(":", 1)[0]


def actor_country(hit: Hit) -> str:
    """The ISO country of an actor hit ("EU", "UN" for the organisations)."""
    return hit.category.split(":", 1)[1]


def choose_actors(
    s: Sentence, cue: Hit, entity_country: str | None, fallback: tuple[str, ...]
) -> tuple[str | None, ...]:
    """Jurisdictions acting in `cue`, one per actor; `fallback` or (None,) when none is named."""
    followed = {h.last + 1 for h in s.hits if h.category == "follows"}  # "вслед за США": done before
    actors = [
        a
        for a in _outermost(s.actors)
        if not (entity_country and actor_country(a) == entity_country)
        and not _targeted(s, a)
        and not placed(s, a)
        and a.first not in followed
    ]
    clause = s.clause[cue.first]
    in_clause = [a for a in actors if s.clause[a.first] == clause]
    aligned = [h for h in s.hits if h.category == "align" and s.clause[h.first] == clause and h.first <= cue.first]
    anchor = aligned[0] if aligned else cue
    before = [a for a in in_clause if a.last < anchor.first]
    if before and aligned:
        chosen = [before[0]]
    elif before and (owner := _owner_in_talk(s, before, cue)) is not None:
        chosen = [owner]
    elif before:
        chosen = sorted(_conjoined(s, before), key=lambda a: a.first)
    else:
        after = [a for a in in_clause if cue.last < a.first <= cue.last + _AGENT_REACH and not _speaks(s, a)]
        if after:  # "sanctioned jointly by the United States and Japan": with those joined to it
            chosen = [after[0]] + [
                a for a in in_clause if a.first > after[0].last and _conjoined(s, [after[0], a]) == [a, after[0]]
            ]
        elif fallback or any(a.first > cue.last for a in in_clause):
            return fallback or (None,)  # the item's lead actor (analyze fills it in), not a far one
        elif any(not _speaks(s, a) for a in actors):
            chosen = [min((a for a in actors if not _speaks(s, a)), key=lambda a: abs(a.first - cue.first))]
        else:
            return fallback or (None,)
    return tuple(dict.fromkeys(actor_jurisdiction(a) for a in chosen))


# how far after a change its agent or list owner may stand ("removed from the US Treasury's list",
# "sanctions were imposed on X by the European Union"); further on, an actor belongs to another
# phrase ("... for its support of Russia's invasion of Ukraine")
_AGENT_REACH = 8


def placed(s: Sentence, actor: Hit) -> bool:
    """ "the war in Ukraine", "Krieg in der Ukraine", "exports from Russia": an actor after a
    place preposition (`place_before` of the cue file; one article may stand between) is a
    place, not an actor, unless it owns the list or measure next to it."""
    low = s.tokens.low
    j = actor.first - 1
    if j >= 0 and low[j] in s.stopwords and low[j] not in s.place_before:
        j -= 1
    if j < 0 or low[j] not in s.place_before:
        return False
    # "removed from the U.S. sanctions list", "из санкционного списка США": the list's owner
    return not any(
        h.category in ("sanction", "lift_full", "lift_partial", "lift", "impose")
        and (
            h.first == actor.last + 1 or h.last == actor.first - 1 or h.first <= j <= h.last or h.last in (j - 1, j - 2)
        )  # "removed from the OFAC list"
        for h in s.hits
    )


def _owner_in_talk(s: Sentence, before: list[Hit], cue: Hit) -> Hit | None:
    """ "Lithuania proposes new EU sanctions on Belarus", "Polska chce sankcji UE": in talk, the
    actor that owns the measure (right before or after its sanction word) is the one that would
    act, not the proposer."""
    clause = s.clause[cue.first]
    if not any(h.category == "talk" and s.clause[h.first] == clause and h.first < cue.first for h in s.hits):
        return None
    nouns = [h for h in s.hits if h.category == "sanction" and s.clause[h.first] == clause and h.first >= cue.first]
    return next(
        (
            a
            for a in _outermost(s.actors)
            if any(a.last + 1 == n.first or n.last + 1 == a.first for n in nouns) and a is not before[0]
        ),
        None,
    )


def _outermost(actors: list[Hit]) -> list[Hit]:
    """Drop an actor inside a longer one ("Council" in "UN Security Council")."""
    return [
        a
        for a in actors
        if not any(b.first <= a.first and a.last <= b.last and b.last - b.first > a.last - a.first for b in actors)
    ]


def _speaks(s: Sentence, actor: Hit) -> bool:
    """ "..., Lithuania's foreign minister said": an actor right before a speech verb is the speaker
    (not across a comma: "... with the EU's package, the president's office said")."""
    low = s.tokens.low
    return any(
        h.category == "speech" and actor.last < h.first <= actor.last + 4 and "," not in low[actor.last + 1 : h.first]
        for h in s.hits
    )


def _conjoined(s: Sentence, before: list[Hit]) -> list[Hit]:
    """The nearest actor and those joined to it by conjunctions or commas, leftwards."""
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        gap = range(prev.last + 1, group[-1].first)
        if not all(_is_conj(s, i) for i in gap):
            break
        group.append(prev)
    return group


def _is_conj(s: Sentence, i: int) -> bool:
    return s.tokens.low[i] in (",", "&", "/") or any(h.category == "conj" and h.first <= i <= h.last for h in s.hits)


def _targeted(s: Sentence, actor: Hit) -> bool:
    """ "against Russia", "санкции против России": a country named as the target acts not."""
    # one word may stand between ("против самой России"), not a sanction noun ("к санкциям ЕС");
    # "called on the EU" addresses the EU
    nouns = {h.first for h in s.hits if h.category == "sanction"}
    talk = {i for h in s.hits if h.category == "talk" for i in range(h.first, h.last + 1)}
    return any(
        h.category == "target_before"
        and h.last not in talk
        and (h.last == actor.first - 1 or (h.last == actor.first - 2 and actor.first - 1 not in nouns))
        for h in s.hits
    )


def _list_start(s: Sentence, first: int) -> int:
    """The first token of a list of names ending at `first` ("Росії та Білорусі", "Russia, Iran and
    Belarus"): back over conjunctions, commas and capitalised words (another name)."""
    orig, start, j = s.tokens.orig, first, first - 1
    while j > 0 and _is_conj(s, j) and orig[j - 1][:1].isupper() and first - j < 8:
        start = j - 1
        j -= 2
    return start


def is_modifier(s: Sentence, first: int, last: int) -> bool:
    """ "Lukashenko's sons", "Belarus-related", "the Lukashenko regime", "режим Лукашенко": a
    `not_target_after` cue right after the name or a `not_target_before` cue right before it."""
    return any(
        (h.category == "not_target_after" and h.first == last + 1)
        or (h.category == "not_target_before" and h.last == first - 1)
        for h in s.hits
    )


def is_country_target(s: Sentence, first: int, last: int, surface: str, modifies_next: bool = True) -> bool:
    """Is a country mention in target position, rather than a modifier or an address?

    Not a target: an adjective ("białoruskiego", "білоруського"), "Belarus-related", a
    modifier of the next word where the language puts one there (`modifies_next`: "Belarus
    potash", "Baltkrievijas riepu ražotāju", "Belarus's airline Belavia"; Slavic languages use
    adjectives, so "objęcie Białorusi takimi samymi sankcjami" is a target). Target: right after a target preposition ("sanctions against Belarus",
    "проти Білорусі"), before a postposition (kk "Беларуське қарсы"), or next to a sanction or
    action word when no other entity in the clause is the target.
    """
    if surface[:1].islower():
        return False
    low, stop = s.tokens.low, s.stopwords
    covered = {i for h in s.hits if h.category != "anaphora" for i in range(h.first, h.last + 1)}
    nxt = last + 1
    if (
        modifies_next
        and nxt < len(low)
        and low[nxt][0].isalpha()
        and s.tokens.orig[nxt][0].islower()
        and nxt not in covered
        and low[nxt] not in stop
    ):
        return False
    if is_modifier(s, first, last) or (first > 0 and nxt < len(low) and low[first - 1] == "(" and low[nxt] == ")"):
        return False  # "(Belarus) Regulations": a bracketed name qualifies a title
    others = [a for m, a, _b in s.mentions if m.kind != "country" and s.clause[a] == s.clause[first]]
    for a in others:
        if last < a <= last + 4 and not any(_is_conj(s, i) for i in range(last + 1, a)):
            return False
    lead = _list_start(s, first)  # "щодо Росії та Білорусі": the list's first name stands for it
    for h in s.hits:
        if h.category == "target_before" and (first - 2 <= h.last < first or lead - 2 <= h.last < lead):
            return True
        if h.category == "target_after" and last < h.first <= last + 2:
            return True
    if others:
        return False
    near = ("sanction", "impose", "lift", "lift_full", "lift_partial")
    return any(
        (h.category in near and (first - 3 <= h.last < first or first - 3 <= h.first < first))
        or (h.category == "sanction" and h.first == last + 1)
        for h in s.hits
    )
