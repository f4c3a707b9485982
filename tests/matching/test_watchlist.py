"""monitor/matching/watchlist.py: loading, combining and validating watchlist files."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import SeedError
from monitor.matching.countries import country_adjectives, country_names
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import Entity, load_watchlist
from tests.support.paths import FIXTURES, ROOT

WATCHLISTS = FIXTURES / "watchlists"
SEED = ROOT / "seeds" / "entities.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_entities_with_their_fields() -> None:
    entities = {e.key: e for e in load_watchlist([WATCHLISTS / "belarus.toml"])}
    belavia = entities["belavia"]
    assert belavia == Entity(
        "belavia", "Belavia", "organization", "BY", ("Belavia Belarusian Airlines", "Белавиа", "Белавіа")
    )
    assert belavia.ids == {"ofac": "44541"}
    assert entities["nis"].exact_case == ("Nis",)
    assert entities["lukashenko"].kind == "person"


def test_several_files_combine_in_order(tmp_path: Path) -> None:
    extra = write(tmp_path, '[[entity]]\nkey = "slavkali"\nname = "Slavkali"\n')
    entities = load_watchlist([WATCHLISTS / "belarus.toml", extra])
    assert entities[-1].key == "slavkali" and entities[0].key == "belavia"


def test_a_key_used_twice_names_both_places() -> None:
    with pytest.raises(
        SeedError,
        match=r"duplicate\.toml: entity\[1\] \(key 'belavia'\): key 'belavia' is already used by .*belarus\.toml: entity\[1\]",
    ):
        load_watchlist([WATCHLISTS / "belarus.toml", WATCHLISTS / "duplicate.toml"])


def test_an_unknown_kind_names_file_entity_and_choices() -> None:
    with pytest.raises(
        SeedError, match=r"bad_kind\.toml: entity\[2\] \(key 'boat'\): kind is 'ship'; expected one of: organization"
    ):
        load_watchlist([WATCHLISTS / "bad_kind.toml"])


def test_an_unknown_key_suggests_the_right_one() -> None:
    with pytest.raises(
        SeedError,
        match=r"unknown_key\.toml: entity\[1\] \(key 'belavia'\): unknown key 'alias' \(did you mean 'aliases'\?\)",
    ):
        load_watchlist([WATCHLISTS / "unknown_key.toml"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[entity]]\nname = "X"\n', r"entity\[1\]: key must be a non-empty string"),
        ('[[entity]]\nkey = "Big Key"\nname = "X"\n', r"key must be lowercase"),
        ('[[entity]]\nkey = "x"\nname = ""\n', r"\(key 'x'\): name must be a non-empty string"),
        ('[[entity]]\nkey = "x"\nname = "X"\naliases = "Y"\n', r"aliases: expected a list of strings"),
        ('[[entity]]\nkey = "x"\nname = "X"\naliases = ["Y", ""]\n', r"aliases\[1\]: expected a non-empty string"),
        ('[[entity]]\nkey = "x"\nname = "X"\naliases = ["Y", "«—»"]\n', r"aliases\[1\] '«—»' has no letters or digits"),
        ('[[entity]]\nkey = "x"\nname = "X"\ncountry = "Belarus"\n', r"country must be an ISO code"),
        ('[[entity]]\nkey = "x"\nname = "X"\nkind = "country"\n', r"needs country"),
        (
            '[[entity]]\nkey = "x"\nname = "X"\nkind = "country"\ncountry = "QQ"\n',
            r"country 'QQ' is not a territory CLDR knows",
        ),
        ('[[entity]]\nkey = "x"\nname = "X"\nids = { ofac = 44541 }\n', r"ids must map list names to id strings"),
        (
            '[[entity]]\nkey = "x"\nname = "X"\nexact_case = ["Z"]\n',
            r"exact_case\[0\] 'Z' is neither the name nor an alias",
        ),
        ('[entity]\nkey = "x"\n', r"entities must be written as \[\[entity\]\] tables"),
        ('[[entities]]\nkey = "x"\n', r"unknown top-level key 'entities'"),
        ("[[entity]\n", r"cannot read watchlist"),
    ],
)
def test_bad_entries_raise_one_line_errors(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(SeedError, match=message) as info:
        load_watchlist([path])
    assert str(path) in str(info.value) and "\n" not in str(info.value).strip()


def test_a_missing_file_is_a_seed_error(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="watchlist file not found"):
        load_watchlist([tmp_path / "nope.toml"])


def test_the_seed_watchlist_loads_and_compiles() -> None:
    entities = {e.key: e for e in load_watchlist([SEED])}
    assert {"belavia", "belaruskali", "belarusian-potash-company", "lukashenko", "belarus", "maz"} <= set(entities)
    assert entities["belavia"].ids["ofac"] == "44541"
    assert any(e.kind == "aircraft" for e in entities.values())
    matcher = build_matcher(entities.values())
    assert [m.key for m in matcher.find("ЄС запровадив санкції проти «Нафтану» та БелАЗу")] == ["naftan", "belaz"]


def test_country_names_come_from_cldr_plus_seeds() -> None:
    names = country_names("BY")
    assert {"Belarus", "Беларусь", "Білорусь", "Białoruś", "Baltarusija", "Valgevene", "Baltkrievija"} <= set(names)
    assert "Weißrussland" in names  # not in CLDR: seeds/names/countries.toml
    assert "Belarusian" in country_adjectives("by")
    assert country_names("QQ") == ()
