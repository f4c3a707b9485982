"""The one error tree of sanctions-monitor.

    MonitorError
    ├── ConfigError      bad config file, key, type or missing secret (names file and key)
    ├── SeedError        bad watchlist or cue file under seeds/ (names file and entry)
    ├── StoreError       the database cannot be opened or migrated
    └── DeliveryError    an alert could not be delivered (``retry`` says whether to try again)

    SourceError          (from `sanctions_monitor_sources.errors`: FetchError, FeedBlocked,
    │                     ParseError, DataError) a source could not be polled; recorded on the
    │                     source, and the daemon goes on
    └── SuspectDownload  a list that parsed but looks cut or wrong (last good snapshot kept)

Every message is one line that says what and where; the command line prints the errors in
`USER_ERRORS` as that line, without a traceback.
Programming mistakes still raise ``TypeError``/``ValueError``.
"""

from __future__ import annotations

from sanctions_monitor_sources.errors import DataError, FeedBlocked, FetchError, ParseError, SourceError

__all__ = [
    "USER_ERRORS",
    "ConfigError",
    "DataError",
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


USER_ERRORS: tuple[type[Exception], ...] = (MonitorError, SourceError)
"""Errors the command line prints as one line (exit 1) instead of a traceback."""
