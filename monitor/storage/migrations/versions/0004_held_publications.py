"""A list publication held as suspect (too many removals; removals of tracked entities from an
undated publication) until the next publication agrees or an operator accepts it.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("list_publication") as batch:
        batch.add_column(sa.Column("held", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("list_publication") as batch:
        batch.drop_column("held")
