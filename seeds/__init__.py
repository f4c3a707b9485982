"""Seed data, not code: the bundled watchlist, name data, cue books, list labels, demo feeds
and the bundled config. Installed as `sanctions_monitor_seeds` and read with
`importlib.resources`; users extend it with files of their own (see docs/configuration.md)."""
