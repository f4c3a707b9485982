"""The analyzer: an item's text in, its mentions and sanctions events out.

`Analyzer.analyze` is what both `monitor analyze` and the daemon's pipeline call: match the
watchlist in title and summary; when something matched, guess the language, cut the summary
into sentences (the title is its own sentence), classify each sentence that mentions an entity
(or refers back to the one entity just named: "the airline", "компания"), and merge the
findings so that each (entity, action, jurisdiction) is reported once, confirmed over talk.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from monitor.classification.actors import actor_country, actor_jurisdiction
from monitor.classification.classify import classify_sentence, mentions_sanctions
from monitor.classification.clauses import ACTION_CUES, SpanMention, prepare
from monitor.classification.cue_loader import load_actors, load_cuebook
from monitor.classification.cues import CueBook, Hit, Tokens, tokenize
from monitor.classification.findings import Analysis, EventFinding, ItemText
from monitor.classification.language import likely_languages
from monitor.classification.sentences import sentence_spans
from monitor.classification.structure import STAND_IN
from monitor.matching.watchlist import Entity

__all__ = ["Analyzer", "analyze_lines", "load_analyzer", "merge_findings"]

log = logging.getLogger(__name__)


class _Match(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Matcher(Protocol):
    def find(self, text: str, lang: str | None = None) -> Sequence[_Match]: ...


class Analyzer:
    """Watchlist matcher plus cue books; `analyze` is pure and safe to call from any thread."""

    def __init__(self, entities: Sequence[Entity], matcher: _Matcher) -> None:
        self.entities = {e.key: e for e in entities}
        self.matcher = matcher
        self.actors = load_actors()

    def analyze(self, item: ItemText) -> Analysis:
        """Mentions and events of one item (see the module docstring)."""
        title = unicodedata.normalize("NFC", item.title or "")
        summary = unicodedata.normalize("NFC", item.summary or "")
        text = f"{title}\n{summary}"  # one matcher pass; no name spans the line break
        hits = list(self.matcher.find(text, item.lang))
        if not hits:
            return Analysis()
        mentions = tuple(dict.fromkeys(m.key for m in hits))
        findings: list[EventFinding] = []
        for lang in likely_languages(text, item.lang):  # a short text may hide its language
            findings = self._classify(text, len(title), hits, load_cuebook(lang), item.published)
            if findings:
                break
        return Analysis(mentions, merge_findings(findings))

    def _classify(
        self, text: str, title_end: int, hits: list[_Match], book: CueBook, published: date | None
    ) -> list[EventFinding]:
        """Findings of every sentence that names an entity or refers back to one."""
        abbreviations = book.meta["abbreviations"]
        spans = sentence_spans(text[:title_end], abbreviations) + [
            (title_end + 1 + a, title_end + 1 + b) for a, b in sentence_spans(text[title_end + 1 :], abbreviations)
        ]
        findings: list[EventFinding] = []
        last_entity: SpanMention | None = None
        group: list[SpanMention] = []  # the companies of the last sentence naming several
        earlier: list[str] = []  # sentences not yet known to be about sanctions
        on_topic = False
        talked = False  # the last sentence about a change only talked of it
        trail: list[tuple[str, list[EventFinding] | None]] = []  # sentences not yet read for talk
        previous = ""
        for start, end in spans:
            sentence = text[start:end]
            named = [self._span(m, start) for m in hits if start <= m.start < end]
            own = {m.key: m for m in named if m.kind != "country"}
            single = next(iter(own.values())) if len(own) == 1 else None
            # a company noun later in the sentence is the one company named ("the producer")
            referent = (single if single and single.kind != "person" else None) if own else last_entity
            targets = named + (_refer_back(sentence, book, referent, named) if referent else [])
            both = _refer_to_group(sentence, book, group) if group and not named else []
            if targets or both:
                on_topic = on_topic or any(mentions_sanctions(e, book) for e in earlier)
                earlier = []
                found = classify_sentence(
                    sentence,
                    targets + both,
                    book,
                    self.actors,
                    published=published,
                    on_topic=on_topic,
                    decided=_decides(previous, book),
                )
                if not found and previous and targets and _continues(sentence, book, targets):
                    found = self._continued(previous, sentence, targets, book, published)
                if found:
                    for done, their in trail:  # (read only now: most sentences never need it)
                        talked = _talk_goes_on(done, book, self.actors, talked, their)
                    trail = []
                    if talked:
                        found = self._still_talk(sentence, found, book)
                findings += found
            trail.append((sentence, found if targets or both else None))
            earlier.append(sentence)
            previous = sentence
            if named:
                keys = {m.key: m for m in named if m.kind != "country"}
                only = next(iter(keys.values())) if len(keys) == 1 else None
                last_entity = only if only and only.kind != "person" else None  # "the bank" is no person
                group = [m for m in keys.values() if m.kind != "person"] if len(keys) > 1 else []
        if any(f.jurisdiction is None for f in findings):
            actors = [h for a, b in spans for h in self._acting(tokenize(text[a:b]), book)]
            findings = [
                replace(f, jurisdiction=self._fallback_actor(actors, f.entity)) if f.jurisdiction is None else f
                for f in findings
            ]
        return _drop_designation_licences(findings, book)

    def _continued(
        self, previous: str, sentence: str, targets: list[SpanMention], book: CueBook, published: date | None
    ) -> list[EventFinding]:
        """ "Britain sanctioned 300 targets. Among them were Naftan and Belshina.", "... ослабили
        санкции против трёх компаний после ... Речь идёт о X, Y и Z": the previous sentence's
        change, applied to the entities listed here. They stand in for the object of its last
        change: after its noun for companies ("three manufacturers"), else where the cue's phrase
        ends (the first break or comma after it, else the sentence's end)."""
        at = _object_end(previous, book, self.actors)
        text = f"{previous[:at]} {_STAND_IN}{previous[at:]}"
        start = at + 1
        stand_in = [
            SpanMention(m.key, m.kind, m.country, start, start + len(_STAND_IN)) for m in targets if m.kind != "country"
        ]
        found = classify_sentence(text, stand_in, book, self.actors, published=published, on_topic=True)
        return [replace(f, evidence=f"{previous} {sentence}") for f in found]

    def _still_talk(self, sentence: str, found: list[EventFinding], book: CueBook) -> list[EventFinding]:
        """ "Die EU kündigte neue Sanktionen an ... Die Maßnahmen zielen auch auf X", "UE ma ogłosić
        pakiet ... Na liście znajduje się Belavia": after talk of a change, a sentence that names
        no actor and no decision of its own describes the same planned measure: still talk."""
        tokens = tokenize(sentence)
        if self.actors.find(tokens) or any(h.category == "decision" for h in book.find(tokens)):
            return found
        return [replace(f, certainty="speculative") for f in found]

    def _span(self, m: _Match, offset: int) -> SpanMention:
        entity = self.entities.get(m.key)
        kind = entity.kind if entity else "organization"
        return SpanMention(m.key, kind, entity.country if entity else None, m.start - offset, m.end - offset)

    def _acting(self, tokens: Tokens, book: CueBook) -> list[Hit]:
        """The actors of a sentence that may act: not a target ("war against Ukraine") nor a
        topic label before a colon that another actor follows ("Ukraine: Switzerland adopts ...")."""
        before = {h.last for h in book.find(tokens, "target_before")}
        nouns = {h.first for h in book.find(tokens, "sanction")}  # "talks on US sanctions" name their owner
        low, found = tokens.low, self.actors.find(tokens)
        places, stop = book.meta["place_before"], book.meta["stopwords"]
        acts = {h.last for h in book.find(tokens) if h.category in ACTION_CUES}  # "removed from the SDN list"

        def placed(h: Hit) -> bool:  # "in der Ukraine" (see monitor/classification/actors.py::placed)
            j = h.first - 1
            if j > 0 and low[j] in stop and low[j] not in places:
                j -= 1
            return j >= 0 and low[j] in places and h.last + 1 not in nouns and not acts & {j - 1, j - 2}

        return [
            h
            for h in found
            if (h.first - 1 not in before or h.last + 1 in nouns)
            and not placed(h)
            and not (h.last + 1 < len(low) and low[h.last + 1] == ":" and any(o.first > h.last for o in found))
        ]

    def _fallback_actor(self, actors: list[Hit], key: str) -> str | None:
        """The first actor the item names (the title's if any) that is not the entity's own country."""
        entity = self.entities.get(key)
        own = entity.country if entity else None
        for hit in actors:
            if own is None or actor_country(hit) != own:
                return actor_jurisdiction(hit)
        return None


def _refer_back(text: str, book: CueBook, entity: SpanMention, named: list[SpanMention]) -> list[SpanMention]:
    """ "The airline was removed ...", "..., even after Washington eased its measures against the
    producer": the one entity named (here, or just before), at an anaphor after every name."""
    own = [m for m in named if m.key == entity.key]
    after = max((m.end for m in named if m.kind != "country"), default=0)  # "Koncern ... wobec Białorusi"
    tokens = tokenize(text)
    # a sentence that names an entity is scanned in full anyway; another needs only the anaphors
    hits = book.find(tokens) if named else book.find(tokens, "anaphora")
    for h in hits:
        # in the naming sentence only across a clause or segment break: "Naftan refinery",
        # "su Naftan susijusių įmonių" are no reference back
        if (
            h.category == "anaphora"
            and h.start >= after
            and (
                not own
                or any(b.category in ("clause_break", "segment_break") and after <= b.start < h.start for b in hits)
            )
        ):
            return [SpanMention(entity.key, entity.kind, entity.country, h.start, h.end)]
    return []


def _refer_to_group(text: str, book: CueBook, group: list[SpanMention]) -> list[SpanMention]:
    """ "... проти обох компаній", "both companies": every company just named, at the phrase
    (the cue file's `plural_anaphora`)."""
    tokens = tokenize(text)
    low = tokens.low
    for phrase in book.meta["plural_anaphora"]:
        n = len(phrase)
        for i in range(len(low) - n + 1):
            # "these vessels", also with a number or one word between ("these three vessels")
            for skip in (0, 1) if n == 2 else (0,):
                if (
                    i + n + skip <= len(low)
                    and low[i] == phrase[0]
                    and tuple(low[i + 1 + skip : i + n + skip]) == phrase[1:]
                    and (not skip or low[i + 1].isalnum())
                ):
                    start, end = tokens.spans[i][0], tokens.spans[i + n - 1 + skip][1]
                    return [SpanMention(m.key, m.kind, m.country, start, end) for m in group]
    return []


_CHANGE_OR_DECISION = ACTION_CUES + ("decision",)


def _modal_before(h: Hit, decision: int) -> bool:
    """Does talk bear on a decision word: talk, a future or a condition before it, or talk just
    after it ("решение может быть принято"; not "decided to": its infinitive is the decision)?"""
    return (h.category in ("talk", "future", "conditional", "negation") and h.first < decision) or (
        h.category in ("talk", "conditional") and decision < h.first <= decision + 3
    )


def _decides(sentence: str, book: CueBook) -> bool:
    """Does the sentence report a decision, with no talk before it ("Гэткае рашэнне прынялі
    міністры")?"""
    if not sentence:
        return False
    tokens = tokenize(sentence)
    if not book.find(tokens, "decision"):  # a cheap scan for the one category first
        return False
    hits = book.find(tokens)
    decided = [h.first for h in hits if h.category == "decision"]
    return bool(decided) and not any(_modal_before(h, decided[0]) for h in hits)


def _talk_goes_on(
    sentence: str, book: CueBook, actor_book: CueBook, talked: bool, found: list[EventFinding] | None
) -> bool:
    """Does talk of a change go on after this sentence? Its findings say so where it has some
    (all speculative); else a sentence with a change word sets it: talk before the first one
    and no decision starts it, no actor and no decision of its own lets the
    earlier talk go on, anything else ends it. Other sentences leave it."""
    if found:
        return all(f.certainty == "speculative" for f in found)
    tokens = tokenize(sentence)
    if not any(book.find(tokens, c) for c in _CHANGE_OR_DECISION):  # cheap scans first
        return talked
    hits = book.find(tokens)
    change = [h.first for h in hits if h.category in ACTION_CUES]
    if not change and not any(h.category == "decision" for h in hits):
        return talked
    decided = [h.first for h in hits if h.category == "decision"]
    if any(
        _modal_before(h, min(change + decided))
        if decided
        else (h.category in ("talk", "future", "conditional") and h.first < change[0])
        for h in hits
    ):
        return True  # "kündigte die EU neue Sanktionen an", "the decision may be taken next week"
    if decided:
        return False
    return talked and not actor_book.find(tokens)


_STAND_IN = STAND_IN  # a word no cue matches, standing for the listed entities


def _continues(sentence: str, book: CueBook, targets: list[SpanMention]) -> bool:
    """ "Among them were Naftan and Belshina", "Речь идёт о ...", "Гэта X і Y": a continuation
    word before the names (a demonstrative, `continuation_first`, only as the first word)."""
    first = min(t.start for t in targets)
    tokens = tokenize(sentence)
    if tokens.low and tokens.low[0] in book.meta["continuation_first"] and tokens.spans[0][1] <= first:
        return True
    return any(h.start < first for h in book.find(tokens, "continuation"))


def _object_end(sentence: str, book: CueBook, actor_book: CueBook) -> int:
    """The character offset where the object of the sentence's last change ends."""
    s = prepare(sentence, [], book, actor_book)
    low, spans = s.tokens.low, s.tokens.spans
    cues = [h for h in s.hits if h.category in ACTION_CUES or h.category == "sanction"]
    groups = [h for h in s.hits if h.category == "anaphora"]
    if cues and groups:  # "sanctioned three Belarusian manufacturers", "drei Konzerne ... belegt"
        return spans[groups[-1].last][1]
    if cues:
        anchor = max(h.last for h in cues)
        breaks = {h.first for h in s.hits if h.category in ("clause_break", "segment_break", "speech")}
        for j in range(anchor + 1, len(low)):
            if j in breaks or low[j] == ",":
                return spans[j][0]
    end = len(sentence.rstrip())
    while end and sentence[end - 1] in ".!?…":
        end -= 1
    return end


def _drop_designation_licences(findings: list[EventFinding], book: CueBook) -> list[EventFinding]:
    """A wind-down licence issued with a designation is part of the imposition: a licence
    (partial lift) whose sentence also holds an imposition cue ("authorizing ... the wind down of
    operations with X") is dropped when the item reports X confirmed imposed by the same actor."""
    imposed = {(f.entity, f.jurisdiction) for f in findings if f.action == "impose" and f.certainty == "confirmed"}

    def with_imposition(f: EventFinding) -> bool:
        return any(h.category == "impose" for h in book.find(tokenize(f.evidence)))

    return [
        f
        for f in findings
        if not (
            f.action == "lift" and f.scope == "partial" and (f.entity, f.jurisdiction) in imposed and with_imposition(f)
        )
    ]


def merge_findings(findings: Iterable[EventFinding]) -> tuple[EventFinding, ...]:
    """One finding per (entity, action, jurisdiction), confirmed over speculative, first kept;
    a finding without jurisdiction is dropped when the same change has one."""
    best: dict[tuple[str, str, str | None], EventFinding] = {}
    for f in findings:
        key = (f.entity, f.action, f.jurisdiction)
        old = best.get(key)
        if old is None or (old.certainty == "speculative" and f.certainty == "confirmed"):
            best[key] = f
    named = {(e, a) for e, a, j in best if j is not None}
    return tuple(f for (e, a, j), f in best.items() if j is not None or (e, a) not in named)


def load_analyzer(entity_files: Sequence[Path]) -> Analyzer:
    """An analyzer for the watchlist in `entity_files`.

    Raises:
        SeedError: a watchlist or cue file is wrong.
    """
    from monitor.matching.match import build_matcher
    from monitor.matching.watchlist import load_watchlist

    entities = load_watchlist(entity_files)
    return Analyzer(entities, build_matcher(entities))


def analyze_lines(lines: Iterable[str], analyzer: Analyzer) -> Iterator[dict[str, Any]]:
    """One result per JSON line: `{"id", "mentions", "events"}` or `{"id", "error"}`."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item_id, item = _parse_line(line, number)
        except _BadLine as exc:
            yield {"id": exc.item_id, "error": str(exc)}
            continue
        try:
            analysis = analyzer.analyze(item)
        except Exception as exc:  # a bug must not stop the stream: report the line, log the trace
            log.exception("analyze: line %d failed", number)
            yield {"id": item_id, "error": f"line {number}: internal error: {type(exc).__name__}: {exc}"}
            continue
        yield {"id": item_id, "mentions": list(analysis.mentions), "events": [e.to_json() for e in analysis.events]}


class _BadLine(ValueError):
    """An input line that cannot be analyzed; `item_id` is its id when it has one."""

    def __init__(self, message: str, item_id: Any = None) -> None:
        super().__init__(message)
        self.item_id = item_id


def _parse_line(line: str, number: int) -> tuple[Any, ItemText]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadLine(f"line {number}: not JSON: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise _BadLine(f"line {number}: expected a JSON object, got {type(obj).__name__}")
    item_id = obj.get("id")
    title, summary = obj.get("title"), obj.get("summary") or ""
    if title is None:
        raise _BadLine(f"line {number}: missing title", item_id)
    if not isinstance(title, str):
        raise _BadLine(f"line {number}: title must be a string", item_id)
    if not isinstance(summary, str):
        raise _BadLine(f"line {number}: summary must be a string", item_id)
    lang = obj.get("lang") if isinstance(obj.get("lang"), str) else None
    return item_id, ItemText(title, summary, lang, _parse_date(obj.get("published")))


def _parse_date(value: object) -> date | None:
    """ "2025-11-04", "2025-11-04T10:00:00Z" or an RFC 822 date; None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
