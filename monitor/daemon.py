"""The daemon: polls every enabled source on its own schedule, then analyzes and delivers.

`run_daemon()` builds everything once (engine, HTTP client, parse pool, analyzer) and passes it
down. APScheduler (asyncio) runs one date-triggered job per source at the `next_due` kept in
the database, so a restart resumes the schedule, and an interval job that analyzes pending items
and delivers due alerts. A semaphore bounds how many sources are in flight; each fetch has its
own deadline, so a hanging server holds up nobody else. SIGTERM/SIGINT stop new work, cancel
fetches in flight (nothing is written until a source's single transaction) and exit cleanly.
`run_once()` polls every enabled source once, processes, and returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import os
import random
import signal
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from monitor.classification.analyzer import Analyzer, load_analyzer
from monitor.config import Config, SourceConfig, readiness_problems
from monitor.storage.db import database_problem, open_database
from monitor.errors import ConfigError, MonitorError, ParseError
from monitor.lists.events import process_list_changes
from monitor.storage.models import SourceState
from monitor.delivery.outbox import deliver_due
from monitor.delivery.channels import channel_problems
from monitor.events.pipeline import analyze_pending_items
from monitor.polling.context import PollContext
from monitor.polling.poll import Outcome, PollResult, record_outcomes, run_poller
from monitor.storage.items import load_state, load_states
from monitor.polling.writer import BatchWriter
from sanctions_monitor_sources.http import make_client

__all__ = ["Runtime", "open_runtime", "poll_all", "preflight", "preflight_problems", "process_pending", "run_daemon", "run_once", "utc_now"]

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    """Now, timezone-aware UTC, as the database keeps it."""
    return datetime.now(timezone.utc)


@dataclass
class Runtime:
    """Everything a run shares, built once in `open_runtime()` and passed down."""

    config: Config
    engine: Engine
    ctx: PollContext
    limit: asyncio.Semaphore
    writer: BatchWriter

    async def poll(self, source: SourceConfig, state: SourceState | None) -> PollResult:
        """Fetch and parse within the concurrency limit, then hand the outcome to the writer."""
        async with self.limit:
            outcome = await run_poller(source, state, ctx=self.ctx)
        return await self.writer.submit(outcome)

    async def poll_all(self) -> list[PollResult]:
        with self.engine.connect() as conn:
            states = load_states(conn)
        return list(await asyncio.gather(*(self.poll(s, states.get(s.name))
                                           for s in self.config.sources if s.enabled)))

    async def process(self) -> None:
        """Analyze pending items and deliver due alerts, in a thread so polling goes on."""
        await asyncio.to_thread(process_pending, self.config, self.engine)


def preflight(config: Config) -> None:
    """Fail fast before polling: watchlist files exist and load, secrets are set, the database
    can be opened and written.

    Raises:
        ConfigError: every problem found, one line each.
    """
    problems = preflight_problems(config)
    if problems:
        raise ConfigError("\n".join(problems))


def preflight_problems(config: Config) -> list[str]:
    """What `preflight` checks, as one line per problem (`monitor check-config` prints them all)."""
    problems = readiness_problems(config)
    if not problems:
        try:
            _analyzer(config.watchlist.files)
        except MonitorError as exc:
            problems.append(str(exc))
    problems += channel_problems(config)
    database = database_problem(config.database.url)
    if database:
        problems.append(f"{config.path}: [database] url: {database}")
    return problems


def process_pending(config: Config, engine: Engine) -> None:
    """Analyze every pending item, turn official list changes into events, then deliver due
    alerts. A failing stage is logged and the others still run: items and list changes stay
    pending and alerts stay queued for the next round."""
    now = utc_now()
    try:
        done = analyze_pending_items(engine, _analyzer(config.watchlist.files), now=now, config=config)
        log.log(logging.INFO if done else logging.DEBUG, "analyzed items=%d", done)
    except Exception:
        log.exception("analysis failed; pending items stay pending")
    try:
        done = process_list_changes(engine, config=config, now=now)
        log.log(logging.INFO if done else logging.DEBUG, "official list changes processed=%d", done)
    except Exception:
        log.exception("official list changes failed; they stay pending")
    try:
        deliver_due(engine, config, now=now)
    except Exception:
        log.exception("alert delivery failed; queued alerts stay queued")


@functools.lru_cache(maxsize=4)
def _analyzer(files: tuple[Path, ...]) -> Analyzer:
    """Build the analyzer once per watchlist, not on every processing round."""
    return load_analyzer(files)


def _init_worker() -> None:
    """Parse workers leave SIGINT/SIGTERM to the daemon, which shuts the pool down, and exit
    when the daemon dies: a SIGKILLed daemon would otherwise leave them (and the fork server,
    whose liveness pipe they hold) waiting forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    daemon = multiprocessing.parent_process()
    if daemon is not None:
        threading.Thread(target=_exit_with, args=(daemon,), daemon=True).start()


