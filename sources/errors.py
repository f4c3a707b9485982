"""The errors sources/ raises, so that sources/ imports nothing from monitor/.

`monitor.errors` re-exports every class here; this is the base of its tree:

    MonitorError
    ├── SeedError        a bad data file shipped with the code (names file and entry)
    └── SourceError      a source could not be polled; recorded on the source, daemon goes on
        ├── FetchError   network, TLS, HTTP status, size cap, redirect loop, refused redirect
        ├── FeedBlocked  200 with an HTML page or empty body (bot challenges look like this)
        ├── ParseError   the bytes are not a usable feed or list
        └── SuspectDownload  a list that parsed but looks cut or wrong (last good snapshot kept)
"""

from __future__ import annotations

__all__ = ["FeedBlocked", "FetchError", "MonitorError", "ParseError", "SeedError", "SourceError",
           "SuspectDownload"]


class MonitorError(Exception):
    """Base of every error this package raises on purpose."""


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
