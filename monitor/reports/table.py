"""The one plain-text table every report prints: columns two spaces apart, no trailing blanks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["format_table"]


def format_table(rows: Sequence[Sequence[Any]], widths: Sequence[int] | None = None, *, cut: bool = False) -> str:
    """`rows[0]` is the header. Each column is as wide as its widest cell, or as `widths` says;
    with `cut`, a longer cell is shortened to its width with "…" (a width of 0 never cuts)."""
    if widths is None:
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]

    def cell(value: Any, width: int) -> str:
        text = str(value)
        if cut and width and len(text) > width:
            text = text[: width - 1] + "…"
        return text.ljust(width)

    return "\n".join("  ".join(cell(v, w) for v, w in zip(row, widths)).rstrip() for row in rows)
