"""Polite HTTP fetching shared by every source kind: conditional GET, size cap, one-line errors.

The daemon builds one `httpx.AsyncClient` with `make_client()` and passes it down; sources never
create one. `fetch()` follows redirects itself (so a loop is named as a loop), streams the body
against a size cap, turns 304 into `Fetched.not_modified`, and 429/503 with Retry-After into
`FetchError(retry_after=...)`. Every httpx exception becomes a one-line `FetchError` in
`_fetch_errors()`, the single place where that translation happens.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx

from sources.errors import FetchError

__all__ = ["Fetched", "fetch", "make_client", "parse_retry_after"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: the body (decoded from gzip) and the validators for the next request."""

    status: int
    body: bytes
    headers: Mapping[str, str]      # lower-case names
    url: str                        # after redirects
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def make_client(*, timeout: float, user_agent: str, max_connections: int) -> httpx.AsyncClient:
    """The one client of a daemon run: descriptive User-Agent, gzip, per-operation timeout."""
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                 "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                           "text/xml;q=0.9, */*;q=0.5"},
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        follow_redirects=False,
    )


async def fetch(client: httpx.AsyncClient, url: str, *, etag: str | None = None,
                last_modified: str | None = None, max_bytes: int, max_redirects: int = 5,
                headers: Mapping[str, str] | None = None) -> Fetched:
    """GET `url` conditionally and return the answer; 304 comes back as `not_modified`.

    Args:
        client: the shared client (User-Agent, timeouts, connection limits).
        url: the address to fetch.
        etag, last_modified: validators kept from the previous 200 answer.
        max_bytes: the body (after gzip decoding) may not exceed this many bytes.
        max_redirects: how many redirects to follow before giving up.
        headers: extra request headers for this source.

    Raises:
        FetchError: network, DNS, TLS, timeout, HTTP status, size cap, redirect loop; a one-line
            reason, with `retry_after` (seconds) when a 429/503 said when to come back.
    """
    request_headers = dict(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    seen = [url]
    with _fetch_errors(url):
        while True:
            async with client.stream("GET", url, headers=request_headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = str(response.url.join(response.headers["location"]))
                    _check_redirect(url, seen, max_redirects)
                    seen.append(url)
                    await _read_capped(response, max_bytes)
                    continue
                _check_status(response)
                body = await _read_capped(response, max_bytes)  # even a 304: lets the connection be reused
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                return Fetched(status=response.status_code, body=body, headers=response_headers,
                               url=str(response.url), etag=response_headers.get("etag") or etag,
                               last_modified=response_headers.get("last-modified") or last_modified)


def _check_redirect(url: str, seen: list[str], max_redirects: int) -> None:
    if url in seen:
        raise FetchError(f"redirect loop: {seen[-1]} -> {url}")
    if len(seen) > max_redirects:
        raise FetchError(f"more than {max_redirects} redirects (last to {url})")


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status == 304 or 200 <= status < 300:
        return
    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
    if status in _RETRY_STATUSES:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now=datetime.now(timezone.utc))
        if retry_after is not None:
            raise FetchError(f"{reason}, retry after {retry_after:.0f}s", retry_after=retry_after)
    raise FetchError(reason)


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and "content-encoding" not in response.headers and int(declared) > max_bytes:
        raise FetchError(f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response exceeds the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


@contextlib.contextmanager
def _fetch_errors(url: str) -> Iterator[None]:
    """Translate httpx's exceptions into a one-line `FetchError` naming the URL."""
    try:
        yield
    except httpx.TimeoutException as exc:
        phase = type(exc).__name__.removesuffix("Timeout").lower() or "request"
        raise FetchError(f"timed out ({phase}) fetching {url}") from None
    except httpx.UnsupportedProtocol:
        raise FetchError(f"unsupported URL scheme: {url}") from None
    except httpx.DecodingError as exc:
        raise FetchError(f"cannot decode the compressed response from {url}: {exc}") from None
    except httpx.TransportError as exc:
        raise FetchError(f"{_transport_reason(exc)} fetching {url}") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from None


def _transport_reason(exc: BaseException) -> str:
    """Name the root cause of a connection failure: DNS, TLS, refused, reset, protocol."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "DNS lookup failed"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({cause.reason or cause.strerror or 'handshake failed'})"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset"
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "DNS lookup failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server broke the HTTP protocol ({text})"
    return text
