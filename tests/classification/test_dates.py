"""Effective dates, scope and the evidence sentence of an event; add a `_<lang>_...` check to the list."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.analyzing import analyze, checks, events


def _en_scope_and_effective_date() -> None:
    result = analyze("OFAC removes Belavia from SDN list", "The removal takes effect from 4 December.")
    assert [(e.scope, e.effective_date) for e in result.events] == [("full", None)]
    result = analyze("EU lifts sanctions on Belavia from 4 December", published="2025-11-20")
    assert [(e.scope, str(e.effective_date)) for e in result.events] == [(None, "2025-12-04")]
    result = analyze("US eases sanctions on Belavia")
    assert [e.scope for e in result.events] == ["partial"]


def _en_evidence_is_the_sentence() -> None:
    result = analyze(
        "Minsk welcomes move", "Talks went on. Washington lifted sanctions on Belavia on Tuesday. More later."
    )
    assert [e.evidence for e in result.events] == ["Washington lifted sanctions on Belavia on Tuesday."]


def _ru_effective_date_in_russian() -> None:
    result = analyze("ЕС снимает санкции с «Белавиа» с 1 декабря 2025 года")
    assert [str(e.effective_date) for e in result.events] == ["2025-12-01"]


def _ru_a_time_phrase_in_a_participle_dates_the_licence_not_the_revocation() -> None:
    assert events(
        "Решение Минфина США",
        "Минфин США отменил лицензию, с 2016 года приостанавливавшую санкции против ОАО «Нафтан» и ОАО «Белшина».",
        lang="ru",
    ) == {("naftan", "impose", "US", "confirmed"), ("belshina", "impose", "US", "confirmed")}


@pytest.mark.parametrize(
    "case",
    checks(
        _en_scope_and_effective_date,
        _en_evidence_is_the_sentence,
        _ru_effective_date_in_russian,
        _ru_a_time_phrase_in_a_participle_dates_the_licence_not_the_revocation,
    ),
)
def test_dates(case: Callable[[], None]) -> None:
    case()
