"""`Operations`: the one hook the daemon calls for the web server, metrics, health and systemd.

    ops = Operations(config, engine)
    await ops.start(scheduler)          # binds [web] listen (if set), adds the heartbeat jobs
    ops.polled(name, ok, seconds)       # after each poll
    await ops.stop()                    # STOPPING=1, then the server stops

The heartbeat job runs in the daemon's scheduler: its first run sends READY=1 (so systemd
hears "ready" only once the scheduler really runs), every run sends WATCHDOG=1 and marks the
scheduler alive for /healthz. A second job warns in the log while every source is failing,
once an hour.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import uvicorn
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from monitor.config import Config, Listen, parse_listen, secret
from monitor.errors import ConfigError
from monitor.reports.operations import operations_report
from monitor.web.app import create_app
from monitor.web.health import Heartbeat, all_failing
from monitor.web.metrics import Metrics
from monitor.web.notify import notify, watchdog_interval

__all__ = ["WARN_EVERY", "Operations", "bind"]

log = logging.getLogger(__name__)
WARN_EVERY = 3600.0  # the all-sources-failing warning, repeated while it lasts


class _Server(uvicorn.Server):
    """uvicorn without its own signal handlers: SIGTERM belongs to the daemon, which stops us."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(listen: Listen, where: str = "") -> socket.socket:
    """A listening socket on `listen`, bound here so that a taken port is a clear error.

    Raises:
        ConfigError: the address cannot be bound (`where` names the config file).
    """
    try:
        family, _, _, _, address = socket.getaddrinfo(listen.host, listen.port, type=socket.SOCK_STREAM)[0]
        return socket.create_server(address[:2], family=family)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ConfigError(f"{where}{': ' if where else ''}[web] listen: cannot listen on {listen}: {reason}") from None


class Operations:
    """Metrics, heartbeat, health warnings, sd_notify and (when configured) the web server."""

    def __init__(self, config: Config, engine: Engine) -> None:
        self.config = config
        self.engine = engine
        interval = watchdog_interval()
        self.heartbeat = Heartbeat(every=min(10.0, interval) if interval else 10.0)
        self.metrics = Metrics(config, self.report, self.heartbeat.age)
        self.server: _Server | None = None
        self.task: asyncio.Task[Any] | None = None
        self.url: str | None = None
        self._ready = False
        self._warned: float | None = None

    def report(self, now: datetime) -> dict[str, Any]:
        return operations_report(self.config, now=now, engine=self.engine)

    async def start(self, scheduler: BaseScheduler) -> None:
        """Serve `[web] listen` if set, and add the heartbeat and warning jobs to `scheduler`.

        Raises:
            ConfigError: the token is missing off loopback, or the address cannot be bound.
        """
        scheduler.add_job(
            self.beat, IntervalTrigger(seconds=self.heartbeat.every), id="heartbeat", next_run_time=datetime.now(UTC)
        )
        scheduler.add_job(
            self.check_sources, IntervalTrigger(seconds=60), id="source-warning", next_run_time=datetime.now(UTC)
        )
        if self.config.web.listen:
            await self.serve(parse_listen(self.config.web.listen))

    async def serve(self, listen: Listen) -> None:
        token = secret(self.config.web.token_env, f"{self.config.path}: [web] token_env")
        if not listen.loopback and token is None:
            raise ConfigError(f"{self.config.path}: [web] listen: {listen} is not loopback; set token_env")
        sock = bind(listen, str(self.config.path))
        port = sock.getsockname()[1]
        app = create_app(self.config, self.engine, metrics=self.metrics, heartbeat=self.heartbeat, token=token)
        self.server = _Server(
            uvicorn.Config(
                app, log_config=None, access_log=False, lifespan="off", server_header=False, timeout_graceful_shutdown=5
            )
        )
        self.task = asyncio.create_task(self.server.serve(sockets=[sock]))
        while not self.server.started and not self.task.done():
            await asyncio.sleep(0.01)
        if self.task.done():
            self.task.result()
            raise ConfigError(f"[web] listen: the server on {listen} did not start")
        host = f"[{listen.host}]" if ":" in listen.host else listen.host
        self.url = f"http://{host}:{port}/"
        if listen.loopback:
            log.info("web: serving %s (loopback: no token needed)", self.url)
        else:
            log.info(
                "web: serving %s on a non-loopback address: every request needs the token from $%s "
                "(Authorization: Bearer TOKEN or ?token=TOKEN)",
                self.url,
                self.config.web.token_env,
            )

    async def beat(self) -> None:
        """The scheduler's heartbeat: READY=1 the first time, WATCHDOG=1 each time. A coroutine, so
        the scheduler runs it on the event loop (a plain function would run in a thread and keep
        beating while the loop hangs)."""
        self.heartbeat.beat()
        if not self._ready:
            self._ready = True
            notify("READY=1\nSTATUS=polling" + (f", serving {self.url}" if self.url else ""))
        notify("WATCHDOG=1")

    async def check_sources(self) -> None:
        """Warn while every source is failing: at once, then each WARN_EVERY seconds."""
        try:
            report = await asyncio.to_thread(self.report, datetime.now(UTC))
        except Exception:
            log.exception("health check could not read the database")
            return
        self.warn_if_failing(report)

    def warn_if_failing(self, report: dict[str, Any]) -> None:
        if not all_failing(report):
            if self._warned is not None:
                log.info("sources recovered: not every source is failing any more")
            self._warned = None
            return
        if self._warned is not None and time.monotonic() - self._warned < WARN_EVERY:
            return
        self._warned = time.monotonic()
        detail = "; ".join(
            f"{s['name']}: {s['failures']} failures, last success {s['last_success'] or 'never'}"
            f" ({s['last_error'] or 'no error text'})"
            for s in report["sources"]
            if s["enabled"]
        )
        log.warning("all sources are failing: %s", detail)

    def polled(self, source: str, ok: bool, seconds: float) -> None:
        self.metrics.polled(source, ok, seconds)

    async def stop(self) -> None:
        """STOPPING=1, then stop the server (requests in flight get a few seconds)."""
        notify("STOPPING=1")
        if self.server is not None and self.task is not None:
            self.server.should_exit = True
            await asyncio.gather(self.task, return_exceptions=True)
            self.server = self.task = None
