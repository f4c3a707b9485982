"""Poll one source of a config once, in the test's thread, and serve a list fixture with an ETag."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine

from monitor.config import Config
from monitor.polling.context import PollContext
from monitor.polling.poll import PollResult, poll_source
from sanctions_monitor_sources.http import make_client
from tests.support.paths import FIXTURES
from tests.support.servers import LoopbackServer, Request, Response

__all__ = ["NOW", "poll", "serve_file"]

NOW = datetime(2025, 11, 4, 18, 0, tzinfo=UTC)
LISTS = FIXTURES / "lists"


def poll(config: Config, engine: Engine, name: str, now: datetime = NOW) -> PollResult:
    async def run() -> PollResult:
        async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=5, user_agent="test", max_connections=4) as client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser)
            return await poll_source(
                config.source(name), ctx=ctx, engine=engine, now=now, max_backoff=3600, rng=random.Random(1)
            )

    return asyncio.run(run())


def serve_file(server: LoopbackServer, path: str, fixture: str | bytes, etag: str = '"v1"') -> None:
    body = (LISTS / fixture).read_bytes() if isinstance(fixture, str) else fixture

    def handler(request: Request) -> Response:
        if request.headers.get("if-none-match") == etag:
            return Response(304, b"", {"ETag": etag})
        return Response(200, body, {"Content-Type": "application/xml", "ETag": etag})

    server.route(path, handler)
