"""Hide credentials in URLs before they reach an error, a log line or `last_error`.

`redact(text)` rewrites every URL inside `text` (http, https, postgresql, ...): a user name and password become
`***@`, and the value of a query parameter that names a secret (`token`, `key`, `secret`,
`password`, `signature`, ...) becomes `***`. Everything else is kept, so the message still
says where. It is pure and cheap on text without URLs; every place that formats an error
with a URL in it calls it.
"""

from __future__ import annotations

import logging
import re

__all__ = ["RedactFilter", "redact"]

_URL = re.compile(r"\b([a-z][a-z0-9+.-]*://)([^\s/?#'\"<>]*)([^\s'\"<>]*)", re.I)
_SECRET_PARAM = re.compile(
    r"([?&;](?:[\w.-]*[_.-])?(?:access[_-]?token|token|api[_-]?key|apikey|key|secret|password|passwd|pwd|"
    r"auth|sig|signature|code|session|sessionid|credentials?)=)([^&;#\s'\"<>]*)",
    re.I,
)
MASK = "***"


def redact(text: str) -> str:
    """`text` with URL credentials (`user:pass@`) and secret query values (`?token=...`) masked."""
    if "://" not in text:
        return text
    return _URL.sub(_redact_url, text)


def _redact_url(m: re.Match[str]) -> str:
    scheme, authority, rest = m.group(1), m.group(2), m.group(3)
    kept = rest.rstrip(".,:;)]")  # punctuation after a URL is the sentence's, not the URL's
    rest, after = kept, rest[len(kept) :]
    if not rest:
        kept = authority.rstrip(".,:;)]")
        authority, after = kept, authority[len(kept) :] + after
    if "@" in authority:
        authority = MASK + "@" + authority.rsplit("@", 1)[1]
    if "=" in rest:
        rest = _SECRET_PARAM.sub(lambda p: p.group(1) + (MASK if p.group(2) else ""), rest)
    return scheme + authority + rest + after


class RedactFilter(logging.Filter):
    """A logging filter that redacts each record's formatted message (e.g. httpx's request lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "://" in message:
            record.msg, record.args = redact(message), None
        return True
