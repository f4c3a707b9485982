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

The base, `SeedError` and the source errors live in `sources.errors` (sources/ imports nothing
from monitor/) and are re-exported here. Every message is one line that says what and where;
the CLI prints it without a traceback.
Programming mistakes still raise ``TypeError``/``ValueError``.
"""

from __future__ import annotations

from sources.errors import (FeedBlocked, FetchError, MonitorError, ParseError, SeedError, SourceError,
                            SuspectDownload)

__all__ = [
    "ConfigError",
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


class ConfigError(MonitorError):
    """The configuration is wrong: the message names the file, the key and the reason."""


class StoreError(MonitorError):
    """The database could not be opened, migrated or written."""


class DeliveryError(MonitorError):
    """An alert could not be delivered; ``retry`` is False when trying again cannot help."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry
