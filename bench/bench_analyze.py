"""Benchmark: `Analyzer.analyze` (match + language + sentences + classification) per item, one core.

The watchlist is the matcher benchmark's (`bench/bench_match.py`): 20,907 names of the July 2021
OFAC SDN list plus the seed watchlist. Every item is a different text of about 500 characters
(numbers and made-up names vary), so no cache sees an item or a sentence twice. Item sets:

    news   news-like items in six languages written the way agencies report sanctions: a
           headline and three to five sentences, one or two of which name a watchlist entity
           (a random OFAC or seed name); the other sentences name nothing
    quiet  the same kind of items naming no entity, as most items of a real feed
    mix    a shuffled stream of 20 % news and 80 % quiet items
    dense  the matcher benchmark's items: 500 characters of sanctions vocabulary without a full
           stop, so the whole item is one sentence of cue words; about 60 % name an entity.
           The worst case for classification
    dev    the development set's items (real sentences, 100-250 characters, each naming an
           entity), numbered so each copy is new; only when ../shared/eval/dev.jsonl is present

Prints the analyzer's build time, then per set: items per second on one core (CPU time of this
process, so other work on the machine counts less), the share of items with a mention, events
found; and the peak RSS. Before the timed sets, 2,000 other news-like items are analyzed once,
as a running daemon has seen the common words before (its made-up names and numbers are new).

Usage:
    .venv/bin/python bench/bench_analyze.py [--items 20000] [--seed 7]

Targets: >= 5,000 items/s on one core, automaton build <= 3 s, peak RSS <= 300 MB.
"""

from __future__ import annotations

import json
import random
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench_match import load_ofac_entities, make_items, parse_args

from monitor.classification.analyzer import Analyzer
from monitor.classification.findings import ItemText
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import load_watchlist

