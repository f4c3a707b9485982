"""`monitor watchlist import` (FollowTheMoney entities) and `watchlist add --from` (a stored list)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.importing import FtmFilter, entries_from_ftm, merge_watchlist, read_ftm
from monitor.matching.watchlist import load_watchlist
from monitor.storage.db import open_database
from tests.lists.test_snapshots import make_config, source_table
from tests.support.paths import FIXTURES
from tests.support.polling import poll, serve_file
from tests.support.servers import LoopbackServer

FTM = FIXTURES / "watchlists" / "opensanctions.ftm.json"


def ftm() -> list[dict]:  # type: ignore[type-arg]
    return read_ftm(FTM.read_text(encoding="utf-8").splitlines(), str(FTM))


def test_ftm_entities_become_watchlist_entries_with_every_script_and_list_ids() -> None:
    entries = {e.name: e for e in entries_from_ftm(ftm())}
    assert set(entries) == {"Dmitry Petrovich Morozov", "Severny Kaliy OAO", "OCEAN LARK", "Harbour Trading Ltd"}
    person = entries["Dmitry Petrovich Morozov"]
    assert person.kind == "person" and person.country == "RU"
    assert person.aliases == ("Дмитрий Петрович Морозов", "Dmitriy Morozov", "Дзмітрый Марозаў")  # no weak alias
    assert person.ids == {"opensanctions": "NK-9mZtQfGk3aX2pE7vLwR4cd", "ofac": "90001", "eu": "eu-7001-11"}
    assert entries["Severny Kaliy OAO"].country == "BY"  # from jurisdiction
    vessel = entries["OCEAN LARK"]
    assert (vessel.kind, vessel.country, vessel.aliases) == ("vessel", "PA", ("NORDIC LARK",))
    weak = entries_from_ftm(ftm(), weak_aliases=True)[0]
    assert "Dima" in weak.aliases


def test_filters_by_schema_dataset_topic_and_id() -> None:
    def names(only: FtmFilter) -> set[str]:
        return {e.name for e in entries_from_ftm(ftm(), only)}

    assert names(FtmFilter(topics=frozenset({"sanction"}))) == {
        "Dmitry Petrovich Morozov",
        "Severny Kaliy OAO",
        "OCEAN LARK",
    }
    assert names(FtmFilter(schemata=frozenset({"Vessel"}))) == {"OCEAN LARK"}
    assert names(FtmFilter(datasets=frozenset({"eu_fsf"}))) == {"Dmitry Petrovich Morozov", "Severny Kaliy OAO"}
    assert names(FtmFilter(ids=frozenset({"ofac-90077"}))) == {"OCEAN LARK"}


def test_the_written_watchlist_loads_and_matches_its_names(tmp_path: Path) -> None:
    out = tmp_path / "watchlist.toml"
    result = CliRunner().invoke(cli, ["watchlist", "import", str(FTM), "--topic", "sanction", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 entities added, 0 updated" in result.output
    entities = {e.key: e for e in load_watchlist([out])}
    assert set(entities) == {"dmitry-petrovich-morozov", "severny-kaliy-oao", "ocean-lark"}
    assert entities["ocean-lark"].ids["ofac"] == "90077"


def test_reimport_keeps_hand_edits_and_adds_only_what_is_new(tmp_path: Path) -> None:
    text, added, _ = merge_watchlist("", entries_from_ftm(ftm(), FtmFilter(schemata=frozenset({"Person"}))))
    assert added == 1
    edited = text.replace(
        'name = "Dmitry Petrovich Morozov"', 'name = "D. P. Morozov"  # as our desk writes it'
    ).replace('key = "dmitry-petrovich-morozov"', 'key = "morozov"')
    edited = "# our desk's watchlist\n" + edited
    again, added, updated = merge_watchlist(edited, entries_from_ftm(ftm(), weak_aliases=True))
    assert (added, updated) == (3, 1)
    assert again.startswith("# our desk's watchlist\n") and "# as our desk writes it" in again
    person = tomllib.loads(again)["entity"][0]
    assert (person["key"], person["name"]) == ("morozov", "D. P. Morozov")
    assert person["aliases"][-1] == "Dima" and person["aliases"].count("Dmitriy Morozov") == 1
    assert merge_watchlist(again, entries_from_ftm(ftm(), weak_aliases=True))[1:] == (0, 0)


def test_a_line_that_is_not_ftm_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "Person", "properties": {}}\n{"name": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["watchlist", "import", str(bad)])
    assert result.exit_code == 1 and f"{bad}:2: not a FollowTheMoney entity" in result.output
    assert "Traceback" not in result.output


def test_add_from_a_stored_list_snapshot(tmp_path: Path, http_server: LoopbackServer) -> None:
    serve_file(http_server, "/SDN.XML", "sdn_before.xml")
    config = make_config(tmp_path, source_table("sdn", "ofac-sdn", http_server.url("/SDN.XML")))
    out = tmp_path / "watchlist.toml"
    args = ["--config", str(config.path), "watchlist", "add", "--from", "sdn", "--id", "36001", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "no stored snapshot yet" in result.output
    engine = open_database(config.database.url)
    try:
        assert poll(config, engine, "sdn").ok
    finally:
        engine.dispose()
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (entity,) = load_watchlist([out])
    assert entity.ids == {"ofac": "36001"} and "BELAVIA" in entity.name.upper()
    missing = CliRunner().invoke(cli, [*args[:-4], "--id", "99999999"])
    assert missing.exit_code == 1 and "no entry '99999999'" in missing.output
