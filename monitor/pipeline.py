"""item → mention → event → status change → outbox (issue 4 fills this in).

The daemon calls `analyze_pending_items` after each poll: every stored item whose
`analyzed_hash` differs from its `content_hash` is analyzed, and its mentions, events, status
changes and outbox rows are written in one transaction with the item marked analyzed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from monitor.analyze import Analyzer

__all__ = ["analyze_pending_items"]


def analyze_pending_items(engine: Engine, analyzer: "Analyzer", *, now: datetime) -> int:
    """Analyze every item not yet analyzed in its current version; return how many."""
    return 0  # placeholder until issue 4 lands
