"""Alert text an analyst cannot misread: the certainty line, the quoted sentence, test alerts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from monitor.cli import cli
from monitor.delivery.outbox import send_test_alert
from monitor.delivery.render import document, html_body, subject, text_body
from monitor.events.changes import Change
from monitor.events.official import record_official_event
from monitor.events.pipeline import analyze_pending_items
from monitor.storage.models import Evidence
from tests.support.alerting import (
    NOW,
    SECRET,
    WebhookReceiver,
    add_item,
    database,
    email_alert,
    sample_change,
    smtp_server,
    webhook_alert,
    write_config,
)
from tests.support.analyzing import ENTITIES, analyzer
from tests.support.servers import LoopbackServer

REPORTED = sample_change()  # news, 2 sources, US, no list has it yet


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


@pytest.mark.parametrize(
    ("jurisdiction", "text"),
    [
        ("US", "reported by 2 sources, not yet on OFAC SDN"),
        ("EU", "reported by 2 sources, not yet on EU Financial Sanctions Files"),
        ("UK", "reported by 2 sources, not yet on UK Sanctions List"),
        ("UN", "reported by 2 sources, not yet on UN Security Council Consolidated List"),
        ("CA", "reported by 2 sources, no official list confirmation yet"),
        ("other", "reported by 2 sources, no official list confirmation yet"),
        (None, "reported by 2 sources, no official list confirmation yet"),
    ],
)
def test_news_no_list_has_confirmed_says_so(jurisdiction: str | None, text: str) -> None:
    change = replace(REPORTED, jurisdiction=jurisdiction)
    assert change.certainty_text == text
    assert f"Certainty: {text}" in text_body([change])
    assert "Certainty: confirmed" not in text_body([change]) and "Certainty: confirmed" not in html_body([change])


def test_once_a_list_confirms_it_names_the_publication() -> None:
    confirmed = replace(REPORTED, confirmed_by="the OFAC SDN publication of 2025-11-04")
    assert confirmed.certainty_text == "reported by 2 sources, confirmed by the OFAC SDN publication of 2025-11-04"
    official = replace(confirmed, certainty="official", kind="confirmation", sources=1)
    assert official.certainty_text == "confirmed by the OFAC SDN publication of 2025-11-04"
    one = replace(REPORTED, sources=1)
    assert one.certainty_text == "reported by 1 source, not yet on OFAC SDN"
    talk = replace(REPORTED, kind="signal", certainty="speculative", sources=1)
    assert talk.certainty_text == "speculative, reported by 1 source: talk, not a decision"
    watch = replace(REPORTED, kind="list", certainty="official", sources=0, entity_key=None)
    assert watch.certainty_text == "official: on OFAC SDN"


def test_webhook_document_adds_fields_and_keeps_the_old_ones() -> None:
    doc = document("id-1", "hook", NOW, [REPORTED])
    assert doc["type"] == "sanctions.diff" and doc["version"] == 1
    [change] = doc["changes"]
    version_1 = {
        "kind",
        "entity",
        "jurisdiction",
        "action",
        "before",
        "after",
        "certainty",
        "effective_date",
        "reported",
        "scope",
        "event_id",
        "sources",
        "confirmed_by",
        "watch",
        "programme",
        "evidence",
    }
    assert set(change) == version_1 | {"official_list", "certainty_text"}
    assert change["certainty"] == "confirmed"  # unchanged for receivers that read it
    assert (change["official_list"], change["certainty_text"]) == (
        "OFAC SDN",
        "reported by 2 sources, not yet on OFAC SDN",
    )
    assert Change.from_json(change) == REPORTED


def test_evidence_quotes_the_sentence_not_only_the_headline() -> None:
    text = text_body([REPORTED])
    assert '    "The Treasury removed Belavia from the SDN list."' in text
    assert "<blockquote>The Treasury removed Belavia from the SDN list.</blockquote>" in html_body([REPORTED])
    # a sentence that is the headline itself is quoted once, as the headline
    same = replace(REPORTED, evidence=(replace(REPORTED.evidence[0], excerpt=REPORTED.evidence[0].title),))
    text = text_body([same])
    assert text.count("US Treasury removes Belavia from sanctions list") == 1
    assert '  - "US Treasury removes Belavia from sanctions list" (the headline; news, 2025-11-04)' in text
    assert "(the headline; news, 2025-11-04)" in html_body([same]) and "<blockquote>" not in html_body([same])


def test_the_sentence_from_the_summary_is_stored_and_shown_by_diff(tmp_path: Path) -> None:
    """The real analyzer: the headline names Belavia, the summary's sentence carries the lift."""
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/x"))
    config = replace(config, watchlist=replace(config.watchlist, files=(ENTITIES,)))
    engine = database(config)
    now = datetime.now(UTC)
    title = "Belavia: what changes for passengers"
    sentence = "The US Treasury removed Belavia from its sanctions list on Tuesday."
    add_item(engine, guid="s1", title=title, summary=f"{sentence} Flights to Europe stay closed.", published=now)
    assert analyze_pending_items(engine, analyzer(), now=now, config=config) == 1
    with Session(engine) as session:
        [evidence] = session.exec(select(Evidence)).all()
    assert evidence.title == title and evidence.excerpt == sentence
    result = CliRunner().invoke(cli, ["--config", str(config.path), "diff", "--since", "1d"], catch_exceptions=False)
    assert f"  - {title} (news, {now.date().isoformat()})" in result.output
    assert f'    "{sentence}"' in result.output
    assert "Certainty: reported by 1 source, not yet on OFAC SDN" in result.output


