"""Mentions, events, evidence, status and the alert outbox (issue 4).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # placeholder: filled in by its issue


def downgrade() -> None:
    pass
