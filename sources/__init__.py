"""Sources: fetch the news feeds and the official sanctions lists and parse them into plain
records (`FeedItem`, `Publication`). Installed as `sanctions_monitor_sources`.

May import: the standard library, httpx, feedparser and the bundled data in
`sanctions_monitor_seeds`. Nothing from `monitor`: no database, no alerting.
"""
