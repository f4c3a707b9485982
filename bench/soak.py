"""Soak test: SIGKILL `monitor run` again and again against loopback feeds and a webhook receiver.

A feed on 127.0.0.1 grows by a few items every second (alternating US designations and removals
of Belavia, each dated later than the last, so each one changes status); a second process,
`monitor run --once`, shares the database now and then (issue 10: two processes on one
database). The daemon is killed with SIGKILL at random moments (polling, analysis, delivery),
restarted, killed again, until the time is up; then a last daemon runs until every item is
analyzed and every alert delivered, and is stopped with SIGTERM. The receiver verifies each
Standard Webhooks signature and counts webhook-ids.

Prints: kills, items served and stored, status changes, alerts queued and delivered, POSTs
received, re-sends of the same id (the message in flight at a kill; a receiver dedupes them on
webhook-id), alerts lost, and changes sent under two ids (must be 0), and exits 1 if anything
was lost or doubled.

Usage:
    .venv/bin/python bench/soak.py [--seconds 60] [--seed 1] [--keep DIR]

Bounded: the kill phase lasts --seconds, the final drain at most 120 s more.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRET = "whsec_" + "c29hay10ZXN0LXNlY3JldC1rZXktMTIzNDU2Nzg5MA=="
MONITOR = [sys.executable, "-m", "monitor"]


class World:
    """The loopback feed (growing) and the webhook receiver."""

    def __init__(self) -> None:
        from standardwebhooks.webhooks import Webhook

        self.webhook = Webhook(SECRET)
        self.items = 0
        self.start = datetime(2000, 1, 3, 12, tzinfo=UTC)  # room for ~1,900 items before today
        self.posts: list[tuple[str, list[dict[str, Any]]]] = []
        self.lock = threading.Lock()
        world = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = world.feed()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    doc = world.webhook.verify(body, headers)
                except Exception:
                    self.send_response(401)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                time.sleep(0.02)  # a receiver takes a moment: kills land mid-POST too
                with world.lock:
                    world.posts.append((headers["webhook-id"], doc["changes"]))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.port = self.httpd.server_address[1]

    def grow(self, n: int) -> None:
        with self.lock:
            self.items += n

    def feed(self) -> bytes:
        with self.lock:
            count = self.items
        entries = []
        for i in range(max(0, count - 300), count):  # the newest 300, as real feeds do
            verb = "adds Belavia to" if i % 2 == 0 else "removes Belavia from"
            when = self.start + timedelta(days=5 * i)  # 10 days between like items: no merge
            entries.append(
                f"<item><guid>soak-{i}</guid><title>US Treasury {verb} its sanctions list</title>"
                f"<link>http://127.0.0.1/news/{i}</link>"
                f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>soak</title>'
            f"<link>http://127.0.0.1/</link><description>soak</description>{''.join(entries)}"
            "</channel></rss>"
        ).encode()


def write_config(folder: Path, port: int) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'''[database]
url = "sqlite:///{folder / "monitor.db"}"
[watchlist]
files = ["{ROOT / "tests" / "fixtures" / "alerts" / "entities.toml"}"]
[daemon]
parse_processes = 1
deliver_every = "1s"
[[source]]
name = "soak-news"
kind = "feed"
url = "http://127.0.0.1:{port}/feed.xml"
every = "1s"
lang = "en"
[[alert]]
name = "hook"
kind = "webhook"
url = "http://127.0.0.1:{port}/hook"
secret_env = "SOAK_WEBHOOK_SECRET"
timeout = "2s"
''',
        encoding="utf-8",
    )
    return path


def query(db: Path, sql: str) -> Any:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of the kill phase (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="monitor-soak-"))
    folder.mkdir(parents=True, exist_ok=True)
    world = World()
    config = write_config(folder, world.port)
    db = folder / "monitor.db"
    env = {**os.environ, "SOAK_WEBHOOK_SECRET": SECRET, "PYTHONPATH": str(ROOT)}
    log = (folder / "daemon.log").open("ab")
    kills = 0
    onces = 0
    world.grow(4)
    end = time.monotonic() + args.seconds
    once: subprocess.Popen[bytes] | None = None
    try:
        while time.monotonic() < end:
            daemon = subprocess.Popen(
                [*MONITOR, "--config", str(config), "run"], env=env, cwd=folder, stdout=log, stderr=log
            )
            alive_until = time.monotonic() + rng.uniform(1.5, 5.0)
            while time.monotonic() < min(alive_until, end):
                world.grow(rng.randint(0, 3))
                if once is None and rng.random() < 0.1:  # a second process on the same database
                    once = subprocess.Popen(
                        [*MONITOR, "--config", str(config), "run", "--once"],
                        env=env,
                        cwd=folder,
                        stdout=log,
                        stderr=log,
                    )
                    onces += 1
                if once is not None and once.poll() is not None:
                    once = None
                time.sleep(0.25)
            daemon.send_signal(signal.SIGKILL)
            daemon.wait()
            kills += 1
        if once is not None:
            once.wait(120)
        # drain: one clean daemon until everything served is stored, analyzed and delivered
        served = world.items
        daemon = subprocess.Popen(
            [*MONITOR, "--config", str(config), "run"], env=env, cwd=folder, stdout=log, stderr=log
        )
        drain_end = time.monotonic() + 120
        done = False
        while time.monotonic() < drain_end and not done:
            time.sleep(1)
            try:
                stored = query(db, "SELECT count(*) FROM item")
                pending = query(
                    db, "SELECT count(*) FROM item WHERE analyzed_hash IS NULL OR analyzed_hash != content_hash"
                )
                queued = query(db, "SELECT count(*) FROM outbox_message WHERE status != 'delivered'")
            except sqlite3.Error:
                continue
            done = stored >= served and pending == 0 and queued == 0
        daemon.send_signal(signal.SIGTERM)
        stopped = daemon.wait(60)
    finally:
        log.close()
        world.httpd.shutdown()
    items = query(db, "SELECT count(*) FROM item")
    pending = query(db, "SELECT count(*) FROM item WHERE analyzed_hash IS NULL OR analyzed_hash != content_hash")
    changes = query(db, "SELECT count(*) FROM status_change")
    alerts = query(db, "SELECT count(*) FROM outbox_message")
    delivered = query(db, "SELECT count(*) FROM outbox_message WHERE status = 'delivered'")
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM outbox_message")}
    counts = Counter(wid for wid, _ in world.posts)
    resent = sum(n - 1 for n in counts.values())
    lost = len(ids - set(counts))
    by_change: dict[tuple[Any, ...], set[str]] = {}
    for wid, docs in world.posts:
        for c in docs:
            key = (c["entity"]["key"], c["jurisdiction"], c["before"], c["after"], c.get("event_id"), c["kind"])
            by_change.setdefault(key, set()).add(wid)
    two_ids = sum(1 for wids in by_change.values() if len(wids) > 1)
    report = {
        "seconds": args.seconds,
        "kills": kills,
        "once_runs": onces,
        "items_served": served,
        "items_stored": items,
        "items_pending": pending,
        "status_changes": changes,
        "alerts": alerts,
        "delivered": delivered,
        "posts": len(world.posts),
        "resent_same_id": resent,
        "alerts_lost": lost,
        "changes_under_two_ids": two_ids,
        "final_stop_status": stopped,
        "tracebacks_in_log": (folder / "daemon.log").read_text(errors="replace").count("Traceback"),
    }
    print(json.dumps(report, indent=2))
    # every item flips Belavia's US status, so each must leave one status change
    ok = items >= served and pending == 0 and changes == items and delivered == alerts and lost == 0 and two_ids == 0
    print(
        f"soak: {kills} SIGKILLs in {args.seconds:.0f}s, {items}/{served} items stored, {changes} status changes, "
        f"{alerts} alerts, {delivered} delivered, {resent} re-sent with the same id, {lost} lost, "
        f"{two_ids} changes under two ids: {'OK' if ok else 'FAILED'}"
    )
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
