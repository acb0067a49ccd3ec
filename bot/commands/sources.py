"""`sources add|list|remove|test`: the job boards jobbot polls (workspace admins only).

The work is ``bot.sources.admin`` (shared with `jobbot sources …`): every URL passes the SSRF guard before
it is stored or fetched, and `test` fetches once through the safe fetcher, storing nothing.
"""

from __future__ import annotations

import logging

from bot.commands.context import Context
from bot.commands.model import SourcesAdd, SourcesList, SourcesRemove, SourcesTest
from bot.commands.text import code, plural
from bot.commands.values import Caller, Reply, SourceItem
from bot.source_registry import SqlSourceRegistry
from bot.sources import admin
from bot.sources.admin import SourceAdminError, SourceInfo, UnknownSourceError
from bot.sources.errors import shown_url
from bot.store.preferences import owner_key
from bot.store.sources import SourceRecord, list_sources

logger = logging.getLogger(__name__)

ADMIN_REFUSAL = (
    "Only workspace admins can manage sources. Ask one to run this, or see `/jobs status` for their health."
)


def source_item(record: SourceRecord | SourceInfo) -> SourceItem:
    """A source as a list shows it."""
    return SourceItem(
        id=record.id,
        kind=record.kind,
        url=shown_url(record.url),  # the full URL (it may hold a key) stays in the store
        name=record.name,
        failures=record.failures,
        last_ok_at=record.last_ok_at,
        last_error=record.last_error,
    )


def _refused(error: SourceAdminError, target: str) -> Reply:
    if isinstance(error, UnknownSourceError):
        return Reply(f"There is no source {code(target)}; `/jobs sources list` shows their IDs.", ok=False)
    message = str(error)
    return Reply(message[:1].upper() + message[1:] + ".", ok=False)


async def add(ctx: Context, caller: Caller, cmd: SourcesAdd) -> Reply:
    """Register a source to poll, after fetching it once (unless ``cmd.check`` is off).

    The check catches a mistyped board or a wrong ``--kind`` while the admin is still looking, instead of
    a "failing" health line an hour later; ``--no-check`` is for a source not reachable yet.
    """
    if not caller.is_admin:
        return Reply(ADMIN_REFUSAL, ok=False)
    registry = SqlSourceRegistry(ctx.engine)
    listed = None
    if cmd.check:
        try:
            check = await admin.check_source(
                registry, cmd.url, policy=ctx.fetch_policy, now=ctx.clock(), kind=cmd.kind
            )
        except SourceAdminError as exc:
            return _refused(exc, cmd.url)
        if not check.ok:
            return Reply(
                f"{code(shown_url(check.url))} does not work: {check.error}. Nothing was added: fix the URL "
                "or the `--kind`, or add it anyway with `--no-check` (for a source not reachable yet).",
                ok=False,
            )
        listed = f"{plural(check.postings, 'posting')}{'' if check.complete else ' on its first pages'}"
    try:
        info = admin.add_source_from_url(
            registry,
            cmd.url,
            now=ctx.clock(),
            kind=cmd.kind,
            owner=owner_key(caller.platform, caller.workspace, caller.user_id),
            allow_private=ctx.fetch_policy.allow_private,
        )
    except SourceAdminError as exc:
        return _refused(exc, cmd.url)
    logger.info("source added", extra={"source": info.id, "kind": info.kind})
    now = f" It lists {listed} right now." if listed is not None else ""
    then = "" if listed is not None else f" Check it with `/jobs sources test {info.id}`."
    return Reply(
        f"Added source {code(info.id)} ({info.kind}, {code(shown_url(info.url))}).{now} It is polled every "
        f"{plural(ctx.poll_interval_minutes, 'minute')}; the first poll only records what is listed, so "
        f"cards start with postings added after it.{then}"
    )


def list_all(ctx: Context, caller: Caller, cmd: SourcesList) -> Reply:
    """Every registered source and its health."""
    if not caller.is_admin:
        return Reply(ADMIN_REFUSAL, ok=False)
    records = list_sources(ctx.engine)  # health only: no need for the registry's poll holds
    if not records:
        return Reply("No sources yet. Add one with `/jobs sources add URL`.")
    return Reply(f"{plural(len(records), 'source')}:", items=tuple(source_item(r) for r in records))


def remove(ctx: Context, caller: Caller, cmd: SourcesRemove) -> Reply:
    """Stop polling a source (its postings stay)."""
    if not caller.is_admin:
        return Reply(ADMIN_REFUSAL, ok=False)
    try:
        admin.remove_source(SqlSourceRegistry(ctx.engine), cmd.source_id)
    except SourceAdminError as exc:
        return _refused(exc, cmd.source_id)
    logger.info("source removed", extra={"source": cmd.source_id})
    return Reply(
        f"Removed source {code(cmd.source_id)}; its postings already stored stay searchable until they close."
    )


async def test(ctx: Context, caller: Caller, cmd: SourcesTest) -> Reply:
    """Fetch a source (by id or URL) once and say what it lists; nothing is stored."""
    if not caller.is_admin:
        return Reply(ADMIN_REFUSAL, ok=False)
    try:
        check = await admin.check_source(
            SqlSourceRegistry(ctx.engine), cmd.target, policy=ctx.fetch_policy, now=ctx.clock(), kind=cmd.kind
        )
    except SourceAdminError as exc:
        return _refused(exc, cmd.target)
    if not check.ok:
        return Reply(f"{code(check.source_id)} does not work: {check.error}", ok=False)
    more = "" if check.complete else f" in the first {plural(admin.TEST_PAGES, 'page')} (there are more)"
    left_out = f", {check.skipped} left out (placeholders, inactive or unreadable)" if check.skipped else ""
    lines = [f"{code(check.source_id)} works: {plural(check.postings, 'posting')} read{more}{left_out}."]
    if not check.postings:
        lines.append("It lists nothing right now; if that is wrong, check the URL or the `--kind`.")
    lines += [f"• {code(title, 120)}" for title in check.titles]
    return Reply("\n".join(lines))
