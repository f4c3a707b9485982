"""The shallow parse of a sentence that the classification rules read: which mentions form one
coordinated list, and which mentions are only attributes of another word (bystanders).

Built once per sentence by `monitor/classification/clauses.py::prepare` from the cue hits it has already
found and from per-language data of the cue file (`seeds/cues/<lang>.toml`):

- `attribute_before`: prepositions that attach a name to another word ("pressure under
  President X", "elections rigged by X", "a meeting with X", "companies in Belarus"). A name
  after one (over at most four words: titles, first names, adjectives) is a bystander unless
  the word before the preposition is a cue of the change itself ("transactions with X",
  "the removal of X").
- `instrumental_before` + `instrumental_endings`: a preposition that means "with" only before
  the instrumental case (uk "з Олександром Лукашенком", pl "z Łukaszenką"; "з Білорусі" is a
  target of "зняти санкції з").
- A `target_before` preposition hung on a plain noun is no target either: "pressure on
  President X" (no cue just before), "sanctions on 200 firms in/from Belarus" (the cue already
  has its object: another target preposition stands between it and this one).
- `genitive_first`: the language puts a possessor before its noun (lt "Lukašenkos šeimos
  nariai", kk): a person followed by a plain lower-case word is that word's attribute.
- `genitive_after`: the possessor follows its noun (ru "«Евросибэнерго» Олега Дерипаски"): a
  person right after a company's name, a company noun or a plural noun in the genitive
  (`plural_genitive` endings: "друзей", "прапагандыстаў"; a title is singular) is its owner.

A coordinated list is a run of mentions joined by commas and conjunctions, with short
descriptions between them ("Belaruskali, its export arm BPC and its subsidiary Agrorozkvit",
"X (zarządzają ...), producenta nawozów Y"); a member the rules leave without a change of its
own takes the change of the list (`monitor/classification/classify.py`), and a list opened by a bystander
("companies in Belarus and Russia") is bystanders throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from monitor.classification.clauses import Sentence
    from monitor.classification.cues import CueBook

__all__ = ["STAND_IN", "Structure", "build_structure"]

# a word no cue matches, standing for entities listed in the next sentence (monitor/classification/analyzer.py)
STAND_IN = "Xentity"

# cue categories that may stand inside a list's gap ("and its subsidiary", "such as")
_GAP_OK = frozenset(("conj", "anaphora", "including", "glue", "not_target_after"))
# cue categories whose word, right before a preposition, makes the name the object of the change
_CHANGE = frozenset(
    (
        "lift_full",
        "lift_partial",
        "lift",
        "impose",
        "align",
        "sanction",
        "actor_verb",
        "talk",
        "relation",
        "keep",
        "negation",
    )
)
# cue categories whose word is no preposition of an attribute ("together with", "such as")
_NOT_PREPOSITION = frozenset(("conj", "follows", "glue", "including", "relation", "anaphora", "sanction"))
_MAX_FILLER = 4  # words between a preposition and the name ("with Belarusian leader Alexander")
_MAX_GAP = 6  # words of description between two members of a list


@dataclass(frozen=True)
class Structure:
    """`groups`: lists of mention indices (into `Sentence.mentions`), each in text order;
    `bystanders`: mention indices that only qualify another word."""

    groups: tuple[tuple[int, ...], ...]
    bystanders: frozenset[int]

    def group_of(self, index: int) -> tuple[int, ...]:
        return next((g for g in self.groups if index in g), (index,))


def build_structure(s: Sentence, book: CueBook) -> Structure:
    if not s.mentions:
        return Structure((), frozenset())
    cover = _cover(s)
    groups = _groups(s, cover)
    meta = book.meta
    relative = {h.first - 1 for h in s.hits if h.category == "segment_break" and s.tokens.low[h.first] == ","}
    attached = {
        i
        for i, (m, first, last) in enumerate(s.mentions)
        if (
            last not in relative  # "consent from X, which Washington blacklisted": X's own change
            and _after_attribute_preposition(s, first, last, cover, meta)
        )
        or _after_plain_target_preposition(s, first, cover, bool(meta.get("nouns_capitalized")))
        or (meta.get("genitive_first") and m.kind == "person" and _possessor(s, last, cover))
        or (meta.get("genitive_after") and m.kind == "person" and _owner_after(s, i, first, cover, groups))
    }
    bystanders = set(attached)
    for g in groups:  # "companies in Belarus and Russia": the list's head decides for all
        if g[0] in attached and not any(s.mentions[i][0].kind != s.mentions[g[0]][0].kind for i in g):
            bystanders.update(g)
    return Structure(tuple(groups), frozenset(bystanders))


def _cover(s: Sentence) -> dict[int, str]:
    """token index -> category of the (first) cue covering it; actors as "actor"."""
    cover: dict[int, str] = {}
    for h in s.hits:
        for i in range(h.first, h.last + 1):
            cover.setdefault(i, h.category)
    for a in s.actors:
        for i in range(a.first, a.last + 1):
            cover.setdefault(i, "actor")
    return cover


def _groups(s: Sentence, cover: dict[int, str]) -> list[tuple[int, ...]]:
    order = sorted(range(len(s.mentions)), key=lambda i: s.mentions[i][1])
    groups: list[list[int]] = []
    for i in order:
        if groups:
            prev = groups[-1][-1]
            if _joined(s, s.mentions[prev][2], s.mentions[i][1], cover):
                groups[-1].append(i)
                continue
        groups.append([i])
    return [tuple(g) for g in groups if len(g) > 1]


def _joined(s: Sentence, last: int, first: int, cover: dict[int, str]) -> bool:
    """Only commas, conjunctions, brackets and a short description between two names."""
    low = s.tokens.low
    gap = list(range(last + 1, first))
    if not gap:
        return False
    conj = {i for h in s.hits if h.category == "conj" for i in range(h.first, h.last + 1)}
    if s.clause[first] != s.clause[last] and not all(  # ", and" may cut a clause, not a list
        low[i] == "," or i in conj
        for h in s.hits
        if h.category == "clause_break" and last < h.first < first
        for i in range(h.first, h.last + 1)
    ):
        return False
    if all(low[i] in "([" for i in gap):
        return True  # "Belarusian Potash Company (BPC)": the name and its short form
    depth, words, opened = 0, 0, False
    for i in gap:
        t = low[i]
        if t in "([":
            depth += 1
            continue
        if t in ")]":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if t in (":", ";", "?", "!"):
            return False  # (a stop inside a sentence ends an abbreviation: "United Co. Rusal")
        category = cover.get(i)
        if t == "," or i in conj:
            opened = True  # (words before it end the name: "Rusal PLC, and ...")
            continue
        if category is not None and category not in _GAP_OK:
            return False
        if t[0].isalnum():
            words += 1
    return opened and words <= _MAX_GAP


def _filler_start(s: Sentence, first: int, cover: dict[int, str]) -> list[int]:
    """Token indices where a preposition may stand before the name: right before it and before
    up to `_MAX_FILLER` plain words (titles, first names, adjectives; no cue but a noun for a
    company, "the airline")."""
    low = s.tokens.low
    out, j, words = [first - 1], first - 1, 0
    while j >= 0 and words < _MAX_FILLER:
        t = low[j]
        if t == "," or cover.get(j) == "conj":  # "з Росії та Білорусі": back over the list's names
            if j > 0 and s.tokens.orig[j - 1][:1].isupper():
                j -= 1
                out.append(j)
                continue
            break
        if not (t[0].isalnum() or t in ".-'\"«»„“”") or cover.get(j) not in (None, "anaphora"):
            break
        words += t[0].isalnum()
        j -= 1
        out.append(j)
    return [k for k in out if k >= 0]


def _change_before(s: Sentence, prep: int, cover: dict[int, str]) -> bool:
    """Is a word of the change just before the preposition ("transactions with", "removal of",
    "authorizes dealings with", "a freeze on assets held by")? At most four words back, not
    across a comma."""
    low = s.tokens.low
    for j in range(prep - 1, max(-1, prep - 5), -1):
        if low[j] in (",", ";", ":") or cover.get(j) in ("segment_break", "clause_break"):
            return False
        if cover.get(j) in _CHANGE:
            return True
    return False


def _after_attribute_preposition(
    s: Sentence, first: int, last: int, cover: dict[int, str], meta: dict[str, object]
) -> bool:
    low = s.tokens.low
    preps = cast("tuple[str, ...]", meta.get("attribute_before", ()))
    instrumental = cast("tuple[str, ...]", meta.get("instrumental_before", ()))
    endings = cast("tuple[str, ...]", meta.get("instrumental_endings", ()))
    for j in _filler_start(s, first, cover):
        t = low[j]
        if cover.get(j) in _NOT_PREPOSITION:
            continue  # "together with" is a conjunction, not an attribute's preposition
        if t in preps or (
            t in instrumental and endings and any(w.endswith(endings) for w in low[j + 1 : last + 1] if w[0].isalpha())
        ):
            return not _change_before(s, j, cover)
    return False


def _after_plain_target_preposition(s: Sentence, first: int, cover: dict[int, str], capitalized: bool) -> bool:
    """ "pressure on President X"; "sanctions on 200 firms on (=in) Belarus": a target
    preposition whose own head is no cue, or whose cue has taken an object already."""
    low = s.tokens.low
    for j in _filler_start(s, first, cover):
        if cover.get(j) != "target_before":
            continue
        head = j - 1
        if (
            head < 0
            or not low[head][0].isalpha()
            or cover.get(head) not in (None, "anaphora")
            or not (capitalized or s.tokens.orig[head][0].islower())
        ):  # "on Monday on X": no noun's
            return False
        # back to the nearest cue of the change: another target preposition on the way means
        # the cue's object stands there, and this phrase describes it
        k = head
        while k >= 0 and cover.get(k) not in _CHANGE:
            if cover.get(k) == "target_before" or low[k] in (",", ":", ";"):
                return cover.get(k) == "target_before"
            k -= 1
        return k < 0 or head - k > 3  # "pressure on": no cue close by
    return False


def _owner_after(s: Sentence, index: int, first: int, cover: dict[int, str], groups: list[tuple[int, ...]]) -> bool:
    """ "«Евросибэнерго» Олега Дерипаски", "компании Олега Дерипаски", "spółki Olega Deripaski":
    where the genitive follows its noun, a person right after a company (named, or a company
    noun) is its owner, not the target."""
    before, orig = first - 1, s.tokens.orig
    named = {t for k, (_o, a, b) in enumerate(s.mentions) if k != index for t in range(a, b + 1)}
    while (
        before >= 0
        and first - before <= 3
        and before not in cover
        and before not in named
        and (orig[before][:1].isupper() or orig[before] == ".")
    ):
        before -= 1  # a given name or an initial the mention left out ("Aleksandra Łukaszenki")
    if before < 0:
        return False
    if cover.get(before) == "anaphora":
        return True
    plural = s.tokens.orig[before]
    alone = not any(index in g for g in groups) and s.tokens.orig[first] != STAND_IN  # "billionaires X and Y"
    if alone and before not in cover and plural.islower() and plural.endswith(s.plural_genitive) and s.plural_genitive:
        return True  # "прапагандыстаў Аляксандра Лукашэнкі": Xs of a person (no one's title)
    low = s.tokens.low
    j = before - 1 if low[before] in '»"”' else before
    return any(b == j and o.kind not in {"person", "country"} for k, (o, _a, b) in enumerate(s.mentions) if k != index)


def _possessor(s: Sentence, last: int, cover: dict[int, str]) -> bool:
    nxt = last + 1
    low = s.tokens.low
    return (
        nxt < len(low)
        and low[nxt][0].isalpha()
        and s.tokens.orig[nxt][0].islower()
        and nxt not in cover
        and low[nxt] not in s.stopwords
    )
