"""Reports: read-only views of the database behind the CLI's tables and JSON (sources, lists,
status, events, diffs, alerts).

May import: every stage below the command line (storage, lists, events, delivery's renderers),
never `monitor.cli`, `monitor.daemon` or `monitor.demo`.
"""
