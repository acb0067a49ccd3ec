"""App installations with their tokens encrypted, and OAuth states: many Slack workspaces via "Add to Slack".

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "installations",
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("app", sa.String(100), nullable=False),
        sa.Column("enterprise", sa.String(100), nullable=False),
        sa.Column("workspace", sa.String(100), nullable=False),
        sa.Column("user_id", sa.String(100), nullable=False),
        sa.Column("installed_at", TIMESTAMP, nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column("secrets", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "platform", "app", "enterprise", "workspace", "user_id", name=op.f("pk_installations")
        ),
    )
    op.create_index("ix_installations_workspace", "installations", ["platform", "workspace"])
    op.create_table(
        "oauth_states",
        sa.Column("state", sa.String(100), nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_oauth_states")),
    )


def downgrade() -> None:
    op.drop_table("oauth_states")
    op.drop_index("ix_installations_workspace", table_name="installations")
    op.drop_table("installations")
