"""Pull speed: a small index of the change-log entries every device receives.

Entries of users, territories and cadence rules go to everyone; the pull reads them by
position from this partial index instead of scanning every entry after a cursor.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-20 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVERYONE = sa.text("entity IN ('user', 'territory', 'cadence_rule')")


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_everyone_pos', ['pos'], unique=False,
                              postgresql_where=EVERYONE, sqlite_where=EVERYONE)


def downgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_everyone_pos')
