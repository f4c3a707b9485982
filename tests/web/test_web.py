"""monitor/web on a real loopback server: the page, the JSON API, the Atom feed, the token off
loopback, /metrics (parsed with prometheus_client) and /healthz; [web] in the config."""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import Session, col, update

from monitor.config import load_config, parse_listen, readiness_problems
from monitor.errors import ConfigError
from monitor.storage.db import open_database
from monitor.storage.models import OutboxMessage
from monitor.web.access import presented_token, token_ok
from monitor.web.service import Operations
from tests.support.web import LIFT, populated, running, set_state

TOKEN = "s3cret-token-for-the-tests"


# --- [web] in the config: the bind address as a pure function -------------------------


@pytest.mark.parametrize(
    ("text", "host", "port", "loopback"),
    [
        ("127.0.0.1:8080", "127.0.0.1", 8080, True),
        ("127.3.2.1:80", "127.3.2.1", 80, True),
        ("[::1]:8080", "::1", 8080, True),
        ("localhost:8080", "localhost", 8080, True),
        ("0.0.0.0:8080", "0.0.0.0", 8080, False),
        (":8080", "0.0.0.0", 8080, False),
        ("[::]:9", "::", 9, False),
        ("192.168.1.5:80", "192.168.1.5", 80, False),
        ("monitor.example.org:443", "monitor.example.org", 443, False),
    ],
)
def test_parse_listen(text: str, host: str, port: int, loopback: bool) -> None:
    listen = parse_listen(text)
    assert (listen.host, listen.port, listen.loopback) == (host, port, loopback)


@pytest.mark.parametrize("text", ["8080", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "[zz]:80", "1.2.3:80"])
def test_parse_listen_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_listen(text)


