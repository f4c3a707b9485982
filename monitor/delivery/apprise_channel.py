"""Apprise channel: one alert to any Apprise URL (Slack, Teams, Telegram, Matrix, Discord, ntfy, ...).

The URLs carry tokens, so they never sit in the config: `urls_env` names an environment
variable that holds them, separated by whitespace or commas. The Apprise library speaks to each
service; there is no client of our own per service. The title is the mail subject ("[TEST] "
first on a test alert), the body the plain text of the mail.

Each URL is notified on its own. When every URL fails the alert is retried (Apprise does not
tell a refusal from an outage, so every failure is retryable until the channel's `max_age`).
When some URLs took it and others did not, it counts as delivered and the failure is logged:
sending again would double it for those that have it (the same rule as a mail with refused
recipients). Give each service its own `[[alert]]` when each must be retried on its own.
Errors name a URL in Apprise's privacy form (tokens masked), never the URL itself.

May import: `monitor.delivery.render`, `monitor.events.changes`, `monitor.config`,
`monitor.errors`, `monitor.storage.models`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from monitor.config import AlertConfig, secret
from monitor.delivery.render import subject, text_body
from monitor.errors import ConfigError, DeliveryError
from monitor.events.changes import load_changes
from monitor.storage.models import OutboxMessage

__all__ = ["APP_ID", "build_notice", "channel_urls", "send", "split_urls", "url_problems"]

log = logging.getLogger(__name__)

APP_ID = "sanctions-monitor"
"""How Apprise names the sender (some services show it; json:// and form:// send it as User-Agent)."""

# a separator is whitespace, or a comma before the next URL's scheme ("json://a,json://b"); a
# comma inside a URL ("tgram://token/chat1,chat2") stays
_SEPARATOR = re.compile(r"\s+|,\s*(?=[A-Za-z][A-Za-z0-9+.-]*://)")


def split_urls(text: str) -> list[str]:
    """The URLs of an `urls_env` value: separated by whitespace or commas, blanks dropped."""
    return [u.strip(",") for u in _SEPARATOR.split(text) if u.strip(",")]


def channel_urls(settings: AlertConfig) -> list[str]:
    """The channel's Apprise URLs, read from the variable its `urls_env` names.

    Raises:
        ConfigError: `urls_env` is missing, names an unset variable, or holds no URL.
    """
    where = f"[[alert]] {settings.name!r}: urls_env"
    value = secret(settings.urls_env, where)
    if value is None:
        raise ConfigError(f"{where}: an apprise alert needs urls_env")
    urls = split_urls(value)
    if not urls:
        raise ConfigError(f"{where}: environment variable {settings.urls_env} holds no URL")
    return urls


def _service(url: str, index: int, settings: AlertConfig) -> Any:
    """One Apprise plugin for `url`, with the channel's timeout unless the URL sets its own."""
    import apprise

    asset = apprise.AppriseAsset(app_id=APP_ID, app_desc="sanctions-monitor alerts")
    service = apprise.Apprise.instantiate(url, asset=asset)
    if not service:
        scheme = url.split("://", 1)[0] if "://" in url else "?"
        raise ConfigError(
            f"[[alert]] {settings.name!r}: urls_env: URL #{index} ({scheme}://...) is not a URL Apprise supports"
        )
    query = url.split("?", 1)[1] if "?" in url else ""
    if not re.search(r"(^|&)(rto|cto)=", query):
        service.socket_connect_timeout = service.socket_read_timeout = float(settings.timeout)
    return service


def url_problems(settings: AlertConfig) -> list[str]:
    """Each URL of the channel that Apprise cannot use, one line each (`monitor check-config`).

    An unset `urls_env` is not reported here: `monitor.config.readiness_problems` does that.
    """
    try:
        urls = channel_urls(settings)
    except ConfigError as exc:
        return [] if settings.urls_env and "is not set" in str(exc) else [str(exc)]
    problems = []
    for i, url in enumerate(urls, 1):
        try:
            _service(url, i, settings)
        except ConfigError as exc:
            problems.append(str(exc))
    return problems


def build_notice(message: OutboxMessage) -> tuple[str, str]:
    """The title and body of one alert (pure): the mail's subject and plain text."""
    changes = load_changes(message.changes)
    return subject(changes), text_body(changes).rstrip() + f"\n\nalert {message.id}"


def send(message: OutboxMessage, *, settings: AlertConfig) -> None:
    """Notify every URL of the channel.

    Raises:
        DeliveryError: no URL took it (retryable).
        ConfigError: `urls_env` is unset or holds a URL Apprise does not support.
    """
    import apprise

    services = [_service(url, i, settings) for i, url in enumerate(channel_urls(settings), 1)]
    title, body = build_notice(message)
    failed: list[str] = []
    for service in services:
        shown = service.url(privacy=True).split("?", 1)[0]
        with apprise.LogCapture(level=logging.WARNING) as captured:
            try:
                ok = service.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
            except Exception as exc:  # a plugin bug must not stop the daemon's delivery run
                ok = False
                log.warning("apprise channel=%s %s raised %s", settings.name, shown, exc)
            reason = " ".join(line.split(" - ", 2)[-1] for line in captured.getvalue().splitlines()[-2:])
        if not ok:
            failed.append(f"{shown}: {reason or 'not delivered'}")
    label = f"apprise {settings.name}"
    if len(failed) == len(services):
        raise DeliveryError(f"{label}: " + "; ".join(failed), retry=True)
    if failed:  # the others have it: sending again would double it for them
        log.warning(
            "%s message=%s: delivered to %d of %d URLs; not retried: %s",
            label,
            message.id,
            len(services) - len(failed),
            len(services),
            "; ".join(failed),
        )
