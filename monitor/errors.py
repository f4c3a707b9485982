"""The one error tree of sanctions-monitor.

    MonitorError
    ├── ConfigError      bad config file, key, type or missing secret (names file and key)
    ├── SeedError        bad watchlist or cue file under seeds/ (names file and entry)
    ├── SourceError      a source could not be polled; recorded on the source, daemon goes on
    │   ├── FetchError   network, TLS, HTTP status, size cap, redirect loop
    │   ├── FeedBlocked  200 with an HTML page or empty body (bot challenges look like this)
    │   ├── ParseError   the bytes are not a usable feed or list
    │   └── SuspectDownload  a list that parsed but looks cut or wrong (last good snapshot kept)
    ├── StoreError       the database cannot be opened or migrated
    └── DeliveryError    an alert could not be delivered (``retry`` says whether to try again)

Every message is one line that says what and where; the CLI prints it without a traceback.
Programming mistakes still raise ``TypeError``/``ValueError``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatabaseUnavailable",
    "DeliveryError",
    "FeedBlocked",
    "FetchError",
    "MonitorError",
    "ParseError",
    "SeedError",
    "SourceError",
    "StoreError",
    "SuspectDownload",
]


class MonitorError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(MonitorError):
    """The configuration is wrong: the message names the file, the key and the reason."""


class SeedError(MonitorError):
    """A seed data file (watchlist, cues) is wrong: the message names the file and entry."""


class SourceError(MonitorError):
    """A source could not be polled; the message is the one-line reason shown in `monitor sources`."""


class FetchError(SourceError):
    """The HTTP fetch failed (network, TLS, status, size cap, redirects)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FeedBlocked(SourceError):
    """The server answered 200 with an HTML page or an empty body instead of a feed."""


class ParseError(SourceError):
    """The body could not be parsed as the expected format."""


class SuspectDownload(SourceError):
    """An official list parsed but is much smaller than the last one or disagrees with its own
    record count; it is rejected so a cut download never becomes a mass delisting."""


class StoreError(MonitorError):
    """The database could not be opened, migrated or written."""


class DatabaseUnavailable(StoreError):
    """The database cannot be written right now (read-only, full, locked, gone): a processing
    round stops and is retried later; what it had in hand stays pending."""


class DeliveryError(MonitorError):
    """An alert could not be delivered; ``retry`` is False when trying again cannot help."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry
