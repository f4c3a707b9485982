"""Email channel: one multipart (text + HTML) mail per outbox message, over SMTP.

The Message-ID is derived from the outbox id, so a message re-sent after a crash carries the
same Message-ID and a mail system (or reader) can drop the copy.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from datetime import UTC
from email.message import EmailMessage
from email.utils import format_datetime

from monitor.config import AlertConfig, secret
from monitor.delivery.render import html_body, subject, text_body
from monitor.errors import DeliveryError
from monitor.events.changes import load_changes
from monitor.storage.models import OutboxMessage

__all__ = ["build_mail", "message_id_header", "send"]

log = logging.getLogger(__name__)


def message_id_header(message_id: str) -> str:
    """The stable Message-ID of an alert: `<uuid@sanctions-monitor>`."""
    return f"<{message_id}@sanctions-monitor>"


def build_mail(message: OutboxMessage, *, settings: AlertConfig) -> EmailMessage:
    """The mail for one outbox message (pure)."""
    changes = load_changes(message.changes)
    mail = EmailMessage()
    mail["Subject"] = subject(changes)
    mail["From"] = settings.from_ or ""
    mail["To"] = ", ".join(settings.to)
    mail["Date"] = format_datetime(message.created_at.astimezone(UTC), usegmt=True)
    mail["Message-ID"] = message_id_header(message.id)
    mail.set_content(text_body(changes))
    mail.add_alternative(html_body(changes), subtype="html")
    return mail


def send(message: OutboxMessage, *, settings: AlertConfig) -> None:
    """Send one alert by SMTP (plain, STARTTLS or implicit TLS; login if credentials are set).

    Raises:
        DeliveryError: not sent; `retry` is False for a permanent (5xx) SMTP refusal.
        ConfigError: a `*_env` variable is not set.
    """
    where = f"[[alert]] {settings.name!r}"
    username = secret(settings.username_env, f"{where}: username_env")
    password = secret(settings.password_env, f"{where}: password_env")
    mail = build_mail(message, settings=settings)
    port = settings.port or (465 if settings.tls else 587 if settings.starttls else 25)
    label = f"email {settings.name}: {settings.host}:{port}"
    try:
        if settings.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host or "", port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(settings.host or "", port, timeout=settings.timeout)
        with smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if username is not None:
                smtp.login(username, password or "")
            refused = smtp.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise DeliveryError(f"{label}: recipients refused: {codes}", retry=any(400 <= c < 500 for c in codes)) from None
    except smtplib.SMTPResponseException as exc:
        reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise DeliveryError(f"{label}: {exc.smtp_code} {reply}", retry=exc.smtp_code < 500) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"{label}: {exc or type(exc).__name__}", retry=True) from None
    if refused:  # the others have it: re-sending would double it for them
        log.warning("email channel=%s message=%s: some recipients refused: %s", settings.name, message.id, refused)
