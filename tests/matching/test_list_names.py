"""Names from the official lists: an entity whose ids point at list entries is matched by every
name of those entries (monitor/matching/watchlist.py::with_list_names, `monitor watchlist`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.lists.snapshots import store_publication
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import Entity, with_list_names
from monitor.storage.db import open_database
from sanctions_monitor_sources.publication import ListEntry, Publication

ENTRIES = {
    "ofac": {"36001": ("JOINT STOCK COMPANY OMSK SOFTWARE", "OMSKSOFT", "AO OMSKIY PROGRAMMNY")},
    "eu": {"EU.77": ("Omsk Software JSC", "АО «Омский софт»", "Omskas programmatūra")},
}


def test_an_entity_takes_the_names_of_the_entries_its_ids_point_at() -> None:
    [entity] = with_list_names([Entity("os", "Omsk Software", ids={"ofac": "36001", "eu": "EU.77"})], ENTRIES)
    assert entity.aliases == (
        "JOINT STOCK COMPANY OMSK SOFTWARE",
        "OMSKSOFT",
        "AO OMSKIY PROGRAMMNY",
        "Omsk Software JSC",
        "АО «Омский софт»",
        "Omskas programmatūra",
    )
    matcher = build_matcher([entity])
    assert [m.key for m in matcher.find("Минфин США снял санкции с «Омского софта»", "ru")] == ["os"]
    assert [m.key for m in matcher.find("OFAC delisted OMSKSOFT today", "en")] == ["os"]


def test_entities_without_ids_or_with_unknown_entries_stay_as_they_are() -> None:
    plain = Entity("x", "Omsk Software")
    other = Entity("y", "Omsk Software", ids={"ofac": "99999", "uk": "RUS0001"})
    assert with_list_names([plain, other], ENTRIES) == (plain, other)
    assert [m.key for m in build_matcher([plain]).find("OMSKSOFT was listed")] == []


def test_watchlist_command_shows_the_names_an_entity_ends_up_with(tmp_path: Path) -> None:
    watchlist = tmp_path / "entities.toml"
    watchlist.write_text(
        '[[entity]]\nkey = "os"\nname = "Omsk Software"\nids = { ofac = "36001" }\n'
        '[[entity]]\nkey = "dm"\nname = "Dmitry Medvedev"\nkind = "person"\n',
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "m.db"}"\n[watchlist]\nfiles = ["{watchlist}"]\n'
        '[[source]]\nname = "sdn"\nkind = "ofac-sdn"\n',
        encoding="utf-8",
    )
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    entry = ListEntry("ofac-sdn", "36001", "JOINT STOCK COMPANY OMSK SOFTWARE", ("OMSKSOFT",), content_hash="h")
    with engine.begin() as conn:
        store_publication(
            conn,
            source="sdn",
            publication=Publication("ofac-sdn", None, None, (entry,)),
            url=None,
            now=datetime(2026, 1, 5, tzinfo=UTC),
        )
    engine.dispose()
    result = CliRunner().invoke(cli, ["--config", str(config), "watchlist", "show", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["key"]: row["names"] for row in json.loads(result.output)}
    assert {"name": "OMSKSOFT", "from": "list"} in rows["os"]
    assert {"name": "Medvedev", "from": "matcher"} in rows["dm"]
    shown = CliRunner().invoke(cli, ["--config", str(config), "watchlist", "show", "--no-lists"]).output
    assert "OMSKSOFT" not in shown and "Medvedev    [matcher]" in shown


def test_watchlist_show_with_text_names_the_matches_and_the_name_that_made_them(tmp_path: Path) -> None:
    watchlist = tmp_path / "entities.toml"
    watchlist.write_text(
        '[[entity]]\nkey = "dm"\nname = "Dmitry Medvedev"\nkind = "person"\n'
        '[[entity]]\nkey = "os"\nname = "Omsk Software"\n',
        encoding="utf-8",
    )
    args = [
        "watchlist",
        "show",
        "dm",
        "--entities",
        str(watchlist),
        "--no-lists",
        "--json",
        "--text",
        "Sanktionen gegen Dmitrij Medwedew verlängert",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["key"] == "dm" and [m["surface"] for m in row["matches"]] == ["Dmitrij Medwedew"]
    missing = CliRunner().invoke(cli, [*args[:2], "nobody", *args[3:]])
    assert missing.exit_code == 1 and "no entity with key 'nobody'" in missing.output


def test_the_daemon_matches_list_names_once_a_snapshot_is_stored(tmp_path: Path) -> None:
    from monitor.classification.findings import ItemText
    from monitor.config import load_config
    from monitor.daemon import analyzer_for

    watchlist = tmp_path / "entities.toml"
    watchlist.write_text('[[entity]]\nkey = "os"\nname = "Omsk Software"\nids = { ofac = "36001" }\n', encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "m.db"}"\n[watchlist]\nfiles = ["{watchlist}"]\n'
        '[[source]]\nname = "sdn"\nkind = "ofac-sdn"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    engine = open_database(config.database.url)
    try:
        item = ItemText("OFAC delists OMSKSOFT", lang="en")
        assert analyzer_for(config, engine).analyze(item).mentions == ()  # no snapshot yet: typed names only
        entry = ListEntry("ofac-sdn", "36001", "JOINT STOCK COMPANY OMSK SOFTWARE", ("OMSKSOFT",), content_hash="h")
        with engine.begin() as conn:
            store_publication(
                conn,
                source="sdn",
                publication=Publication("ofac-sdn", None, None, (entry,)),
                url=None,
                now=datetime(2026, 1, 5, tzinfo=UTC),
            )
        assert analyzer_for(config, engine).analyze(item).mentions == ("os",)
    finally:
        engine.dispose()
