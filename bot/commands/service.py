"""The command service behind `/jobs`: one neutral entry point that Slack and Discord both call.

``run(caller, text)`` reads the text after the command name and answers with a ``Reply``; the typed
methods serve buttons, App Home and modals. Nothing here raises into a platform adapter: bad input gets a
reply saying what to type instead, and an unexpected failure is logged and answered with an apology.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.engine import Engine

from bot.commands import parse as grammar
from bot.commands import personal, sources, status, subscriptions
from bot.commands.context import Clock, Context
from bot.commands.help import help_text, usage
from bot.commands.search import PAGE_SIZE, is_broad, preview, search_page
from bot.commands.subscriptions import parse_query, preview_warnings
from bot.commands.text import code, plural
from bot.commands.values import Caller, HomeView, Reply
from bot.ingest import Matcher
from bot.query import explain
from bot.settings import Settings
from bot.sources.fetch import FetchPolicy
from bot.store.sql import utcnow

logger = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side and I could not do that. Please try again in a minute."
T = TypeVar("T")


class CommandService:
    """Runs `/jobs` commands against the store and the live matcher."""

    def __init__(
        self,
        engine: Engine,
        matcher: Matcher,
        *,
        clock: Clock = utcnow,
        settings: Settings | None = None,
        channel_subscriptions_need_admin: bool = True,
        fetch_policy: FetchPolicy | None = None,
    ) -> None:
        """Work on ``engine`` and keep ``matcher`` (the one ingest uses) in step with every change."""
        policy = fetch_policy or (FetchPolicy.from_settings(settings.fetch) if settings else FetchPolicy())
        self.ctx = Context(
            engine=engine,
            matcher=matcher,
            clock=clock,
            fetch_policy=policy,
            channel_subscriptions_need_admin=channel_subscriptions_need_admin,
            poll_interval_minutes=settings.poll.interval_minutes if settings else 30,
        )

    async def run(self, caller: Caller, text: str) -> Reply:
        """Answer the text typed after `/jobs`."""
        try:
            command = grammar.parse_command(text)
        except grammar.UsageError as exc:
            shown = usage(exc.command)
            tip = f"\n{shown}" if shown else "\n`/jobs help` lists what I can do."
            return Reply(f"{exc}{tip}", ok=False)
        return await self._guarded(type(command).__name__, lambda: self._dispatch(caller, command))

    async def _dispatch(self, caller: Caller, command: grammar.Command) -> Reply:
        ctx = self.ctx
        match command:
            case grammar.Help(topic):
                return Reply(help_text(topic))
            case grammar.Search():
                return await self.search(caller, command.query, page=command.page)
            case grammar.Subscribe():
                return await subscriptions.subscribe(ctx, caller, command)
            case grammar.ListSubscriptions():
                return subscriptions.list_here(ctx, caller)
            case grammar.Unsubscribe():
                return subscriptions.unsubscribe(ctx, caller, command)
            case grammar.Pause():
                return subscriptions.pause(ctx, caller, command)
            case grammar.Digest():
                return subscriptions.digest(ctx, caller, command)
            case grammar.Quiet():
                return subscriptions.quiet(ctx, caller, command)
            case grammar.SourcesAdd():
                return sources.add(ctx, caller, command)
            case grammar.SourcesList():
                return sources.list_all(ctx, caller, command)
            case grammar.SourcesRemove():
                return sources.remove(ctx, caller, command)
            case grammar.SourcesTest():
                return await sources.test(ctx, caller, command)
            case grammar.Status():
                return status.status(ctx, caller)
            case grammar.Saved():
                return personal.saved(ctx, caller, command)
            case grammar.Mute():
                return personal.mute(ctx, caller, command)
        raise AssertionError(f"unhandled command {command!r}")

    # ----------------------------------------------------------------------------------------- typed

    async def search(self, caller: Caller, query_text: str, *, page: int = 1) -> Reply:
        """Open postings matching ``query_text``, newest first, 5 a page; says first how it was read."""
        parsed = parse_query(query_text)
        if isinstance(parsed, Reply):
            return parsed
        understood = explain(parsed)
        found = await asyncio.to_thread(
            search_page,
            self.ctx.engine,
            parsed,
            page=page,
            owner=personal.owner(caller),
            scan_limit=self.ctx.search_scan_limit,
        )
        lines = [f"Searching {code(query_text)}, understood as: {understood}"]
        if not found.cards:
            lines.append(
                "Nothing open matches this."
                if page == 1
                else f"No more results (page {page} is past the end)."
            )
        else:
            first = (page - 1) * PAGE_SIZE + 1
            lines.append(f"Results {first}–{first + len(found.cards) - 1}, newest first:")
        if found.has_more:
            lines.append(f"More: `/jobs search {query_text} page {page + 1}`")
        return Reply(
            "\n".join(lines),
            cards=found.cards,
            page=page,
            has_more=found.has_more,
            query=query_text,
            understood=understood,
        )

    async def preview(self, caller: Caller, query_text: str) -> Reply:
        """How ``query_text`` is understood and what it matches now (the subscribe modal's live feedback)."""

        async def work() -> Reply:
            parsed = parse_query(query_text)
            if isinstance(parsed, Reply):
                return parsed
            found = await asyncio.to_thread(
                preview, self.ctx.engine, parsed, owner=None, window=self.ctx.preview_window
            )
            warnings = tuple(preview_warnings(found.matched, found.window, is_broad(found)))
            understood = explain(parsed)
            lines = [f"Understood as: {understood}"]
            if found.matched:
                latest = plural(found.window, "open posting")
                lines.append(f"{plural(found.matched, 'match', 'matches')} among the latest {latest}.")
            lines += [f"⚠️ {w}" for w in warnings]
            return Reply(
                "\n".join(lines),
                cards=found.cards,
                query=query_text,
                understood=understood,
                warnings=warnings,
            )

        return await self._guarded("preview", work)

    async def save(self, caller: Caller, posting_id: str) -> Reply:
        """The card's Save button."""
        return await self._guarded("save", lambda: _now(personal.save(self.ctx, caller, posting_id)))

    async def unsave(self, caller: Caller, posting_id: str) -> Reply:
        """Remove a posting from the saved list (App Home)."""
        return await self._guarded("unsave", lambda: _now(personal.unsave(self.ctx, caller, posting_id)))

    async def hide_similar(self, caller: Caller, posting_id: str) -> Reply:
        """The card's "Not interested" button: hide this posting and similar ones."""
        return await self._guarded(
            "hide_similar", lambda: _now(personal.hide_similar(self.ctx, caller, posting_id))
        )

    async def mute_company(self, caller: Caller, company: str) -> Reply:
        """The card's "Mute company" button."""
        command = grammar.Mute(company)
        return await self._guarded("mute_company", lambda: _now(personal.mute(self.ctx, caller, command)))

    async def home(self, caller: Caller) -> HomeView:
        """What the caller's App Home shows (raises on a store failure: the adapter shows its own error)."""
        return personal.home(self.ctx, caller)

    async def _guarded(self, name: str, work: Callable[[], Awaitable[Reply]]) -> Reply:
        try:
            return await work()
        except Exception:
            logger.exception("command failed", extra={"command": name})
            return Reply(SORRY, ok=False)


async def _now(value: T) -> T:
    """``value`` as an awaitable, so sync work runs inside the same guard as async work."""
    return value
