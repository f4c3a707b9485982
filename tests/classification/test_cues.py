"""The cue scan's shortcuts give what a plain scan gives: one category's hits are the full
scan's hits of that category, tokens cut on first use are the tokens, and a sequence with a gap
is still found after the cheap early checks."""

from __future__ import annotations

import pytest

from monitor.classification.cue_loader import available_languages, load_actors, load_cuebook
from monitor.classification.cues import CueBook, Tokens, parse_entry

SENTENCES = [
    "The U.S. Treasury on Tuesday removed Belavia from the SDN list; the airline said it was grateful.",
    "Washington could ease restrictions on the potash producer if more prisoners are freed, an envoy said.",
    "Минфин США исключил «Белавиа» из санкционного списка, сообщила компания.",
    "Мінфін США виключив «Белавію» із санкційного списку, повідомив перевізник.",
    "Departament Skarbu USA zdjął sankcje z Biełaruśkalija, a spółka nie skomentowała.",
    "Die USA heben die Sanktionen gegen Belavia auf, teilte die Fluggesellschaft mit.",
    "JAV panaikino sankcijas „Belavia“, pranešė bendrovė.",
    "",
    "…",
]


def _plain(book: CueBook, text: str, category: str | None = None) -> list[tuple[str, int, int, int, int]]:
    return [(h.category, h.first, h.last, h.start, h.end) for h in book.find(Tokens(text), category)]


@pytest.mark.parametrize("lang", available_languages())
def test_one_category_is_the_full_scan_filtered(lang: str) -> None:
    book = load_cuebook(lang)
    for text in SENTENCES:
        full = _plain(book, text)
        for category in {h[0] for h in full} | {"anaphora", "sanction", "continuation", "align"}:
            alone = _plain(book, text, category)  # on new tokens: before any full scan
            assert alone == [h for h in full if h[0] == category], (lang, text, category)


def test_actor_scan_is_stable_and_ordered() -> None:
    actors = load_actors()
    hits = _plain(actors, "The US, the EU and Britain acted; Минфин США и ЕС тоже.")
    assert hits == sorted(hits, key=lambda h: (h[1], -h[2]))
    assert {h[0].split(":")[0] for h in hits} >= {"US", "EU", "UK"}


def test_tokens_are_cut_on_first_use() -> None:
    tokens = Tokens("U.S. sanctions «Белавиа», Lukashenko's firm")
    assert tokens.low == ["u", ".", "s", ".", "sanctions", "«", "белавиа", "»", ",", "lukashenko", "'", "s", "firm"]
    assert tokens.spans[6] == (16, 23)
    assert tokens.joined == " " + " ".join(tokens.low)
    assert tokens.index_at(18) == 6
    with pytest.raises(AttributeError):
        tokens.nothing  # noqa: B018


def test_a_gapped_sequence_is_found_after_the_early_checks() -> None:
    book = CueBook(
        "t",
        [
            parse_entry("took ... off", "t[0]", "lift_full"),
            parse_entry("off$", "t[1]", "glue"),
            parse_entry("US", "t[2]", "actor"),
            parse_entry("licence", "t[3]", "lift_partial"),
        ],
    )
    hits = _plain(book, "The US took Belavia and two other firms off the list; US licences followed.")
    assert [(h[0], h[1], h[2]) for h in hits] == [
        ("actor", 1, 1),
        ("lift_full", 2, 8),
        ("glue", 8, 8),
        ("actor", 12, 12),
        ("lift_partial", 13, 13),
    ]
    assert _plain(book, "The us took it; off it went") == [("glue", 5, 5, 16, 19)]  # "US" in capitals; no gap over ";"
