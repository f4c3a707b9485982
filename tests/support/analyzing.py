"""Shared helper for the classification tests: the real matcher and cue books on a small
fixture watchlist, and a compact view of the events (entity, action, jurisdiction, certainty)."""

from __future__ import annotations

import functools
from datetime import date

from monitor.classification.analyzer import Analyzer, load_analyzer
from monitor.classification.findings import Analysis, ItemText
from tests.support.paths import FIXTURES

ENTITIES = FIXTURES / "analyze" / "entities.toml"


@functools.cache
def analyzer() -> Analyzer:
    return load_analyzer([ENTITIES])


def analyze(
    title: str, summary: str = "", *, published: str | None = "2025-11-04", lang: str | None = None
) -> Analysis:
    day = date.fromisoformat(published) if published else None
    return analyzer().analyze(ItemText(title, summary, lang, day))


def events(title: str, summary: str = "", **kwargs: object) -> set[tuple[str, str, str | None, str]]:
    """{(entity, action, jurisdiction, certainty)} of one item."""
    found = analyze(title, summary, **kwargs)  # type: ignore[arg-type]
    return {(e.entity, e.action, e.jurisdiction, e.certainty) for e in found.events}