def _exit_with(daemon: Any) -> None:
    daemon.join()
    os._exit(0)


def _make_pool(processes: int) -> Executor | None:
    if processes == 0:
        return None
    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        mp.set_forkserver_preload(["sanctions_monitor_sources.feed"])
    return ProcessPoolExecutor(processes, mp_context=mp, initializer=_init_worker)


@contextlib.asynccontextmanager
async def open_runtime(config: Config) -> AsyncIterator[Runtime]:
    engine = open_database(config.database.url)
    pool = _make_pool(config.daemon.parse_processes)
    loop = asyncio.get_running_loop()

    async def run_parser(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        nonlocal pool
        current = pool
        if current is None:
            return fn(*args, **kwargs)
        try:
            return await loop.run_in_executor(current, functools.partial(fn, *args, **kwargs))
        except BrokenProcessPool:  # a parse process died (out of memory, a crash in C): start afresh
            if pool is current:
                current.shutdown(wait=False)
                pool = _make_pool(config.daemon.parse_processes)
            raise ParseError("the parse process died on this body; the pool was restarted") from None

    rng = random.Random()

    def record(outcomes: list[Outcome]) -> list[PollResult]:
        return record_outcomes(engine, outcomes, now=utc_now(), max_backoff=config.daemon.max_backoff, rng=rng)

    client = make_client(timeout=config.http.timeout, user_agent=config.http.user_agent,
                         max_connections=config.daemon.concurrency)
    writer = BatchWriter(record)
    try:
        async with client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser)
            yield Runtime(config, engine, ctx, asyncio.Semaphore(config.daemon.concurrency), writer)
    finally:
        await writer.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        engine.dispose()


async def poll_all(config: Config) -> list[PollResult]:
    """Poll every enabled source once, whatever its next due time; no analysis (benchmarks)."""
    async with open_runtime(config) as rt:
        return await rt.poll_all()


async def run_once(config: Config) -> list[PollResult]:
    """Poll every enabled source once, then analyze and deliver; return the poll results."""
    preflight(config)
    async with open_runtime(config) as rt:
        results = await rt.poll_all()
        await rt.process()
    return results


async def run_daemon(config: Config) -> None:
    """Run until SIGTERM or SIGINT: each source on its schedule, processing every `deliver_every`."""
    preflight(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    running: set[asyncio.Task[Any]] = set()      # polls: cancelled on stop
    processing: set[asyncio.Task[Any]] = set()   # analysis/delivery thread: awaited on stop
    async with open_runtime(config) as rt:
        scheduler = AsyncIOScheduler(timezone=timezone.utc, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})

        async def poll_job(source: SourceConfig) -> None:
            task = asyncio.current_task()
            assert task is not None
            running.add(task)
            try:
                with rt.engine.connect() as conn:
                    state = load_state(conn, source.name)
                result = await rt.poll(source, state)
            except asyncio.CancelledError:  # stopping: nothing of this poll was written
                return
            except Exception:  # a database outage: log, keep the daemon up, retry later
                log.exception("poll crashed source=%s", source.name)
                result = PollResult(source.name, False, next_due=utc_now() + timedelta(seconds=source.every))
            finally:
                running.discard(task)
            if not stop.is_set():
                _schedule(scheduler, poll_job, source, result.next_due or utc_now())
                if (result.stored.new or result.stored.updated) and not processing:
                    scheduler.modify_job("process", next_run_time=utc_now())  # alert now, not at deliver_every

        async def process_job() -> None:
            task = asyncio.current_task()
            assert task is not None
            processing.add(task)
            try:
                await rt.process()
            except Exception:
                log.exception("processing failed; will retry")
            finally:
                processing.discard(task)

        now = utc_now()
        enabled = [s for s in config.sources if s.enabled]
        with rt.engine.connect() as conn:
            for source in enabled:
                state = load_state(conn, source.name)
                due = state.next_due if state and state.next_due and state.url == source.url else now
                _schedule(scheduler, poll_job, source, max(due, now))
        scheduler.add_job(process_job, IntervalTrigger(seconds=config.daemon.deliver_every), id="process",
                          next_run_time=utc_now())
        scheduler.start()
        log.info("daemon started sources=%d concurrency=%d", len(enabled), config.daemon.concurrency)
        await stop.wait()
        log.info("stopping: %d polls in flight are cancelled, nothing half-written", len(running))
        scheduler.shutdown(wait=False)
        for task in list(running):
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        await asyncio.gather(*processing, return_exceptions=True)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.remove_signal_handler(sig)
    log.info("daemon stopped")


def _schedule(scheduler: AsyncIOScheduler, job: Callable[..., Any], source: SourceConfig, due: datetime) -> None:
    scheduler.add_job(job, DateTrigger(run_date=due), args=[source],
                      id=f"poll:{source.name}", replace_existing=True)
