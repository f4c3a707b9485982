"""Polling: source → item. Fetch each due source, parse it (feeds and official lists) and store
what was found with the source's new state.

May import: `monitor.storage`, `monitor.lists` (to store a list publication), `monitor.config`,
`monitor.errors`, `sanctions_monitor_sources`. Not matching, classification, events or delivery.
"""
