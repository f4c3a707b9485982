"""monitor/delivery/webhook.py: the signed POST, checked by a real loopback receiver."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from monitor.delivery.webhook import body_of, send, signed_headers
from monitor.errors import ConfigError, DeliveryError
from monitor.events.changes import Change, load_changes
from monitor.storage.models import OutboxMessage
from tests.support.alerting import SECRET, database, queue, sample_change, webhook_alert, write_config
from tests.support.servers import LoopbackServer, Request, Response


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


def one_message(tmp_path: Path, url: str, **filters: str):  # type: ignore[no-untyped-def]
    config = write_config(tmp_path, webhook_alert("hook", url, **filters))
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    with Session(engine) as session:
        return config, session.get(OutboxMessage, mid)


def test_post_is_signed_per_standard_webhooks(tmp_path: Path, http_server: LoopbackServer) -> None:
    http_server.route("/hook", status=204)
    config, message = one_message(tmp_path, http_server.url("/hook"))
    send(message, settings=config.alert("hook"))
    [request] = http_server.hits("/hook")
    headers = request.headers
    assert request.method == "POST" and headers["content-type"] == "application/json"
    assert headers["webhook-id"] == message.id
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    # the package's own verifier accepts it ...
    doc = Webhook(SECRET).verify(request.body, headers)
    # ... and so does the scheme computed by hand: v1,<base64 HMAC-SHA256 of "id.timestamp.body">
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request.body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert headers["webhook-signature"] == f"v1,{expected}"
    assert doc["id"] == message.id


def test_document_shape_version_1(tmp_path: Path) -> None:
    _config, message = one_message(tmp_path, "http://127.0.0.1:9/x")
    doc = json.loads(body_of(message))
    assert set(doc) == {"type", "version", "id", "channel", "created_at", "changes"}
    assert (doc["type"], doc["version"], doc["channel"], doc["created_at"]) == (
        "sanctions.diff",
        1,
        "hook",
        "2025-11-05T09:00:00Z",
    )
    [change] = doc["changes"]
    assert change["entity"] == {"key": "belavia", "name": "Belavia"}
    assert (
        change["jurisdiction"],
        change["before"],
        change["after"],
        change["certainty"],
        change["effective_date"],
    ) == ("US", "sanctioned", "lifted", "confirmed", "2025-11-04")
    assert change["evidence"][0] == {
        "title": "US Treasury removes Belavia from sanctions list",
        "source": "news",
        "link": "https://news.example/belavia",
        "excerpt": "The Treasury removed Belavia from the SDN list.",
        "published": "2025-11-04T10:00:00+00:00",
    }
    assert [Change.from_json(c) for c in doc["changes"]] == load_changes(message.changes) == [sample_change()]


def test_body_is_the_same_on_every_retry(tmp_path: Path) -> None:
    _, message = one_message(tmp_path, "http://127.0.0.1:9/x")
    assert body_of(message) == body_of(message)


def test_unsigned_without_secret_env() -> None:
    headers = signed_headers("msg_1", b"{}", None, datetime(2025, 11, 5, tzinfo=UTC))
    assert headers == {"content-type": "application/json", "webhook-id": "msg_1", "webhook-timestamp": "1762300800"}


def test_a_secret_that_is_not_base64_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="base64"):
        signed_headers("msg_1", b"{}", "whsec_!!!not base64!!!", datetime.now(UTC))


@pytest.mark.parametrize(
    ("status", "retry"), [(500, True), (503, True), (429, True), (404, False), (401, False), (302, False)]
)
def test_non_2xx_raises_with_retry_flag(tmp_path: Path, http_server: LoopbackServer, status: int, retry: bool) -> None:
    http_server.route("/hook", status=status, headers={"Location": "http://127.0.0.1:9/elsewhere"})
    config, message = one_message(tmp_path, http_server.url("/hook"))
    with pytest.raises(DeliveryError) as info:
        send(message, settings=config.alert("hook"))
    assert info.value.retry is retry and str(status) in str(info.value)


def test_timeout_is_a_retryable_error(tmp_path: Path, http_server: LoopbackServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response(200)

    http_server.route("/slow", slow)
    config, message = one_message(tmp_path, http_server.url("/slow"), timeout='"0.5s"')
    with pytest.raises(DeliveryError) as info:
        send(message, settings=config.alert("hook"))
    assert info.value.retry and "Timeout" in str(info.value)
