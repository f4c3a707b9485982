"""The web side of the daemon: a read-only status page, its JSON API and Atom feed of changes,
Prometheus `/metrics`, `/healthz`, and systemd's readiness and watchdog notifications.

Served by Starlette on uvicorn inside the daemon's own event loop, only when `[web] listen` is
set; `Operations` (monitor.web.service) is the one object the daemon starts and stops. Off
loopback every request needs the token named by `[web] token_env`.

May import: `monitor.reports` (every view it shows), `monitor.storage`, `monitor.config` (and
the foundation below them); never `monitor.daemon`, `monitor.cli` or `monitor.demo`.
"""