# {name}: a watchlist name; {x}: a made-up surname; {n}: a number; {year}: an earlier year.
NAMING = {
    "en": [
        "US Treasury removes {name} from sanctions list after talks with Minsk",
        "The Treasury's Office of Foreign Assets Control said it had added {name} to the SDN list, "
        "freezing any assets it holds in the United States, spokesman {x} said.",
        "{name} has been under EU sanctions since {year}, and officials said the measures would remain in place.",
        "Washington could ease restrictions on {name} if more prisoners are freed, envoy {x} told reporters.",
        "The Council of the European Union extended the asset freeze on {name} and {n} other entities.",
    ],
    "ru": [
        "Минфин США исключил {name} из санкционного списка после переговоров в Минске",
        "Евросоюз ввел санкции против {name} и еще {n} компаний, сообщил представитель Еврокомиссии {x}.",
        "Вашингтон может ослабить ограничения в отношении {name}, если будут освобождены заключенные, заявил {x}.",
        "Санкции против {name} действуют с {year} года и остаются в силе.",
    ],
    "uk": [
        "Мінфін США виключив {name} із санкційного списку після переговорів у Мінську",
        "Євросоюз запровадив санкції проти {name} та ще {n} компаній, повідомив речник Єврокомісії {x}.",
        "Вашингтон може послабити обмеження щодо {name}, якщо звільнять політв'язнів, заявив {x}.",
        "РНБО ухвалила рішення про санкції щодо {name} строком на {n} років.",
    ],
    "pl": [
        "Departament Skarbu USA usunął {name} z listy sankcyjnej po rozmowach w Mińsku",
        "Unia Europejska nałożyła sankcje na {name} i {n} innych firm, poinformował rzecznik {x}.",
        "Waszyngton może złagodzić ograniczenia wobec {name}, jeśli więźniowie zostaną uwolnieni, powiedział {x}.",
        "Sankcje wobec {name} obowiązują od {year} roku i pozostają w mocy.",
    ],
    "de": [
        "USA heben Sanktionen gegen {name} nach Gesprächen in Minsk auf",
        "Der Rat der EU hat {name} und {n} weitere Unternehmen auf die Sanktionsliste gesetzt, teilte {x} mit.",
        "Washington könnte die Beschränkungen für {name} lockern, wenn weitere Gefangene freikommen, sagte {x}.",
        "Die Sanktionen gegen {name} sind seit {year} in Kraft und bleiben bestehen.",
    ],
    "lt": [
        "JAV iždo departamentas išbraukė {name} iš sankcijų sąrašo po derybų Minske",
        "Europos Sąjunga įvedė sankcijas {name} ir dar {n} bendrovėms, pranešė atstovas {x}.",
        "Vašingtonas gali sušvelninti apribojimus {name}, jei bus paleisti kaliniai, sakė {x}.",
        "Sankcijos {name} galioja nuo {year} metų.",
    ],
}
NEUTRAL = {
    "en": [
        "Flights resume between Vilnius and Warsaw after {n}-day strike",
        "The carrier operates {n} flights a week from Minsk to Istanbul, Dubai and Tbilisi.",
        "Potash prices rose {n} percent in the third quarter, according to analyst {x}.",
        "The talks in Vilnius lasted {n} hours, and no date was set for the next round.",
        "Opposition leader {x} said {n} political prisoners remained behind bars.",
        "Officials did not comment on the report, which was first published by the newspaper of {x}.",
    ],
    "ru": [
        "Авиасообщение между Вильнюсом и Варшавой восстановлено после {n}-дневной забастовки",
        "Перевозчик выполняет {n} рейсов в неделю из Минска в Стамбул и Дубай.",
        "Переговоры в Вильнюсе продолжались {n} часов, дата следующего раунда не назначена.",
        "Цены на калий выросли на {n} процентов в третьем квартале, сообщил аналитик {x}.",
        "Представитель ведомства {x} отказался от комментариев, сославшись на {n} открытых дел.",
        "Лидер оппозиции {x} заявил, что за решеткой остаются {n} политических заключенных.",
    ],
    "uk": [
        "Авіасполучення між Вільнюсом і Варшавою відновлено після {n}-денного страйку",
        "Перевізник виконує {n} рейсів на тиждень з Мінська до Стамбула.",
        "Переговори у Вільнюсі тривали {n} годин, дату наступного раунду не призначено.",
        "Ціни на калій зросли на {n} відсотків у третьому кварталі, повідомив аналітик {x}.",
        "Речник відомства {x} відмовився від коментарів, пославшись на {n} відкритих справ.",
        "Лідер опозиції {x} заявив, що за ґратами залишаються {n} політичних в'язнів.",
    ],
    "pl": [
        "Loty między Wilnem a Warszawą wznowione po {n}-dniowym strajku",
        "Przewoźnik wykonuje {n} lotów tygodniowo z Mińska do Stambułu i Dubaju.",
        "Rozmowy w Wilnie trwały {n} godzin, a termin kolejnej rundy nie został ustalony.",
        "Ceny potasu wzrosły o {n} procent w trzecim kwartale, podał analityk {x}.",
        "Rzecznik resortu {x} odmówił komentarza, powołując się na {n} otwartych spraw.",
        "Lider opozycji {x} powiedział, że za kratami pozostaje {n} więźniów politycznych.",
    ],
    "de": [
        "Flüge zwischen Vilnius und Warschau nach {n}-tägigem Streik wieder aufgenommen",
        "Die Fluggesellschaft bietet {n} Flüge pro Woche von Minsk nach Istanbul und Dubai an.",
        "Die Gespräche in Vilnius dauerten {n} Stunden, ein Termin für die nächste Runde steht nicht fest.",
        "Die Kalipreise stiegen im dritten Quartal um {n} Prozent, sagte der Analyst {x}.",
        "Ein Sprecher des Ministeriums, {x}, wollte sich zu den {n} offenen Verfahren nicht äußern.",
        "Oppositionsführer {x} sagte, {n} politische Gefangene säßen weiterhin in Haft.",
    ],
    "lt": [
        "Po {n} dienų streiko atnaujinti skrydžiai tarp Vilniaus ir Varšuvos",
        "Bendrovė vykdo {n} skrydžių per savaitę iš Minsko į Stambulą.",
        "Derybos Vilniuje truko {n} valandas, kito raundo data nenustatyta.",
        "Kalio kainos trečiąjį ketvirtį išaugo {n} procentų, teigė analitikas {x}.",
        "Ministerijos atstovas {x} komentarų nepateikė, nurodęs {n} atvirų bylų.",
        "Opozicijos lyderis {x} sakė, kad kalėjimuose tebėra {n} politinių kalinių.",
    ],
}
LATIN, CYRILLIC = "abcdefghijklmnoprstuvz", "абвгдежзиклмнопрстуфхцчшыэюя"


