"""Shared helper for the classification tests: the real matcher and cue books on a small
fixture watchlist, and a compact view of the events (entity, action, jurisdiction, certainty)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

import pytest
from _pytest.mark import ParameterSet

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


def by_lang(lang: str, *rows: object) -> list[ParameterSet]:
    """pytest params for one language's rows of a table, with ids "<lang>-1", "<lang>-2", ..."""
    return [
        pytest.param(*(row if isinstance(row, tuple) else (row,)), id=f"{lang}-{n}") for n, row in enumerate(rows, 1)
    ]


def checks(*cases: Callable[[], None]) -> list[ParameterSet]:
    """pytest params for single checks named `_<lang>_<what>`, with ids "<lang>-<what>"."""
    return [pytest.param(case, id=case.__name__.lstrip("_").replace("_", "-", 1)) for case in cases]
