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
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]
from sqlalchemy.engine import Engine

from monitor.analyze import Analyzer, load_analyzer
from monitor.config import Config, SourceConfig, check_ready
from monitor.db import open_database
from monitor.errors import ParseError
from monitor.listevents import process_list_changes
from monitor.models import SourceState
from monitor.outbox import deliver_slice
from monitor.pipeline import analyze_pending_items
from monitor.poll import Outcome, PollContext, PollResult, record_outcomes, run_poller
from monitor.store import load_state, load_states
from monitor.writer import BatchWriter
from sources.http import make_client

__all__ = ["Runtime", "poll_all", "preflight", "process_pending", "run_daemon", "run_once", "utc_now"]

log = logging.getLogger(__name__)

DELIVERY_SLICE = 20     # messages sent between two analysis rounds


def utc_now() -> datetime:
    """Now, timezone-aware UTC, as the database keeps it."""
    return datetime.now(timezone.utc)


@dataclass
class Runtime:
    """Everything a run shares, built once in `_runtime()` and passed down."""

    config: Config
    engine: Engine
    ctx: PollContext
    limit: asyncio.Semaphore
    writer: BatchWriter
    stopping: threading.Event = field(default_factory=threading.Event)  # set on SIGTERM: finish what is in hand

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
        await asyncio.to_thread(process_pending, self.config, self.engine, self.stopping)


def preflight(config: Config) -> None:
    """Fail fast before polling: watchlist files exist and load, secrets are set.

    Raises:
        ConfigError: a missing file or secret. SeedError: a watchlist file is wrong.
    """
    check_ready(config)
    _analyzer(config.watchlist.files)


def process_pending(config: Config, engine: Engine, stop: threading.Event | None = None) -> None:
    """Analyze every pending item, turn official list changes into events, then deliver due
    alerts in slices of `DELIVERY_SLICE`, analyzing again between slices, so that the alerts of
    a new item go out after at most one slice, not behind the whole backlog. A failing stage is
    logged and the others still run: items and list changes stay pending and alerts stay queued
    for the next round. Once `stop` is set, the item or message in hand is finished and the
    rest stays pending for the next start."""
    stopping = stop.is_set if stop is not None else None
    while True:
        now = utc_now()
        try:
            done = analyze_pending_items(engine, _analyzer(config.watchlist.files), now=now, config=config,
                                         should_stop=stopping)
            log.log(logging.INFO if done else logging.DEBUG, "analyzed items=%d", done)
        except Exception:
            log.exception("analysis failed; pending items stay pending")
        try:
            done = process_list_changes(engine, config=config, now=now, should_stop=stopping)
            log.log(logging.INFO if done else logging.DEBUG, "official list changes processed=%d", done)
        except Exception:
            log.exception("official list changes failed; they stay pending")
        if stop is not None and stop.is_set():
            return
        try:
            _, more = deliver_slice(engine, config, limit=DELIVERY_SLICE, should_stop=stopping, first_since=now)
        except Exception:
            log.exception("alert delivery failed; queued alerts stay queued")
            return
        if not more or (stop is not None and stop.is_set()):
            return


def tracked_entry(config: Config) -> Callable[[Any], bool]:
    """Whether a list entry is a watchlist entity (the list guard holds an undated publication
    that removes one); the watchlist is loaded on first use."""
    from monitor.listevents import tracked_keys
    from monitor.match import build_matcher
    from monitor.watchlist import load_watchlist

    @functools.cache
    def loaded() -> tuple[Any, Any]:
        entities = load_watchlist(config.watchlist.files)
        return entities, build_matcher(entities)

    def tracked(entry: Any) -> bool:
        entities, matcher = loaded()
        return bool(tracked_keys(entry, entities, matcher))

    return tracked


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
        mp.set_forkserver_preload(["sources.feed"])
    return ProcessPoolExecutor(processes, mp_context=mp, initializer=_init_worker)


@contextlib.asynccontextmanager
async def _runtime(config: Config) -> AsyncIterator[Runtime]:
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
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser,
                              tracked=tracked_entry(config))
            yield Runtime(config, engine, ctx, asyncio.Semaphore(config.daemon.concurrency), writer)
    finally:
        await writer.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        engine.dispose()


async def poll_all(config: Config) -> list[PollResult]:
    """Poll every enabled source once, whatever its next due time; no analysis (benchmarks)."""
    async with _runtime(config) as rt:
        return await rt.poll_all()


async def run_once(config: Config) -> list[PollResult]:
    """Poll every enabled source once, then analyze and deliver; return the poll results."""
    preflight(config)
    async with _runtime(config) as rt:
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
    async with _runtime(config) as rt:
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
            # The round runs in a task of its own: stopping the scheduler cancels its job, but
            # the round (a thread) must finish the item or message in hand, and is awaited below.
            task = asyncio.ensure_future(rt.process())
            processing.add(task)
            task.add_done_callback(processing.discard)
            try:
                await asyncio.shield(task)
            except asyncio.CancelledError:   # stopping: run_daemon awaits the round itself
                return
            except Exception:
                log.exception("processing failed; will retry")

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
        log.info("stopping: %d polls in flight are cancelled, nothing half-written; the item or alert in hand "
                 "is finished, the rest stays queued", len(running))
        rt.stopping.set()
        scheduler.shutdown(wait=False)
        for task in list(running):
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        for outcome in await asyncio.gather(*processing, return_exceptions=True):
            if isinstance(outcome, Exception):
                log.error("processing failed while stopping: %s", outcome)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.remove_signal_handler(sig)
    log.info("daemon stopped")


def _schedule(scheduler: AsyncIOScheduler, job: Callable[..., Any], source: SourceConfig, due: datetime) -> None:
    scheduler.add_job(job, DateTrigger(run_date=due), args=[source],
                      id=f"poll:{source.name}", replace_existing=True)
