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
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from monitor.classification.analyzer import Analyzer, load_analyzer
from monitor.config import Config, SourceConfig, readiness_problems
from monitor.delivery.channels import channel_problems
from monitor.delivery.outbox import deliver_slice
from monitor.errors import ConfigError, MonitorError, ParseError
from monitor.events.pipeline import analyze_pending_items
from monitor.importing import stored_list_names
from monitor.lists.events import process_list_changes
from monitor.lists.snapshots import last_publication
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import with_list_names
from monitor.polling.context import PollContext
from monitor.polling.poll import Outcome, PollResult, record_outcomes, run_poller
from monitor.polling.writer import BatchWriter
from monitor.storage.db import database_problem, database_unavailable, describe, open_database
from monitor.storage.items import load_state, load_states
from monitor.storage.models import SourceState
from monitor.vocabulary import LIST_KINDS
from monitor.web.service import Operations
from sanctions_monitor_sources.http import make_client

__all__ = [
    "Runtime",
    "analyzer_for",
    "open_runtime",
    "poll_all",
    "preflight",
    "preflight_problems",
    "process_pending",
    "run_daemon",
    "run_once",
    "utc_now",
]

log = logging.getLogger(__name__)

DELIVERY_SLICE = 20  # messages sent between two analysis rounds
DB_BACKOFF_CAP = 300.0  # seconds: the longest wait after rounds stopped by an unusable database


def utc_now() -> datetime:
    """Now, timezone-aware UTC, as the database keeps it."""
    return datetime.now(UTC)


@dataclass
class Runtime:
    """Everything a run shares, built once in `open_runtime()` and passed down."""

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
        states = await asyncio.to_thread(self.states)
        return list(await asyncio.gather(*(self.poll(s, states.get(s.name)) for s in self.config.sources if s.enabled)))

    db_failures: int = 0  # processing rounds in a row stopped by an unusable database
    retry_at: float = 0.0  # time.monotonic() before which no round starts (back-off)

    def states(self) -> dict[str, SourceState]:
        """Every source's stored state (call it off the event loop: SQLite may wait for a lock)."""
        with self.engine.connect() as conn:
            return load_states(conn)

    def state(self, name: str) -> SourceState | None:
        """One source's stored state (call it off the event loop)."""
        with self.engine.connect() as conn:
            return load_state(conn, name)

    async def process(self) -> None:
        """Analyze pending items and deliver due alerts, in a thread so polling goes on.

        A round stopped by an unusable database logs one line and backs off: the processing
        period, doubled each time, up to 5 minutes."""
        if time.monotonic() < self.retry_at:
            log.debug("processing skipped: database back-off")
            return
        problem = await asyncio.to_thread(process_pending, self.config, self.engine, self.stopping)
        if problem is None:
            if self.db_failures:
                log.info("database usable again after %d failed rounds", self.db_failures)
            self.db_failures, self.retry_at = 0, 0.0
            return
        self.db_failures += 1
        wait = min(max(self.config.daemon.deliver_every, 1.0) * 2 ** (self.db_failures - 1), DB_BACKOFF_CAP)
        self.retry_at = time.monotonic() + wait
        log.warning("database unavailable, round %d: %s; next try in %.0fs", self.db_failures, problem, wait)


def preflight(config: Config) -> None:
    """Fail fast before polling: watchlist files exist and load, secrets are set, channels are
    usable. A database that cannot be written now (read-only, a folder not yet writable) is a
    warning, not a stop: the daemon retries it each round and recovers once it is fixed
    (`monitor check-config` reports it as a problem).

    Raises:
        ConfigError: every problem found, one line each.
    """
    problems = preflight_problems(config, database=False)
    if problems:
        raise ConfigError("\n".join(problems))
    database = database_problem(config.database.url)
    if database:
        log.warning("%s; the daemon starts and retries it each round", database)


def preflight_problems(config: Config, *, database: bool = True) -> list[str]:
    """What `preflight` checks, as one line per problem (`monitor check-config` prints them all,
    the database's too)."""
    problems = readiness_problems(config)
    if not problems:
        try:
            _analyzer(config.watchlist.files)
        except MonitorError as exc:
            problems.append(str(exc))
    problems += channel_problems(config)
    found = database_problem(config.database.url) if database else None
    if found:
        problems.append(f"{config.path}: [database] url: {found}")
    return problems


def process_pending(config: Config, engine: Engine, stop: threading.Event | None = None) -> str | None:
    """Analyze every pending item, turn official list changes into events, then deliver due
    alerts in slices of `DELIVERY_SLICE`, analyzing again between slices, so that the alerts of
    a new item go out after at most one slice, not behind the whole backlog. A failing stage is
    logged and the others still run: items and list changes stay pending and alerts stay queued
    for the next round. Once `stop` is set, the item or message in hand is finished and the
    rest stays pending for the next start.

    Returns:
        None, or why the round stopped early because the database cannot be written (read-only,
        full, locked): the pool is disposed, so the next round reconnects, and what was in hand
        stays pending. The caller logs it once and backs off.
    """
    stopping = stop.is_set if stop is not None else None
    while True:
        now = utc_now()

        def analyze(now: datetime = now) -> int:
            return analyze_pending_items(
                engine, analyzer_for(config, engine), now=now, config=config, should_stop=stopping
            )

        def official(now: datetime = now) -> int:
            return process_list_changes(engine, config=config, now=now, should_stop=stopping)

        stages: list[tuple[str, str, Callable[[], Any]]] = [
            ("analysis", "analyzed items=%d", analyze),
            ("official list changes", "official list changes processed=%d", official),
        ]
        for stage, line, run in stages:
            try:
                done = run()
                log.log(logging.INFO if done else logging.DEBUG, line, done)
            except Exception as exc:
                if database_unavailable(exc):
                    engine.dispose()
                    return f"{stage}: {describe(exc)}"
                log.exception("%s failed; it stays pending", stage)
        if stop is not None and stop.is_set():
            return None
        try:
            _, more = deliver_slice(engine, config, limit=DELIVERY_SLICE, should_stop=stopping, first_since=now)
        except Exception as exc:
            if database_unavailable(exc):
                engine.dispose()
                return f"delivery: {describe(exc)}; queued alerts stay queued"
            log.exception("alert delivery failed; queued alerts stay queued")
            return None
        if not more or (stop is not None and stop.is_set()):
            return None


