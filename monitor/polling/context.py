"""What every poller shares: the validators of a conditional GET, the poll context (one HTTP
client, the HTTP settings, a way to parse off the event loop) and what a poll returns.

May import: `monitor.config`, `monitor.storage` (the `Stored` counts), `sanctions_monitor_sources`.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import httpx
from sqlalchemy.engine import Connection

from monitor.config import HttpConfig, SourceConfig
from monitor.errors import FetchError, SourceError
from monitor.storage.items import Stored
from sanctions_monitor_sources.http import Fetched, fetch

__all__ = ["ParseRunner", "PollContext", "Polled", "Poller", "Validators"]

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
    hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)  # [http].per_host each
    max_items_per_feed: int = 2000  # [daemon].max_items_per_feed
    tracked: Callable[[Any], bool] | None = None  # list entry -> is it a watchlist entity (list guard)

    async def fetch(self, source: SourceConfig, validators: Validators, url: str | None = None) -> Fetched:
        """Fetch a source's URL (or `url`) with its headers, size cap and the whole-request deadline,
        at most `[http].per_host` at once to one host."""
        target = url or source.url
        if target is None:
            raise SourceError(f"source {source.name!r} has no url")
        host = urllib.parse.urlsplit(target).hostname or ""
        limit = self.hosts.setdefault(host, asyncio.Semaphore(self.http.per_host))
        try:
            async with limit, asyncio.timeout(self.http.deadline):
                return await fetch(
                    self.client,
                    target,
                    etag=validators.etag,
                    last_modified=validators.last_modified,
                    max_bytes=source.max_bytes or self.http.max_bytes,
                    max_redirects=self.http.max_redirects,
                    headers=source.headers,
                )
        except TimeoutError:
            raise FetchError(f"no complete answer within {self.http.deadline:.0f}s from {target}") from None


@dataclass(frozen=True)
class Polled:
    """One successful poll: validators to keep, and `write`, which stores what was found."""

    validators: Validators
    write: Callable[[Connection, datetime], Stored] | None = None  # None: 304, nothing to store
    warning: str | None = None  # a recovered problem, shown in `monitor sources`


class Poller(Protocol):
    def __call__(self, source: SourceConfig, validators: Validators, ctx: PollContext) -> Awaitable[Polled]: ...
