"""Benchmark: `Analyzer.analyze` (match + language + sentences + classification) per item.

Reuses the matcher benchmark's 20,000-name OFAC watchlist and its generated ~500-character
items (`bench/bench_match.py`: sanctions-news vocabulary in six languages; about 60% of the items
name a watchlist entity, so classification runs on most of them). Then the same kind of items
naming no entity, as most items of a real feed are: those cost only the matcher. Then the
development set's items (real sentence structure, every item naming an entity), repeated to
20,000 against the same watchlist, when ../shared/eval/dev.jsonl is present. Prints
analyzer build time, items per second on one core (CPU time), events found, and peak RSS.

Usage:
    .venv/bin/python bench/bench_analyze.py [--items 20000] [--seed 7]

Targets (issue 3): >= 5,000 items/s on one core, peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_match import OFAC, load_ofac_entities, make_items  # noqa: E402

from monitor.analysis import ItemText  # noqa: E402
from monitor.analyze import Analyzer  # noqa: E402
from monitor.match import build_matcher  # noqa: E402
from monitor.watchlist import load_watchlist  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not (OFAC / "sdn.csv").exists():
        print(f"skipped: {OFAC} is absent (the benchmark needs ../shared/data/ofac/b/)")
        return
    entities = load_ofac_entities() + list(load_watchlist([ROOT / "seeds" / "entities.toml"]))
    names = [e.name for e in entities if len(e.name) < 40]
    texts = make_items(names, args.items, random.Random(args.seed))
    items = [ItemText(title=t[:90], summary=t[90:]) for t in texts]
    start = time.process_time()
    analyzer = Analyzer(entities, build_matcher(entities))
    analyzer.analyze(ItemText("warm-up: US lifts sanctions on Belavia"))   # compile cue books
    built = time.process_time() - start
    start = time.process_time()
    results = [analyzer.analyze(item) for item in items]
    seconds = time.process_time() - start
    mentioned = sum(1 for r in results if r.mentions)
    events = sum(len(r.events) for r in results)
    plain = [ItemText(title=t[:90], summary=t[90:]) for t in make_items(["Qxqxq"], args.items, random.Random(args.seed))]
    start = time.process_time()
    quiet = sum(len(analyzer.analyze(item).mentions) for item in plain)
    plain_seconds = time.process_time() - start
    print(f"watchlist: {len(entities):,} entities; items: {len(items):,} of ~500 characters, "
          f"{mentioned:,} with a mention")
    print(f"analyzer build {built:.2f} s; {len(items) / seconds:,.0f} items/s on one core; {events:,} events")
    print(f"items naming no entity: {len(plain) / plain_seconds:,.0f} items/s ({quiet} mentions)")
    dev = ROOT.parent / "shared" / "eval" / "dev.jsonl"
    if dev.exists():
        rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
        # a serial number makes every copy a new text, so no cache sees the same sentence twice
        news = [ItemText(f'{r["title"]} ({i})', f'{r.get("summary", "")} ({i})', r.get("lang"))
                for i, r in enumerate((rows * (args.items // len(rows) + 1))[:args.items])]
        start = time.process_time()
        found = sum(len(analyzer.analyze(item).events) for item in news)
        print(f"development items (each names an entity): {len(news) / (time.process_time() - start):,.0f} items/s "
              f"({found:,} events)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
