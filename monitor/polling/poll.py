"""Poll one source: fetch → parse → store, chosen by its kind, with the outcome on its state.

`POLLERS` maps a source kind to its poller; adding a kind is one line. A poller does the I/O
and the parsing and returns a `Polled` whose `write` stores the results. `run_poller` runs the
poller and returns an `Outcome` without touching the database; `record_outcomes` then writes a
batch of outcomes in one transaction: each source's results with its new state, or, for a
`SourceError`, the one-line reason and an exponential backoff. `poll_source` does both for one
source.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from monitor.config import SourceConfig
from monitor.errors import FetchError, SourceError
from monitor.polling.context import PollContext, Polled, Poller, Validators
from monitor.polling.lists import POLLERS as LIST_POLLERS
from monitor.storage.items import Stored, failure_state, load_state, save_states, store_items, success_state
from monitor.storage.models import SourceState
from sanctions_monitor_sources.feed import parse_feed
from sanctions_monitor_sources.redact import redact

__all__ = [
    "POLLERS",
    "Outcome",
    "PollResult",
    "next_due_after_failure",
    "poll_feed",
    "poll_source",
    "record_outcomes",
    "run_poller",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollResult:
    """What happened to one source in one poll."""

    name: str
    ok: bool
    stored: Stored = field(default_factory=Stored)
    error: str | None = None  # the failure, or the warning of a recovered feed
    next_due: datetime | None = None
    failures: int = 0


async def poll_feed(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """An RSS/Atom feed: conditional GET, parse in the pool, store the items."""
    fetched = await ctx.fetch(source, validators)
    kept = Validators(fetched.etag, fetched.last_modified)
    if fetched.not_modified:
        return Polled(kept)
    parsed = await ctx.run_parser(
        parse_feed,
        fetched.body,
        url=fetched.url,
        headers=fetched.headers,
        source=source.name,
        lang=source.lang,
        max_items=ctx.max_items_per_feed,
    )
    return Polled(kept, lambda conn, now: store_items(conn, parsed.items, now=now), parsed.warning)


POLLERS: dict[str, Poller] = {
    "feed": poll_feed,
    **LIST_POLLERS,  # ofac-sdn, eu-fsf, uk-sanctions, un-sc, ofac-actions
}


def next_due_after_failure(
    every: float, failures: int, *, max_backoff: float, retry_after: float | None, rng: random.Random
) -> float:
    """Seconds until the next try: `every` doubled per failure, ±20% jitter, capped; a
    Retry-After from the server is honoured up to the cap."""
    backoff = every * 2.0 ** min(failures - 1, 30) * rng.uniform(0.8, 1.2)
    wait = min(max(backoff, every * 0.5), max(max_backoff, every))
    if retry_after is not None:
        wait = max(wait, min(retry_after, max(max_backoff, every)))
    return wait


@dataclass(frozen=True)
class Outcome:
    """A source's poll before it is recorded: what it found, or why it failed."""

    source: SourceConfig
    state: SourceState | None  # as loaded before the poll
    polled: Polled | None = None
    error: SourceError | None = None


async def poll_source(
    source: SourceConfig, *, ctx: PollContext, engine: Engine, now: datetime, max_backoff: float, rng: random.Random
) -> PollResult:
    """Poll one source and record the outcome on its state; never raises a `SourceError`."""
    with engine.connect() as conn:
        state = load_state(conn, source.name)
    outcome = await run_poller(source, state, ctx=ctx)
    return record_outcomes(engine, [outcome], now=now, max_backoff=max_backoff, rng=rng)[0]


