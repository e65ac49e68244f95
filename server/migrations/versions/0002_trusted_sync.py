"""Trusted sync: eviction entries in the change log, devices' pull position, server state.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-08 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _recreate() -> Literal['auto', 'always']:
    """SQLite must rebuild change_log to switch on AUTOINCREMENT (positions never reused)."""
    return 'always' if op.get_bind().dialect.name == 'sqlite' else 'auto'


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None, recreate=_recreate(),
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.add_column(sa.Column('evicted', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('moved_to', sa.String(length=36), nullable=True))
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_pulled_pos', sa.BigInteger(), nullable=False,
                                      server_default=sa.text('0')))
    op.create_table('server_state',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_server_state'))
    )


def downgrade() -> None:
    op.drop_table('server_state')
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_column('last_pulled_pos')
    with op.batch_alter_table('change_log', schema=None, recreate=_recreate(),
                              table_kwargs={'sqlite_autoincrement': False}) as batch_op:
        batch_op.drop_column('moved_to')
        batch_op.drop_column('evicted')
