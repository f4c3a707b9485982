from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import LoopbackServer, serve  # noqa: E402


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 whose routes the test sets."""
    with serve() as srv:
        yield srv
