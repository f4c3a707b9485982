"""Alert channels: each channel kind has a module with `send(message, *, settings)` that raises
`DeliveryError` and keeps no state; `send` picks the module by the channel's kind (email,
webhook, apprise: `monitor.vocabulary.ALERT_KINDS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from monitor.config import AlertConfig, Config

if TYPE_CHECKING:
    from monitor.storage.models import OutboxMessage

__all__ = ["channel_problems", "send"]


def send(message: OutboxMessage, *, settings: AlertConfig) -> None:
    """Send one outbox message through the channel kind it was queued for.

    Raises:
        DeliveryError: it was not delivered (`retry` says whether trying again can help).
    """
    from monitor.delivery import apprise_channel, email, webhook

    sender = {"email": email.send, "webhook": webhook.send, "apprise": apprise_channel.send}[settings.kind]
    sender(message, settings=settings)


def channel_problems(config: Config) -> list[str]:
    """What only a channel's own library can check, one line each with file and key: today the
    URLs of enabled apprise channels (`monitor check-config`, the daemon's preflight)."""
    from monitor.delivery import apprise_channel

    return [
        f"{config.path}: {problem}"
        for alert in config.alerts
        if alert.enabled and alert.kind == "apprise"
        for problem in apprise_channel.url_problems(alert)
    ]
