"""Storage: the database and what is kept in it (SQLModel tables, Alembic migrations, items
and per-source state).

May import: `monitor.errors`, `monitor.config`, `monitor.vocabulary`, `sanctions_monitor_sources`
(its plain records). Nothing above it (polling, analysis, events, delivery) may be imported here.
"""
