"""Benchmark: poll a loopback farm of N feeds × M items twice into a fresh SQLite database.

Prints, for the first poll (every item new) and the second (every feed answers 304): wall time,
items stored per second, CPU time of the daemon and of its parse processes, the load average
(the machine may be shared), then peak RSS of the daemon and peak PSS of it with its parse
processes.

Usage:
    .venv/bin/python bench/bench_feeds.py [--feeds 1000] [--items 50] [--processes 2] [--concurrency 16]
                                             [--per-host 4] [--own-farm]

The farm is ../shared/bench/feedfarm.py when present, else the built-in `bench/farm.py`
(same feeds, same 304 behaviour), each run as its own process so it does not share our cores'
accounting.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from monitor.config import load_config
from monitor.daemon import poll_all

SHARED_FARM = ROOT.parent / "shared" / "bench" / "feedfarm.py"
OWN_FARM = ROOT / "bench" / "farm.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write_config(folder: Path, port: int, feeds: int, processes: int, concurrency: int, per_host: int) -> Path:
    lines = [
        "[database]",
        'url = "sqlite:///monitor.db"',
        "[watchlist]",
        "files = []",
        "[http]",
        f"per_host = {per_host}",
        "[daemon]",
        f"concurrency = {concurrency}",
        f"parse_processes = {processes}",
    ]
    for i in range(feeds):
        lines += ["[[source]]", f'name = "feed-{i}"', 'kind = "feed"', f'url = "http://127.0.0.1:{port}/feed/{i}.xml"']
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


class TreeSampler:
    """Samples the memory and CPU time of this process's descendants (the parse processes are
    children of multiprocessing's fork server, so getrusage cannot see them) every 0.2 s. Memory
    is the proportional set size, so pages the processes share are counted once."""

    def __init__(self, exclude: int) -> None:
        self.exclude, self.peak, self.running = exclude, 0, True
        self.cpu: dict[int, float] = {}  # seconds of CPU per descendant, last seen
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.sample())
            time.sleep(0.2)

    def sample(self) -> int:
        parents: dict[int, int] = {}
        ticks: dict[int, float] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
            ticks[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        tree, todo = set(), [os.getpid()]
        while todo:
            pid = todo.pop()
            tree.add(pid)
            todo += [c for c, p in parents.items() if p == pid and c != self.exclude and c not in tree]
        self.cpu.update({pid: ticks[pid] for pid in tree if pid in ticks and pid != os.getpid()})
        total = 0
        for pid in tree:
            with contextlib.suppress(OSError, IndexError, ValueError):
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total += int(rollup.split("\nPss:", 1)[1].split()[0]) * 1024
        return total

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--processes", type=int, default=2, help="parse processes ([daemon].parse_processes)")
    parser.add_argument("--concurrency", type=int, default=16, help="sources in flight ([daemon].concurrency)")
    parser.add_argument("--per-host", type=int, default=4, help="requests in flight to one host ([http].per_host)")
    parser.add_argument("--own-farm", action="store_true", help="use bench/farm.py even when ../shared has one")
    args = parser.parse_args()
    farm = SHARED_FARM if SHARED_FARM.exists() and not args.own_farm else OWN_FARM
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(farm), str(port), str(args.feeds), str(args.items)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        tree = TreeSampler(exclude=server.pid)
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(
                _write_config(Path(tmp), port, args.feeds, args.processes, args.concurrency, args.per_host)
            )
            print(
                f"farm: {farm.relative_to(ROOT.parent)} ({args.feeds} feeds × {args.items} items), "
                f"parse processes: {args.processes}, concurrency: {args.concurrency}, per host: {args.per_host}"
            )
            for label in ("first poll (all new)", "second poll (all 304)"):
                start, cpu, pool_cpu = time.perf_counter(), time.process_time(), sum(tree.cpu.values())
                results = asyncio.run(poll_all(config))
                wall = time.perf_counter() - start
                stored = sum(r.stored.new + r.stored.updated for r in results)
                failed = sum(not r.ok for r in results)
                print(
                    f"{label}: {wall:.2f} s, {stored} items stored ({stored / wall:,.0f} items/s), "
                    f"{failed} failed; CPU {time.process_time() - cpu:.1f} s in the daemon, "
                    f"~{sum(tree.cpu.values()) - pool_cpu:.1f} s in its parse processes; "
                    f"load average {os.getloadavg()[0]:.1f}"
                )
            print(
                f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB for the "
                f"daemon process; {tree.stop():.0f} MB PSS for it and its parse processes together"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
