"""Issue 10, item 6: a database lock held by another process must not freeze fetching.

Another process takes `BEGIN EXCLUSIVE` on the daemon's SQLite file and holds it for 10 s
while a fetch of a healthy feed is in flight (the feed's server takes the lock, then answers
2.5 s later; the deadline is 4 s), and three other feeds keep being polled every second, so
the daemon has outcomes to write. SQLite's busy wait (up to 30 s) runs in the writer's thread,
not on the event loop: the fetch in flight finishes in time, no feed fails, and every outcome
is recorded once the lock is released. (On the loop, the wait froze the fetch past its
deadline: "no complete answer within 4s".)
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.support.paths import FIXTURES, ROOT
from tests.support.servers import LoopbackServer, Request, Response

FEEDS = FIXTURES / "feeds"
LOCK_SECONDS = 10
HOLD_LOCK = f"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep({LOCK_SECONDS})
conn.execute("COMMIT")
"""


def _config(tmp_path: Path, server: LoopbackServer) -> Path:
    sources = "".join(
        f'[[source]]\nname = "{name}"\nkind = "feed"\nurl = "{server.url("/" + name)}"\nevery = "1s"\n'
        for name in ("fast0", "fast1", "fast2", "slow")
    )
    path = tmp_path / "config.toml"
    path.write_text(
        f'''[database]
url = "sqlite:///monitor.db"
[watchlist]
files = ["{ROOT / "seeds" / "entities.toml"}"]
[http]
timeout = "3s"
deadline = "4s"
[daemon]
parse_processes = 0
deliver_every = "1h"
{sources}''',
        encoding="utf-8",
    )
    return path


def _monitor(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", "--config", str(config), *args]


def test_a_lock_held_by_another_process_does_not_make_healthy_feeds_time_out(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    body = (FEEDS / "rss2.xml").read_bytes()
    rss = {"Content-Type": "application/rss+xml"}
    locker: list[subprocess.Popen[str]] = []
    locked = threading.Event()

    def fast(_req: Request) -> Response:
        time.sleep(0.1)
        return Response(200, body, rss)

    def slow(_req: Request) -> Response:
        if len(http_server.hits("/slow")) == 3 and not locker:  # warm: now lock the file mid-fetch
            proc = subprocess.Popen(
                [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "monitor.db")],
                stdout=subprocess.PIPE,
                text=True,
            )
            locker.append(proc)
            assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
            locked.set()
        time.sleep(2.5)
        return Response(200, body, rss)

    for name in ("fast0", "fast1", "fast2"):
        http_server.route(f"/{name}", fast)
    http_server.route("/slow", slow)
    config = _config(tmp_path, http_server)
    log_path = tmp_path / "daemon.log"
    with log_path.open("w") as log:
        daemon = subprocess.Popen(_monitor(config, "run"), stdout=log, stderr=log)
    try:
        assert locked.wait(90), log_path.read_text()
        assert locker[0].wait(LOCK_SECONDS + 30) == 0
        time.sleep(3)  # the outcomes held back are recorded
    finally:
        daemon.terminate()
        daemon.wait(30)
        for proc in locker:
            if proc.poll() is None:
                proc.kill()
    text = log_path.read_text()
    assert daemon.returncode == 0, text
    assert "timed out" not in text and "no complete answer" not in text, text
    rows = {
        r["name"]: r
        for r in json.loads(
            subprocess.run(_monitor(config, "sources", "--json"), capture_output=True, text=True, check=True).stdout
        )
    }
    assert all(r["failures"] == 0 and r["last_error"] is None and r["items"] == 3 for r in rows.values()), rows
