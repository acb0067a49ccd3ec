"""Card edits: lifecycle edits (closed, updated) of cards already posted, queued like sends.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "card_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("destination_key", sa.String(330), nullable=False),
        sa.Column("message_id", sa.String(100), nullable=False),
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_card_edits_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_edits")),
        sa.UniqueConstraint(
            "destination_key", "message_id", name=op.f("uq_card_edits_destination_key_message_id")
        ),
    )
    op.create_index("ix_card_edits_posting_id", "card_edits", ["posting_id"])
    op.create_index("ix_card_edits_state_next_attempt", "card_edits", ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_card_edits_state_next_attempt", table_name="card_edits")
    op.drop_index("ix_card_edits_posting_id", table_name="card_edits")
    op.drop_table("card_edits")
