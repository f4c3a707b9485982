"""Where the test fixtures and the checkout are."""

from pathlib import Path

__all__ = ["FIXTURES", "ROOT"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ROOT = FIXTURES.parent.parent
