"""Rate limits shared by worker processes: one row per key holding its theoretical arrival time (GCRA).

Used by ``jobbot worker`` on PostgreSQL (Discord's bot-wide budget, and the pacing one deliver job hands on
to the next); created on every backend so the schema stays one. On PostgreSQL the table is UNLOGGED: a
reservation then commits without waiting for the disk (~10 ms a request on a plain disk), and all it
loses in a server crash is a few seconds of pacing history.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    unlogged = ["UNLOGGED"] if op.get_bind().dialect.name == "postgresql" else []
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("tat", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
        prefixes=unlogged,
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
