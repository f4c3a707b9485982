"""The `monitor analyze` contract: JSON Lines in, one JSON object per line out, bad lines named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.classification.analyzer import merge_findings
from monitor.classification.cue_loader import load_cuebook, reset_caches
from monitor.classification.cues import tokenize
from monitor.classification.dates import find_effective_date
from monitor.classification.findings import EventFinding
from monitor.classification.language import detect_language
from monitor.classification.sentences import split_sentences
from monitor.cli import cli
from monitor.errors import SeedError
from tests.support.analyzing import ENTITIES


def run(lines: list[str], *extra: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["analyze", "--entities", str(ENTITIES), *extra], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_one_output_line_per_input_line_with_the_contract_fields() -> None:
    out = run(
        [
            json.dumps(
                {
                    "id": "a",
                    "title": "US removes Belavia from sanctions list",
                    "published": "2025-11-04",
                    "lang": "en",
                    "link": "https://example.org/a",
                }
            ),
            json.dumps({"id": 7, "title": "Weather in Minsk", "summary": "Sunny."}),
        ]
    )
    assert out[0] == {
        "id": "a",
        "mentions": ["belavia"],
        "events": [
            {
                "entity": "belavia",
                "action": "lift",
                "jurisdiction": "US",
                "certainty": "confirmed",
                "scope": "full",
                "effective_date": None,
                "evidence": "US removes Belavia from sanctions list",
            }
        ],
    }
    assert out[1] == {"id": 7, "mentions": [], "events": []}


def test_bad_lines_give_an_error_and_the_rest_go_on() -> None:
    out = run(
        [
            "{not json",
            json.dumps(["a list"]),
            json.dumps({"id": "no-title", "summary": "x"}),
            json.dumps({"id": "bad-title", "title": 5}),
            json.dumps({"id": "ok", "title": "EU sanctions Naftan", "published": "not a date"}),
        ]
    )
    assert [set(o) for o in out[:4]] == [{"id", "error"}] * 4
    assert out[0]["id"] is None and "line 1: not JSON" in out[0]["error"]
    assert "expected a JSON object" in out[1]["error"]
    assert out[2] == {"id": "no-title", "error": "line 3: missing title"}
    assert out[3]["id"] == "bad-title" and "title must be a string" in out[3]["error"]
    assert out[4]["events"][0]["entity"] == "naftan"


def test_effective_date_uses_the_published_year() -> None:
    out = run(
        [json.dumps({"id": 1, "title": "EU lifts sanctions on Belavia from 4 November", "published": "2025-10-20"})]
    )
    assert out[0]["events"][0]["effective_date"] == "2025-11-04"


def test_configured_watchlist_is_used_without_entities(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[watchlist]\nfiles = ["{ENTITIES}"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--config", str(config), "analyze"], input=json.dumps({"id": 1, "title": "EU sanctions Belshina"}) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["mentions"] == ["belshina"]


def test_missing_watchlist_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "--entities", str(tmp_path / "none.toml")], input="")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["analyze", "--help"])
    assert "Example:" in result.output


# --- the pieces -------------------------------------------------------------------------------


def test_bad_cue_file_names_file_and_entry(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text(
        'lang = "xx"\nscript = "latin"\nmonths = ' + json.dumps(["m"] * 12) + '\n[cues]\ntalk = ["may$", " "]\n',
        encoding="utf-8",
    )
    with pytest.raises(SeedError, match=r"xx.toml: talk\[1\] empty"):
        load_cuebook("xx", tmp_path)
    (tmp_path / "yy.toml").write_text(
        'lang = "yy"\nscript = "latin"\nmonths = ' + json.dumps(["m"] * 12) + '\n[cues]\nmaybe = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(SeedError, match="unknown cue category 'maybe'"):
        load_cuebook("yy", tmp_path)
    reset_caches()


def test_every_shipped_cue_file_loads() -> None:
    from monitor.classification.cue_loader import available_languages, load_actors

    assert set(available_languages()) >= {"en", "ru", "uk", "be", "pl", "lt", "de", "et", "lv", "kk"}
    for lang in available_languages():
        assert load_cuebook(lang).meta["months"]
    assert load_actors().find(tokenize("OFAC and the Council"))


def test_stems_match_inflections_and_exact_words_do_not() -> None:
    book = load_cuebook("ru")
    cats = {book_hit.category for book_hit in book.find(tokenize("США сняли санкции"))}
    assert "lift" in cats
    en = load_cuebook("en")
    assert "talk" not in {h.category for h in en.find(tokenize("The mayor spoke"))}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Минфин США исключил авиакомпанию из списка", "ru"),
        ("Мінфін США дозволив операції з компанією", "uk"),
        ("ЗША знялі санкцыі з авіякампаніі", "be"),
        ("USA znoszą sankcje wobec spółki", "pl"),
        ("JAV panaikino sankcijas bendrovei", "lt"),
        ("Die USA heben Sanktionen gegen die Firma auf", "de"),
        ("ASV atcēla sankcijas uzņēmumam", "lv"),
        ("USA tühistas sanktsioonid ettevõttele", "et"),
        ("АҚШ санкцияларды алып тастады", "kk"),
        ("US lifts sanctions on the airline", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text, hint="en" if lang != "en" else "de") == lang


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("from 4 November", "en", "2025-11-04"),
        ("effective December 1, 2026", "en", "2026-12-01"),
        ("с 1 декабря 2025 года", "ru", "2025-12-01"),
        ("з 4 листопада", "uk", "2025-11-04"),
        ("od 1 grudnia", "pl", "2025-12-01"),
        ("ab dem 1. Dezember", "de", "2025-12-01"),
        ("nuo gruodžio 1 d.", "lt", "2025-12-01"),
        ("alates 1. detsembrist", "et", "2025-12-01"),
        ("no 1. decembra", "lv", "2025-12-01"),
        ("1 желтоқсаннан бастап", "kk", "2025-12-01"),
        ("until 28 February 2027", "en", None),
        ("from 5 January", "en", "2026-01-05"),
    ],
)
def test_effective_dates(text: str, lang: str, expected: str | None) -> None:
    from datetime import date

    found = find_effective_date(
        text, load_cuebook(lang), date(2025, 11, 4) if "January" not in text else date(2025, 12, 20)
    )
    assert (found.isoformat() if found else None) == expected


def test_sentences_keep_abbreviations_and_ordinals() -> None:
    text = "The U.S. Treasury acted on Nov. 4 against J. Doe. Ab 1. Dezember gilt das. Next one!"
    assert split_sentences(text, load_cuebook("en").meta["abbreviations"]) == [
        "The U.S. Treasury acted on Nov. 4 against J. Doe.",
        "Ab 1. Dezember gilt das.",
        "Next one!",
    ]


def test_merge_keeps_confirmed_over_talk_and_drops_unattributed_duplicates() -> None:
    talk = EventFinding("x", "lift", "US", "speculative", evidence="may lift")
    done = EventFinding("x", "lift", "US", "confirmed", evidence="lifted")
    nobody = EventFinding("x", "lift", None, "confirmed", evidence="was lifted")
    assert merge_findings([talk, nobody, done]) == (done,)
