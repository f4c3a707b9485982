"""`monitor run` with [web] as a real subprocess under a fake systemd: READY=1 and WATCHDOG=1
arrive on $NOTIFY_SOCKET, the server answers on loopback while the daemon polls, SIGTERM sends
STOPPING=1 and stops both cleanly."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.support.paths import FIXTURES, ROOT
from tests.support.servers import LoopbackServer

RSS = {"Content-Type": "application/rss+xml", "ETag": '"v1"'}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _polls(base: str) -> float:
    text = httpx.get(base + "metrics", timeout=5).text
    return sum(
        s.value
        for f in text_string_to_metric_families(text)
        for s in f.samples
        if s.name == "monitor_polls_total" and s.labels == {"source": "news"}
    )


def test_daemon_serves_and_talks_to_systemd(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/rss", body=(FIXTURES / "feeds" / "rss2.xml").read_bytes(), headers=RSS)
    port = _free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        f'''[database]
url = "sqlite:///monitor.db"
[watchlist]
files = ["{ROOT / "seeds" / "entities.toml"}"]
[daemon]
parse_processes = 0
deliver_every = "1h"
[web]
listen = "127.0.0.1:{port}"
[[source]]
name = "news"
kind = "feed"
url = "{http_server.url("/rss")}"
every = "1h"
''',
        encoding="utf-8",
    )
    base = f"http://127.0.0.1:{port}/"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(tmp_path / "notify.sock"))
        notify.settimeout(40)
        env = {
            "NOTIFY_SOCKET": str(tmp_path / "notify.sock"),
            "WATCHDOG_USEC": "3000000",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "XDG_STATE_HOME": str(tmp_path / "state"),
        }
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert notify.recv(4096).startswith(b"READY=1\nSTATUS=polling, serving " + base.encode())
            assert notify.recv(4096) == b"WATCHDOG=1"
            deadline = time.monotonic() + 40
            while _polls(base) < 1:
                assert time.monotonic() < deadline, "the daemon never polled"
                time.sleep(0.2)
            health = httpx.get(base + "healthz", timeout=5)
            assert (health.status_code, health.json()["status"]) == (200, "ok")
            sources = httpx.get(base + "api/sources", timeout=5).json()["sources"]
            assert sources[0]["name"] == "news" and sources[0]["items"] == 3
            assert "<table" in httpx.get(base, timeout=5).text
            beats = 0
            while beats < 2:  # the watchdog keeps coming from the scheduler
                beats += notify.recv(4096) == b"WATCHDOG=1"
            daemon.send_signal(signal.SIGTERM)
            while (message := notify.recv(4096)) == b"WATCHDOG=1":
                pass
            assert message == b"STOPPING=1"
            _, stderr = daemon.communicate(timeout=20)
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
    assert daemon.returncode == 0, stderr
    assert f"web: serving {base} (loopback: no token needed)" in stderr
    assert "daemon stopped" in stderr and "Traceback" not in stderr
    refused = None
    try:
        httpx.get(base + "healthz", timeout=2)
    except httpx.ConnectError as exc:
        refused = exc
    assert refused is not None  # the server is gone with the daemon
