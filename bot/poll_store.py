"""The store side of a poll: ``bot.sources.poll.PollStore`` over the SQL store, extraction and matching.

Each posting is extracted, resolved against other sources' postings, stored, and (when announced and
new) matched into outbox rows in the same transaction, as ``bot.ingest`` does for plain imports; a
listing's postings share one transaction and a few statements (one round trip per posting and statement
was most of a poll's time on PostgreSQL). A posting that changed, reopened or closed queues an edit of
each card already posted for it in the same transaction (``bot.store.card_edits``), so no change is lost
between the store and the dispatcher. Likewise a source's health: the poll that makes it unhealthy (its
``unhealthy_after``-th failure in a row), or healthy again, queues the owner's notice with the change
(``bot.store.notices``), for the dispatcher to send.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from bot.extract import extract_posting
from bot.ingest import Matcher
from bot.models import Posting
from bot.sources.base import RecordError
from bot.sources.identity import KeyHit, find_same_job, identity_keys
from bot.sources.poll import Closed, PollPolicy, SourceState, Stored
from bot.store import card_edits, polling
from bot.store.notices import queue_source_notice
from bot.store.postings import StoredVersion, stored_versions, upsert_posting, upsert_postings
from bot.store.sources import get_source, record_poll_error, record_poll_ok
from bot.views import notices

logger = logging.getLogger(__name__)

# The database cannot be reached: the whole poll fails (and is retried), nothing is refused.
_UNREACHABLE = (OperationalError, InterfaceError, DisconnectionError, TimeoutError, ConnectionError)


class _Keys:
    """The identity-key lookup of one open transaction."""

    def __init__(self, bind: object) -> None:
        self._bind = bind

    def postings_with_keys(self, keys: Sequence[str]) -> Sequence[KeyHit]:
        """Stored postings carrying these key digests."""
        return [KeyHit(*row) for row in polling.postings_with_keys(self._bind, keys)]  # type: ignore[arg-type]


class _ReadKeys:
    """The identity keys of a whole listing, read in one query: each posting's lookup is then a filter."""

    def __init__(self, hits: Sequence[KeyHit]) -> None:
        self._hits: dict[str, list[KeyHit]] = {}
        for hit in hits:
            self._hits.setdefault(hit.key, []).append(hit)

    def postings_with_keys(self, keys: Sequence[str]) -> Sequence[KeyHit]:
        """Stored postings carrying these key digests (among those read)."""
        return [hit for key in dict.fromkeys(keys) for hit in self._hits.get(key, ())]


def _same_content(stored: Posting, fetched: Posting) -> bool:
    """Whether everything extraction reads is unchanged since ``stored`` was extracted."""
    return (
        stored.title == fetched.title
        and stored.text == fetched.text
        and stored.location_text == fetched.location_text
        and stored.company == fetched.company
        and stored.hints == fetched.hints
    )


def _extracted(posting: Posting, stored: StoredVersion | None) -> Posting:
    """``posting`` with its facets: extracted, or those of its stored version when nothing they read changed.

    Boards without validators resend everything on every poll: reusing the facets of an unchanged posting
    saves extracting it again (most of a poll's CPU time otherwise).
    """
    if stored is not None and stored.posting.facets is not None and _same_content(stored.posting, posting):
        return replace(posting, facets=stored.posting.facets)
    return extract_posting(posting)