def tracked_entry(config: Config) -> Callable[[Any], bool]:
    """Whether a list entry is a watchlist entity (the list guard holds an undated publication
    that removes one); the watchlist is loaded on first use."""
    from monitor.lists.events import tracked_keys
    from monitor.matching.match import build_matcher
    from monitor.matching.watchlist import load_watchlist

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


_WITH_LISTS: dict[tuple[tuple[Path, ...], tuple[int, ...]], Analyzer] = {}


def analyzer_for(config: Config, engine: Engine) -> Analyzer:
    """The analyzer of the watchlist, its entities also matched by every name of the official
    list entries their `ids` point at (OFAC a.k.a.s, EU name aliases in many scripts, UN and UK
    aliases), from the newest stored snapshots. Rebuilt when a list publishes; a watchlist
    without list ids costs nothing more."""
    files = tuple(config.watchlist.files)
    plain = _analyzer(files)
    if not any(e.ids for e in plain.entities.values()):
        return plain
    with engine.connect() as conn:
        key = tuple(
            row.id
            for s in config.sources
            if s.kind in LIST_KINDS
            for row in [last_publication(conn, s.name)]
            if row is not None
        )
    if not key:
        return plain
    if (files, key) not in _WITH_LISTS:
        entities = with_list_names(plain.entities.values(), stored_list_names(engine, config))
        _WITH_LISTS.clear()  # one analyzer per watchlist: the older snapshots' is not needed again
        _WITH_LISTS[(files, key)] = Analyzer(entities, build_matcher(entities))
    return _WITH_LISTS[(files, key)]


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
        try:
            return record_outcomes(engine, outcomes, now=utc_now(), max_backoff=config.daemon.max_backoff, rng=rng)
        except Exception as exc:
            if database_unavailable(exc):
                engine.dispose()  # reconnect next time: a read-only connection stays read-only
            raise

    client = make_client(
        timeout=config.http.timeout, user_agent=config.http.user_agent, max_connections=config.daemon.concurrency
    )
    writer = BatchWriter(record)
    try:
        async with client:
            ctx = PollContext(
                client=client,
                http=config.http,
                run_parser=run_parser,
                max_items_per_feed=config.daemon.max_items_per_feed,
                tracked=tracked_entry(config),
            )
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
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):  # before the slow preflight: a stop during it is clean too
        loop.add_signal_handler(sig, stop.set)
    preflight(config)
    await asyncio.sleep(0)  # let a signal that came during preflight set `stop`
    if stop.is_set():
        log.info("daemon stopped before it started polling")
        return
    running: set[asyncio.Task[Any]] = set()  # polls: cancelled on stop
    processing: set[asyncio.Task[Any]] = set()  # analysis/delivery thread: awaited on stop
    async with open_runtime(config) as rt:
        scheduler = AsyncIOScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        )

        async def poll_job(source: SourceConfig) -> None:
            task = asyncio.current_task()
            assert task is not None
            running.add(task)
            began = time.monotonic()
            try:
                state = await asyncio.to_thread(rt.state, source.name)  # off the loop: no lock wait here
                result = await rt.poll(source, state)
            except asyncio.CancelledError:  # stopping: nothing of this poll was written
                return
            except Exception:  # a database outage: log, keep the daemon up, retry later
                log.exception("poll crashed source=%s", source.name)
                result = PollResult(source.name, False, next_due=utc_now() + timedelta(seconds=source.every))
            finally:
                running.discard(task)
            ops.polled(source.name, result.ok, time.monotonic() - began)
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
            except asyncio.CancelledError:  # stopping: run_daemon awaits the round itself
                return
            except Exception:
                log.exception("processing failed; will retry")

        now = utc_now()
        enabled = [s for s in config.sources if s.enabled]
        states = await asyncio.to_thread(rt.states)
        for source in enabled:
            state = states.get(source.name)
            due = state.next_due if state and state.next_due and state.url == source.url else now
            _schedule(scheduler, poll_job, source, max(due, now))
        scheduler.add_job(
            process_job, IntervalTrigger(seconds=config.daemon.deliver_every), id="process", next_run_time=utc_now()
        )
        ops = Operations(config, rt.engine)  # [web] server, metrics, health, sd_notify (monitor/web)
        await ops.start(scheduler)
        scheduler.start()
        log.info("daemon started sources=%d concurrency=%d", len(enabled), config.daemon.concurrency)
        await stop.wait()
        log.info(
            "stopping: %d polls in flight are cancelled, nothing half-written; the item or alert in hand "
            "is finished, the rest stays queued",
            len(running),
        )
        rt.stopping.set()
        await ops.stop()
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
    scheduler.add_job(job, DateTrigger(run_date=due), args=[source], id=f"poll:{source.name}", replace_existing=True)
