"""Benchmark: poll a loopback farm of N feeds × M items twice into a fresh SQLite database.

Prints, for the first poll (every item new) and the second (every feed answers 304): wall time,
items stored per second, and peak RSS of the daemon and of its parse processes.

Usage:
    .venv/bin/python bench/bench_feeds.py [--feeds 1000] [--items 50] [--processes 2]

The farm is ../shared/bench/feedfarm.py when present, else the built-in `bench/farm.py`
(same feeds, same 304 behaviour), each run as its own process so it does not share our cores'
accounting.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import load_config  # noqa: E402
from monitor.daemon import poll_all  # noqa: E402

SHARED_FARM = ROOT.parent / "shared" / "bench" / "feedfarm.py"
OWN_FARM = ROOT / "bench" / "farm.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write_config(folder: Path, port: int, feeds: int, processes: int) -> Path:
    lines = ['[database]', 'url = "sqlite:///monitor.db"', '[watchlist]', 'files = []',
             '[daemon]', 'concurrency = 16', f'parse_processes = {processes}']
    for i in range(feeds):
        lines += ['[[source]]', f'name = "feed-{i}"', 'kind = "feed"',
                  f'url = "http://127.0.0.1:{port}/feed/{i}.xml"']
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--processes", type=int, default=2, help="parse processes ([daemon].parse_processes)")
    args = parser.parse_args()
    farm = SHARED_FARM if SHARED_FARM.exists() else OWN_FARM
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(farm), str(port), str(args.feeds), str(args.items)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(_write_config(Path(tmp), port, args.feeds, args.processes))
            print(f"farm: {farm.relative_to(ROOT.parent)} ({args.feeds} feeds × {args.items} items), "
                  f"parse processes: {args.processes}")
            for label in ("first poll (all new)", "second poll (all 304)"):
                start = time.perf_counter()
                results = asyncio.run(poll_all(config))
                wall = time.perf_counter() - start
                stored = sum(r.stored.new + r.stored.updated for r in results)
                failed = sum(not r.ok for r in results)
                print(f"{label}: {wall:.2f} s, {stored} items stored ({stored / wall:,.0f} items/s), "
                      f"{failed} failed")
            print(f"peak RSS: daemon {_peak_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
                  f"largest parse process {_peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
