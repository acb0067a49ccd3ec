"""procrastinate's real job tables in a test schema, and jobs put in them as a deferring process would."""

from __future__ import annotations

from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text

_INSERT = "INSERT INTO procrastinate_jobs (queue_name, task_name, args) VALUES (:q, :t, '{}') RETURNING id"
_AGE = "UPDATE procrastinate_events SET at = now() - make_interval(secs => :age) WHERE job_id = :id"
_STATUS = "UPDATE procrastinate_jobs SET status = CAST(:s AS procrastinate_job_status) WHERE id = :id"


def apply_procrastinate_schema(engine: Engine) -> None:
    """Create procrastinate's tables, types and triggers (its own schema.sql) in the engine's schema."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute(SchemaManager.get_schema())  # type: ignore[union-attr]
        raw.commit()
    finally:
        raw.close()


def add_job(engine: Engine, queue: str, task: str, *, status: str = "todo", age_seconds: float = 0.0) -> int:
    """Insert one job (procrastinate's trigger writes its "deferred" event), deferred ``age_seconds`` ago."""
    with engine.begin() as conn:
        job_id = conn.execute(text(_INSERT), {"q": queue, "t": task}).scalar_one()
        conn.execute(text(_AGE), {"age": age_seconds, "id": job_id})
        if status != "todo":
            conn.execute(text(_STATUS), {"s": status, "id": job_id})
    return job_id
