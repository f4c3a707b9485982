"""The Starlette application: the page, the JSON API, the Atom feed, /metrics and /healthz.

Read-only: every route is a GET that reads through `monitor.reports` with the daemon's engine.
The handlers are plain functions, so Starlette runs them in its thread pool and a slow query
never blocks the scheduler's event loop.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from monitor.config import Config
from monitor.reports.history import change_log, events_report, parse_since, status_report
from monitor.reports.lists import lists_report
from monitor.reports.operations import operations_report
from monitor.reports.sources import source_report
from monitor.reports.timeline import entity_keys, entity_timeline
from monitor.web.access import TokenGate
from monitor.web.feed import atom_feed
from monitor.web.health import Heartbeat, verdict
from monitor.web.metrics import CONTENT_TYPE, Metrics
from monitor.web.pages import entity_page, index_page

__all__ = ["CHANGES_DAYS", "create_app"]

CHANGES_DAYS = 30  # the page, /api/changes and the feed show this far back by default


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def create_app(
    config: Config, engine: Engine, *, metrics: Metrics, heartbeat: Heartbeat, token: str | None = None
) -> TokenGate:
    """The ASGI app; `token` (None on loopback) is required on every request when given."""

    def since(request: Request, default: str | None) -> datetime | None:
        text = request.query_params.get("since", default)
        if text is None:
            return None
        try:
            return parse_since(text, _now())
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None

    def health() -> tuple[bool, list[str]]:
        return verdict(
            operations_report(config, now=_now(), engine=engine),
            heartbeat,
            now=_now(),
            max_alert_age=config.web.max_alert_age,
        )

    def index(request: Request) -> Response:
        now = _now()
        names = dict(entity_keys(config, engine=engine))
        return HTMLResponse(
            index_page(
                sources=source_report(config, engine=engine),
                status=status_report(config, None, now=now, engine=engine)["status"],
                names=names,
                changes=change_log(config, since=now - timedelta(days=CHANGES_DAYS), limit=50, engine=engine),
                health=health(),
                generated=_stamp(now),
                days=CHANGES_DAYS,
            )
        )

    def entity(request: Request) -> Response:
        key = request.path_params["key"]
        now = _now()
        if key not in dict(entity_keys(config, engine=engine)):
            raise HTTPException(404, f"no status or events for entity {key!r}")
        return HTMLResponse(
            entity_page(
                timeline=entity_timeline(config, key, now=now, engine=engine),
                status=status_report(config, key, now=now, engine=engine)["status"],
                events=events_report(config, since=None, entity=key, now=now, engine=engine),
                generated=_stamp(now),
            )
        )

    def api_status(request: Request) -> Response:
        return JSONResponse(status_report(config, request.query_params.get("entity"), now=_now(), engine=engine))

    def api_events(request: Request) -> Response:
        return JSONResponse(
            {
                "events": events_report(
                    config,
                    since=since(request, None),
                    entity=request.query_params.get("entity"),
                    now=_now(),
                    engine=engine,
                )
            }
        )

    def api_sources(request: Request) -> Response:
        return JSONResponse(
            {"sources": source_report(config, engine=engine), "lists": lists_report(config, engine=engine)}
        )

    def api_changes(request: Request) -> Response:
        start = since(request, f"{CHANGES_DAYS}d")
        assert start is not None
        return JSONResponse(
            {"since": _stamp(start), "changes": change_log(config, since=start, limit=500, engine=engine)}
        )

    def api_timeline(request: Request) -> Response:
        return JSONResponse(entity_timeline(config, request.path_params["key"], now=_now(), engine=engine))

    def feed(request: Request) -> Response:
        now = _now()
        changes = change_log(config, since=now - timedelta(days=CHANGES_DAYS), limit=100, engine=engine)
        base = str(request.base_url)
        return Response(
            atom_feed(changes, self_url=base + "changes.atom", page_url=base, updated=_stamp(now)),
            media_type="application/atom+xml; charset=utf-8",
        )

    def metrics_route(request: Request) -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    def healthz(request: Request) -> Response:
        ok, reasons = health()
        body: dict[str, Any] = {"status": "ok" if ok else "unhealthy", "reasons": reasons}
        return JSONResponse(body, status_code=200 if ok else 503)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/entity/{key}", entity),
            Route("/api/status", api_status),
            Route("/api/events", api_events),
            Route("/api/sources", api_sources),
            Route("/api/changes", api_changes),
            Route("/api/timeline/{key}", api_timeline),
            Route("/changes.atom", feed),
            Route("/metrics", metrics_route),
            Route("/healthz", healthz),
        ]
    )
    return TokenGate(app, token)
