"""monitor/delivery/email.py and render.py: a real aiosmtpd server receives the alert mail."""

from __future__ import annotations

import ssl
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import Session

from monitor.delivery.email import send
from monitor.delivery.outbox import deliver_due
from monitor.delivery.render import headline, html_body, subject, text_body
from monitor.errors import DeliveryError
from monitor.events.changes import Change, EvidenceRef
from monitor.storage.models import OutboxMessage
from tests.support.alerting import (
    NOW,
    database,
    email_alert,
    free_port,
    queue,
    sample_change,
    smtp_server,
    write_config,
)
from tests.support.paths import FIXTURES

HOSTILE = EvidenceRef(
    title='<script>alert("x")</script> Belavia & <b>co</b>',
    source="feed<i>",
    link="javascript:alert(1)",
    excerpt='"quoted" <img src=x onerror=alert(1)>',
    published="2025-11-04T10:00:00+00:00",
)


def stored(engine, message_id: str) -> OutboxMessage:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def test_mail_says_what_changed_with_evidence_and_a_stable_message_id(tmp_path: Path) -> None:
    with smtp_server() as (sink, port):
        config = write_config(tmp_path, email_alert("mail", port))
        engine = database(config)
        [mid] = queue(engine, config, [sample_change()])
        assert deliver_due(engine, config, now=NOW) == 1
    [mail] = sink.mails
    assert mail["Subject"] == "Belavia: US sanctions lifted"
    assert mail["Message-ID"] == f"<{mid}@sanctions-monitor>"
    assert mail["From"] == "monitor@example.org"
    assert mail["To"] == "analyst@example.org, desk@example.org"
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Status: sanctioned -> lifted" in text and "https://news.example/belavia" in text
    assert "Effective: 2025-11-04" in text
    page = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<a href="https://news.example/belavia">' in page and "sanctioned -&gt; lifted" in page


def test_resending_a_message_keeps_its_message_id(tmp_path: Path) -> None:
    with smtp_server() as (sink, port):
        config = write_config(tmp_path, email_alert("mail", port))
        engine = database(config)
        [mid] = queue(engine, config, [sample_change()])
        message = stored(engine, mid)
        send(message, settings=config.alert("mail"))
        send(message, settings=config.alert("mail"))
    assert [m["Message-ID"] for m in sink.mails] == [f"<{mid}@sanctions-monitor>"] * 2


def test_all_feed_text_is_escaped_in_html() -> None:
    change = Change(**{**sample_change().__dict__, "entity_name": "Bel<avia>", "evidence": (HOSTILE,)})
    page = html_body([change])
    assert "<script>" not in page and "<img" not in page and "<b>co</b>" not in page and "<i>" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page and "Bel&lt;avia&gt;" in page
    assert '<script>alert("x")</script>' in text_body([change])  # plain text stays as written


def test_headlines_per_kind() -> None:
    base = sample_change()
    assert headline(base) == "Belavia: US sanctions lifted"
    imposed = Change(**{**base.__dict__, "action": "impose", "before": "lifted", "after": "sanctioned"})
    assert headline(imposed) == "Belavia: US sanctions imposed"
    talk = Change(**{**base.__dict__, "kind": "signal", "certainty": "speculative"})
    assert headline(talk) == "Belavia: US may lift sanctions (speculative report)"
    confirmed = Change(
        **{
            **base.__dict__,
            "kind": "confirmation",
            "certainty": "official",
            "before": "lifted",
            "confirmed_by": "the OFAC SDN publication of 2025-11-04",
        }
    )
    assert headline(confirmed) == "Belavia: US sanctions lifted, confirmed by the OFAC SDN publication of 2025-11-04"
    assert subject([base, imposed, talk]) == "Belavia: US sanctions lifted (+2 more changes)"
    easing = Change(**{**talk.__dict__, "scope": "partial", "after": "eased"})
    assert headline(easing) == "Belavia: US may ease sanctions (speculative report)"
    assert "Status: sanctioned, unchanged (the report would make it eased)" in text_body([easing])


def test_login_with_credentials_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        assert isinstance(auth_data, LoginPassword)
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    monkeypatch.setenv("SMTP_USER", "monitor")
    monkeypatch.setenv("SMTP_PASS", "s3cret")
    with smtp_server(authenticator=authenticator, auth_require_tls=False) as (sink, port):
        config = write_config(
            tmp_path, email_alert("mail", port, username_env='"SMTP_USER"', password_env='"SMTP_PASS"')
        )
        engine = database(config)
        queue(engine, config, [sample_change()])
        assert deliver_due(engine, config, now=NOW) == 1
    assert seen == [(b"monitor", b"s3cret")] and len(sink.mails) == 1


def test_smtp_server_down_is_retried_then_delivered(tmp_path: Path) -> None:
    port = free_port()
    config = write_config(tmp_path, email_alert("mail", port))
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 0
    assert stored(engine, mid).status == "pending"
    with smtp_server() as (sink, up_port):
        config = write_config(tmp_path, email_alert("mail", up_port))
        assert deliver_due(engine, config, now=NOW + timedelta(seconds=11)) == 1
        assert deliver_due(engine, config, now=NOW + timedelta(hours=1)) == 0
    assert len(sink.mails) == 1 and stored(engine, mid).status == "delivered"


@pytest.mark.parametrize(("reply", "retry"), [("550 5.1.1 no such user", False), ("451 4.3.0 try later", True)])
def test_refused_recipients(tmp_path: Path, reply: str, retry: bool) -> None:
    with smtp_server() as (sink, port):
        sink.rcpt_reply = reply
        config = write_config(tmp_path, email_alert("mail", port))
        engine = database(config)
        [mid] = queue(engine, config, [sample_change()])
        with pytest.raises(DeliveryError) as info:
            send(stored(engine, mid), settings=config.alert("mail"))
    assert info.value.retry is retry and reply[:3] in str(info.value)


def test_starttls_then_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """STARTTLS against a server whose self-signed loopback certificate the client is told to trust."""
    fixtures = FIXTURES / "alerts"
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(fixtures / "loopback-cert.pem", fixtures / "loopback-key.pem")
    monkeypatch.setenv("SSL_CERT_FILE", str(fixtures / "loopback-cert.pem"))  # the client's trust store
    monkeypatch.setenv("SMTP_USER", "monitor")
    monkeypatch.setenv("SMTP_PASS", "s3cret")
    logins: list[bytes] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append(auth_data.login)
        return AuthResult(success=True)

    with smtp_server(tls_context=server_tls, require_starttls=True, authenticator=authenticator) as (sink, port):
        config = write_config(
            tmp_path, email_alert("mail", port, starttls="true", username_env='"SMTP_USER"', password_env='"SMTP_PASS"')
        )
        engine = database(config)
        queue(engine, config, [sample_change()])
        assert deliver_due(engine, config, now=NOW) == 1
    assert logins == [b"monitor"] and len(sink.mails) == 1
