"""Official list snapshots and diffs.

Datetimes are timezone-aware, as in 0001 (`timestamptz` on PostgreSQL).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_publication",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=True),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("baseline", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("added", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("removed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("changed", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_list_publication_source", "list_publication", ["source"])
    op.create_table(
        "list_entry",
        sa.Column("publication_id", sa.Integer(), sa.ForeignKey("list_publication.id"), primary_key=True),
        sa.Column("entry_id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("aliases", sa.String(), nullable=False),
        sa.Column("programmes", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("ids", sa.String(), nullable=False),
        sa.Column("countries", sa.String(), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=True),
        sa.Column("content_hash", sa.String(), nullable=False),
    )
    op.create_table(
        "list_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("publication_id", sa.Integer(), sa.ForeignKey("list_publication.id"), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("change", sa.String(), nullable=False),
        sa.Column("entry_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("fields", sa.String(), nullable=False),
        sa.Column("before", sa.String(), nullable=True),
        sa.Column("after", sa.String(), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_list_change_publication_id", "list_change", ["publication_id"])
    op.create_index("ix_list_change_source", "list_change", ["source"])
    op.create_index("ix_list_change_processed_at", "list_change", ["processed_at"])


def downgrade() -> None:
    op.drop_table("list_change")
    op.drop_table("list_entry")
    op.drop_table("list_publication")
