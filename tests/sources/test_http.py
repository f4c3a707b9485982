"""sources/http.py against a real HTTP server on 127.0.0.1: validators, gzip, caps, every failure."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from monitor.errors import FetchError
from sanctions_monitor_sources.http import Fetched, fetch, make_client, parse_retry_after
from tests.support.servers import LoopbackServer, Request, Response

BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


def get(url: str, **kwargs: Any) -> Fetched:
    async def run() -> Fetched:
        async with make_client(
            timeout=kwargs.pop("timeout", 5), user_agent="sanctions-monitor-test/1", max_connections=4
        ) as client:
            return await fetch(client, url, max_bytes=kwargs.pop("max_bytes", 100_000), **kwargs)

    return asyncio.run(run())


def test_conditional_get_sends_validators_and_gets_304(http_server: LoopbackServer) -> None:
    def handler(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304, headers={"ETag": '"v1"'})
        return Response(200, BODY, {"ETag": '"v1"', "Last-Modified": "Tue, 04 Nov 2025 10:00:00 GMT"})

    http_server.route("/feed", handler)
    first = get(http_server.url("/feed"))
    assert (first.status, first.body, first.etag) == (200, BODY, '"v1"')
    assert first.last_modified == "Tue, 04 Nov 2025 10:00:00 GMT" and not first.not_modified
    second = get(http_server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    assert second.last_modified == first.last_modified  # kept although the 304 did not repeat it
    sent = http_server.hits("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == first.last_modified
    assert sent["user-agent"] == "sanctions-monitor-test/1" and "gzip" in sent["accept-encoding"]


def test_gzip_is_decoded(http_server: LoopbackServer) -> None:
    http_server.route("/gz", body=gzip.compress(BODY), headers={"Content-Encoding": "gzip"})
    assert get(http_server.url("/gz")).body == BODY


def test_redirect_is_followed_and_final_url_kept(http_server: LoopbackServer) -> None:
    http_server.route("/old", status=301, headers={"Location": "/new"})
    http_server.route("/new", body=BODY)
    fetched = get(http_server.url("/old"))
    assert fetched.body == BODY and fetched.url == http_server.url("/new")


def test_redirect_loop_is_named(http_server: LoopbackServer) -> None:
    http_server.route("/a", status=302, headers={"Location": "/b"})
    http_server.route("/b", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        get(http_server.url("/a"))


def test_redirect_limit(http_server: LoopbackServer) -> None:
    for i in range(5):
        http_server.route(f"/r{i}", status=307, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match="more than 2 redirects"):
        get(http_server.url("/r0"), max_redirects=2)


@pytest.mark.parametrize("declared", [True, False])
def test_size_cap(http_server: LoopbackServer, declared: bool) -> None:
    big = b"x" * 5000
    if declared:
        http_server.route("/big", body=big)
    else:  # no Content-Length: the cap must hold while streaming
        http_server.route("/big", body=gzip.compress(big), headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="1,000-byte limit"):
        get(http_server.url("/big"), max_bytes=1000)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(http_server: LoopbackServer, status: int) -> None:
    http_server.route("/busy", status=status, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match=f"HTTP {status}") as caught:
        get(http_server.url("/busy"))
    assert caught.value.retry_after == 120


def test_retry_after_as_a_date() -> None:
    now = datetime(2025, 11, 4, 10, 0, tzinfo=UTC)
    assert parse_retry_after("Tue, 04 Nov 2025 10:05:00 GMT", now=now) == 300
    assert parse_retry_after("garbage", now=now) is None
    assert parse_retry_after(None, now=now) is None


def test_server_error(http_server: LoopbackServer) -> None:
    http_server.route("/boom", status=500, body=b"oops")
    with pytest.raises(FetchError, match=r"^HTTP 500 Internal Server Error$") as caught:
        get(http_server.url("/boom"))
    assert caught.value.retry_after is None


def test_timeout(http_server: LoopbackServer) -> None:
    def slow(_req: Request) -> Response:
        time.sleep(1.5)
        return Response(200, BODY)

    http_server.route("/slow", slow)
    with pytest.raises(FetchError, match="timed out"):
        get(http_server.url("/slow"), timeout=0.3)


def test_dns_failure() -> None:
    with pytest.raises(FetchError, match="^DNS lookup failed fetching http://feeds.invalid/rss$"):
        get("http://feeds.invalid/rss")


def test_tls_error(http_server: LoopbackServer) -> None:
    with pytest.raises(FetchError, match="^TLS error"):  # https:// to a plain-HTTP port
        get(f"https://127.0.0.1:{http_server.port}/feed")


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="^connection refused"):
        get(f"http://127.0.0.1:{port}/feed")


def test_unsupported_scheme() -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        get("ftp://example.invalid/feed")