class SqlPollStore:
    """The poll's store: sources, postings, identity and outbox in the SQL database."""

    def __init__(
        self, engine: Engine, matcher: Matcher, *, unhealthy_after: int = PollPolicy().unhealthy_after
    ) -> None:
        self.engine = engine
        self.matcher = matcher
        self.unhealthy_after = unhealthy_after  # failures in a row that make a source unhealthy (PollPolicy)

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
            next_poll_at=record.next_poll_at,
        )

    def store_postings(
        self, postings: Sequence[Posting], *, announce: bool, now: datetime
    ) -> list[Stored | RecordError]:
        """Store a listing's postings in one transaction, each as ``store_posting`` would.

        A posting that spoils the transaction (a value the database refuses) sends the listing through
        ``store_posting`` one by one instead, so that the others are still stored and it alone is refused.
        """
        try:
            with self.engine.begin() as conn:
                return self._store_together(conn, postings, announce=announce, now=now)
        except _UNREACHABLE:
            raise
        except Exception as exc:
            note = {"error": type(exc).__name__, "postings": len(postings)}
            logger.info(
                "a listing could not be stored in one transaction: storing its postings one by one",
                extra=note,
            )
        outcomes: list[Stored | RecordError] = []
        for posting in postings:
            try:
                outcomes.append(self.store_posting(posting, announce=announce, now=now))
            except RecordError as exc:
                outcomes.append(exc)
        return outcomes

    def _store_together(
        self, conn: Connection, batch: Sequence[Posting], *, announce: bool, now: datetime
    ) -> list[Stored]:
        known = stored_versions(conn, [posting.id for posting in batch])
        done = [_extracted(posting, known.get(posting.id)) for posting in batch]
        keys = {posting.id: identity_keys(posting) for posting in done}
        digests = list(dict.fromkeys(key.digest for found in keys.values() for key in found))
        index = _ReadKeys(_Keys(conn).postings_with_keys(digests) if digests else [])
        same = {posting.id: find_same_job(posting, index, keys[posting.id]) for posting in done}
        outcomes = upsert_postings(conn, done, now=now, known=known)
        polling.add_many_identity_keys(
            conn, [(p.id, p.source, [key.digest for key in keys[p.id]]) for p in done]
        )
        links = [(p.id, twin.posting_id, twin.basis) for p in done if (twin := same[p.id]) is not None]
        polling.link_postings(conn, links, now=now)
        stored: list[Stored] = []
        for posting, outcome in zip(done, outcomes, strict=True):
            twin = same[posting.id]
            queued = edits = 0
            if announce and outcome == "new" and twin is None:
                queued = self.matcher.enqueue_matches(conn, posting, now=now)
            if outcome == "updated":
                edits = card_edits.enqueue_edits(conn, [posting.id], reason="updated", now=now)
            reopened = outcome == "updated" and known[posting.id].state == "closed"
            stored.append(
                Stored(outcome, queued, twin.posting_id if twin is not None else None, edits, reopened)
            )
        return stored

    def store_posting(self, posting: Posting, *, announce: bool, now: datetime) -> Stored:
        """Extract, dedupe across sources, store, and queue cards for a new, announced, unique posting.

        A posting the database refuses (a value it cannot hold) or that extraction trips over raises
        ``RecordError`` naming the cause, so the poll skips this one posting and stores the rest; a store
        that cannot be reached at all raises as it is, and the whole poll fails and is retried.
        """
        try:
            return self._store_posting(posting, announce=announce, now=now)
        except _UNREACHABLE:
            raise
        except Exception as exc:
            logger.warning("could not store a posting", exc_info=True, extra={"posting": posting.id})
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            raise RecordError(f"{type(exc).__name__}: {detail}") from exc

    def _store_posting(self, posting: Posting, *, announce: bool, now: datetime) -> Stored:
        queued = edits = 0
        with self.engine.begin() as conn:
            known = stored_versions(conn, [posting.id]).get(posting.id)
            done = _extracted(posting, known)
            keys = identity_keys(done)
            same = find_same_job(done, _Keys(conn), keys)
            outcome = upsert_posting(conn, done, now=now)
            polling.add_identity_keys(conn, done.id, done.source, [key.digest for key in keys])
            if same is not None:
                polling.link_posting(conn, done.id, same.posting_id, same.basis, now=now)
            # A job already known from another source was announced (or not) there: one card per job.
            if announce and outcome == "new" and same is None:
                queued = self.matcher.enqueue_matches(conn, done, now=now)
            if outcome == "updated":  # changed, or reopened: its posted cards show it as it is now
                edits = card_edits.enqueue_edits(conn, [done.id], reason="updated", now=now)
        reopened = outcome == "updated" and known is not None and known.state == "closed"
        return Stored(outcome, queued, same.posting_id if same is not None else None, edits, reopened)

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
        """Record a successful poll and lift any hold; a source that was unhealthy tells its owner."""
        with self.engine.begin() as conn:
            before = get_source(conn, source_id)
            record_poll_ok(conn, source_id, etag=etag, last_modified=last_modified, now=now)
            if before is not None and before.failures >= self.unhealthy_after:
                self._tell_owner(conn, source_id, notices.source_recovered(source_id), now=now)

    def record_error(self, source_id: str, message: str, *, next_poll_at: datetime, now: datetime) -> int:
        """Record a failed poll, hold the source until ``next_poll_at``; tell the owner if now unhealthy."""
        with self.engine.begin() as conn:
            failures = record_poll_error(conn, source_id, message, now=now)
            polling.set_next_poll_at(conn, source_id, next_poll_at)
            if failures == self.unhealthy_after:
                text = notices.source_failing(source_id, failures, message)
                self._tell_owner(conn, source_id, text, now=now)
        return failures or 0

    @staticmethod
    def _tell_owner(conn: Connection, source_id: str, text: str, *, now: datetime) -> None:
        """Queue ``text`` to the source's owner in this transaction; with no owner to tell, log it."""
        if queue_source_notice(conn, source_id, text=text, now=now) is None:
            # Added from the command line: the log is where its operator looks.
            logger.warning("source health changed", extra={"source": source_id, "notice": text})
