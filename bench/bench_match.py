"""Benchmark: the name matcher against a 20,000-name watchlist built from OFAC's SDN list.

Builds entities from ../shared/data/ofac/b/sdn.csv (names; "LAST, First" becomes "First LAST")
and alt.csv (aliases), times `build_matcher`, then runs `Matcher.find` on generated news-like
items of about 500 characters in six languages and two scripts (words from a small news
vocabulary, made-up words that no cache has seen, numbers, and one or two watchlist names per
item, some with a case ending). The same items then run against a 10-name watchlist, to show
that the cost per item does not depend on the watchlist's size. Prints build time, items per
second on one core (CPU time), and peak RSS.

Usage:
    .venv/bin/python bench/bench_match.py [--items 20000] [--seed 7]

Targets: build <= 3 s, >= 5,000 items/s, peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from monitor.matching import normalize
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import Entity, load_watchlist

OFAC = ROOT.parent / "shared" / "data" / "ofac" / "b"

VOCABULARY = {
    "en": "the Treasury said on Tuesday that sanctions against company would be lifted after talks with officials "
    "in Minsk and Washington over prisoners potash exports airline flights licence measures remain in place",
    "ru": "Минфин США заявил во вторник что санкции против компании будут сняты после переговоров с официальными "
    "лицами в Минске и Вашингтоне об освобождении заключенных экспорте калия рейсах лицензии меры",
    "uk": "Мінфін США заявив у вівторок що санкції проти компанії буде знято після переговорів з посадовцями "
    "у Мінську та Вашингтоні щодо звільнення в'язнів експорту калію рейсів ліцензії заходи залишаються",
    "pl": "Departament Skarbu poinformował we wtorek że sankcje wobec spółki zostaną zniesione po rozmowach z "
    "urzędnikami w Mińsku i Waszyngtonie w sprawie więźniów eksportu potasu lotów licencji środki",
    "de": "das Finanzministerium teilte am Dienstag mit dass die Sanktionen gegen das Unternehmen nach Gesprächen mit "
    "Vertretern in Minsk und Washington über Gefangene Kaliexporte Flüge Lizenzen aufgehoben werden",
    "lt": "iždo departamentas antradienį pranešė kad sankcijos bendrovei bus panaikintos po derybų su pareigūnais "
    "Minske ir Vašingtone dėl kalinių kalio eksporto skrydžių licencijos priemonės lieka galioti",
}
ENDINGS = {
    "en": ["", "'s"],
    "ru": ["", "а", "у", "ом"],
    "uk": ["", "у", "ом", "і"],
    "pl": ["", "a", "u", "em"],
    "de": ["", "s"],
    "lt": ["", "o", "ui", "ą"],
}
LATIN = "abcdefghijklmnoprstuvz"
CYRILLIC = "абвгдежзиклмнопрстуфхцчшыэюя"


def load_ofac_entities() -> list[Entity]:
    """SDN entries as entities, with their alt.csv aliases."""
    aliases: dict[str, list[str]] = {}
    with open(OFAC / "alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) > 3 and row[3].strip() not in ("", "-0-"):
                aliases.setdefault(row[0], []).append(_display(row[3]))
    entities = []
    with open(OFAC / "sdn.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 3 or not row[1].strip():
                continue
            kind = "person" if row[2].strip() == "individual" else "organization"
            entities.append(Entity(f"ofac-{row[0]}", _display(row[1]), kind, aliases=tuple(aliases.get(row[0], ()))))
    return entities


def _display(name: str) -> str:
    """ "LUKASHENKA, Alyaksandr" → "Alyaksandr LUKASHENKA"."""
    name = name.strip()
    if name.count(",") == 1 and not name.endswith(("INC.", "LTD.", "S.A.", "LLC")):
        last, first = (part.strip() for part in name.split(","))
        return f"{first} {last}" if first else last
    return name


def make_items(names: list[str], count: int, rng: random.Random) -> list[str]:
    """~500-character news-like items: vocabulary words, unseen words, numbers, 1-2 names."""
    words = {lang: text.split() for lang, text in VOCABULARY.items()}
    items = []
    for _ in range(count):
        lang = rng.choice(list(words))
        alphabet = CYRILLIC if lang in ("ru", "uk") else LATIN
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 500:
            roll = rng.random()
            if roll < 0.12:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(4, 10))))
            elif roll < 0.16:
                parts.append(str(rng.randint(1, 2026)))
            else:
                parts.append(rng.choice(words[lang]))
            if roll > 0.985:
                parts.append(rng.choice(names) + rng.choice(ENDINGS[lang]))
        items.append(" ".join(parts)[:520])
    return items


def run(entities: list[Entity], items: list[str]) -> tuple[float, float, int]:
    """(build seconds, items per second, mentions found), in CPU time of this process.

    CPU time rather than wall time, so other work on the machine does not count against us.
    Caches start empty, so every run pays for the words it sees first.
    """
    normalize.reset_caches()
    start = time.process_time()
    matcher = build_matcher(entities)
    built = time.process_time() - start
    start = time.process_time()
    found = sum(len(matcher.find(item)) for item in items)
    return built, len(items) / (time.process_time() - start), found


def parse_args(doc: str | None) -> argparse.Namespace | None:
    """--items and --seed; None (after saying so) when the OFAC data of ../shared is absent."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not (OFAC / "sdn.csv").exists():
        print(f"skipped: {OFAC} is absent (the benchmark needs ../shared/data/ofac/b/)")
        return None
    return args


def main() -> None:
    args = parse_args(__doc__)
    if args is None:
        return
    entities = load_ofac_entities()
    seeds = list(load_watchlist([ROOT / "seeds" / "entities.toml"]))
    names = [e.name for e in entities] + [a for e in entities for a in e.aliases]
    rng = random.Random(args.seed)
    items = make_items([n for n in names if len(n) < 40] + [e.name for e in seeds], args.items, rng)
    chars = sum(map(len, items)) / len(items)
    print(f"watchlist: {len(entities):,} OFAC entities + {len(seeds)} seed entities, {len(names) + len(seeds):,} names")
    print(f"items: {len(items):,}, mean {chars:.0f} characters, languages: {', '.join(VOCABULARY)}")
    built, rate, found = run(entities + seeds, items)
    print(f"20k-name watchlist: build {built:.2f} s; {rate:,.0f} items/s on one core; {found:,} mentions")
    built_small, rate_small, found_small = run(seeds[:10], items)
    print(f"10-name watchlist:  build {built_small:.3f} s; {rate_small:,.0f} items/s; {found_small:,} mentions")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
