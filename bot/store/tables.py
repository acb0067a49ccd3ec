"""The store's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB

# Named constraints, so migrations (and SQLite batch mode) can refer to them by name on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

Json = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
"""JSON everywhere, JSONB on PostgreSQL (indexable later); Python None is SQL NULL, not JSON null."""


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone; a naive value means UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store UTC; SQLite drops the zone, so normalise first."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read back as aware UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


sources = Table(
    "sources",
    metadata,
    Column("id", String(200), primary_key=True),  # stable, e.g. "ashby:9fin"; postings ids start with it
    Column("kind", String(40), nullable=False),
    Column("url", Text, nullable=False),
    Column("name", Text, nullable=False, default=""),
    Column("owner", String(100), nullable=False, default=""),
    Column("added_at", UTCDateTime, nullable=False),
    Column("settings", Json, nullable=False),
    Column("last_polled_at", UTCDateTime),
    Column("last_ok_at", UTCDateTime),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("next_poll_at", UTCDateTime),  # not before: backoff after failures, or the server's Retry-After
    UniqueConstraint("kind", "url"),
)

postings = Table(
    "postings",
    metadata,
    Column("id", String(300), primary_key=True),
    # Not a foreign key: postings may come from an ad-hoc import with no registered source.
    Column("source_id", String(200), nullable=False, default=""),
    Column("company", Text, nullable=False, default=""),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False, default=""),
    Column("location_text", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("hints", Json, nullable=False),
    Column("raw", Json),
    Column("facets", Json),
    Column("content_hash", String(64), nullable=False),
    Column("posted_at", UTCDateTime),
    Column("closes_at", UTCDateTime),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("state", String(10), nullable=False, default="open"),  # open | closed
    # Successful polls of its source in a row that no longer listed it: closing waits for a few.
    Column("missed_polls", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_postings_source_state", "source_id", "state"),
    Index("ix_postings_first_seen", "first_seen_at"),
)

posting_keys = Table(
    "posting_keys",
    metadata,
    Column("key", String(50), primary_key=True),  # an identity key digest, e.g. "url:3f2a…"
    Column("posting_id", String(300), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", String(200), nullable=False),
    Index("ix_posting_keys_posting_id", "posting_id"),
)

posting_links = Table(
    "posting_links",
    metadata,
    # A posting that is the same job as an earlier one from another source: one job, several links.
    Column("posting_id", String(300), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("same_as", String(300), ForeignKey("postings.id", ondelete="CASCADE"), nullable=False),
    Column("basis", String(10), nullable=False),  # req | url | fuzzy
    Column("linked_at", UTCDateTime, nullable=False),
    Index("ix_posting_links_same_as", "same_as"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", String(100), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("destination_kind", String(10), nullable=False),
    Column("destination_target", String(100), nullable=False),
    Column("workspace", String(100), nullable=False, default=""),
    Column("destination_key", String(330), nullable=False),
    Column("query", Text, nullable=False),
    Column("parsed", Json),  # the query's normalized form; opaque to the store
    Column("created_at", UTCDateTime, nullable=False),
    Column("paused", Boolean, nullable=False, default=False),
    Column("delivery_mode", Json),
    Column("paused_reason", Text),  # why jobbot paused it (the destination could not receive); None otherwise
    Index("ix_subscriptions_destination_key", "destination_key"),
    Index("ix_subscriptions_owner", "owner"),
)

# Which subscriptions changed, in commit order: every index follows it (bot.store.subscription_changes).
subscription_changes = Table(
    "subscription_changes",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("subscription_id", Integer),  # no foreign key: a removal is logged after the row is gone
    # added | removed | paused | resumed | changed (delivery mode) | edited (query) | pruned
    Column("change", String(20), nullable=False),
    Column("through", BigInteger),  # on a "pruned" marker: every row up to this seq was deleted
    Column("changed_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,  # never reuse a seq, even after the newest rows are deleted
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("destination_key", String(330), nullable=False),
    Column("posting_id", String(300), ForeignKey("postings.id", ondelete="CASCADE"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="SET NULL")),
    Column("state", String(10), nullable=False, default="queued"),  # queued | sent | failed | unknown
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("message_id", String(100)),
    Column("reasons", Json),  # why the posting matched, for the card
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("error", Text),
    # Its posting changed while the card was in flight (no message to edit yet): the receipt queues an edit.
    Column("changed_in_flight", Boolean, nullable=False, default=False, server_default=false()),
    UniqueConstraint("destination_key", "posting_id"),
    Index("ix_deliveries_state_next_attempt", "state", "next_attempt_at"),
    # The dispatcher's due rows per destination, and a destination's oldest due rows (migration 0006).
    Index("ix_deliveries_state_destination_due", "state", "destination_key", "next_attempt_at"),
    Index("ix_deliveries_posting_id", "posting_id"),
    Index("ix_deliveries_subscription_id", "subscription_id"),
)

# Lifecycle edits of cards already posted: one row per message (a digest is one), coalescing changes.
card_edits = Table(
    "card_edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("destination_key", String(330), nullable=False),
    Column("message_id", String(100), nullable=False),
    # The posting whose change queued it last (a digest shows others too; the edit rebuilds it whole).
    Column("posting_id", String(300), ForeignKey("postings.id", ondelete="CASCADE"), nullable=False),
    Column("reason", String(10), nullable=False),  # closed | updated (the latest change)
    Column("state", String(10), nullable=False, default="queued"),  # queued | editing | done | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("changes", Integer, nullable=False, default=1),  # changes folded in; see bot.store.card_edits
    Column("next_attempt_at", UTCDateTime, nullable=False),  # due, or the lease's end while editing
    Column("created_at", UTCDateTime, nullable=False),
    Column("error", Text),
    UniqueConstraint("destination_key", "message_id"),
    Index("ix_card_edits_state_next_attempt", "state", "next_attempt_at"),
    Index("ix_card_edits_posting_id", "posting_id"),
)

# Owner notices (a destination paused, a source failing or recovered): the outbox of jobbot's own DMs to
# owners, queued with the state change that causes them (``bot.store.notices``).
notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("destination_key", String(330), nullable=False),  # the owner's DM
    Column("about", String(400), nullable=False),  # what it is about: "destination:KEY" or "source:ID"
    Column("text", Text, nullable=False),  # the words, as bot.views.notices wrote them
    Column("state", String(10), nullable=False, default="queued"),  # queued | sending | sent | failed
    # Claimed while in flight (its sender died, or the answer was lost): ask the platform before resending.
    Column("in_doubt", Boolean, nullable=False, default=False, server_default=false()),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),  # due, or the lease's end while sending
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("message_id", String(100)),
    Column("error", Text),
    Index("ix_notices_state_next_attempt", "state", "next_attempt_at"),
    Index("ix_notices_destination_key", "destination_key"),
)

# Per-person preferences. ``owner`` is an owner key, "platform:workspace:user" (see bot.store.preferences).
saved_postings = Table(
    "saved_postings",
    metadata,
    Column("owner", String(330), primary_key=True),
    Column("posting_id", String(300), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("saved_at", UTCDateTime, nullable=False),
)

hidden_postings = Table(
    "hidden_postings",
    metadata,
    Column("owner", String(330), primary_key=True),
    # Not a foreign key: "hide similar" must outlive the posting it was asked on.
    Column("posting_id", String(300), primary_key=True),
    Column("company_key", String(200), nullable=False),  # bot.query.company_key, "" when unknown
    Column("title_key", String(300), nullable=False),  # the normalized title
    Column("hidden_at", UTCDateTime, nullable=False),
    Index("ix_hidden_postings_similar", "owner", "company_key", "title_key"),
)

muted_companies = Table(
    "muted_companies",
    metadata,
    Column("owner", String(330), primary_key=True),
    Column("company_key", String(200), primary_key=True),
    Column("company", Text, nullable=False),  # as the person saw it, for listing
    Column("muted_at", UTCDateTime, nullable=False),
)

# Apps installed into workspaces ("Add to Slack"): one row per installing user, and one with user_id "" for
# the workspace's bot. ``secrets`` holds the tokens, encrypted by the caller before they reach the store.
installations = Table(
    "installations",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("app", String(100), primary_key=True),  # the app's client id: one database may serve several apps
    Column("enterprise", String(100), primary_key=True),  # "" outside an Enterprise Grid org
    Column("workspace", String(100), primary_key=True),  # the team id; "" for an org-wide install
    Column("user_id", String(100), primary_key=True),  # the installing user, "" for the bot's row
    Column("installed_at", UTCDateTime, nullable=False),
    Column("details", Json, nullable=False),  # what the platform said about the install, never a secret
    Column("secrets", Text, nullable=False),  # encrypted (Fernet) JSON of the tokens
    Index("ix_installations_workspace", "platform", "workspace"),
)

# The OAuth ``state`` values handed out by an install link, each good for one redirect until it expires.
oauth_states = Table(
    "oauth_states",
    metadata,
    Column("state", String(100), primary_key=True),
    Column("expires_at", UTCDateTime, nullable=False),
)

# Rate limits shared by worker processes (GCRA: a key's theoretical arrival time, epoch seconds), and the
# pacing a deliver job hands on to the next job of its group (``bot.store.rate_limits``).
rate_limits = Table(
    "rate_limits",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("tat", Double, nullable=False),
)
