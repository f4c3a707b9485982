"""The engine a report reads with: the caller's (the web server keeps one open), else a fresh one.

Opening a database migrates it (`open_database`), which is right for a CLI command that runs
once and too slow for every web request; so each report takes an optional `engine`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.engine import Engine

from monitor.config import Config
from monitor.storage.db import open_database

__all__ = ["reading"]


@contextlib.contextmanager
def reading(config: Config, engine: Engine | None = None) -> Iterator[Engine]:
    """`engine` when given; otherwise open the config's database and dispose of it afterwards."""
    if engine is not None:
        yield engine
        return
    opened = open_database(config.database.url)
    try:
        yield opened
    finally:
        opened.dispose()
