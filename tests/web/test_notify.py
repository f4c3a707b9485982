"""sd_notify through a real unix datagram socket as $NOTIFY_SOCKET; the watchdog interval;
READY=1 on the first heartbeat, WATCHDOG=1 on each, STOPPING=1 on stop."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.storage.db import open_database
from monitor.web.notify import notify, watchdog_interval
from monitor.web.service import Operations
from tests.support.web import populated


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A datagram socket where systemd's would be; $NOTIFY_SOCKET names it."""
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        yield sock


def test_notify_sends_one_datagram(notify_socket: socket.socket) -> None:
    assert notify("READY=1\nSTATUS=polling")
    assert notify_socket.recv(4096) == b"READY=1\nSTATUS=polling"


def test_notify_to_an_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"sanctions-monitor-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("WATCHDOG=1")
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_notify_outside_systemd_or_to_nobody(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not notify("READY=1")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone.sock"))
    assert not notify("READY=1")  # logged, never raised
    assert "sd_notify READY=1" in caplog.text


def test_watchdog_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert watchdog_interval() == 10.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == 10.0
    monkeypatch.setenv("WATCHDOG_PID", "1")  # the watchdog is for another process
    assert watchdog_interval() is None


def test_ready_on_first_beat_watchdog_on_each_stopping_on_stop(
    tmp_path: Path, notify_socket: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "6000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    config = populated(tmp_path, story=False)
    engine = open_database(config.database.url)
    ops = Operations(config, engine)
    assert ops.heartbeat.every == 2.0  # three pings per watchdog period

    async def beat_twice_and_stop() -> None:
        await ops.beat()
        await ops.beat()
        await ops.stop()

    asyncio.run(beat_twice_and_stop())
    engine.dispose()
    got = [notify_socket.recv(4096) for _ in range(4)]
    assert got == [b"READY=1\nSTATUS=polling", b"WATCHDOG=1", b"WATCHDOG=1", b"STOPPING=1"]
    assert ops.heartbeat.age() is not None and ops.heartbeat.age() < 5  # type: ignore[operator]
