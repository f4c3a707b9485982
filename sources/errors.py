"""Why a source could not be read: the errors every fetcher and parser here raises.

    SourceError          a source could not be polled (one line: what and where)
    ├── FetchError       network, TLS, HTTP status, size cap, redirect loop
    ├── FeedBlocked      200 with an HTML page or an empty body (bot challenges look like this)
    ├── ParseError       the bytes are not a usable feed or list
    └── DataError        the data this package ships (`seeds/lists/`) is missing or malformed

This package imports nothing from `monitor`; the service catches these next to its own
`monitor.errors.MonitorError` and records the message on the source.
"""

from __future__ import annotations

__all__ = ["DataError", "FeedBlocked", "FetchError", "ParseError", "SourceError"]


class SourceError(Exception):
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


class DataError(SourceError):
    """A data file this package ships (under `seeds/lists/`) is missing or malformed."""