def news_items(names: list[str], count: int, share: float, rng: random.Random) -> list[ItemText]:
    """`count` items of ~500 characters; a `share` of them name one or two watchlist entities."""
    items = []
    for _ in range(count):
        lang = rng.choice(list(NAMING))
        naming = rng.random() < share
        letters = CYRILLIC if lang in ("ru", "uk") else LATIN

        def fill(template: str, letters: str = letters) -> str:
            surname = "".join(rng.choice(letters) for _ in range(rng.randint(5, 9))).capitalize()
            return template.format(
                name=rng.choice(names), x=surname, n=rng.randint(2, 999), year=rng.randint(2012, 2024)
            )

        sentences = [fill(s) for s in rng.sample(NEUTRAL[lang][1:], 5)]
        if naming:
            for s in rng.sample(NAMING[lang][1:], rng.choice((1, 1, 2))):
                sentences.insert(rng.randrange(len(sentences) + 1), fill(s))
        title = fill(rng.choice(NAMING[lang][:1] if naming and rng.random() < 0.5 else NEUTRAL[lang][:1]))
        summary = ""
        for s in sentences:
            if len(title) + len(summary) > 455:
                break
            summary = f"{summary} {s}".strip()
        items.append(ItemText(title=title, summary=summary))
    return items


def timed(analyzer: Analyzer, items: list[ItemText]) -> tuple[float, int, int]:
    """(items per second in CPU time, items with a mention, events)."""
    start = time.process_time()
    results = [analyzer.analyze(item) for item in items]
    rate = len(items) / (time.process_time() - start)
    return rate, sum(1 for r in results if r.mentions), sum(len(r.events) for r in results)


def main() -> None:
    args = parse_args(__doc__)
    if args is None:
        return
    rng = random.Random(args.seed)
    seeds = list(load_watchlist([ROOT / "seeds" / "entities.toml"]))
    entities = load_ofac_entities() + seeds
    ofac_names = [e.name for e in entities if len(e.name) < 40]
    names = ofac_names + [n for e in seeds for n in (e.name, *e.aliases)] * 20  # a fifth seed names
    sets = {
        "news": news_items(names, args.items, 1.0, rng),
        "quiet": news_items(names, args.items, 0.0, rng),
        "mix": news_items(names, args.items, 0.2, rng),
        "dense": [ItemText(title=t[:90], summary=t[90:]) for t in make_items(ofac_names, args.items, rng)],
    }
    dev = ROOT.parent / "shared" / "eval" / "dev.jsonl"
    if dev.exists():
        rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets["dev"] = [
            ItemText(f"{r['title']} ({i})", f"{r.get('summary', '')} ({i})", r.get("lang"))
            for i, r in enumerate((rows * (args.items // len(rows) + 1))[: args.items])
        ]
    start = time.process_time()
    analyzer = Analyzer(entities, build_matcher(entities))
    analyzer.analyze(ItemText("warm-up: US lifts sanctions on Belavia"))  # compile the cue books
    print(f"watchlist: {len(entities):,} entities; analyzer build {time.process_time() - start:.2f} s")
    for item in news_items(names, 2_000, 0.5, random.Random(args.seed + 1)):
        analyzer.analyze(item)  # a running daemon knows the common words; new names and numbers stay new
    for label, items in sets.items():
        chars = sum(len(i.title) + len(i.summary or "") + 1 for i in items) / len(items)
        rate, mentioned, events = timed(analyzer, items)
        print(
            f"{label:5}  {rate:6,.0f} items/s on one core; {len(items):,} items of {chars:.0f} characters, "
            f"{mentioned / len(items):4.0%} with a mention; {events:,} events"
        )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
