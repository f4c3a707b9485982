"""monitor/lists/events.py: list changes become official events (status, confirmation of news)
and [[watch]] alerts, once each."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.cli import cli
from monitor.config import Config, WatchConfig, load_config
from monitor.events.pipeline import analyze_pending_items
from monitor.lists.events import country_code, process_list_changes, tracked_keys, watch_matches
from monitor.lists.snapshots import store_publication
from monitor.matching.match import build_matcher
from monitor.matching.watchlist import load_watchlist
from monitor.storage.db import open_database
from monitor.storage.models import EntityStatus, Event, Evidence, ListChange, OutboxMessage, StatusChange
from sanctions_monitor_sources.eu_fsf import parse_eu_xml
from sanctions_monitor_sources.ofac_sdn import parse_sdn_xml
from sanctions_monitor_sources.publication import make_entry
from sanctions_monitor_sources.uk_sanctions import parse_uk_xml
from tests.support.alerting import ScriptedAnalyzer, add_item, finding
from tests.support.paths import FIXTURES
from tests.support.polling import poll, serve_file
from tests.support.servers import LoopbackServer

LISTS = FIXTURES / "lists"
NOW = datetime(2025, 11, 5, 9, 0, tzinfo=UTC)
ENTITIES = LISTS / "entities.toml"


def make_config(
    tmp_path: Path, extra: str = "", *, database_url: str | None = None, sdn_url: str = "https://lists.example/SDN.XML"
) -> Config:
    path = tmp_path / "config.toml"
    url = database_url or f"sqlite:///{tmp_path / 'monitor.db'}"
    path.write_text(
        f"""
