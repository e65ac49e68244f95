"""Issue 3 local tables: evictions, sync_errors, and sync_state.update_required.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-08 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evictions",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("evicted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "row_id", name=op.f("pk_evictions")),
    )
    op.create_table(
        "sync_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_errors")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("update_required", sa.Boolean(), nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("update_required")
    op.drop_table("sync_errors")
    op.drop_table("evictions")
