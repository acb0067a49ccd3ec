"""Owner notices: what jobbot tells an owner by DM (a destination paused, a source failing or recovered).

A notice is queued in the transaction of the state change that causes it and sent by the dispatcher, so a
crash between the change and the send loses nothing, and a resend after one is checked first.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("destination_key", sa.String(330), nullable=False),
        sa.Column("about", sa.String(400), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("in_doubt", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.Column("message_id", sa.String(100), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    op.create_index("ix_notices_state_next_attempt", "notices", ["state", "next_attempt_at"])
    op.create_index("ix_notices_destination_key", "notices", ["destination_key"])


def downgrade() -> None:
    op.drop_index("ix_notices_destination_key", table_name="notices")
    op.drop_index("ix_notices_state_next_attempt", table_name="notices")
    op.drop_table("notices")
