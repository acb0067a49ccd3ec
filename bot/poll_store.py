"""The store side of a poll: ``bot.sources.poll.PollStore`` over the SQL store, extraction and matching.

Each posting is extracted, resolved against other sources' postings, stored, and (when announced and
new) matched into outbox rows, all in one transaction, as ``bot.ingest`` does for plain imports. A posting
that changed, reopened or closed queues an edit of each card already posted for it in the same transaction
(``bot.store.card_edits``), so no change is lost between the store and the dispatcher.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from bot.extract import extract_posting
from bot.ingest import Matcher
from bot.models import Posting
from bot.sources.base import RecordError
from bot.sources.identity import KeyHit, find_same_job, identity_keys
from bot.sources.poll import Closed, SourceState, Stored
from bot.store import card_edits, polling
from bot.store.postings import get_posting, upsert_posting
from bot.store.sources import get_source, record_poll_error, record_poll_ok

logger = logging.getLogger(__name__)


class _Keys:
    """The identity-key lookup of one open transaction."""

    def __init__(self, bind: object) -> None:
        self._bind = bind

    def postings_with_keys(self, keys: Sequence[str]) -> Sequence[KeyHit]:
        """Stored postings carrying these key digests."""
        return [KeyHit(*row) for row in polling.postings_with_keys(self._bind, keys)]  # type: ignore[arg-type]


def _same_content(stored: Posting, fetched: Posting) -> bool:
    """Whether everything extraction reads is unchanged since ``stored`` was extracted."""
    return (
        stored.title == fetched.title
        and stored.text == fetched.text
        and stored.location_text == fetched.location_text
        and stored.company == fetched.company
        and stored.hints == fetched.hints
    )


class SqlPollStore:
    """The poll's store: sources, postings, identity and outbox in the SQL database."""

    def __init__(self, engine: Engine, matcher: Matcher) -> None:
        self.engine = engine
        self.matcher = matcher

    def load_source(self, source_id: str) -> SourceState | None:
        """The source's state, or None."""
        record = get_source(self.engine, source_id)
        if record is None:
            return None
        return SourceState(
            id=record.id,
            kind=record.kind,
            url=record.url,
            settings=record.settings,
            etag=record.etag,
            last_modified=record.last_modified,
            last_ok_at=record.last_ok_at,
            failures=record.failures,
            next_poll_at=polling.next_poll_at(self.engine, source_id),
        )

    def posting_states(self, source_id: str) -> Mapping[str, str]:
        """The source's stored postings, open or closed."""
        return polling.posting_states(self.engine, source_id)

    def store_posting(self, posting: Posting, *, announce: bool, now: datetime) -> Stored:
        """Extract, dedupe across sources, store, and queue cards for a new, announced, unique posting.

        A posting the database refuses (a value it cannot hold) or that extraction trips over raises
        ``RecordError`` naming the cause, so the poll skips this one posting and stores the rest; a store
        that cannot be reached at all raises as it is, and the whole poll fails and is retried.
        """
        try:
            return self._store_posting(posting, announce=announce, now=now)
        except (OperationalError, InterfaceError, DisconnectionError, TimeoutError, ConnectionError):
            raise
        except Exception as exc:
            logger.warning("could not store a posting", exc_info=True, extra={"posting": posting.id})
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            raise RecordError(f"{type(exc).__name__}: {detail}") from exc

    def _store_posting(self, posting: Posting, *, announce: bool, now: datetime) -> Stored:
        queued = edits = 0
        with self.engine.begin() as conn:
            stored = get_posting(conn, posting.id)
            # Boards without validators resend everything on every poll: reuse the facets of an unchanged
            # posting instead of extracting it again (most of a poll's CPU time otherwise).
            if stored is not None and stored.facets is not None and _same_content(stored, posting):
                done = replace(posting, facets=stored.facets)
            else:
                done = extract_posting(posting)
            keys = identity_keys(done)
            same = find_same_job(done, _Keys(conn))
            outcome = upsert_posting(conn, done, now=now)
            polling.add_identity_keys(conn, done.id, done.source, [key.digest for key in keys])
            if same is not None:
                polling.link_posting(conn, done.id, same.posting_id, same.basis, now=now)
            # A job already known from another source was announced (or not) there: one card per job.
            if announce and outcome == "new" and same is None:
                queued = self.matcher.enqueue_matches(conn, done, now=now)
            if outcome == "updated":  # changed, or reopened: its posted cards show it as it is now
                edits = card_edits.enqueue_edits(conn, [done.id], reason="updated", now=now)
        return Stored(outcome, queued, same.posting_id if same is not None else None, edits)

    def close_unseen(
        self,
        source_id: str,
        seen_ids: set[str],
        *,
        min_missed_polls: int,
        last_seen_before: datetime,
        now: datetime,
    ) -> Closed:
        """Count a missed poll for unseen open postings; close those past the grace period, queue edits."""
        with self.engine.begin() as conn:
            closed = polling.close_unseen(
                conn,
                source_id,
                seen_ids,
                min_missed_polls=min_missed_polls,
                last_seen_before=last_seen_before,
                now=now,
            )
            edits = card_edits.enqueue_edits(conn, closed, reason="closed", now=now)
        return Closed(tuple(closed), edits)

    def record_ok(
        self, source_id: str, *, etag: str | None, last_modified: str | None, now: datetime
    ) -> None:
        """Record a successful poll and lift any hold."""
        with self.engine.begin() as conn:
            record_poll_ok(conn, source_id, etag=etag, last_modified=last_modified, now=now)
            polling.set_next_poll_at(conn, source_id, None)

    def record_error(self, source_id: str, message: str, *, next_poll_at: datetime, now: datetime) -> int:
        """Record a failed poll and hold the source until ``next_poll_at``."""
        with self.engine.begin() as conn:
            failures = record_poll_error(conn, source_id, message, now=now)
            polling.set_next_poll_at(conn, source_id, next_poll_at)
        return failures or 0
