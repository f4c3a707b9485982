"""Official lists: keep each good publication of a list as a snapshot, diff it against the last
one, and turn changes to tracked entries into official events.

May import: `monitor.events`, `monitor.matching`, `monitor.storage`, `monitor.config`,
`monitor.errors`, `monitor.vocabulary`, `sanctions_monitor_sources` (its plain records).
"""
