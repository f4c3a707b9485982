"""Delivery: outbox → channels. Claim queued alerts, render them and send them by email,
signed webhook or Apprise (chat and push services), with retries; each alert goes out once.

May import: `monitor.events` (the change documents), `monitor.storage`, `monitor.config`,
`monitor.errors`, `monitor.vocabulary`.
"""