def _config_file(tmp_path: Path, web: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[web]\n{web}\n", encoding="utf-8")
    return path


def test_web_config_errors_name_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(_config_file(tmp_path, "")).web.listen == ""  # off by default
    path = _config_file(tmp_path, 'listen = "0.0.0.0:8080"')
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(exc.value).startswith(f"{path.resolve()}: [web] listen: 0.0.0.0:8080 is not loopback")
    assert "token_env" in str(exc.value) and "\n" not in str(exc.value)
    with pytest.raises(ConfigError, match=r"\[web\] listen: expected HOST:PORT"):
        load_config(_config_file(tmp_path, 'listen = "8080"'))
    with pytest.raises(ConfigError, match=r"\[web\]: unknown key 'tokn_env' \(did you mean 'token_env'\?\)"):
        load_config(_config_file(tmp_path, 'listen = "127.0.0.1:8080"\ntokn_env = "X"'))
    with pytest.raises(ConfigError, match=r"\[web\]: max_alert_age: expected a duration"):
        load_config(_config_file(tmp_path, 'max_alert_age = "soon"'))
    config = load_config(_config_file(tmp_path, 'listen = "0.0.0.0:8080"\ntoken_env = "WEB_TOKEN"'))
    monkeypatch.delenv("WEB_TOKEN", raising=False)
    assert readiness_problems(config) == [f"{config.path}: [web] token_env: environment variable WEB_TOKEN is not set"]
    monkeypatch.setenv("WEB_TOKEN", "short")
    assert "shorter than 16 characters" in readiness_problems(config)[0]
    monkeypatch.setenv("WEB_TOKEN", TOKEN)
    assert readiness_problems(config) == []


# --- the page, the API and the feed --------------------------------------------------


def test_status_page_tables_and_entity_timeline(tmp_path: Path) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        page = httpx.get(srv.url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        html = page.text
        assert '<meta name="viewport"' in html and "<script" not in html
        assert 'id="sources"' in html and html.count("<tr>") >= 5
        assert '<a href="/entity/belavia">Belavia</a>' in html and "lifted" in html
        assert "Belavia: US sanctions lifted" in html and "https://news.example/belavia" in html
        assert "confirmed by the OFAC SDN publication of" in html
        entity = httpx.get(srv.url + "entity/belavia").text
        assert entity.count('class="band"') == 3 and 'data-state="sanctioned"' in entity
        assert entity.count('class="mark news"') == 2 and entity.count('class="mark list"') == 1
        assert LIFT in entity
        assert httpx.get(srv.url + "entity/nobody").status_code == 404
        assert httpx.get(srv.url + "entity/belaruskali").status_code == 200  # a signal only, no status yet


def test_json_api(tmp_path: Path) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        status = httpx.get(srv.url + "api/status").json()
        assert [(s["entity"], s["jurisdiction"], s["state"]) for s in status["status"]] == [("belavia", "US", "lifted")]
        one = httpx.get(srv.url + "api/status", params={"entity": "belavia"}).json()
        assert [e["certainty"] for e in one["timeline"]] == ["confirmed", "confirmed", "official"]
        events = httpx.get(srv.url + "api/events").json()["events"]
        assert len(events) == 4
        assert [
            e["entity"] for e in httpx.get(srv.url + "api/events", params={"entity": "belaruskali"}).json()["events"]
        ] == ["belaruskali"]
        assert len(httpx.get(srv.url + "api/events", params={"since": "7d"}).json()["events"]) == 3
        bad = httpx.get(srv.url + "api/events", params={"since": "last tuesday"})
        assert bad.status_code == 400 and "expected a duration" in bad.text
        sources = httpx.get(srv.url + "api/sources").json()
        assert [s["name"] for s in sources["sources"]] == ["news", "wire", "ofac"]
        assert [row["source"] for row in sources["lists"]] == ["ofac"]
        changes = httpx.get(srv.url + "api/changes").json()["changes"]
        assert [(c["change"]["kind"], c["change"]["entity"]["key"]) for c in changes][:1] == [("status", "belavia")]
        assert {c["change"]["kind"] for c in changes} == {"status", "signal", "confirmation"}
        assert all(c["at"] >= d["at"] for c, d in itertools.pairwise(changes))  # newest first
        timeline = httpx.get(srv.url + "api/timeline/belavia").json()
        assert [b["state"] for b in timeline["rows"][0]["bands"]] == ["unknown", "sanctioned", "lifted"]


def test_atom_feed_of_changes_parses(tmp_path: Path) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        response = httpx.get(srv.url + "changes.atom")
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        again = feedparser.parse(httpx.get(srv.url + "changes.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "Sanctions monitor: changes"
    titles = [e.title for e in feed.entries]
    assert "Belavia: US sanctions lifted" in titles
    assert any(t.startswith("Belaruskali: EU may lift sanctions") for t in titles)
    ids = [e.id for e in feed.entries]  # the imposition 40 days ago is older than the feed's 30 days
    assert len(set(ids)) == len(ids) == 3 and ids == [e.id for e in again.entries]  # stable ids
    lift = next(e for e in feed.entries if e.title == "Belavia: US sanctions lifted")
    assert lift.link == "https://news.example/belavia" and "Status: sanctioned -> lifted" in lift.content[0].value
    assert lift.updated_parsed is not None


# --- access off loopback -------------------------------------------------------------


def test_presented_token_pure() -> None:
    assert presented_token("Bearer abc", {}, {}) == "abc"
    assert presented_token("bearer  abc ", {"token": "q"}, {}) == "abc"
    assert presented_token("Basic xyz", {"token": "q"}, {}) == "q"
    assert presented_token(None, {}, {"monitor_token": "c"}) == "c"
    assert presented_token(None, {}, {}) is None
    assert token_ok(None, None) and token_ok("t", "t") and not token_ok("t", None) and not token_ok("t", "u")


def test_off_loopback_every_request_needs_the_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_TOKEN", TOKEN)
    config = populated(tmp_path, 'token_env = "WEB_TOKEN"')
    with running(config, loopback=False) as srv:
        for path in ("", "api/status", "changes.atom", "metrics", "healthz", "entity/belavia"):
            refused = httpx.get(srv.url + path)
            assert refused.status_code == 401, path
            assert refused.headers["www-authenticate"].startswith("Bearer")
        assert httpx.get(srv.url + "api/status", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert httpx.get(srv.url + "api/status", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        with httpx.Client() as browser:  # ?token= once, then the cookie carries it through the links
            first = browser.get(srv.url, params={"token": TOKEN})
            assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
            assert browser.get(srv.url + "entity/belavia").status_code == 200


def test_off_loopback_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    config = populated(tmp_path, story=False)
    with pytest.raises(ConfigError, match="not loopback"), running(config, loopback=False):
        pass


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    config = populated(tmp_path, story=False)
    with running(config) as srv:
        port = int(srv.url.rsplit(":", 1)[1].strip("/"))
        ops = Operations(config, open_database(config.database.url))
        with pytest.raises(
            ConfigError,
            match=rf"^{config.path}: \[web\] listen: cannot listen on 127.0.0.1:{port}: "
            r"Address already in use$",
        ):
            asyncio.run(ops.serve(parse_listen(f"127.0.0.1:{port}")))
        ops.engine.dispose()


# --- /metrics and /healthz -----------------------------------------------------------


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_parse_and_count(tmp_path: Path) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        srv.ops.polled("news", True, 0.3)
        srv.ops.polled("news", False, 1.2)
        response = httpx.get(srv.url + "metrics")
    assert response.headers["content-type"].startswith("text/plain")
    m = _samples(response.text)
    assert m["monitor_polls_total", (("source", "news"),)] == 2
    assert m["monitor_poll_failures_total", (("source", "news"),)] == 1
    assert m["monitor_polls_total", (("source", "wire"),)] == 0
    assert m["monitor_poll_duration_seconds_count", (("source", "news"),)] == 2
    assert m["monitor_poll_duration_seconds_sum", (("source", "news"),)] == pytest.approx(1.5)
    assert m["monitor_items_stored", (("source", "news"),)] == 3
    assert m["monitor_events", (("action", "lift"), ("certainty", "official"))] == 1
    assert m["monitor_events", (("action", "impose"), ("certainty", "confirmed"))] == 1
    assert m["monitor_alerts", (("channel", "hook"), ("status", "pending"))] == 3
    assert m["monitor_outbox_backlog", ()] == 3
    assert m["monitor_outbox_oldest_pending_age_seconds", ()] > 39 * 86400
    assert 0 <= m["monitor_source_seconds_since_success", (("kind", "ofac-sdn"), ("source", "ofac"))] < 600
    assert m["monitor_source_consecutive_failures", (("kind", "feed"), ("source", "news"))] == 0
    assert m["monitor_scheduler_heartbeat_age_seconds", ()] < 60


def test_alert_latency_from_first_sight_to_delivery(tmp_path: Path) -> None:
    config = populated(tmp_path)
    _deliver_all(config.database.url)
    with running(config) as srv:
        m = _samples(httpx.get(srv.url + "metrics").text)
    day = 86400
    assert m["monitor_alerts_delivered_last_day", ()] == 3  # the imposition, the lift, the signal
    assert m["monitor_alert_latency_seconds", (("stat", "max"),)] == pytest.approx(40 * day, rel=0.01)
    assert m["monitor_alert_latency_seconds", (("stat", "p50"),)] == pytest.approx(2 * day, rel=0.01)
    assert m["monitor_alerts", (("channel", "hook"), ("status", "delivered"))] == 3
    assert m["monitor_outbox_backlog", ()] == 0 and m["monitor_outbox_oldest_pending_age_seconds", ()] == 0


def _deliver_all(config_url: str) -> None:
    engine = open_database(config_url)
    with Session(engine) as session:
        session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == "pending")
            .values(status="delivered", delivered_at=datetime.now(UTC))
        )
        session.commit()
    engine.dispose()


def test_healthz_ok_and_each_reason_for_503(tmp_path: Path) -> None:
    config = populated(tmp_path)
    with running(config) as srv:
        stale = httpx.get(srv.url + "healthz")  # the story's first alert waits since 40 days
        assert stale.status_code == 503
        assert stale.json()["reasons"] == [stale.json()["reasons"][0]]
        assert stale.json()["reasons"][0].startswith("the oldest pending alert has waited")
        _deliver_all(config.database.url)
        ok = httpx.get(srv.url + "healthz")
        assert (ok.status_code, ok.json()) == (200, {"status": "ok", "reasons": []})

        engine = open_database(config.database.url)
        week = datetime.now(UTC) - timedelta(days=7)
        srv.ops.heartbeat.started = week  # failing since the daemon started a week ago
        set_state(engine, "news", last_success=week, failures=5, error="HTTP 503")
        set_state(engine, "wire", last_success=None, failures=9, error="timed out")
        assert httpx.get(srv.url + "healthz").status_code == 200  # the list still works
        set_state(
            engine,
            "ofac",
            last_success=datetime.now(UTC) - timedelta(hours=2),
            failures=1,
            error="HTTP 500",
            kind="ofac-sdn",
        )
        assert httpx.get(srv.url + "healthz").status_code == 200  # the list's period is a day: not yet down
        set_state(engine, "ofac", last_success=week, failures=3, error="HTTP 500", kind="ofac-sdn")
        down = httpx.get(srv.url + "healthz")
        assert down.status_code == 503
        assert down.json()["reasons"] == [
            "every source has failed for longer than 3 times its period: news, wire, ofac"
        ]
        engine.dispose()
    with running(config, beat=False) as srv:
        assert httpx.get(srv.url + "healthz").json()["reasons"][0] == "the scheduler has not started"
        srv.ops.heartbeat.last = srv.ops.heartbeat.last or 0.0
        assert "the scheduler has not run for" in httpx.get(srv.url + "healthz").json()["reasons"][0]


def test_all_sources_failing_is_a_warning_repeated_hourly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = populated(tmp_path, story=False)
    engine = open_database(config.database.url)
    ops = Operations(config, engine)
    caplog.set_level(logging.INFO, logger="monitor.web.service")
    now = datetime.now(UTC)
    ops.warn_if_failing(ops.report(now))
    assert not caplog.records
    for name in ("news", "wire"):
        set_state(engine, name, last_success=None, failures=2, error="HTTP 502")
    set_state(engine, "ofac", last_success=None, failures=1, error="HTTP 500", kind="ofac-sdn")
    ops.warn_if_failing(ops.report(now))
    ops.warn_if_failing(ops.report(now))  # within the hour: said once
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].getMessage().startswith("all sources are failing: news: 2 failures")
    assert ops._warned is not None
    ops._warned -= 3601  # an hour later, still failing: said again
    ops.warn_if_failing(ops.report(now))
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2
    set_state(engine, "news", last_success=now)
    ops.warn_if_failing(ops.report(now))
    assert caplog.records[-1].getMessage().startswith("sources recovered")
    engine.dispose()
