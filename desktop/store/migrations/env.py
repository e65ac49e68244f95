"""Alembic environment of the desktop replica: shared replicated tables plus local tables."""

from __future__ import annotations

from alembic import context

from desktop.store.tables import local_metadata
from shared.models import Base

target_metadata = [Base.metadata, local_metadata]


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("desktop migrations run only on a connection the store owns")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
