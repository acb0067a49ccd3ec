"""A PostgreSQL session advisory lock around a job: one holder per name, even when the queue errs.

procrastinate's ``lock`` keeps two jobs of one name from running at once, as long as it knows which jobs
run. A worker too starved to send its heartbeat in time looks dead, and ``retry_stalled`` gives its job
to another worker while it still runs. The advisory lock closes that gap: it belongs to a database
session, so it holds while the first worker lives and goes the moment its connection dies (a SIGKILL
closes the socket, PostgreSQL ends the session). A job that cannot take it leaves the work to its holder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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
