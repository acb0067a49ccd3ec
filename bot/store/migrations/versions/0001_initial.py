"""Create the store's tables: sources, postings, subscriptions, deliveries.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the types in bot.store.tables: a migration must not change when the code does.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("added_at", TIMESTAMP, nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("last_polled_at", TIMESTAMP, nullable=True),
        sa.Column("last_ok_at", TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("kind", "url", name=op.f("uq_sources_kind_url")),
    )
    op.create_table(
        "postings",
        sa.Column("id", sa.String(300), nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("location_text", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("hints", JSON, nullable=False),
        sa.Column("raw", JSON, nullable=True),
        sa.Column("facets", JSON, nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("posted_at", TIMESTAMP, nullable=True),
        sa.Column("closes_at", TIMESTAMP, nullable=True),
        sa.Column("first_seen_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
    )
    op.create_index("ix_postings_first_seen", "postings", ["first_seen_at"])
    op.create_index("ix_postings_source_state", "postings", ["source_id", "state"])
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("destination_kind", sa.String(10), nullable=False),
        sa.Column("destination_target", sa.String(100), nullable=False),
        sa.Column("workspace", sa.String(100), nullable=False),
        sa.Column("destination_key", sa.String(330), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("parsed", JSON, nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("delivery_mode", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
    )
    op.create_index("ix_subscriptions_destination_key", "subscriptions", ["destination_key"])
    op.create_index("ix_subscriptions_owner", "subscriptions", ["owner"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("destination_key", sa.String(330), nullable=False),
        sa.Column("posting_id", sa.String(300), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("message_id", sa.String(100), nullable=True),
        sa.Column("reasons", JSON, nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_deliveries_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name=op.f("fk_deliveries_subscription_id_subscriptions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint(
            "destination_key", "posting_id", name=op.f("uq_deliveries_destination_key_posting_id")
        ),
    )
    op.create_index("ix_deliveries_posting_id", "deliveries", ["posting_id"])
    op.create_index("ix_deliveries_state_next_attempt", "deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_deliveries_subscription_id", "deliveries", ["subscription_id"])


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("subscriptions")
    op.drop_table("postings")
    op.drop_table("sources")
