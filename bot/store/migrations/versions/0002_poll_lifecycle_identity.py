"""Poll lifecycle and cross-source identity: next poll time, missed polls, identity keys, posting links.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("sources", sa.Column("next_poll_at", TIMESTAMP, nullable=True))
    op.add_column("postings", sa.Column("missed_polls", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "posting_keys",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_keys_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "posting_id", name=op.f("pk_posting_keys")),
    )
    op.create_index("ix_posting_keys_posting_id", "posting_keys", ["posting_id"])
    op.create_table(
        "posting_links",
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("same_as", sa.String(300), nullable=False),
        sa.Column("basis", sa.String(10), nullable=False),
        sa.Column("linked_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_links_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["same_as"],
            ["postings.id"],
            name=op.f("fk_posting_links_same_as_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", name=op.f("pk_posting_links")),
    )
    op.create_index("ix_posting_links_same_as", "posting_links", ["same_as"])


def downgrade() -> None:
    op.drop_table("posting_links")
    op.drop_table("posting_keys")
    # SQLite (3.35+) and PostgreSQL both drop a column in place: no table rebuild, no cascading deletes.
    op.drop_column("postings", "missed_polls")
    op.drop_column("sources", "next_poll_at")
