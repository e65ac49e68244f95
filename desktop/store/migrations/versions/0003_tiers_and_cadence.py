"""Issue 4 replicated changes: accounts.tier_manual and the cadence_rules table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-15 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tier_manual", sa.Boolean(), nullable=True,
                                      server_default="0"))
    op.create_table(
        "cadence_rules",
        sa.Column("tier", sa.String(length=1), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("clocks", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadence_rules")),
    )
    with op.batch_alter_table("cadence_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadence_rules_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_cadence_rules_tier"), ["tier"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cadence_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadence_rules_tier"))
        batch_op.drop_index(batch_op.f("ix_cadence_rules_deleted"))
    op.drop_table("cadence_rules")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("tier_manual")