[database]
url = "{url}"
[watchlist]
files = ["{ENTITIES}"]
[[source]]
name = "sdn"
kind = "ofac-sdn"
url = "{sdn_url}"
[[source]]
name = "eu"
kind = "eu-fsf"
[[source]]
name = "uk"
kind = "uk-sanctions"
[[alert]]
name = "hook"
kind = "webhook"
url = "http://127.0.0.1:9/hook"
min_certainty = "speculative"
{extra}
""",
        encoding="utf-8",
    )
    return load_config(path)


def store(engine: Engine, source: str, parse, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    for fixture in (before, after):
        with engine.begin() as conn:
            store_publication(
                conn,
                source=source,
                publication=parse((LISTS / fixture).read_bytes()),
                url=f"https://lists.example/{fixture}",
                now=NOW,
            )


def messages(engine: Engine) -> list[dict]:  # type: ignore[type-arg]
    with Session(engine) as session:
        return [c for m in session.exec(select(OutboxMessage)).all() for c in json.loads(m.changes)]


@pytest.fixture
def sdn(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    def setup(extra: str = "") -> tuple[Config, Engine]:
        config = make_config(tmp_path, extra, database_url=database_url)
        engine = open_database(config.database.url)
        store(engine, "sdn", parse_sdn_xml, "sdn_before.xml", "sdn_after.xml")
        return config, engine

    return setup


def test_additions_and_removals_of_tracked_entities_become_official_events(sdn) -> None:  # type: ignore[no-untyped-def]
    config, engine = sdn()
    assert process_list_changes(engine, config=config, now=NOW) == 4  # the baseline marker + 3 changes
    with Session(engine) as session:
        events = {
            (e.entity, e.action, e.jurisdiction, e.certainty, e.effective_date)
            for e in session.exec(select(Event)).all()
        }
        status = {(s.entity, s.jurisdiction): s.state for s in session.exec(select(EntityStatus)).all()}
    assert events == {
        ("belavia", "impose", "US", "official", date(2025, 10, 28)),  # baseline
        ("belaruskali", "impose", "US", "official", date(2025, 10, 28)),  # baseline, by ids.ofac
        ("belavia", "lift", "US", "official", date(2025, 11, 4)),
        ("slavkali", "impose", "US", "official", date(2025, 11, 4)),
    }
    assert status == {
        ("belavia", "US"): "lifted",
        ("belaruskali", "US"): "sanctioned",
        ("slavkali", "US"): "sanctioned",
    }
    docs = messages(engine)
    assert {(d["entity"]["key"], d["before"], d["after"], d["certainty"]) for d in docs} == {
        ("belavia", "sanctioned", "lifted", "official"),
        ("slavkali", "unknown", "sanctioned", "official"),
    }


def test_each_change_is_processed_once(sdn) -> None:  # type: ignore[no-untyped-def]
    config, engine = sdn()
    process_list_changes(engine, config=config, now=NOW)
    sent = len(messages(engine))
    assert process_list_changes(engine, config=config, now=NOW) == 0
    assert len(messages(engine)) == sent
    with Session(engine) as session:
        assert all(c.processed_at is not None for c in session.exec(select(ListChange)).all())


def test_the_list_confirms_an_earlier_news_report(sdn) -> None:  # type: ignore[no-untyped-def]
    config, engine = sdn()
    title = "US Treasury removes Belavia from sanctions list"
    add_item(engine, guid="n1", title=title, published=datetime(2025, 11, 3, 12, tzinfo=UTC))
    analyze_pending_items(engine, ScriptedAnalyzer({title: finding()}), now=NOW, config=config)  # type: ignore[arg-type]
    process_list_changes(engine, config=config, now=NOW)
    with Session(engine) as session:
        news = session.exec(select(Event).where(Event.certainty == "confirmed")).one()
        official = session.exec(
            select(Event).where(Event.certainty == "official", Event.entity == "belavia", Event.action == "lift")
        ).one()
    assert news.confirmed_by == official.id
    [confirmation] = [d for d in messages(engine) if d["entity"]["key"] == "belavia" and d["kind"] == "confirmation"]
    assert confirmation["confirmed_by"] == "the OFAC SDN publication of 2025-11-04"
    assert {e["source"] for e in confirmation["evidence"]} == {"sdn", "news"}


def test_programme_watch_alerts_on_every_addition_and_removal(sdn) -> None:  # type: ignore[no-untyped-def]
    config, engine = sdn(
        '[[watch]]\nname = "belarus"\nprogramme = "BELARUS-EO14038"\n'
        '[[watch]]\nname = "terror"\nprogramme = "sdgt"\nlists = ["sdn"]\n'
    )
    process_list_changes(engine, config=config, now=NOW)
    watched = sorted(
        (d["watch"], d["entity"]["name"], d["action"], d["programme"]) for d in messages(engine) if d["kind"] == "list"
    )
    assert watched == [
        ("belarus", "BELAVIA BELARUSIAN AIRLINES", "lift", "BELARUS-EO14038"),
        ("belarus", "SLAVKALI", "impose", "BELARUS-EO14038"),
        ("terror", "SEA STAR SHIPPING", "impose", "SDGT"),
    ]  # a programme added to an entry
    doc = next(d for d in messages(engine) if d["kind"] == "list")
    assert (doc["jurisdiction"], doc["certainty"], doc["entity"]["key"]) == ("US", "official", None)
    assert doc["evidence"][0]["title"] == "OFAC SDN publication of 2025-11-04"


def test_country_watch_and_uk_regime_and_eu_programme(tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        '[[watch]]\nname = "by"\ncountry = "BY"\nlists = ["uk"]\n'
        '[[watch]]\nname = "blr"\nprogramme = "BLR"\nlists = ["eu"]\n'
        '[[watch]]\nname = "uk-belarus"\nprogramme = "Belarus"\nlists = ["uk"]\n',
    )
    engine = open_database(config.database.url)
    store(engine, "uk", parse_uk_xml, "uk_before.xml", "uk_after.xml")
    store(engine, "eu", parse_eu_xml, "eu_before.xml", "eu_after.xml")
    process_list_changes(engine, config=config, now=NOW)
    watched = sorted((d["watch"], d["entity"]["name"], d["action"]) for d in messages(engine) if d["kind"] == "list")
    assert watched == [
        ("blr", "Belavia Belarusian Airlines", "lift"),
        ("blr", "Slavkali", "impose"),
        ("by", "BELAVIA BELARUSIAN AIRLINES", "lift"),
        ("by", "SLAVKALI", "impose"),
        ("uk-belarus", "BELAVIA BELARUSIAN AIRLINES", "lift"),
        ("uk-belarus", "SLAVKALI", "impose"),
    ]
    with Session(engine) as session:
        jurisdictions = {(e.entity, e.jurisdiction) for e in session.exec(select(Event)).all()}
    assert jurisdictions == {
        ("belavia", "UK"),
        ("slavkali", "UK"),
        ("belavia", "EU"),
        ("slavkali", "EU"),
        ("belaruskali", "UK"),
        ("belaruskali", "EU"),
    }  # listed in both baselines


def status_table(config: Config) -> dict[tuple[str, str], tuple[str, str, str]]:
    """`monitor status --json` as {(entity, jurisdiction): (state, since, certainty)}."""
    result = CliRunner().invoke(cli, ["--config", str(config.path), "status", "--json"])
    assert result.exit_code == 0, result.output
    return {
        (s["entity"], s["jurisdiction"]): (s["state"], s["since"], s["certainty"])
        for s in json.loads(result.output)["status"]
    }


def counts(engine: Engine) -> tuple[int, int, int, int]:
    with Session(engine) as session:
        return tuple(
            len(session.exec(select(m)).all())  # type: ignore[return-value]
            for m in (Event, Evidence, StatusChange, OutboxMessage)
        )


def test_first_snapshot_sets_status_silently_once(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    config = make_config(tmp_path, database_url=database_url, sdn_url=http_server.url("/SDN.XML"))
    engine = open_database(config.database.url)
    serve_file(http_server, "/SDN.XML", "html_challenge.html", '"bad"')  # a suspect first download
    assert not poll(config, engine, "sdn").ok
    assert process_list_changes(engine, config=config, now=NOW) == 0 and status_table(config) == {}

    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v1"')
    assert poll(config, engine, "sdn", NOW + timedelta(hours=1)).ok
    assert process_list_changes(engine, config=config, now=NOW) == 1  # the baseline marker
    baseline = {
        ("belavia", "US"): ("sanctioned", "2025-10-28", "official"),  # by name
        ("belaruskali", "US"): ("sanctioned", "2025-10-28", "official"),
    }  # by ids.ofac
    assert status_table(config) == baseline
    assert messages(engine) == []  # no change, no alert
    stored = counts(engine)

    serve_file(http_server, "/SDN.XML", "sdn_before.xml", '"v1-again"')  # same content, new ETag
    assert poll(config, engine, "sdn", NOW + timedelta(hours=2)).ok
    assert process_list_changes(engine, config=config, now=NOW) == 0
    assert counts(engine) == stored and status_table(config) == baseline

    serve_file(http_server, "/SDN.XML", "sdn_after.xml", '"v2"')  # Belavia removed
    assert poll(config, engine, "sdn", NOW + timedelta(hours=3)).ok
    assert process_list_changes(engine, config=config, now=NOW) == 3
    assert status_table(config)[("belavia", "US")] == ("lifted", "2025-11-04", "official")
    assert {(d["entity"]["key"], d["before"], d["after"]) for d in messages(engine)} == {
        ("belavia", "sanctioned", "lifted"),
        ("slavkali", "unknown", "sanctioned"),
    }


def test_baseline_is_dated_by_the_listing_date_when_the_list_gives_one(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    engine = open_database(config.database.url)
    with engine.begin() as conn:
        store_publication(
            conn, source="eu", publication=parse_eu_xml((LISTS / "eu_before.xml").read_bytes()), url=None, now=NOW
        )
    process_list_changes(engine, config=config, now=NOW)
    assert status_table(config)[("belaruskali", "EU")] == ("sanctioned", "2021-12-02", "official")
    assert messages(engine) == []


def test_news_after_the_baseline_still_moves_status_and_older_news_does_not(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    engine = open_database(config.database.url)
    with engine.begin() as conn:
        store_publication(
            conn, source="sdn", publication=parse_sdn_xml((LISTS / "sdn_before.xml").read_bytes()), url=None, now=NOW
        )
    process_list_changes(engine, config=config, now=NOW)  # listed since 2025-10-28
    older, later = "US had lifted sanctions on Belaruskali", "US lifts sanctions on Belaruskali"
    add_item(engine, guid="old", title=older, published=datetime(2025, 10, 1, tzinfo=UTC))
    analyze_pending_items(engine, ScriptedAnalyzer({older: finding("belaruskali")}), now=NOW, config=config)  # type: ignore[arg-type]
    assert status_table(config)[("belaruskali", "US")][0] == "sanctioned"  # the list is later
    add_item(engine, guid="new", title=later, published=datetime(2025, 11, 3, tzinfo=UTC))
    analyze_pending_items(engine, ScriptedAnalyzer({later: finding("belaruskali")}), now=NOW, config=config)  # type: ignore[arg-type]
    assert status_table(config)[("belaruskali", "US")] == ("lifted", "2025-11-03", "confirmed")
    assert [(d["before"], d["after"]) for d in messages(engine)] == [("sanctioned", "lifted")]


def test_tracked_by_id_then_by_whole_name_only() -> None:
    entities = load_watchlist([ENTITIES])
    matcher = build_matcher(entities)

    def keys(entry_id: str, name: str, *aliases: str) -> list[str]:
        return tracked_keys(make_entry("ofac-sdn", entry_id, name, aliases=aliases), entities, matcher)

    assert keys("36002", "RENAMED POTASH PRODUCER") == ["belaruskali"]  # by ids.ofac
    assert keys("1", "BELARUSKALI OAO") == ["belaruskali"]  # legal form around the name
    assert keys("2", "OPEN JOINT STOCK COMPANY X", "BELAVIA") == ["belavia"]  # by an alias
    assert keys("3", "BELARUSKALI TRADING HOUSE LLC") == []  # a longer, different name
    assert keys("4", "GRODNO AZOT") == []


def test_watch_matching_rules() -> None:
    entry = make_entry(
        "uk-sanctions",
        "BLR1",
        "X",
        programmes=["The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019"],
        countries=["Belarus"],
    )
    assert watch_matches(WatchConfig(name="w", programme="belarus"), "uk", entry)
    assert not watch_matches(WatchConfig(name="w", programme="Belarus", lists=("eu",)), "uk", entry)
    assert watch_matches(WatchConfig(name="w", country="by"), "uk", entry) == "Belarus"
    ofac = make_entry("ofac-sdn", "1", "X", programmes=["BELARUS-EO14038"])
    assert not watch_matches(WatchConfig(name="w", programme="BELARUS"), "sdn", ofac)  # codes match exactly
    assert (country_code("Belarus"), country_code("BELARUS"), country_code("by")) == ("BY", "BY", "BY")
