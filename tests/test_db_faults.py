"""Issue 10, item 5: a read-only or full database.

The daemon runs as a real process on a SQLite file that it cannot write: read-only by chmod
(the daemon runs as `nobody` when the tests run as root, who ignores file modes), or on a small
tmpfs filled to the last byte (root only; skipped otherwise, with the reason). It logs one line
per round, with no traceback per item, backs off, reconnects once the file is writable again
(pooled connections opened read-only would stay read-only), and then records every item and
sends every alert exactly once. A retried item overtaken by newer ones keeps its transitions:
they are recorded in event-date order and alerted as late.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select
from standardwebhooks.webhooks import Webhook

from monitor.events.pipeline import analyze_pending_items
from monitor.storage.models import EntityStatus, Item, OutboxMessage, StatusChange
from tests.support.alerting import (
    NOW,
    SECRET,
    ScriptedAnalyzer,
    add_item,
    database,
    feed_source,
    finding,
    monitor_command,
    rss,
    webhook_alert,
    write_config,
)
from tests.support.paths import ROOT
from tests.support.servers import LoopbackServer, Request, Response
from tests.support.waiting import wait_for

NOBODY = 65534
ITEMS = 4


def titles() -> list[tuple[str, str, datetime]]:
    """Alternating US designations and removals of Belavia, months apart: each changes status."""
    start = datetime(2021, 1, 4, 12, tzinfo=UTC)
    return [
        (
            f"fault-{i}",
            f"US Treasury {'adds Belavia to' if i % 2 == 0 else 'removes Belavia from'} its sanctions list",
            start + timedelta(days=60 * i),
        )
        for i in range(ITEMS)
    ]


class Receiver:
    def __init__(self, server: LoopbackServer) -> None:
        self.ids: list[str] = []
        self.lock = threading.Lock()
        server.route("/hook", self.handle)

    def handle(self, request: Request) -> Response:
        Webhook(SECRET).verify(request.body, request.headers)
        with self.lock:
            self.ids.append(request.headers["webhook-id"])
        return Response(200, b"ok")


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder other users can enter (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="monitor-faults-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def setup(folder: Path, server: LoopbackServer):  # type: ignore[no-untyped-def]
    server.route("/feed.xml", body=rss([]), headers={"Content-Type": "application/rss+xml"})
    config = write_config(
        folder,
        webhook_alert("hook", server.url("/hook")),
        extra=feed_source(server.url("/feed.xml"), every="1s")
        + '[daemon]\nparse_processes = 0\ndeliver_every = "1s"\n',
    )
    engine = database(config)
    for guid, title, published in titles():
        add_item(engine, guid=guid, title=title, published=published)
    engine.dispose()
    return config


def run_daemon(
    config,
    log_path: Path,
    *,
    as_nobody: bool = False,  # type: ignore[no-untyped-def]
    hold: tuple[Path, Path] | None = None,
) -> subprocess.Popen[bytes]:
    """`monitor run`; with `hold` (started, release), its first analysis waits for the release file."""
    env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
    command = monitor_command(config, "run")
    if hold is not None:
        env |= {"SLOW_ANALYSIS_STARTED": str(hold[0]), "SLOW_ANALYSIS_UNTIL": str(hold[1])}
        command = [sys.executable, str(ROOT / "tests" / "support" / "slow_monitor.py"), *command[1:]]
    log = log_path.open("w")
    try:
        return subprocess.Popen(prefix + command, env=env, cwd=config.path.parent, stdout=log, stderr=log)
    finally:
        log.close()


def stop(daemon: subprocess.Popen[bytes]) -> int:
    if daemon.poll() is None:
        daemon.send_signal(signal.SIGTERM)
    try:
        return daemon.wait(30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        return daemon.wait()


def pending_items(engine) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return sum(i.analyzed_hash != i.content_hash for i in session.exec(select(Item)).all())


def check_everything_recorded_once(config, receiver: Receiver) -> None:  # type: ignore[no-untyped-def]
    engine = database(config)
    try:
        with Session(engine) as session:
            changes = session.exec(select(StatusChange)).all()
            messages = session.exec(select(OutboxMessage)).all()
        assert pending_items(engine) == 0
        assert len(changes) == ITEMS  # no transition dropped
        assert len(messages) == ITEMS and all(m.status == "delivered" for m in messages)
        counts = Counter(receiver.ids)
        assert set(counts) == {m.id for m in messages} and set(counts.values()) == {1}
    finally:
        engine.dispose()


def test_read_only_database_logs_one_line_per_round_and_recovers_without_a_restart(
    folder: Path, http_server: LoopbackServer
) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root (who ignores file modes) and setpriv is missing to run the daemon as nobody")
    receiver = Receiver(http_server)
    config = setup(folder, http_server)
    db = folder / "monitor.db"
    as_nobody = os.geteuid() == 0
    if as_nobody:
        for path in [folder, *folder.iterdir()]:
            os.chown(path, NOBODY, NOBODY)
    db.chmod(0o444)
    log_path = folder / "daemon.log"
    daemon = run_daemon(config, log_path, as_nobody=as_nobody)
    try:
        assert wait_for(lambda: log_path.read_text().count("database unavailable, round") >= 3, 60), (
            log_path.read_text()
        )
        text = log_path.read_text()
        assert "analysis: attempt to write a readonly database; 4 items stay pending" in text, text
        assert "Traceback" not in text, text
        # one line per round, not one per item: 4 pending items, 3 rounds -> 3 lines
        assert text.count("database unavailable, round") <= 4, text
        assert receiver.ids == []
        db.chmod(0o644)  # fixed: the same process recovers
        assert wait_for(lambda: len(receiver.ids) >= ITEMS, 90), log_path.read_text()
        assert "database usable again" in log_path.read_text()
    finally:
        assert stop(daemon) == 0, log_path.read_text()
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
    check_everything_recorded_once(config, receiver)


@pytest.fixture
def small_tmpfs() -> Iterator[Path]:
    """A 16 MB tmpfs, mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    path = Path(tempfile.mkdtemp(prefix="monitor-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(path)], capture_output=True, text=True
    )
    if done.returncode != 0:
        path.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
        path.rmdir()


def fill(folder: Path) -> Path:
    """Fill the file system to the last byte."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                f.write(b"\0")
        except OSError:
            pass
    return filler


def test_full_disk_logs_one_line_per_round_and_loses_no_transition(
    small_tmpfs: Path, http_server: LoopbackServer
) -> None:
    receiver = Receiver(http_server)
    config = setup(small_tmpfs, http_server)
    outside = Path(tempfile.mkdtemp(prefix="monitor-log-"))  # the log must not fill up too
    log_path, started, release = outside / "daemon.log", outside / "started", outside / "release"
    daemon = run_daemon(config, log_path, hold=(started, release))  # starts (and migrates) first
    try:
        assert wait_for(started.exists, 60), log_path.read_text()
        filler = fill(small_tmpfs)
        release.write_text("go")
        assert wait_for(lambda: log_path.read_text().count("database unavailable, round") >= 2, 60), (
            log_path.read_text()
        )
        text = log_path.read_text()
        assert "analysis: database or disk is full" in text and "Traceback" not in text, text
        assert receiver.ids == []
        filler.unlink()  # space again: the same process recovers
        assert wait_for(lambda: len(receiver.ids) >= ITEMS, 90), log_path.read_text()
    finally:
        assert stop(daemon) == 0, log_path.read_text()
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
    check_everything_recorded_once(config, receiver)
    shutil.rmtree(outside, ignore_errors=True)


def test_a_retried_item_overtaken_by_newer_ones_keeps_its_transitions(tmp_path: Path, database_url: str) -> None:
    """Item X (a lift dated 2025-03-01) fails; item Y (an imposition dated 2025-06-01, seen after
    X) is recorded first and changes nothing (sanctioned -> sanctioned). When X is retried, the
    history gets both transitions X and Y would have made in order, and they are alerted late."""
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/hook"), database_url=database_url)
    engine = database(config)
    march, june = datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)
    add_item(engine, guid="a", title="designated", published=datetime(2024, 1, 1, tzinfo=UTC))
    script = {
        "designated": finding(action="impose", effective_date=datetime(2024, 1, 1).date()),
        "lifted": finding(action="lift", effective_date=march.date()),
        "designated again": finding(action="impose", effective_date=june.date()),
    }
    analyze_pending_items(engine, ScriptedAnalyzer(script), now=NOW, config=config)  # type: ignore[arg-type]
    add_item(engine, guid="x", title="lifted", published=march)
    add_item(engine, guid="y", title="designated again", published=june)

    class FailsOnce(ScriptedAnalyzer):
        def analyze(self, text):  # type: ignore[no-untyped-def]
            if text.title == "lifted" and "lifted" not in self.seen:
                self.seen.append(text.title)
                raise RuntimeError("the write of this item failed")
            return super().analyze(text)

    analyzer = FailsOnce(script)
    assert analyze_pending_items(engine, analyzer, now=NOW + timedelta(minutes=1), config=config) == 1  # Y only
    assert analyze_pending_items(engine, analyzer, now=NOW + timedelta(minutes=2), config=config) == 1  # X
    with Session(engine) as session:
        changes = [
            (c.before, c.after, c.since.isoformat() if c.since else None)
            for c in session.exec(select(StatusChange).order_by(StatusChange.id)).all()
        ]
        [status] = session.exec(select(EntityStatus)).all()
        docs = [
            d
            for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.created_at)).all()
            for d in json.loads(m.changes)
        ]
    engine.dispose()
    assert changes == [
        ("unknown", "sanctioned", "2024-01-01"),
        ("sanctioned", "lifted", "2025-03-01"),
        ("lifted", "sanctioned", "2025-06-01"),
    ]
    assert (status.state, status.since.isoformat() if status.since else None) == ("sanctioned", "2025-06-01")
    assert [(d["before"], d["after"], d.get("late", False)) for d in docs] == [
        ("unknown", "sanctioned", False),
        ("sanctioned", "lifted", True),
        ("lifted", "sanctioned", True),
    ]
