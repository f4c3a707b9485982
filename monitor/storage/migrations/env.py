"""Alembic environment: runs migrations on the engine that `monitor.storage.db.migrate` passes in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import monitor.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection, target_metadata=SQLModel.metadata, render_as_batch=connection.dialect.name == "sqlite"
    )
    context.run_migrations()
