"""A PostgreSQL session advisory lock around a job: one holder per name, even when the queue errs.

procrastinate's ``lock`` keeps two jobs of one name from running at once, as long as it knows which jobs
run. A worker too starved to send its heartbeat in time looks dead, and ``retry_stalled`` gives its job
to another worker while it still runs. The advisory lock closes that gap: it belongs to a database
session, so it holds while the first worker lives and goes the moment its connection dies (a SIGKILL
closes the socket, PostgreSQL ends the session). A job that cannot take it leaves the work to its holder.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

from sqlalchemy import Engine, text

NAMESPACE = 0x6A6F  # the first key of the two-key form, so that jobbot's locks never meet other programs'


@contextlib.contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Hold the lock ``name`` for the block; yields False (and holds nothing) when another session has it.

    Names are hashed to 32 bits: two names may share a lock, which only makes one wait its turn.
    """
    with engine.connect() as conn:
        key = {"ns": NAMESPACE, "name": name}
        held = bool(conn.execute(text("SELECT pg_try_advisory_lock(:ns, hashtext(:name))"), key).scalar())
        conn.commit()  # a session lock outlives transactions; none stays open while the job runs
        try:
            yield held
        finally:
            if held:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:ns, hashtext(:name))"), key)
                    conn.commit()
                except Exception:
                    # The session is broken (and its lock gone with it), or the unlock failed: close the
                    # session rather than pool it, so that no lock outlives the job.
                    conn.invalidate()


@contextlib.asynccontextmanager
async def exclusive_async(engine: Engine, name: str) -> AsyncIterator[bool]:
    """``exclusive`` with its round trips in a thread: the event loop serves other jobs meanwhile."""
    lock = exclusive(engine, name)
    taking = asyncio.ensure_future(asyncio.to_thread(lock.__enter__))
    try:
        mine = await asyncio.shield(taking)
    except asyncio.CancelledError:
        # Cancelled while the thread takes it: release the lock once taken rather than leave it held.
        taking.add_done_callback(lambda done: _release_taken(lock, done))
        raise
    try:
        yield mine
    finally:
        await asyncio.to_thread(lock.__exit__, None, None, None)


def _release_taken(lock: contextlib.AbstractContextManager[bool], taken: asyncio.Future[bool]) -> None:
    if not taken.cancelled() and taken.exception() is None:
        lock.__exit__(None, None, None)
