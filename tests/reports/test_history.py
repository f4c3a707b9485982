"""monitor/reports/history.py and the issue-4 CLI commands: status, diff, events, alerts, test-alert."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session

from monitor.cli import cli
from monitor.config import Config
from monitor.delivery.outbox import deliver_due
from monitor.events.official import record_official_event
from monitor.events.pipeline import analyze_pending_items
from monitor.reports.history import parse_since
from tests.support.alerting import (
    NOW,
    SECRET,
    ScriptedAnalyzer,
    WebhookReceiver,
    add_item,
    database,
    finding,
    webhook_alert,
    write_config,
)
from tests.support.servers import LoopbackServer

LIFT = "US Treasury removes Belavia from sanctions list"


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


def populate(config: Config) -> None:
    """A lift reported by news on the day (now), a speculative signal, then an official confirmation."""
    engine = database(config)
    now = datetime.now(UTC)
    add_item(engine, guid="a1", title=LIFT, published=now, url="https://news.example/belavia")
    add_item(engine, guid="s1", title="EU may ease Belaruskali sanctions", published=now)
    analyzer = ScriptedAnalyzer(
        {
            LIFT: finding(scope="full"),
            "EU may ease Belaruskali sanctions": finding("belaruskali", jurisdiction="EU", certainty="speculative"),
        }
    )
    analyze_pending_items(engine, analyzer, now=now, config=config)
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


def run(config: Config, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--config", str(config.path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_parse_since() -> None:
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("2025-11-01", NOW) == datetime(2025, 11, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="duration"):
        parse_since("last tuesday", NOW)


def test_status_table_and_timeline(tmp_path: Path) -> None:
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/x"))
    populate(config)
    table = run(config, "status")
    assert "belavia" in table and "lifted" in table and "official" in table
    report = json.loads(run(config, "status", "belavia", "--json"))
    assert [s["state"] for s in report["status"]] == ["lifted"]
    assert [(e["certainty"], e["list"]) for e in report["timeline"]] == [
        ("confirmed", "confirmed by list"),
        ("official", "official"),
    ]
    assert "Timeline:" in run(config, "status", "belavia")


def test_diff_lists_changes_signals_and_confirmations(tmp_path: Path) -> None:
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/x"))
    populate(config)
    changes = json.loads(run(config, "diff", "--since", "1d", "--json"))
    assert [(c["kind"], c["entity"]["key"], c["before"], c["after"]) for c in changes] == [
        ("status", "belavia", "unknown", "lifted"),
        ("signal", "belaruskali", "unknown", "lifted"),
        ("confirmation", "belavia", "lifted", "lifted"),
    ]
    text = run(config, "diff")
    assert "Belavia: US sanctions lifted" in text and "https://news.example/belavia" in text
    future = (date.today() + timedelta(days=2)).isoformat()
    assert run(config, "diff", "--since", future).strip() == "no changes"


def test_events_filters(tmp_path: Path) -> None:
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/x"))
    populate(config)
    assert {e["entity"] for e in json.loads(run(config, "events", "--json"))} == {"belavia", "belaruskali"}
    only = json.loads(run(config, "events", "--entity", "belaruskali", "--json"))
    assert [(e["certainty"], e["jurisdiction"]) for e in only] == [("speculative", "EU")]
    assert "speculative" in run(config, "events", "--since", "7d")


def test_bad_since_is_a_one_line_error(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(config.path), "diff", "--since", "soon"])
    assert result.exit_code == 2 and "expected a duration" in result.output and "Traceback" not in result.output


def test_alerts_lists_failures_with_the_reason(tmp_path: Path, http_server: LoopbackServer) -> None:
    receiver = WebhookReceiver(http_server, status=404)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url))
    populate(config)
    deliver_due(database(config), config, now=datetime.now(UTC))
    failed = json.loads(run(config, "alerts", "--failed", "--json"))
    assert len(failed) == 2 and all("answered 404" in a["last_error"] for a in failed)
    assert "Belavia: US sanctions lifted" in {a["subject"] for a in failed}
    assert "error: webhook hook" in run(config, "alerts")


def test_test_alert_goes_through_the_channel(tmp_path: Path, http_server: LoopbackServer) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url))
    assert "sent a test alert through 'hook'" in run(config, "test-alert", "hook")
    [(_, doc)] = receiver.accepted
    assert doc["changes"][0]["entity"]["name"] == "Example Airline (test alert)"


def test_test_alert_failure_is_a_one_line_error(tmp_path: Path, http_server: LoopbackServer) -> None:
    WebhookReceiver(http_server, status=404)
    config = write_config(tmp_path, webhook_alert("hook", http_server.url("/hook")))
    result = CliRunner().invoke(cli, ["--config", str(config.path), "test-alert", "hook"])
    assert result.exit_code == 1 and "answered 404" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["--config", str(config.path), "test-alert", "nope"])
    assert result.exit_code == 1 and "no [[alert]] named 'nope'" in result.output
