"""Polite HTTP fetching shared by every source kind: conditional GET, size cap, one-line errors.

The daemon builds one `httpx.AsyncClient` with `make_client()` and passes it down; sources never
create one. `fetch()` follows redirects itself (so a loop is named as a loop), streams the body
against a size cap, turns 304 into `Fetched.not_modified`, and 429/503 with Retry-After into
`FetchError(retry_after=...)`. Every httpx exception becomes a one-line `FetchError` in
`_fetch_errors()`, the single place where that translation happens; URLs in its messages pass
through `sources.redact.redact`, so credentials and `?token=` never reach `last_error`.

Redirects are checked before they are followed (issue 10, SSRF): an https → http downgrade is
refused, and so is a redirect to a loopback, link-local, private, unspecified, multicast or
otherwise non-global address, unless the configured URL itself resolves to that kind of address
(a feed on 10.0.0.5 may redirect to 10.0.0.6; a public feed may not redirect to 127.0.0.1 or
169.254.169.254). Host names are resolved for the check. The rule is `redirect_refusal()`, a
pure function of the two URLs and their addresses.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import ipaddress
import socket
import ssl
import urllib.parse
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from sanctions_monitor_sources.errors import FetchError
from sanctions_monitor_sources.redact import redact

__all__ = ["Fetched", "address_class", "fetch", "make_client", "parse_retry_after", "redirect_refusal", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], Awaitable[list[IPAddress]]]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: the body (decoded from gzip) and the validators for the next request."""

    status: int
    body: bytes
    headers: Mapping[str, str]  # lower-case names
    url: str  # after redirects
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def make_client(*, timeout: float, user_agent: str, max_connections: int) -> httpx.AsyncClient:
    """The one client of a daemon run: descriptive User-Agent, gzip, per-operation timeout."""
    return httpx.AsyncClient(
        headers={
            "User-Agent": user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        },
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        follow_redirects=False,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int,
    max_redirects: int = 5,
    headers: Mapping[str, str] | None = None,
    internal_redirects: bool | None = None,
    resolver: Resolver | None = None,
) -> Fetched:
    """GET `url` conditionally and return the answer; 304 comes back as `not_modified`.

    Args:
        client: the shared client (User-Agent, timeouts, connection limits).
        url: the address to fetch.
        etag, last_modified: validators kept from the previous 200 answer.
        max_bytes: the body (after gzip decoding) may not exceed this many bytes.
        max_redirects: how many redirects to follow before giving up.
        headers: extra request headers for this source.
        internal_redirects: None (the default) lets a redirect reach a non-public address only
            when `url` itself is that kind of address; False never, True always.
        resolver: host name → addresses, for the redirect check (default: the system's).

    Raises:
        FetchError: network, DNS, TLS, timeout, HTTP status, size cap, redirect loop, a refused
            redirect; a one-line reason, with `retry_after` (seconds) when a 429/503 said when to
            come back.
    """
    request_headers = dict(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    seen = [url]
    origin: list[IPAddress] | None = None  # the configured URL's addresses, resolved on the first redirect
    with _fetch_errors(seen):
        while True:
            async with client.stream("GET", url, headers=request_headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = str(response.url.join(response.headers["location"]))
                    _check_redirect(url, seen, max_redirects)
                    if origin is None:
                        origin = await _addresses(seen[0], resolver)
                    refused = redirect_refusal(
                        seen[-1],
                        url,
                        origin=origin,
                        target_addresses=await _addresses(url, resolver),
                        internal_redirects=internal_redirects,
                    )
                    if refused:
                        raise FetchError(redact(f"refused redirect to {url}: {refused}"))
                    if _origin_of(url) != _origin_of(seen[-1]):  # credentials stay with their host
                        for name in [k for k in request_headers if k.lower() in _CREDENTIAL_HEADERS]:
                            del request_headers[name]
                    seen.append(url)
                    await _read_capped(response, max_bytes)
                    continue
                _check_status(response)
                body = await _read_capped(response, max_bytes)  # even a 304: lets the connection be reused
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                return Fetched(
                    status=response.status_code,
                    body=body,
                    headers=response_headers,
                    url=str(response.url),
                    etag=response_headers.get("etag") or etag,
                    last_modified=response_headers.get("last-modified") or last_modified,
                )


def _check_redirect(url: str, seen: list[str], max_redirects: int) -> None:
    if url in seen:
        raise FetchError(redact(f"redirect loop: {seen[-1]} -> {url}"))
    if len(seen) > max_redirects:
        raise FetchError(redact(f"more than {max_redirects} redirects (last to {url})"))


def address_class(address: IPAddress) -> str:
    """ "public", or the kind of address a redirect may not reach: "loopback", "link-local",
    "private", "unspecified", "multicast" or "reserved" (any other non-global range)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    return "public" if address.is_global else "reserved"


def redirect_refusal(
    current: str,
    target: str,
    *,
    origin: Sequence[IPAddress],
    target_addresses: Sequence[IPAddress],
    internal_redirects: bool | None = None,
) -> str | None:
    """Why the redirect from `current` to `target` may not be followed, or None if it may.

    Args:
        current: the URL that answered with the redirect.
        target: where it points.
        origin: the addresses of the configured URL (the first of the chain).
        target_addresses: the addresses `target`'s host resolves to (all of them are checked).
        internal_redirects: None: a non-public target class is allowed only when the configured
            URL has an address of the same class; False: never; True: always.
    """
    schemes = (urllib.parse.urlsplit(current).scheme.lower(), urllib.parse.urlsplit(target).scheme.lower())
    if schemes == ("https", "http"):
        return "https to http downgrade"
    if internal_redirects is True:
        return None
    allowed = {address_class(a) for a in origin} if internal_redirects is None else set()
    for address in target_addresses:
        kind = address_class(address)
        if kind != "public" and kind not in allowed:
            configured = "" if internal_redirects is False else " and the configured URL is not"
            return f"{address} is a {kind} address{configured}"
    return None


def _origin_of(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


async def resolve(host: str) -> list[IPAddress]:
    """The addresses a host name resolves to (the system resolver, off the event loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def _addresses(url: str, resolver: Resolver | None) -> list[IPAddress]:
    """The addresses of `url`'s host: the literal itself, else resolved; [] when the name does not
    resolve (the request then fails on its own with "DNS lookup failed")."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        return await (resolver or resolve)(host)
    except (OSError, UnicodeError, ValueError):
        return []


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status == 304 or 200 <= status < 300:
        return
    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
    if status in _RETRY_STATUSES:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now=datetime.now(UTC))
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
        when = when.replace(tzinfo=UTC)
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
def _fetch_errors(chain: list[str]) -> Iterator[None]:
    """Translate httpx's exceptions into a one-line `FetchError` naming the URL being fetched
    (the last of the redirect chain `chain`), credentials redacted."""
    try:
        yield
    except httpx.TimeoutException as exc:
        phase = type(exc).__name__.removesuffix("Timeout").lower() or "request"
        raise FetchError(redact(f"timed out ({phase}) fetching {chain[-1]}")) from None
    except httpx.UnsupportedProtocol:
        raise FetchError(redact(f"unsupported URL scheme: {chain[-1]}")) from None
    except httpx.DecodingError as exc:
        raise FetchError(redact(f"cannot decode the compressed response from {chain[-1]}: {exc}")) from None
    except httpx.TransportError as exc:
        raise FetchError(redact(f"{_transport_reason(exc)} fetching {chain[-1]}")) from None
    except httpx.InvalidURL as exc:
        raise FetchError(redact(f"invalid URL {chain[-1]!r}: {exc}")) from None


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