async def run_poller(source: SourceConfig, state: SourceState | None, *, ctx: PollContext) -> Outcome:
    """Fetch and parse one source with the poller of its kind; no database access."""
    same_url = state is not None and state.url == source.url  # a new URL starts without validators
    validators = Validators(state.etag, state.last_modified) if state and same_url else Validators()
    poller = POLLERS.get(source.kind)
    try:
        if poller is None:
            raise SourceError(f"source kind {source.kind!r} is not supported by this version")
        return Outcome(source, state, polled=await poller(source, validators, ctx))
    except SourceError as exc:
        return Outcome(source, state, error=exc)
    except Exception as exc:  # a bug in a poller or parser must not stop the other sources
        log.exception("poller crashed source=%s", source.name)
        return Outcome(source, state, error=SourceError(f"internal error ({type(exc).__name__}: {exc}); see the log"))


def record_outcomes(
    engine: Engine, outcomes: list[Outcome], *, now: datetime, max_backoff: float, rng: random.Random
) -> list[PollResult]:
    """Record a batch of outcomes in one transaction: items and state of each source together.

    When the batch fails (a write raised `SourceError`, or the database refused a row), each
    outcome is retried alone, and one that fails alone is recorded as that source's failure.
    """
    try:
        with engine.begin() as conn:
            recorded = [_record(conn, o, now=now, max_backoff=max_backoff, rng=rng) for o in outcomes]
            save_states(conn, [state for _, state in recorded])
    except (SourceError, SQLAlchemyError) as exc:
        if len(outcomes) > 1:
            return [
                r for o in outcomes for r in record_outcomes(engine, [o], now=now, max_backoff=max_backoff, rng=rng)
            ]
        reason = (
            exc
            if isinstance(exc, SourceError)
            else SourceError(f"database write failed: {' '.join(str(exc).split())[:300]}")
        )
        failed = Outcome(outcomes[0].source, outcomes[0].state, error=reason)
        with engine.begin() as conn:
            recorded = [_record(conn, failed, now=now, max_backoff=max_backoff, rng=rng)]
            save_states(conn, [recorded[0][1]])
    for result, _ in recorded:
        _log(result)
    return [result for result, _ in recorded]


def _record(
    conn: Connection, outcome: Outcome, *, now: datetime, max_backoff: float, rng: random.Random
) -> tuple[PollResult, dict[str, Any]]:
    """Store what a successful poll found; return its result and the source's new state."""
    source, polled = outcome.source, outcome.polled
    if polled is not None:
        next_due = now + timedelta(seconds=source.every)
        stored = polled.write(conn, now) if polled.write else Stored()
        warning = redact(stored.warning or polled.warning or "") or None
        state = success_state(
            name=source.name,
            kind=source.kind,
            url=source.url,
            etag=polled.validators.etag,
            last_modified=polled.validators.last_modified,
            now=now,
            next_due=next_due,
            warning=warning,
        )
        return PollResult(source.name, True, stored, warning, next_due), state
    exc = outcome.error or SourceError("no outcome")
    reason = redact(" ".join(str(exc).split()) or type(exc).__name__)
    failures = (outcome.state.consecutive_failures if outcome.state else 0) + 1
    wait = next_due_after_failure(
        source.every,
        failures,
        max_backoff=max_backoff,
        retry_after=exc.retry_after if isinstance(exc, FetchError) else None,
        rng=rng,
    )
    next_due = now + timedelta(seconds=wait)
    state = failure_state(
        name=source.name, kind=source.kind, url=source.url, reason=reason, failures=failures, now=now, next_due=next_due
    )
    return PollResult(source.name, False, error=reason, next_due=next_due, failures=failures), state


def _log(result: PollResult) -> None:
    if not result.ok:
        log.warning(
            "poll failed source=%s failures=%d next_due=%s: %s",
            result.name,
            result.failures,
            f"{result.next_due:%Y-%m-%dT%H:%M:%SZ}",
            result.error,
        )
    elif result.stored.new or result.stored.updated or result.error:
        log.info(
            "polled source=%s new=%d updated=%d%s",
            result.name,
            result.stored.new,
            result.stored.updated,
            f" warning={result.error}" if result.error else "",
        )
    else:
        log.debug("polled source=%s nothing new", result.name)
