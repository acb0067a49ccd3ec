"""What both SIGKILL crash tests share: the workload, the changes made while it runs, and the final check.

The workload is a fan-out of cards to instant subscriptions plus digest destinations (hourly digests whose
time comes, one destination after another, while the kills go on). While a dispatcher runs, postings close
or change as a poll would record it (``change_postings``), so cards already posted, in flight or in doubt
need edits. At the end every message jobbot recorded must be on the platform showing exactly its rows'
postings as they are now, and the platform must hold no other jobbot message (``expected_messages``).

Owner notices ride along (``queue_notice_workload``, ``change_sources``): each is queued by the real state
change that causes it (a destination paused, a source turning unhealthy or healthy again) before a child
or while one runs, so kills fall between those commits and the sends; every notice must end posted once.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import random
import signal
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Collection, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from bot.delivery.outbox import DIGEST_NOTE, idempotency_key, notice_key
from bot.ingest import Matcher
from bot.models import Destination, Posting
from bot.poll_store import SqlPollStore
from bot.store.card_edits import enqueue_edits
from bot.store.deliveries import enqueue_delivery
from bot.store.notices import list_notices
from bot.store.outbox import StoreOutbox
from bot.store.postings import mark_closed, upsert_posting
from bot.store.preferences import owner_key
from bot.store.sources import add_source, get_source
from bot.store.subscriptions import add_subscription
from bot.store.tables import card_edits, deliveries, notices, postings
from bot.views.notices import destination_paused

PR_SET_PDEATHSIG = 1
HOURLY = {"kind": "hourly", "at": "00:00"}  # long due for rows queued two hours ago
URL = "https://x.example/{n}"
Shown = dict[str, tuple[str, bool]]  # posting id -> (title, closed) as one message shows it


class Child:
    """A dispatcher process forked from the test; ``subprocess.Popen``'s calls the crash tests use."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code once it ended, else None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for it to end; its exit code."""
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"dispatcher child {self.pid} still running after {timeout} s")
            time.sleep(0.01)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, sig: int) -> None:
        """Signal it, unless it ended."""
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        """SIGKILL it."""
        self.send_signal(signal.SIGKILL)


@contextmanager
def children(main: Callable[..., Coroutine[Any, Any, None]]) -> Iterator[Callable[..., Child]]:
    """Start dispatcher children running ``main(*args)``; any left running on the way out is killed.

    Each child is forked from the test, which has imported everything already: a start takes
    milliseconds instead of the seconds a new interpreter spends importing, so the kills, not the
    imports, fill the test's time. A child builds its own engine, loop and clients, ends with
    ``os._exit`` (nothing of the test's runs in it), and dies with the test process.
    """
    started: list[Child] = []

    def start(*args: str) -> Child:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child
            code = 1
            try:
                _die_with_parent()
                asyncio.run(main(*args))
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        started.append(Child(pid))
        return started[-1]

    try:
        yield start
    finally:
        for child in started:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def posting(n: int, version: int = 0) -> Posting:
    """The workload's posting ``n``; a new ``version`` changes its title (and so its cards)."""
    title = f"Job {n}" if version == 0 else f"Job {n} (v{version})"
    return Posting(id=f"test:crash:{n}", title=title, company="Acme", url=URL.format(n=n))


def queue_workload(
    engine: Engine,
    targets: Sequence[Destination],
    digests: Sequence[Destination],
    *,
    owner: str,
    postings: int,
    per_posting: int,
    digest_rows: int,
    digest_every: float,
) -> dict[int, str]:
    """Queue the fan-out and the digests; returns each row's id and destination key.

    Each of ``postings`` postings goes to ``per_posting`` of ``targets`` (round-robin, instant); each of
    ``digests`` gets ``digest_rows`` of them as an hourly digest, due ``digest_every`` seconds after the
    previous one (the first one that long from now).
    """
    now = datetime.now(UTC)
    rows: dict[int, str] = {}
    subs = {d.key: add_subscription(engine, owner=owner, destination=d, query="Paris").id for d in targets}
    digest_subs = [
        add_subscription(engine, owner=owner, destination=d, query="Paris", delivery_mode=HOURLY).id
        for d in digests
    ]
    with engine.begin() as conn:
        for n in range(postings):
            upsert_posting(conn, posting(n), now=now - timedelta(hours=2))
        for n in range(postings):
            for k in range(per_posting):
                destination = targets[(n * per_posting + k) % len(targets)]
                rows[_queue(conn, destination, n, subs[destination.key], now=now)] = destination.key
        for index, (destination, sub) in enumerate(zip(digests, digest_subs, strict=True)):
            due = now + timedelta(seconds=digest_every * (index + 1))
            for k in range(digest_rows):
                n = (index * digest_rows + k) % postings
                row_id = _queue(conn, destination, n, sub, now=now - timedelta(hours=2), due=due)
                rows[row_id] = destination.key
    return rows


def _queue(
    conn: Connection,
    destination: Destination,
    n: int,
    sub: int,
    *,
    now: datetime,
    due: datetime | None = None,
) -> int:
    row_id = enqueue_delivery(
        conn,
        destination=destination,
        posting_id=posting(n).id,
        subscription_id=sub,
        now=now,
        not_before=due,
    )
    assert row_id is not None
    return row_id


