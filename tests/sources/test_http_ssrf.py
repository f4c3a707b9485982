"""Redirects to internal addresses and https → http downgrades are refused.

The rule is a pure function of addresses (`redirect_refusal`), tested on every class of address;
the wiring is tested end to end against real servers on loopback: a feed configured on 127.0.0.1
is itself loopback, so it may redirect there, and `internal_redirects=False` stands in for "the
configured URL is public" (a public host cannot be served here without the internet).
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from monitor.config import load_config
from monitor.errors import FetchError
from monitor.polling.context import PollContext
from monitor.polling.poll import poll_source
from monitor.storage.db import open_database
from monitor.storage.items import load_state
from sanctions_monitor_sources.http import IPAddress, address_class, fetch, make_client, redirect_refusal
from tests.support.servers import LoopbackServer, Request, Response

BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
PUBLIC = [ipaddress.ip_address("93.184.216.34")]


def ip(text: str) -> IPAddress:
    return ipaddress.ip_address(text)


def get(url: str, client: httpx.AsyncClient | None = None, **kwargs: Any) -> Any:
    async def run() -> Any:
        async with client or make_client(timeout=5, user_agent="test", max_connections=4) as c:
            return await fetch(c, url, max_bytes=100_000, **kwargs)

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("93.184.216.34", "public"),
        ("2606:2800:220:1::1", "public"),
        ("127.0.0.1", "loopback"),
        ("127.9.9.9", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("100.64.0.1", "reserved"),
    ],
)
def test_address_class(address: str, kind: str) -> None:
    assert address_class(ip(address)) == kind


@pytest.mark.parametrize(
    "target",
    [
        "127.0.0.1",
        "169.254.169.254",
        "10.0.0.1",
        "172.20.1.1",
        "192.168.0.10",
        "fc00::1",
        "fe80::1",
        "::1",
        "0.0.0.0",
        "239.1.1.1",
    ],
)
def test_public_feed_may_not_redirect_inward(target: str) -> None:
    reason = redirect_refusal(
        "https://news.example/rss", "https://x.example/", origin=PUBLIC, target_addresses=[ip(target)]
    )
    assert reason is not None and reason.startswith(f"{target} is a ") and "configured URL is not" in reason


def test_internal_feed_may_redirect_within_its_own_kind_only() -> None:
    assert (
        redirect_refusal(
            "http://10.0.0.5/rss", "http://10.0.0.6/rss", origin=[ip("10.0.0.5")], target_addresses=[ip("10.0.0.6")]
        )
        is None
    )
    assert (
        redirect_refusal(
            "http://127.0.0.1/rss", "http://[::1]/rss", origin=[ip("127.0.0.1")], target_addresses=[ip("::1")]
        )
        is None
    )
    reason = redirect_refusal(
        "http://10.0.0.5/rss",
        "http://169.254.169.254/",
        origin=[ip("10.0.0.5")],
        target_addresses=[ip("169.254.169.254")],
    )
    assert reason == "169.254.169.254 is a link-local address and the configured URL is not"


def test_any_internal_address_of_a_host_is_enough_to_refuse() -> None:
    """A name resolving to a public and a private address could be either when connecting."""
    assert (
        redirect_refusal(
            "https://a.example/",
            "https://b.example/",
            origin=PUBLIC,
            target_addresses=[ip("93.184.216.35"), ip("10.0.0.1")],
        )
        is not None
    )
    assert (
        redirect_refusal(
            "https://a.example/", "https://b.example/", origin=PUBLIC, target_addresses=[ip("93.184.216.35")]
        )
        is None
    )


def test_downgrade_is_refused_whatever_the_addresses() -> None:
    assert (
        redirect_refusal("https://a.example/", "http://a.example/", origin=PUBLIC, target_addresses=PUBLIC)
        == "https to http downgrade"
    )
    assert (
        redirect_refusal(
            "HTTPS://a.example/", "http://a.example/", origin=PUBLIC, target_addresses=PUBLIC, internal_redirects=True
        )
        == "https to http downgrade"
    )
    assert redirect_refusal("http://a.example/", "https://a.example/", origin=PUBLIC, target_addresses=PUBLIC) is None


def test_explicit_never_and_always() -> None:
    loop = [ip("127.0.0.1")]
    assert (
        redirect_refusal(
            "http://127.0.0.1/", "http://127.0.0.1/b", origin=loop, target_addresses=loop, internal_redirects=False
        )
        == "127.0.0.1 is a loopback address"
    )
    assert (
        redirect_refusal(
            "https://a.example/", "http://127.0.0.1/", origin=PUBLIC, target_addresses=loop, internal_redirects=True
        )
        == "https to http downgrade"
    )
    assert (
        redirect_refusal(
            "http://a.example/", "http://127.0.0.1/", origin=PUBLIC, target_addresses=loop, internal_redirects=True
        )
        is None
    )


# --- end to end, on loopback ---------------------------------------------------------------


def test_loopback_feed_may_redirect_to_loopback(http_server: LoopbackServer) -> None:
    """The configured URL is itself loopback; "localhost" is resolved and found loopback too."""
    http_server.route("/old", status=301, headers={"Location": f"http://localhost:{http_server.port}/new"})
    http_server.route("/new", body=BODY)
    assert get(http_server.url("/old")).body == BODY


def test_redirect_to_an_internal_address_is_refused_and_not_fetched(http_server: LoopbackServer) -> None:
    """As for a public feed: the target (a host name, resolved) is named, with its token hidden."""
    target = f"http://reader:pw@localhost:{http_server.port}/internal?token=s3cret&page=2"
    http_server.route("/start", status=302, headers={"Location": target})
    http_server.route("/internal", body=b"admin page")
    with pytest.raises(FetchError) as caught:
        get(http_server.url("/start"), internal_redirects=False)
    message = str(caught.value)
    target_shown = f"http://***@localhost:{http_server.port}/internal?token=***&page=2"
    assert message.startswith(f"refused redirect to {target_shown}: ")
    assert "is a loopback address" in message and "s3cret" not in message and "pw@" not in message
    assert http_server.hits("/internal") == []


def test_loopback_feed_may_not_redirect_to_the_metadata_address(http_server: LoopbackServer) -> None:
    """Refused before any connection: 169.254.169.254 is never contacted."""
    http_server.route("/start", status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(
        FetchError,
        match=r"^refused redirect to http://169\.254\.169\.254/latest/meta-data/: "
        r"169\.254\.169\.254 is a link-local address and the configured URL is not$",
    ):
        get(http_server.url("/start"))


def test_resolver_decides_for_host_names(http_server: LoopbackServer) -> None:
    """A host name is checked by what it resolves to, here a private address."""

    async def resolver(host: str) -> list[IPAddress]:
        return [ip("10.9.9.9")] if host == "intranet.example" else [ip("127.0.0.1")]

    http_server.route("/start", status=302, headers={"Location": "http://intranet.example/x"})
    with pytest.raises(FetchError, match=r"^refused redirect to http://intranet\.example/x: 10\.9\.9\.9 is a private"):
        get(http_server.url("/start"), resolver=resolver)


def test_credentials_are_not_forwarded_to_another_host(http_server: LoopbackServer) -> None:
    http_server.route("/start", status=302, headers={"Location": f"http://localhost:{http_server.port}/feed"})
    http_server.route("/feed", body=BODY)
    get(http_server.url("/start"), headers={"Authorization": "Bearer abc", "Accept-Language": "ru"})
    assert http_server.hits("/start")[0].headers["authorization"] == "Bearer abc"
    forwarded = http_server.hits("/feed")[0].headers
    assert "authorization" not in forwarded and forwarded["accept-language"] == "ru"


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[LoopbackServer, ssl.SSLContext]]:
    """A real HTTPS server on 127.0.0.1 with a throwaway self-signed certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: cannot make a certificate for the HTTPS server")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    srv = LoopbackServer()
    srv.httpd.socket = server_ctx.wrap_socket(srv.httpd.socket, server_side=True)
    thread = threading.Thread(target=srv.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv, ssl.create_default_context(cafile=str(cert))
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


def test_https_to_http_downgrade_is_refused(
    tls_server: tuple[LoopbackServer, ssl.SSLContext], http_server: LoopbackServer
) -> None:
    srv, trust = tls_server
    https = f"https://127.0.0.1:{srv.port}"
    srv.route("/same", status=301, headers={"Location": f"{https}/feed"})
    srv.route("/feed", body=BODY)
    srv.route("/down", status=301, headers={"Location": http_server.url("/feed")})
    http_server.route("/feed", body=b"plain")

    def client() -> httpx.AsyncClient:
        return httpx.AsyncClient(verify=trust, follow_redirects=False, timeout=5)

    assert get(f"{https}/same", client()).body == BODY  # https → https is fine
    with pytest.raises(FetchError, match=rf"^refused redirect to {http_server.url('/feed')}: https to http downgrade$"):
        get(f"{https}/down", client())
    assert http_server.hits("/feed") == []


def test_errors_after_a_redirect_name_where_they_happened(http_server: LoopbackServer) -> None:
    def slow(_req: Request) -> Response:
        import time

        time.sleep(1.0)
        return Response(200, BODY)

    http_server.route("/start", status=302, headers={"Location": "/slow?api_key=k"})
    http_server.route("/slow", slow)
    with pytest.raises(FetchError, match=rf"^timed out \(read\) fetching {http_server.url('/slow')}\?api_key=\*\*\*$"):
        get(http_server.url("/start"), client=make_client(timeout=0.3, user_agent="t", max_connections=2))


def test_a_refused_redirect_is_the_sources_failure_and_nothing_is_stored(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    """Through the poller: the refusal is the source's one-line `last_error`, no item is stored."""
    http_server.route("/rss", status=302, headers={"Location": "http://10.0.0.7/rss?token=abc"})
    path = tmp_path / "config.toml"
    path.write_text(f'[[source]]\nname = "f"\nkind = "feed"\nurl = "{http_server.url("/rss")}"\n', encoding="utf-8")
    config = load_config(path)
    engine = open_database(f"sqlite:///{tmp_path / 'monitor.db'}")

    async def run() -> Any:
        async def run_parser(fn: Any, *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        async with make_client(timeout=5, user_agent="test", max_connections=2) as client:
            ctx = PollContext(client=client, http=config.http, run_parser=run_parser)
            return await poll_source(
                config.source("f"),
                ctx=ctx,
                engine=engine,
                now=datetime(2025, 11, 4, tzinfo=UTC),
                max_backoff=config.daemon.max_backoff,
                rng=random.Random(1),
            )

    try:
        result = asyncio.run(run())
        expected = (
            "refused redirect to http://10.0.0.7/rss?token=***: 10.0.0.7 is a private address "
            "and the configured URL is not"
        )
        assert not result.ok and result.error == expected
        with engine.connect() as conn:
            state = load_state(conn, "f")
            stored = conn.execute(select(func.count()).select_from(SQLModel.metadata.tables["item"])).scalar()
        assert state is not None and state.last_error == expected and stored == 0
    finally:
        engine.dispose()
