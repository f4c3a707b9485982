"""`monitor run` as a real subprocess against a loopback feed: polls, stops cleanly, resumes."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.daemon import open_runtime
from monitor.errors import ParseError
from tests.support.paths import FIXTURES, ROOT
from tests.support.servers import LoopbackServer, Request, Response

FEEDS = FIXTURES / "feeds"
RSS = {"Content-Type": "application/rss+xml", "ETag": '"v1"'}


def _config(tmp_path: Path, server: LoopbackServer, every: str = "1h") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'''[database]
url = "sqlite:///monitor.db"
[watchlist]
files = ["{ROOT / "seeds" / "entities.toml"}"]
[http]
timeout = "5s"
[daemon]
parse_processes = 2
deliver_every = "1h"
[[source]]
name = "news"
kind = "feed"
url = "{server.url("/rss")}"
every = "{every}"
[[source]]
name = "slow"
kind = "feed"
url = "{server.url("/slow")}"
every = "{every}"
''',
        encoding="utf-8",
    )
    return path


def _monitor(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", "--config", str(config), *args]


def _start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(_monitor(config, "run"), stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _sources(config: Path) -> dict[str, dict[str, object]]:
    out = subprocess.run(_monitor(config, "sources", "--json"), capture_output=True, text=True, check=True).stdout
    return {row["name"]: row for row in json.loads(out)}


def _wait(condition: Callable[[], bool], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


def _descendants(pid: int) -> set[int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        children = {c for c, p in parents.items() if p == current} - found
        found |= children
        todo += children
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigterm_stops_cleanly_and_a_restart_resumes(tmp_path: Path, http_server: LoopbackServer) -> None:
    body = (FEEDS / "rss2.xml").read_bytes()
    http_server.route("/rss", body=body, headers=RSS)

    def hanging(_req: Request) -> Response:  # a server that never answers in time
        time.sleep(30)
        return Response(200, body, RSS)

    http_server.route("/slow", hanging)
    config = _config(tmp_path, http_server)
    daemon = _start(config)
    try:
        _wait(lambda: _sources(config)["news"]["items"] == 3)  # the hanging source holds up nothing
        workers = _descendants(daemon.pid)
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=15)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    assert daemon.returncode == 0, stderr
    assert "daemon stopped" in stderr and "Traceback" not in stderr
    _wait(lambda: not any(_alive(p) for p in workers), 30)  # parse processes and fork server gone too
    rows = _sources(config)
    assert rows["news"]["items"] == 3 and rows["news"]["failures"] == 0
    assert rows["slow"]["last_success"] is None and rows["slow"]["items"] == 0  # nothing half-written
    hits = len(http_server.hits("/rss"))
    restarted = _start(config)
    try:
        time.sleep(3)  # "news" is not due for an hour: a restart must not poll it again
        restarted.send_signal(signal.SIGINT)
        _, stderr = restarted.communicate(timeout=15)
    finally:
        if restarted.poll() is None:
            restarted.kill()
            restarted.wait()
    assert restarted.returncode == 0 and "Traceback" not in stderr, stderr
    assert len(http_server.hits("/rss")) == hits
    assert _sources(config)["news"]["items"] == 3


def test_daemon_polls_again_when_due_with_validators(tmp_path: Path, http_server: LoopbackServer) -> None:
    body = (FEEDS / "rss2.xml").read_bytes()

    def handler(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304, headers={"ETag": '"v1"'})
        return Response(200, body, RSS)

    http_server.route("/rss", handler)
    http_server.route("/slow", handler)
    config = _config(tmp_path, http_server, every="1s")
    daemon = _start(config)
    try:
        _wait(lambda: len(http_server.hits("/rss")) >= 3)
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=15)
    assert daemon.returncode == 0, stderr
    hits = http_server.hits("/rss")
    assert "if-none-match" not in hits[0].headers and all(h.headers["if-none-match"] == '"v1"' for h in hits[1:])
    assert _sources(config)["news"]["items"] == 3


def test_stray_workers_exit_when_the_daemon_is_killed(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/rss", body=(FEEDS / "rss2.xml").read_bytes(), headers=RSS)
    http_server.route("/slow", body=(FEEDS / "atom.xml").read_bytes(), headers=RSS)
    config = _config(tmp_path, http_server)
    daemon = _start(config)
    try:
        _wait(lambda: _sources(config)["news"]["items"] == 3)
        workers = _descendants(daemon.pid)
        assert workers, "the parse pool should be running"
    finally:
        os.kill(daemon.pid, signal.SIGKILL)
        daemon.communicate()
    _wait(lambda: not any(_alive(p) for p in workers), 30)


def test_a_dead_parse_process_fails_one_source_and_the_pool_recovers(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    config = load_config(_config(tmp_path, http_server))

    async def run() -> int:
        async with open_runtime(config) as rt:
            with pytest.raises(ParseError, match="parse process died"):
                await rt.ctx.run_parser(os._exit, 3)
            return int(await rt.ctx.run_parser(len, b"after"))

    assert asyncio.run(run()) == 5
