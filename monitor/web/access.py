"""Who may read: anyone on loopback; elsewhere only a request that presents the token.

The token comes as `Authorization: Bearer TOKEN` or `?token=TOKEN`; a page opened with
`?token=` also gets it as an HttpOnly cookie, so the links on the page work on a phone.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["COOKIE", "TokenGate", "presented_token", "token_ok"]

COOKIE = "monitor_token"


def presented_token(authorization: str | None, query: Mapping[str, str], cookies: Mapping[str, str]) -> str | None:
    """The token a request presents: the bearer header first, then `?token=`, then the cookie."""
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return query.get("token") or cookies.get(COOKIE) or None


def token_ok(expected: str | None, given: str | None) -> bool:
    """True with no token required; else only for the exact token (compared in constant time)."""
    if expected is None:
        return True
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class TokenGate:
    """ASGI middleware: 401 for a request without the right token (every path, /healthz too)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = presented_token(request.headers.get("authorization"), request.query_params, request.cookies)
        if not token_ok(self.token, given):
            response = PlainTextResponse(
                "401: this server needs its access token (Authorization: Bearer TOKEN, or ?token=TOKEN)\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="sanctions-monitor"'},
            )
            await response(scope, receive, send)
            return
        if request.query_params.get("token") != given or request.cookies.get(COOKIE) == given:
            await self.app(scope, receive, send)
            return

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = f"{COOKIE}={given}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, with_cookie)