def test_diff_says_which_publication_confirmed_the_news(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    config = replace(config, watchlist=replace(config.watchlist, files=(ENTITIES,)))
    engine = database(config)
    now = datetime.now(UTC)
    add_item(engine, guid="a1", title="US Treasury removes Belavia from sanctions list", published=now)
    analyze_pending_items(engine, analyzer(), now=now, config=config)
    run = ["--config", str(config.path), "diff", "--since", "1d"]
    assert "not yet on OFAC SDN" in CliRunner().invoke(cli, run, catch_exceptions=False).output
    with Session(engine) as session:
        record_official_event(
            session,
            entity="belavia",
            action="lift",
            jurisdiction="US",
            effective_date=now.date(),
            source="ofac-sdn",
            title="OFAC SDN",
            url=None,
            excerpt="BELAVIA removed",
            now=now,
            config=config,
        )
        session.commit()
    output = CliRunner().invoke(cli, run, catch_exceptions=False).output
    day = now.date().isoformat()
    assert f"Certainty: reported by 1 source, confirmed by the OFAC SDN publication of {day}" in output
    assert "not yet on OFAC SDN" not in output
    as_json = json.loads(CliRunner().invoke(cli, [*run, "--json"], catch_exceptions=False).output)
    assert as_json[0]["confirmed_by"] == f"the OFAC SDN publication of {day}"


def test_test_alert_webhook_has_its_own_type_and_the_user_agent(tmp_path: Path, http_server: LoopbackServer) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), '[http]\nuser_agent = "desk-monitor/9"')
    send_test_alert(config, "hook", now=NOW)
    [(_, doc)] = receiver.accepted
    assert doc["type"] == "sanctions.test" and doc["changes"][0]["test"] is True
    [request] = http_server.hits("/hook")
    assert request.headers["user-agent"] == "desk-monitor/9"


def test_a_real_alert_is_no_test_and_sends_the_default_user_agent(tmp_path: Path, http_server: LoopbackServer) -> None:
    from monitor.delivery.outbox import deliver_due
    from tests.support.alerting import queue

    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url))
    queue(database(config), config, [REPORTED])
    assert deliver_due(database(config), config, now=NOW) == 1
    [(_, doc)] = receiver.accepted
    assert doc["type"] == "sanctions.diff" and "test" not in doc["changes"][0]
    assert http_server.hits("/hook")[0].headers["user-agent"].startswith("sanctions-monitor/")
    assert not subject([REPORTED]).startswith("[TEST]")


def test_test_alert_mail_subject_says_test(tmp_path: Path) -> None:
    with smtp_server() as (sink, port):
        config = write_config(tmp_path, email_alert("mail", port))
        send_test_alert(config, "mail", now=NOW)
    [mail] = sink.mails
    assert mail["Subject"].startswith("[TEST] Example Airline (test alert): US sanctions lifted")
    assert "This is a test alert" in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
