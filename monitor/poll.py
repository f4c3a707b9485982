"""Poll one source: fetch → parse → store, chosen by its kind, with the outcome on its state.

`POLLERS` maps a source kind to its poller. A poller does the I/O and the parsing and returns a
`Polled` whose `write` stores the results; `poll_source` runs that write and the source's new
state in one transaction, or, on a `SourceError`, records the one-line reason and backs off.
Adding a kind is one line in `POLLERS`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from monitor.config import HttpConfig, SourceConfig
from monitor.errors import FetchError, SourceError
from monitor.listpoll import POLLERS as LIST_POLLERS
from monitor.store import Stored, load_state, record_failure, record_success, store_items
from sources.feed import parse_feed
from sources.http import Fetched, fetch

__all__ = ["POLLERS", "PollContext", "PollResult", "Polled", "Poller", "Validators",
           "next_due_after_failure", "poll_source"]

log = logging.getLogger(__name__)

ParseRunner = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class Validators:
    """What the last 200 answer said, sent back as If-None-Match / If-Modified-Since."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class PollContext:
    """What every poller shares: the one HTTP client, HTTP settings, and a way to parse off-loop."""

    client: httpx.AsyncClient
    http: HttpConfig
    run_parser: ParseRunner  # await run_parser(fn, *args, **kwargs): runs a pure parse in the pool

    async def fetch(self, source: SourceConfig, validators: Validators, url: str | None = None) -> Fetched:
        """Fetch a source's URL (or `url`) with its headers, size cap and the whole-request deadline."""
        target = url or source.url
        if target is None:
            raise SourceError(f"source {source.name!r} has no url")
        try:
            async with asyncio.timeout(self.http.deadline):
                return await fetch(self.client, target, etag=validators.etag,
                                   last_modified=validators.last_modified,
                                   max_bytes=source.max_bytes or self.http.max_bytes,
                                   max_redirects=self.http.max_redirects, headers=source.headers)
        except TimeoutError:
            raise FetchError(f"no complete answer within {self.http.deadline:.0f}s from {target}") from None


@dataclass(frozen=True)
class Polled:
    """One successful poll: validators to keep, and `write`, which stores what was found."""

    validators: Validators
    write: Callable[[Connection, datetime], Stored] | None = None   # None: 304, nothing to store
    warning: str | None = None     # a recovered problem, shown in `monitor sources`


class Poller(Protocol):
    def __call__(self, source: SourceConfig, validators: Validators, ctx: PollContext) -> Awaitable[Polled]: ...


@dataclass(frozen=True)
class PollResult:
    """What happened to one source in one poll."""

    name: str
    ok: bool
    stored: Stored = field(default_factory=Stored)
    error: str | None = None
    next_due: datetime | None = None


async def poll_feed(source: SourceConfig, validators: Validators, ctx: PollContext) -> Polled:
    """An RSS/Atom feed: conditional GET, parse in the pool, store the items."""
    fetched = await ctx.fetch(source, validators)
    kept = Validators(fetched.etag, fetched.last_modified)
    if fetched.not_modified:
        return Polled(kept)
    parsed = await ctx.run_parser(parse_feed, fetched.body, url=fetched.url, headers=fetched.headers,
                                  source=source.name, lang=source.lang)
    return Polled(kept, lambda conn, now: store_items(conn, parsed.items, now=now), parsed.warning)


POLLERS: dict[str, Poller] = {
    "feed": poll_feed,
    **LIST_POLLERS,  # ofac-sdn, eu-fsf, uk-sanctions, un-sc, ofac-actions (issue 5)
}


def next_due_after_failure(every: float, failures: int, *, max_backoff: float,
                           retry_after: float | None, rng: random.Random) -> float:
    """Seconds until the next try: `every` doubled per failure, ±20% jitter, capped; a
    Retry-After from the server is honoured up to the cap."""
    backoff = every * 2 ** min(failures - 1, 30) * rng.uniform(0.8, 1.2)
    wait = min(max(backoff, every * 0.5), max(max_backoff, every))
    if retry_after is not None:
        wait = max(wait, min(retry_after, max(max_backoff, every)))
    return wait


async def poll_source(source: SourceConfig, *, ctx: PollContext, engine: Engine, now: datetime,
                      max_backoff: float, rng: random.Random) -> PollResult:
    """Poll one source and record the outcome on its state; never raises a `SourceError`."""
    with engine.connect() as conn:
        state = load_state(conn, source.name)
    validators = Validators(state.etag, state.last_modified) if state else Validators()
    poller = POLLERS.get(source.kind)
    try:
        if poller is None:
            raise SourceError(f"source kind {source.kind!r} is not supported by this version")
        polled = await poller(source, validators, ctx)
        next_due = now + timedelta(seconds=source.every)
        with engine.begin() as conn:
            stored = polled.write(conn, now) if polled.write else Stored()
            record_success(conn, name=source.name, kind=source.kind, url=source.url,
                           etag=polled.validators.etag, last_modified=polled.validators.last_modified,
                           now=now, next_due=next_due, warning=polled.warning)
    except SourceError as exc:
        return _fail(source, exc, engine=engine, now=now, max_backoff=max_backoff, rng=rng)
    except SQLAlchemyError as exc:
        reason = SourceError(f"database write failed: {' '.join(str(exc).split())[:300]}")
        return _fail(source, reason, engine=engine, now=now, max_backoff=max_backoff, rng=rng)
    level = logging.INFO if stored.new or stored.updated or polled.warning else logging.DEBUG
    log.log(level, "polled source=%s new=%d updated=%d%s", source.name, stored.new, stored.updated,
            f" warning={polled.warning}" if polled.warning else "")
    return PollResult(source.name, True, stored, polled.warning, next_due)


def _fail(source: SourceConfig, exc: SourceError, *, engine: Engine, now: datetime, max_backoff: float,
          rng: random.Random) -> PollResult:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    retry_after = exc.retry_after if isinstance(exc, FetchError) else None
    with engine.begin() as conn:
        state = load_state(conn, source.name)
        failures = (state.consecutive_failures if state else 0) + 1
        wait = next_due_after_failure(source.every, failures, max_backoff=max_backoff,
                                      retry_after=retry_after, rng=rng)
        next_due = now + timedelta(seconds=wait)
        record_failure(conn, name=source.name, kind=source.kind, url=source.url, reason=reason,
                       failures=failures, now=now, next_due=next_due)
    log.warning("poll failed source=%s failures=%d retry_in=%.0fs: %s", source.name, failures, wait, reason)
    return PollResult(source.name, False, error=reason, next_due=next_due)
