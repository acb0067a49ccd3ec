"""The SQL side of managing sources: ``bot.sources.admin.SourceRegistry`` over the store's sources table.

It lives outside both adapters because sources may not import the store (as ``bot.poll_store``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.sources.admin import DuplicateSourceError, NewSource, SourceInfo
from bot.store import polling
from bot.store.sources import (
    SourceExistsError,
    SourceRecord,
    add_source,
    get_source,
    list_sources,
    remove_source,
)
from bot.store.tables import sources


class SqlSourceRegistry:
    """The registered sources in the SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def register(self, source: NewSource, *, now: datetime) -> SourceInfo:
        """Store a new source; DuplicateSourceError when it is already registered."""
        try:
            record = add_source(
                self.engine,
                id=source.id,
                kind=source.kind,
                url=source.url,
                name=source.name,
                owner=source.owner,
                settings=dict(source.settings),
                now=now,
            )
        except SourceExistsError as exc:
            raise DuplicateSourceError(f"not added: {exc}; remove it first to add it again") from None
        return _info(record, None)

    def get(self, source_id: str) -> SourceInfo | None:
        """The source with this id, or None."""
        record = get_source(self.engine, source_id)
        return None if record is None else _info(record, polling.next_poll_at(self.engine, source_id))

    def all(self) -> list[SourceInfo]:
        """Every source, by id, with when each may next be polled."""
        with self.engine.connect() as conn:
            holds = {
                row.id: row.next_poll_at for row in conn.execute(select(sources.c.id, sources.c.next_poll_at))
            }
        return [_info(record, holds.get(record.id)) for record in list_sources(self.engine)]

    def remove(self, source_id: str) -> bool:
        """Forget the source; its postings stay."""
        return remove_source(self.engine, source_id)


def _info(record: SourceRecord, next_poll_at: datetime | None) -> SourceInfo:
    return SourceInfo(
        id=record.id,
        kind=record.kind,
        url=record.url,
        name=record.name,
        owner=record.owner,
        settings=record.settings,
        added_at=record.added_at,
        last_polled_at=record.last_polled_at,
        last_ok_at=record.last_ok_at,
        last_error=record.last_error,
        failures=record.failures,
        next_poll_at=next_poll_at,
    )
