"""The analyzer: an item's text in, its mentions and sanctions events out.

`Analyzer.analyze` is what both `monitor analyze` and the daemon's pipeline call: match the
watchlist in title and summary; when something matched, guess the language, cut the summary
into sentences (the title is its own sentence), classify each sentence that mentions an entity
(or refers back to the one entity just named: "the airline", "компания"), and merge the
findings so that each (entity, action, jurisdiction) is reported once, confirmed over talk.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from monitor.analysis import Analysis, EventFinding, ItemText
from monitor.classify import SpanMention, classify_sentence, mentions_sanctions
from monitor.cues import CueBook, load_actors, load_cuebook, tokenize
from monitor.actors import actor_jurisdiction
from monitor.language import detect_language
from monitor.sentences import sentence_spans
from monitor.watchlist import Entity

__all__ = ["Analyzer", "analyze_lines", "load_analyzer", "merge_findings"]


class _Match(Protocol):
    key: str
    start: int
    end: int


class _Matcher(Protocol):
    def find(self, text: str) -> Sequence[_Match]: ...


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
        title_hits = list(self.matcher.find(title)) if title else []
        summary_hits = list(self.matcher.find(summary)) if summary else []
        if not title_hits and not summary_hits:
            return Analysis()
        mentions = tuple(dict.fromkeys(m.key for m in sorted(title_hits, key=lambda m: m.start))
                         | dict.fromkeys(m.key for m in sorted(summary_hits, key=lambda m: m.start)))
        book = load_cuebook(detect_language(f"{title}\n{summary}", item.lang))
        sentences = [(title, title_hits)] if title else []
        for start, end in sentence_spans(summary, book.meta["abbreviations"]):
            inside = [m for m in summary_hits if start <= m.start < end]
            sentences.append((summary[start:end], [_Shifted(m, start) for m in inside]))
        fallback = self._fallback_actors([text for text, _ in sentences])
        findings: list[EventFinding] = []
        last_entity: SpanMention | None = None
        on_topic = False
        for text, hits in sentences:
            spans = [self._span(m) for m in hits]
            if not spans and last_entity is not None:
                spans = _refer_back(text, book, last_entity)
            if spans:
                findings += classify_sentence(text, spans, book, self.actors, published=item.published,
                                              fallback_actors=fallback, on_topic=on_topic)
            on_topic = on_topic or mentions_sanctions(text, book)
            named = {m.key: m for m in spans if m.kind != "country"}
            if hits:
                last_entity = next(iter(named.values())) if len(named) == 1 else None
        return Analysis(mentions, merge_findings(findings))

    def _span(self, m: _Match) -> SpanMention:
        entity = self.entities.get(m.key)
        kind = entity.kind if entity else "organization"
        return SpanMention(m.key, kind, entity.country if entity else None, m.start, m.end)

    def _fallback_actors(self, texts: list[str]) -> tuple[str, ...]:
        """The first actor named in the item: the title's if any."""
        for text in texts:
            hits = self.actors.find(tokenize(text))
            if hits:
                return (actor_jurisdiction(hits[0]),)
        return ()


class _Shifted:
    """A match moved from summary offsets to sentence offsets."""

    __slots__ = ("key", "start", "end")

    def __init__(self, m: _Match, offset: int) -> None:
        self.key, self.start, self.end = m.key, m.start - offset, m.end - offset


def _refer_back(text: str, book: CueBook, entity: SpanMention) -> list[SpanMention]:
    """"The airline was removed ...": the one entity just named, at the anaphor."""
    tokens = tokenize(text)
    for h in book.find(tokens):
        if h.category == "anaphora":
            return [SpanMention(entity.key, entity.kind, entity.country, h.start, h.end)]
    return []


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
    from monitor.match import build_matcher
    from monitor.watchlist import load_watchlist

    entities = load_watchlist(entity_files)
    return Analyzer(entities, build_matcher(entities))


def analyze_lines(lines: Iterable[str], analyzer: Analyzer) -> Iterator[dict[str, Any]]:
    """One result per JSON line: `{"id", "mentions", "events"}` or `{"id", "error"}`."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item_id, item = _parse_line(line, number)
        except ValueError as exc:
            yield {"id": getattr(exc, "item_id", None), "error": str(exc)}
            continue
        analysis = analyzer.analyze(item)
        yield {"id": item_id, "mentions": list(analysis.mentions),
               "events": [e.to_json() for e in analysis.events]}


def _parse_line(line: str, number: int) -> tuple[Any, ItemText]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number}: not JSON: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise ValueError(f"line {number}: expected a JSON object, got {type(obj).__name__}")
    item_id = obj.get("id")
    title, summary = obj.get("title"), obj.get("summary") or ""
    problem = None
    if not isinstance(title, str):
        problem = "missing title" if title is None else "title must be a string"
    elif not isinstance(summary, str):
        problem = "summary must be a string"
    if problem:
        err = ValueError(f"line {number}: {problem}")
        err.item_id = item_id  # type: ignore[attr-defined]
        raise err
    lang = obj.get("lang") if isinstance(obj.get("lang"), str) else None
    return item_id, ItemText(title, summary, lang, _parse_date(obj.get("published")))


def _parse_date(value: object) -> date | None:
    """"2025-11-04", "2025-11-04T10:00:00Z" or an RFC 822 date; None when unreadable."""
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
