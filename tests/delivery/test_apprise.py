"""monitor/delivery/apprise_channel.py: real Apprise json:// and form:// URLs against a loopback receiver."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from monitor.cli import cli
from monitor.config import Config
from monitor.delivery.apprise_channel import send, split_urls
from monitor.delivery.outbox import deliver_due, send_test_alert
from monitor.errors import ConfigError, DeliveryError
from monitor.storage.models import DeliveryAttempt, OutboxMessage
from tests.support.alerting import NOW, database, queue, sample_change, write_config
from tests.support.servers import LoopbackServer, Request, Response


class AppriseReceiver:
    """A route that takes what Apprise's json:// (or form://) plugin POSTs; `status` is its answer."""

    def __init__(self, server: LoopbackServer, path: str = "/notify", status: int = 200) -> None:
        self.status = status
        self.accepted: list[dict[str, str]] = []
        self.refused = 0
        self.user_agents: list[str] = []
        self.path = path
        server.route(path, self._handle)

    def _handle(self, request: Request) -> Response:
        self.user_agents.append(request.headers.get("user-agent", ""))
        if not 200 <= self.status < 300:
            self.refused += 1
            return Response(self.status, b"down")
        if request.headers.get("content-type", "").startswith("application/json"):
            self.accepted.append(json.loads(request.body))
        else:
            self.accepted.append({k: v[0] for k, v in parse_qs(request.body.decode()).items()})
        return Response(self.status, b"ok")


def apprise_alert(name: str = "chat", env: str = "TEST_APPRISE_URLS", **extra: str) -> str:
    lines = [f'[[alert]]\nname = "{name}"\nkind = "apprise"\nurls_env = "{env}"\ntimeout = "5s"']
    lines += [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def json_url(server: LoopbackServer, path: str = "/notify") -> str:
    return f"json://127.0.0.1:{server.port}{path}"


def stored(config: Config, message_id: str) -> OutboxMessage:
    with Session(database(config)) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def test_json_url_delivers_the_alert_text(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    receiver = AppriseReceiver(http_server)
    monkeypatch.setenv("TEST_APPRISE_URLS", json_url(http_server))
    config = write_config(tmp_path, apprise_alert())
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 1
    [doc] = receiver.accepted
    assert doc["title"] == "Belavia: US sanctions lifted"
    body = doc["message"]
    assert "Status: sanctioned -> lifted" in body
    assert "Certainty: reported by 2 sources, not yet on OFAC SDN" in body
    assert '"The Treasury removed Belavia from the SDN list."' in body and "https://news.example/belavia" in body
    assert f"alert {mid}" in body
    assert receiver.user_agents == ["sanctions-monitor"]
    assert stored(config, mid).status == "delivered"


def test_form_url_and_several_urls_in_one_variable(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (AppriseReceiver(http_server, p) for p in ("/a", "/b", "/c"))
    monkeypatch.setenv(
        "TEST_APPRISE_URLS",
        f"{json_url(http_server, '/a')},form://127.0.0.1:{http_server.port}/b\n  {json_url(http_server, '/c')}",
    )
    config = write_config(tmp_path, apprise_alert())
    engine = database(config)
    queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 1
    assert [len(r.accepted) for r in (first, second, third)] == [1, 1, 1]
    assert second.accepted[0]["title"] == "Belavia: US sanctions lifted"  # form:// posts fields


def test_receiver_down_is_retried_then_delivered_once(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    receiver = AppriseReceiver(http_server, status=500)
    monkeypatch.setenv("TEST_APPRISE_URLS", json_url(http_server))
    config = write_config(tmp_path, apprise_alert())
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 0
    row = stored(config, mid)
    assert row.status == "pending" and row.attempts == 1 and "500" in (row.last_error or "")
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=5)) == 0  # not due yet (10 s backoff)
    receiver.status = 200  # the service is back
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=11)) == 1
    assert deliver_due(engine, config, now=NOW + timedelta(hours=2)) == 0
    assert receiver.refused == 1 and len(receiver.accepted) == 1
    row = stored(config, mid)
    assert row.status == "delivered" and row.attempts == 2
    with Session(engine) as session:
        attempts = session.exec(select(DeliveryAttempt).where(DeliveryAttempt.message_id == mid)).all()
    assert [a.ok for a in attempts] == [False, True]


