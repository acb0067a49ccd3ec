"""An index for the dispatcher's two hottest reads: which destinations have due rows, and one's oldest.

Every pass counts the due rows per destination, then claims the oldest few of each ready destination.
With (state, destination_key, next_attempt_at) both are read from the index alone and in order: no table
lookups, no temporary B-tree to group or sort.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_deliveries_state_destination_due", "deliveries", ["state", "destination_key", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_state_destination_due", table_name="deliveries")
