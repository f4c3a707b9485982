"""Benchmark: item-to-alert latency through the real daemon.

A loopback feed gains one item at a time (alternating US designations and removals of Belavia,
months apart, so each is a status change and so an alert); `monitor run` polls it every
`--poll` seconds and POSTs signed webhooks to a loopback receiver. Latency is the time from
the item appearing in the feed to its webhook being received. Items appear at random moments
so they land at every phase of the poll cycle.

Usage:
    .venv/bin/python bench/bench_latency.py [--items 20] [--poll 5] [--deliver-every 30]

Prints median, mean, 90th percentile and worst latency; target: median <= poll + 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from servers import Request, Response, serve
from standardwebhooks.webhooks import Webhook

SECRET = "whsec_" + "YmVuY2htYXJrLXNlY3JldC1rZXktMDEyMzQ1Njc4OQ=="


def _feed(items: list[tuple[str, str, str, datetime]]) -> bytes:
    entries = "".join(
        f"<item><guid>{g}</guid><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>{format_datetime(p, usegmt=True)}</pubDate></item>"
        for g, t, link, p in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
        f"<link>http://127.0.0.1/</link><description>latency</description>{entries}</channel></rss>"
    ).encode()


def _item(i: int) -> tuple[str, str, str, datetime]:
    verb = "adds Belavia to" if i % 2 == 0 else "removes Belavia from"
    published = datetime(2020, 1, 6, 12, tzinfo=UTC) + timedelta(days=60 * i)
    return f"lat-{i}", f"US Treasury {verb} its sanctions list", f"http://127.0.0.1/news/{i}", published


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--poll", type=float, default=5.0, help="feed poll interval, seconds")
    parser.add_argument(
        "--deliver-every",
        type=float,
        default=30.0,
        help="[daemon].deliver_every, seconds (default: the config default, 30)",
    )
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    appeared: dict[str, float] = {}
    received: dict[str, float] = {}
    published: list[tuple[str, str, str, datetime]] = []
    lock = threading.Lock()

    def feed(_request: Request) -> Response:
        with lock:
            body = _feed(list(published))
        return Response(200, body, {"Content-Type": "application/rss+xml"})

    def hook(request: Request) -> Response:
        doc = Webhook(SECRET).verify(request.body, request.headers)
        now = time.monotonic()
        for change in doc["changes"]:
            for ev in change["evidence"]:
                received.setdefault(ev["link"], now)
        return Response(200, b"ok")

    with serve() as srv, tempfile.TemporaryDirectory() as tmp:
        srv.route("/feed.xml", feed)
        srv.route("/hook", hook)
        config = Path(tmp) / "config.toml"
        config.write_text(
            f"""
[database]
url = "sqlite:///{tmp}/monitor.db"
[watchlist]
files = ["{ROOT / "seeds" / "entities.toml"}"]
[daemon]
deliver_every = "{args.deliver_every}s"
[[source]]
name = "bench-news"
kind = "feed"
url = "{srv.url("/feed.xml")}"
every = "{args.poll}s"
lang = "en"
[[alert]]
name = "bench-hook"
kind = "webhook"
url = "{srv.url("/hook")}"
secret_env = "BENCH_WEBHOOK_SECRET"
""",
            encoding="utf-8",
        )
        env = {**os.environ, "BENCH_WEBHOOK_SECRET": SECRET}
        log = open(Path(tmp) / "daemon.log", "w")  # noqa: SIM115 (the daemon writes it until the end)
        daemon = subprocess.Popen(
            [str(Path(sys.executable).parent / "monitor"), "--config", str(config), "run"],
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            time.sleep(args.poll + 1)  # let the first (empty) poll pass
            for i in range(args.items):
                time.sleep(rng.uniform(0.5 * args.poll, 1.5 * args.poll))
                item = _item(i)
                with lock:
                    published.append(item)
                    appeared[item[2]] = time.monotonic()
            deadline = time.monotonic() + 4 * args.poll + 30
            while len(received) < args.items and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(30)
            log.close()
        latencies = sorted(received[link] - t for link, t in appeared.items() if link in received)
        missing = args.items - len(latencies)
        if not latencies:
            print(Path(tmp, "daemon.log").read_text()[-3000:])
            raise SystemExit("no alert received")
    p90 = latencies[min(len(latencies) - 1, int(0.9 * len(latencies)))]
    print(
        f"item-to-alert latency over {len(latencies)} items (poll every {args.poll:g} s, "
        f"deliver_every {args.deliver_every:g} s), missing {missing}:"
    )
    print(
        f"  median {statistics.median(latencies):.2f} s   mean {statistics.mean(latencies):.2f} s   "
        f"p90 {p90:.2f} s   worst {latencies[-1]:.2f} s   best {latencies[0]:.2f} s"
    )
    target = args.poll + 2
    verdict = "meets" if statistics.median(latencies) <= target and not missing else "MISSES"
    print(f"  target median <= {target:g} s: {verdict}")


if __name__ == "__main__":
    main()