def test_down_past_max_age_fails_for_good(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    AppriseReceiver(http_server, status=503)
    monkeypatch.setenv("TEST_APPRISE_URLS", json_url(http_server))
    config = write_config(tmp_path, apprise_alert(max_age='"15s"'))
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    deliver_due(engine, config, now=NOW)
    deliver_due(engine, config, now=NOW + timedelta(seconds=11))
    row = stored(config, mid)
    assert row.status == "failed" and "gave up after 2 attempts" in (row.last_error or "")


def test_some_urls_took_it_counts_as_delivered_and_is_not_doubled(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    up, down = AppriseReceiver(http_server, "/up"), AppriseReceiver(http_server, "/down", status=500)
    monkeypatch.setenv("TEST_APPRISE_URLS", f"{json_url(http_server, '/up')} {json_url(http_server, '/down')}")
    config = write_config(tmp_path, apprise_alert())
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 1
    assert deliver_due(engine, config, now=NOW + timedelta(hours=1)) == 0
    assert len(up.accepted) == 1 and down.refused == 1
    assert stored(config, mid).status == "delivered"


def test_errors_do_not_show_the_url_tokens(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    AppriseReceiver(http_server, "/hook/SECRETTOKEN123", status=500)
    monkeypatch.setenv("TEST_APPRISE_URLS", f"json://user:hunter2@127.0.0.1:{http_server.port}/hook/SECRETTOKEN123")
    config = write_config(tmp_path, apprise_alert())
    [mid] = queue(database(config), config, [sample_change()])
    with pytest.raises(DeliveryError) as info:
        send(stored(config, mid), settings=config.alert("chat"))
    assert info.value.retry and "hunter2" not in str(info.value)
    assert str(info.value).startswith("apprise chat: json://")


def test_an_unsupported_url_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_APPRISE_URLS", "nosuchservice://token@host")
    config = write_config(tmp_path, apprise_alert())
    [mid] = queue(database(config), config, [sample_change()])
    with pytest.raises(ConfigError, match=r"\[\[alert\]\] 'chat': urls_env: URL #1 \(nosuchservice://...\)"):
        send(stored(config, mid), settings=config.alert("chat"))


def test_missing_variable_is_one_line_in_check_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_APPRISE_URLS", raising=False)
    config = write_config(tmp_path, apprise_alert())
    result = CliRunner().invoke(cli, ["--config", str(config.path), "check-config"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = [line for line in result.output.splitlines() if "TEST_APPRISE_URLS" in line]
    assert (
        line == f"Error: {config.path}: [[alert]] 'chat': urls_env: environment variable TEST_APPRISE_URLS is not set"
    )


def test_config_needs_urls_env_and_refuses_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'chat': an apprise alert needs urls_env"):
        write_config(tmp_path, '[[alert]]\nname = "chat"\nkind = "apprise"\n')
    with pytest.raises(ConfigError, match="reads its URLs from urls_env, not url"):
        write_config(tmp_path, apprise_alert(url='"json://127.0.0.1/x"'))


def test_test_alert_title_says_test(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    receiver = AppriseReceiver(http_server)
    monkeypatch.setenv("TEST_APPRISE_URLS", json_url(http_server))
    config = write_config(tmp_path, apprise_alert())
    send_test_alert(config, "chat", now=NOW)
    [doc] = receiver.accepted
    assert doc["title"].startswith("[TEST] ") and "nothing changed" in doc["message"]


def test_split_urls() -> None:
    assert split_urls(" json://a/x,json://b/y\n\tntfy://topic  ") == ["json://a/x", "json://b/y", "ntfy://topic"]
    assert split_urls("tgram://bot/chat1,chat2, slack://T/B/C") == ["tgram://bot/chat1,chat2", "slack://T/B/C"]
    assert split_urls(" , ") == []


def test_check_config_names_an_unsupported_url_without_its_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_APPRISE_URLS", "json://127.0.0.1:9/ok nosuchservice://SECRETTOKEN@host")
    config = write_config(tmp_path, apprise_alert())
    result = CliRunner().invoke(cli, ["--config", str(config.path), "check-config"])
    assert result.exit_code == 1 and "SECRETTOKEN" not in result.output
    assert (
        f"{config.path}: [[alert]] 'chat': urls_env: URL #2 (nosuchservice://...) is not a URL Apprise supports"
        in result.output
    )
