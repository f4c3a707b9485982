"""sd_notify without libsystemd: one datagram to the unix socket systemd names in $NOTIFY_SOCKET.

`notify("READY=1")` when the daemon is up, `notify("WATCHDOG=1")` from the scheduler loop,
`notify("STOPPING=1")` when it stops. Outside systemd (no $NOTIFY_SOCKET) it does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

__all__ = ["notify", "watchdog_interval"]

log = logging.getLogger(__name__)


def notify(state: str) -> bool:
    """Send `state` ("READY=1", "WATCHDOG=1", "STATUS=…") to systemd; False when not under systemd
    or the send failed (logged, never raised: the service must not die of its supervisor)."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode(), address)
    except OSError as exc:
        log.warning("sd_notify %s to %s failed: %s", state.split("\n", 1)[0], address.lstrip("\0"), exc)
        return False
    return True


def watchdog_interval() -> float | None:
    """Seconds between WATCHDOG=1 pings that systemd asks for (WatchdogSec= sets $WATCHDOG_USEC;
    we ping three times per period), or None when no watchdog is set for this process."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 1_000_000 / 3
