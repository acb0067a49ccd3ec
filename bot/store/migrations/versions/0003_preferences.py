"""Per-person preferences: saved postings, hidden ("not interested") postings, muted companies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "saved_postings",
        sa.Column("owner", sa.String(330), nullable=False),
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("saved_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_saved_postings_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner", "posting_id", name=op.f("pk_saved_postings")),
    )
    op.create_table(
        "hidden_postings",
        sa.Column("owner", sa.String(330), nullable=False),
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("company_key", sa.String(200), nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("hidden_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("owner", "posting_id", name=op.f("pk_hidden_postings")),
    )
    op.create_index("ix_hidden_postings_similar", "hidden_postings", ["owner", "company_key", "title_key"])
    op.create_table(
        "muted_companies",
        sa.Column("owner", sa.String(330), nullable=False),
        sa.Column("company_key", sa.String(200), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("muted_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("owner", "company_key", name=op.f("pk_muted_companies")),
    )


def downgrade() -> None:
    op.drop_table("muted_companies")
    op.drop_index("ix_hidden_postings_similar", table_name="hidden_postings")
    op.drop_table("hidden_postings")
    op.drop_table("saved_postings")
