"""Webhook channel: POST the versioned JSON document, signed per Standard Webhooks.

Headers: `webhook-id` (the outbox id: the same on every retry, so receivers dedupe on it),
`webhook-timestamp` (seconds, at sending) and `webhook-signature: v1,<base64 HMAC-SHA256 of
"id.timestamp.body">` made by the `standardwebhooks` package with the key from `secret_env`.
2xx is delivered; 429, 5xx and network errors are retried; anything else (a 404, a redirect,
which is not followed) fails for good. The User-Agent is the channel's `user_agent`, by default
`[http] user_agent`.
"""

from __future__ import annotations

import binascii
import json
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from monitor.config import AlertConfig, HttpConfig, secret
from monitor.delivery.render import document
from monitor.errors import ConfigError, DeliveryError
from monitor.events.changes import load_changes
from monitor.storage.models import OutboxMessage
from sanctions_monitor_sources.redact import redact

__all__ = ["body_of", "send", "signed_headers"]


def body_of(message: OutboxMessage) -> bytes:
    """The exact bytes POSTed for an outbox message (compact UTF-8 JSON)."""
    doc = document(message.id, message.channel, message.created_at, load_changes(message.changes))
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signed_headers(message_id: str, body: bytes, key: str | None, sent_at: datetime) -> dict[str, str]:
    """The Standard Webhooks headers for `body`; unsigned (no signature) when `key` is None.

    Raises:
        ConfigError: the key is not a base64 secret (optionally prefixed `whsec_`).
    """
    headers = {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
    }
    if key is not None:
        try:
            signer = Webhook(key)
        except (binascii.Error, ValueError) as exc:
            raise ConfigError(f"webhook secret is not base64 (whsec_...): {exc}") from None
        headers["webhook-signature"] = signer.sign(message_id, sent_at, body.decode("utf-8"))
    return headers


def send(message: OutboxMessage, *, settings: AlertConfig) -> None:
    """POST one alert to the channel's URL.

    Raises:
        DeliveryError: not a 2xx; `retry` is True for 429, 5xx and network errors.
        ConfigError: `secret_env` names an unset variable or holds a bad secret.
    """
    key = secret(settings.secret_env, f"[[alert]] {settings.name!r}: secret_env")
    body = body_of(message)
    headers = signed_headers(message.id, body, key, datetime.now(UTC))
    headers["user-agent"] = settings.user_agent or HttpConfig().user_agent
    label = f"webhook {settings.name}: {settings.url}"
    try:
        with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
            response = client.post(settings.url or "", content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(redact(f"{label}: {type(exc).__name__}: {exc}"), retry=True) from None
    if 200 <= response.status_code < 300:
        return
    retry = response.status_code == 429 or response.status_code >= 500
    raise DeliveryError(redact(f"{label}: answered {response.status_code}"), retry=retry)
