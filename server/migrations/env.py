"""Alembic environment of the server store (run programmatically by server.db.migrate)."""

from __future__ import annotations

from alembic import context

from server.tables import metadata as server_metadata
from shared.models import Base

TARGET_METADATA = [Base.metadata, server_metadata]


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("server migrations run on a connection given by server.db.migrate")
    context.configure(connection=connection, target_metadata=TARGET_METADATA,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
