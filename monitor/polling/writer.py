"""One database writer for a daemon run: poll outcomes recorded in batches.

A transaction per source made SQLite's per-statement and per-commit costs the largest part of
an all-304 poll. Here every outcome goes into a bounded queue; one task waits `linger` (20 ms)
after the first, takes whatever has queued, records it with `record_outcomes` in a single
transaction, and answers each submitter with its `PollResult`. Recording runs in one worker
thread, never on the event loop: SQLite waits up to 30 s for a lock another process holds
(`BEGIN EXCLUSIVE`), and on the loop that wait froze every fetch in flight until it timed out
(issue 10). A batch commits as a whole or, on error, source by source, so no source is ever
half-written; an outcome that was submitted is recorded even if its poll task is cancelled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from monitor.polling.poll import Outcome, PollResult
from monitor.storage.db import database_unavailable, describe

__all__ = ["BatchWriter"]

log = logging.getLogger(__name__)

Record = Callable[[list[Outcome]], list[PollResult]]
_Entry = tuple[Outcome, "asyncio.Future[PollResult]"]


class BatchWriter:
    """Records outcomes in batches of up to `max_batch`; `close()` drains the queue first."""

    def __init__(self, record: Record, *, max_batch: int = 256, linger: float = 0.02) -> None:
        self._record = record
        self._max_batch = max_batch
        self._linger = linger
        self._queue: asyncio.Queue[_Entry | None] = asyncio.Queue(maxsize=max_batch)
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="batch-writer")  # one writer, off the loop
        self._task = asyncio.create_task(self._run(), name="batch-writer")

    async def submit(self, outcome: Outcome) -> PollResult:
        """Queue an outcome and wait until it is committed; return its result."""
        future: asyncio.Future[PollResult] = asyncio.get_running_loop().create_future()
        await self._queue.put((outcome, future))
        return await asyncio.shield(future)

    async def close(self) -> None:
        """Record everything already submitted, then stop."""
        await self._queue.put(None)
        try:
            await self._task
        finally:
            self._thread.shutdown(wait=True)

    async def _run(self) -> None:
        closing = False
        while not closing:
            first = await self._queue.get()
            if first is None:
                return
            await asyncio.sleep(self._linger)  # let outcomes that finish meanwhile join this batch
            batch = [first]
            while len(batch) < self._max_batch and not self._queue.empty():
                entry = self._queue.get_nowait()
                if entry is None:
                    closing = True
                    break
                batch.append(entry)
            outcomes = [outcome for outcome, _ in batch]
            try:
                results = await asyncio.get_running_loop().run_in_executor(self._thread, self._record, outcomes)
            except Exception as exc:  # the database itself is unusable: try again in one period
                if database_unavailable(exc):  # one line, not a traceback per batch
                    log.warning(
                        "recording %d poll outcomes failed, database unavailable: %s", len(outcomes), describe(exc)
                    )
                else:
                    log.exception("recording %d poll outcomes failed", len(outcomes))
                results = [_unrecorded(o, exc) for o in outcomes]
            for (_, future), result in zip(batch, results):
                if not future.done():
                    future.set_result(result)


def _unrecorded(outcome: Outcome, exc: Exception) -> PollResult:
    reason = f"database unavailable: {' '.join(str(exc).split())[:200]}"
    return PollResult(
        outcome.source.name,
        False,
        error=reason,
        next_due=datetime.now(UTC) + timedelta(seconds=outcome.source.every),
    )
