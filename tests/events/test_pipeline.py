"""monitor/events/pipeline.py: items -> mentions, merged events with evidence, status, outbox rows."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from monitor.classification.findings import Analysis, EventFinding
from monitor.events.official import record_official_event
from monitor.events.pipeline import analyze_pending_items
from monitor.storage.models import EntityStatus, Event, Evidence, Item, Mention, OutboxMessage, StatusChange
from tests.support.alerting import (
    NOW,
    ScriptedAnalyzer,
    add_item,
    database,
    edit_item,
    finding,
    webhook_alert,
    write_config,
)

LIFT = "US Treasury removes Belavia from sanctions list"


def rows(engine, model):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return session.exec(select(model)).all()


@pytest.fixture
def setup(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    config = write_config(
        tmp_path,
        webhook_alert("hook", "http://127.0.0.1:9/x")
        + webhook_alert("talk", "http://127.0.0.1:9/y", min_certainty='"speculative"'),
        database_url=database_url,
    )
    return config, database(config)


def test_confirmed_lift_sets_status_and_queues_one_alert_per_channel(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    item_id = add_item(engine, guid="a1", title=LIFT, url="https://news.example/belavia")
    analyzer = ScriptedAnalyzer(
        {
            LIFT: finding(
                scope="full",
                effective_date=date(2025, 11, 4),
                evidence="The Treasury removed Belavia from the SDN list.",
            )
        }
    )
    assert analyze_pending_items(engine, analyzer, now=NOW, config=config) == 1
    [event] = rows(engine, Event)
    assert (event.entity, event.action, event.jurisdiction, event.certainty, event.reported) == (
        "belavia",
        "lift",
        "US",
        "confirmed",
        date(2025, 11, 4),
    )
    [evidence] = rows(engine, Evidence)
    assert (evidence.item_id, evidence.url, evidence.excerpt) == (
        item_id,
        "https://news.example/belavia",
        "The Treasury removed Belavia from the SDN list.",
    )
    [status] = rows(engine, EntityStatus)
    assert (status.state, status.since, status.event_id) == ("lifted", date(2025, 11, 4), event.id)
    [change] = rows(engine, StatusChange)
    assert (change.before, change.after) == ("unknown", "lifted")
    messages = rows(engine, OutboxMessage)
    assert sorted(m.channel for m in messages) == ["hook", "talk"]
    doc = json.loads(messages[0].changes)[0]
    assert doc["entity"] == {"key": "belavia", "name": "Belavia"}
    assert (doc["before"], doc["after"], doc["jurisdiction"]) == ("unknown", "lifted", "US")
    assert doc["evidence"][0]["link"] == "https://news.example/belavia"
    [item] = rows(engine, Item)
    assert item.analyzed_hash == item.content_hash
    assert [m.entity for m in rows(engine, Mention)] == ["belavia"]


def test_nothing_pending_after_a_run(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="a1", title=LIFT)
    analyzer = ScriptedAnalyzer({LIFT: finding()})
    analyze_pending_items(engine, analyzer, now=NOW, config=config)
    assert analyze_pending_items(engine, analyzer, now=NOW, config=config) == 0
    assert analyzer.seen == [LIFT]


def test_many_reports_merge_into_one_event_and_alert_once(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    titles = [f"Report {i}: Belavia delisted by US" for i in range(3)]
    for i, title in enumerate(titles):
        add_item(
            engine, guid=f"g{i}", title=title, source="wire" if i == 2 else "news", published=NOW + timedelta(days=i)
        )
    analyzer = ScriptedAnalyzer({t: finding() for t in titles})
    analyze_pending_items(engine, analyzer, now=NOW, config=config)
    [event] = rows(engine, Event)
    assert event.source_count == 2
    assert len(rows(engine, Evidence)) == 3
    assert len([m for m in rows(engine, OutboxMessage) if m.channel == "hook"]) == 1


def test_reports_outside_the_window_are_separate_events(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="g1", title="first", published=NOW)
    add_item(engine, guid="g2", title="second", published=NOW + timedelta(days=30))
    analyze_pending_items(engine, ScriptedAnalyzer({"first": finding(), "second": finding()}), now=NOW, config=config)
    assert len(rows(engine, Event)) == 2


def test_edited_item_reanalyzed_does_not_duplicate_evidence(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    item_id = add_item(engine, guid="a1", title=LIFT)
    edited = LIFT + " (updated)"
    analyzer = ScriptedAnalyzer({LIFT: finding(evidence="v1"), edited: finding(evidence="v2")})
    analyze_pending_items(engine, analyzer, now=NOW, config=config)
    edit_item(engine, item_id, title=edited)
    assert analyze_pending_items(engine, analyzer, now=NOW + timedelta(hours=1), config=config) == 1
    [evidence] = rows(engine, Evidence)
    assert evidence.excerpt == "v2"
    assert len(rows(engine, Event)) == 1 and len(rows(engine, Mention)) == 1
    assert len([m for m in rows(engine, OutboxMessage) if m.channel == "hook"]) == 1


def test_speculative_report_is_a_signal_not_a_status_change(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="s1", title="US may lift Belavia sanctions")
    analyze_pending_items(
        engine,
        ScriptedAnalyzer({"US may lift Belavia sanctions": finding(certainty="speculative")}),
        now=NOW,
        config=config,
    )
    assert rows(engine, EntityStatus) == [] and rows(engine, StatusChange) == []
    [message] = rows(engine, OutboxMessage)
    assert message.channel == "talk"  # "hook" keeps the default min_certainty = confirmed
    [doc] = json.loads(message.changes)
    assert (doc["kind"], doc["certainty"], doc["after"]) == ("signal", "speculative", "lifted")


def test_older_event_learned_later_changes_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="new", title="lift", published=NOW)
    analyze_pending_items(engine, ScriptedAnalyzer({"lift": finding()}), now=NOW, config=config)
    add_item(engine, guid="old", title="old imposition", published=NOW - timedelta(days=400))
    analyze_pending_items(
        engine, ScriptedAnalyzer({"old imposition": finding(action="impose")}), now=NOW, config=config
    )
    [status] = rows(engine, EntityStatus)
    assert status.state == "lifted"
    assert len(rows(engine, StatusChange)) == 1
    assert len([m for m in rows(engine, OutboxMessage) if m.channel == "hook"]) == 1


def test_a_failing_item_stays_pending_and_stores_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="bad", title="bad")
    add_item(engine, guid="good", title="good")
    broken = Analysis(mentions=("belavia",), events=(EventFinding("belavia", "ponder", "US", "confirmed"),))  # type: ignore[arg-type]
    analyzer = ScriptedAnalyzer({"bad": broken, "good": finding()})
    assert analyze_pending_items(engine, analyzer, now=NOW, config=config) == 1
    pending = [i.guid for i in rows(engine, Item) if i.analyzed_hash != i.content_hash]
    assert pending == ["bad"]
    assert len(rows(engine, Event)) == 1 and len(rows(engine, Mention)) == 1


def test_channel_filters_choose_the_channels(tmp_path: Path, database_url: str) -> None:
    alerts = (
        webhook_alert("potash-only", "http://127.0.0.1:9/a", entities='["belaruskali"]')
        + webhook_alert("eu-only", "http://127.0.0.1:9/b", jurisdictions='["EU"]')
        + webhook_alert("lifts", "http://127.0.0.1:9/c", actions='["lift"]')
        + webhook_alert("us-belavia", "http://127.0.0.1:9/d", entities='["belavia"]', jurisdictions='["US"]')
    )
    config = write_config(tmp_path, alerts, database_url=database_url)
    engine = database(config)
    add_item(engine, guid="a", title=LIFT)
    analyze_pending_items(engine, ScriptedAnalyzer({LIFT: finding()}), now=NOW, config=config)
    assert sorted(m.channel for m in rows(engine, OutboxMessage)) == ["lifts", "us-belavia"]


def test_official_event_confirms_earlier_news_and_says_so(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    add_item(engine, guid="a1", title=LIFT, published=datetime(2025, 11, 3, 8, tzinfo=UTC))
    analyze_pending_items(engine, ScriptedAnalyzer({LIFT: finding()}), now=NOW, config=config)
    with Session(engine) as session:
        official = record_official_event(
            session,
            entity="belavia",
            action="lift",
            jurisdiction="US",
            effective_date=date(2025, 11, 4),
            source="ofac-sdn",
            title="OFAC SDN list, 2025-11-04",
            url="https://ofac.example/sdn.xml",
            excerpt="BELAVIA removed",
            now=NOW,
            config=config,
            ref="44541@2025-11-04",
        )
        session.commit()
        official_id = official.id
    news = next(e for e in rows(engine, Event) if e.certainty == "confirmed")
    assert news.confirmed_by == official_id
    [status] = rows(engine, EntityStatus)
    assert (status.state, status.certainty) == ("lifted", "official")
    hook = sorted((m for m in rows(engine, OutboxMessage) if m.channel == "hook"), key=lambda m: m.created_at)
    assert len(hook) == 2
    [doc] = json.loads(hook[1].changes)
    assert doc["kind"] == "confirmation"
    assert doc["confirmed_by"] == "the OFAC SDN publication of 2025-11-04"
    assert {e["source"] for e in doc["evidence"]} == {"ofac-sdn", "news"}


def test_official_event_first_then_news_links_without_a_second_status_change(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    with Session(engine) as session:
        record_official_event(
            session,
            entity="belavia",
            action="lift",
            jurisdiction="US",
            effective_date=date(2025, 11, 4),
            source="ofac-sdn",
            title="SDN",
            url=None,
            excerpt="",
            now=NOW,
            config=config,
        )
        session.commit()
    add_item(engine, guid="a1", title=LIFT, published=datetime(2025, 11, 5, 8, tzinfo=UTC))
    analyze_pending_items(engine, ScriptedAnalyzer({LIFT: finding()}), now=NOW, config=config)
    assert [c.after for c in rows(engine, StatusChange)] == ["lifted"]
    news = next(e for e in rows(engine, Event) if e.certainty == "confirmed")
    assert news.confirmed_by is not None
    assert len([m for m in rows(engine, OutboxMessage) if m.channel == "hook"]) == 1


def test_record_official_event_twice_does_not_duplicate(setup) -> None:  # type: ignore[no-untyped-def]
    config, engine = setup
    for _ in range(2):
        with Session(engine) as session:
            record_official_event(
                session,
                entity="belavia",
                action="impose",
                jurisdiction="EU",
                effective_date=date(2025, 6, 1),
                source="eu-fsf",
                title="EU FSF",
                url=None,
                excerpt="",
                now=NOW,
                config=config,
                ref="eu-123",
            )
            session.commit()
    assert len(rows(engine, Event)) == 1 and len(rows(engine, Evidence)) == 1
    assert len([m for m in rows(engine, OutboxMessage) if m.channel == "hook"]) == 1