def change_postings(engine: Engine, rng: random.Random, count: int, *, pool: int) -> list[str]:
    """Close or retitle ``count`` random postings and queue their edits, as a poll records a change."""
    changed = []
    for n in rng.sample(range(pool), count):
        now = datetime.now(UTC)
        with engine.begin() as conn:
            state = conn.execute(select(postings.c.state).where(postings.c.id == posting(n).id)).scalar()
            if state == "open" and rng.random() < 0.5:
                mark_closed(conn, [posting(n).id], now=now)
                enqueue_edits(conn, [posting(n).id], reason="closed", now=now)
            else:  # retitled (a closed posting listed again reopens)
                upsert_posting(conn, posting(n, rng.randrange(1, 1000)), now=now)
                enqueue_edits(conn, [posting(n).id], reason="updated", now=now)
        changed.append(posting(n).id)
    return changed


def queue_notice_workload(engine: Engine, owners: Sequence[Destination], gone: Destination) -> list[str]:
    """Changes that tell owners, committed as jobbot commits them; returns the sources for ``change_sources``.

    Each owner subscribed ``gone``, which is then paused as the dispatcher pauses a destination that cannot
    receive (one notice per owner, in the pause's transaction), and owns two sources that turn unhealthy
    (one notice each, in the transaction of the failed poll's record).
    """
    for owner in owners:
        add_subscription(engine, owner=owner.target, destination=gone, query="Paris")
    text = destination_paused(gone, "channel_not_found")
    StoreOutbox(engine).pause_destination(gone.key, "gone", notice=text, now=datetime.now(UTC))
    source_ids = []
    for n, owner in enumerate(owner for owner in owners for _ in range(2)):
        source_id = f"feed:crash-{n}"
        key = owner_key(owner.platform, owner.workspace, owner.target)
        add_source(engine, id=source_id, kind="feed", url=URL.format(n=f"feed-{n}"), owner=key)
        source_ids.append(source_id)
    change_sources(engine, random.Random(0), len(source_ids), source_ids)
    return source_ids


def change_sources(engine: Engine, rng: random.Random, count: int, source_ids: Sequence[str]) -> None:
    """Turn ``count`` of these sources unhealthy, or healthy again, as a poll records it: one notice each."""
    store = SqlPollStore(engine, Matcher.from_subscriptions(()), unhealthy_after=1)
    now = datetime.now(UTC)
    for source_id in rng.sample(list(source_ids), count):
        record = get_source(engine, source_id)
        assert record is not None
        if record.failures:
            store.record_ok(source_id, etag=None, last_modified=None, now=now)
        else:
            store.record_error(source_id, "HTTP 503 from the board", next_poll_at=now, now=now)


def notice_keys(engine: Engine) -> dict[str, str]:
    """Every owner notice queued, by its key: its state."""
    return {notice_key(notice.id): notice.state for notice in list_notices(engine)}


def notices_in_doubt(engine: Engine, posted_keys: Collection[str]) -> set[str]:
    """Notices a kill left in flight that the platform in fact has."""
    return {key for key, state in notice_keys(engine).items() if state == "sending" and key in posted_keys}


def drained(engine: Engine) -> bool:
    """No card queued or in flight, no edit queued or under way, and no owner notice left to send."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(deliveries.c.id).where(deliveries.c.state.in_(("queued", "unknown"))).limit(1)
        ).first()
        edits = conn.execute(
            select(card_edits.c.id).where(card_edits.c.state.in_(("queued", "editing"))).limit(1)
        ).first()
        told = conn.execute(select(notices.c.id).where(notices.c.state.in_(("queued", "sending"))).limit(1))
    return rows is None and edits is None and told.first() is None


def in_doubt(engine: Engine, posted_keys: Collection[str]) -> set[int]:
    """Rows a kill left in flight whose message (a card or a digest) the platform in fact has."""
    with engine.connect() as conn:
        in_flight = conn.execute(deliveries.select().where(deliveries.c.state == "unknown")).fetchall()
    return {row.id for row in in_flight if _sent_as(row.id, row.error or "") in posted_keys}


def _sent_as(row_id: int, note: str) -> str:
    """The key a row in flight was sent under: its digest's (in its note), else its own card's."""
    return note.removeprefix(DIGEST_NOTE) if note.startswith(DIGEST_NOTE) else idempotency_key(row_id)


def expected_messages(engine: Engine) -> dict[tuple[str, str], Shown]:
    """Every message the outbox recorded, by (destination key, message id): its postings as they are now."""
    query = (
        select(
            deliveries.c.destination_key,
            deliveries.c.message_id,
            postings.c.id,
            postings.c.title,
            postings.c.state,
        )
        .join(postings, postings.c.id == deliveries.c.posting_id)
        .where(deliveries.c.state == "sent")
    )
    messages: dict[tuple[str, str], Shown] = defaultdict(dict)
    with engine.connect() as conn:
        for key, message_id, posting_id, title, state in conn.execute(query):
            messages[(key, message_id)][posting_id] = (title, state == "closed")
    return dict(messages)


def edit_states(engine: Engine) -> dict[str, int]:
    """How many card edits are in each state."""
    with engine.connect() as conn:
        states = [state for (state,) in conn.execute(select(card_edits.c.state))]
    return {state: states.count(state) for state in set(states)}


def posting_id_of(url: str) -> str | None:
    """The workload posting a card's link points at."""
    prefix = URL.format(n="")
    return f"test:crash:{url.removeprefix(prefix)}" if url.startswith(prefix) else None
