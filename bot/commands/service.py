"""The command service behind `/jobs`: one neutral entry point that Slack and Discord both call.

``handle(caller, command)`` answers one typed command (``bot.commands.model``) with a ``Reply``:
buttons, forms and Discord's typed options build commands directly, and ``handle_text`` reads the text
typed after `/jobs` once, at the edge that received it. Nothing here raises into a platform adapter:
bad input gets a reply saying what to type instead, and an unexpected failure is logged and answered with
an apology.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.engine import Engine

from bot.commands import edit, personal, sample, sources, status, subscriptions, suggest
from bot.commands import model as m
from bot.commands.context import Clock, Context
from bot.commands.help import help_text, usage
from bot.commands.model import Command
from bot.commands.parse import MAX_PAGE, UsageError, parse_command, split_page
from bot.commands.queries import known_companies, parse_query, preview_warnings
from bot.commands.search import PAGE_SIZE, is_broad, preview, search_page
from bot.commands.text import code, plural
from bot.commands.values import Caller, HomeView, Reply
from bot.ingest import Matcher
from bot.query import explain
from bot.query.parser import UNREADABLE
from bot.settings import Settings
from bot.sources.fetch import FetchPolicy
from bot.store.browse import company_names
from bot.store.sql import utcnow
from bot.views.notices import SORRY

logger = logging.getLogger(__name__)


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

    async def handle(self, caller: Caller, command: Command) -> Reply:
        """Answer one typed command: what a slash command, a button or a form asked for."""
        return await self._guarded(type(command).__name__, lambda: self._dispatch(caller, command))

    async def handle_text(self, caller: Caller, text: str) -> Reply:
        """Answer the text typed after `/jobs` (the edge that receives free text calls this)."""
        try:
            command = parse_command(text)
        except UsageError as exc:
            shown = usage(exc.command)
            tip = f"\n{shown}" if shown else "\n`/jobs help` lists what I can do."
            return Reply(f"{exc}{tip}", ok=False)
        return await self.handle(caller, command)

    async def _dispatch(self, caller: Caller, command: Command) -> Reply:
        ctx = self.ctx
        match command:
            case m.Help(topic):
                return Reply(help_text(topic, caller.platform))
            case m.Search():
                return await self._search(caller, command)
            case m.Preview():
                return await self._preview(command.query)
            case m.Subscribe():
                return await subscriptions.subscribe(ctx, caller, command)
            case m.ListSubscriptions():
                return subscriptions.list_here(ctx, caller)
            case m.Unsubscribe():
                return subscriptions.unsubscribe(ctx, caller, command)
            case m.Pause():
                return subscriptions.pause(ctx, caller, command)
            case m.Edit():
                return await edit.edit(ctx, caller, command)
            case m.SendTest():
                return sample.send_test(ctx, caller, command)
            case m.Digest():
                return subscriptions.digest(ctx, caller, command)
            case m.Quiet():
                return subscriptions.quiet(ctx, caller, command)
            case m.SourcesAdd():
                return await sources.add(ctx, caller, command)
            case m.SourcesList():
                return sources.list_all(ctx, caller, command)
            case m.SourcesRemove():
                return sources.remove(ctx, caller, command)
            case m.SourcesTest():
                return await sources.test(ctx, caller, command)
            case m.Status():
                return status.status(ctx, caller)
            case m.Saved():
                return personal.saved(ctx, caller, command)
            case m.Mute():
                return personal.mute(ctx, caller, command)
            case m.Save(posting_id):
                return personal.save(ctx, caller, posting_id)
            case m.Unsave(posting_id):
                return personal.unsave(ctx, caller, posting_id)
            case m.HideSimilar(posting_id):
                return personal.hide_similar(ctx, caller, posting_id)
            case m.MuteCompany(posting_id):
                return personal.mute_company_of(ctx, caller, posting_id)
        raise AssertionError(f"unhandled command {command!r}")

    async def _search(self, caller: Caller, command: m.Search) -> Reply:
        """Open postings matching the query, newest first, 5 a page; says first how it was read."""
        query_text, page = command.query, command.page
        if page == 1:  # `page N` typed into a query field (Discord's option, a form) means the same
            try:
                query_text, page = split_page(query_text, "search")
            except UsageError as exc:
                return Reply(f"{exc}\n{usage('search')}", ok=False)
        parsed = parse_query(query_text, await asyncio.to_thread(known_companies, self.ctx))
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
            now=self.ctx.clock(),
        )
        lines = [f"Searching {code(query_text)}, understood as: {understood}"]
        if not found.cards:
            lines.append(
                "Nothing open matches this."
                if page == 1
                else f"No more results (page {page} is past the end)."
            )
        else:
            first, last = (page - 1) * PAGE_SIZE + 1, (page - 1) * PAGE_SIZE + len(found.cards)
            shown = f"Result {first}" if first == last else f"Results {first}–{last}"
            lines.append(f"{shown}, newest first:")
        return Reply(
            "\n".join(lines),
            cards=found.cards,
            page=page,
            has_more=found.has_more and page < MAX_PAGE,
            pages="search",
            query=query_text,
            understood=understood,
        )

    async def _preview(self, query_text: str) -> Reply:
        """How ``query_text`` is understood and what it matches now (a form's live feedback)."""
        parsed = parse_query(query_text, await asyncio.to_thread(known_companies, self.ctx))
        if isinstance(parsed, Reply):
            return parsed
        found = await asyncio.to_thread(
            preview,
            self.ctx.engine,
            parsed,
            owner=None,
            window=self.ctx.preview_window,
            now=self.ctx.clock(),
        )
        warnings = tuple(preview_warnings(found.matched, found.window, is_broad(found)))
        understood = explain(parsed)
        lines = [f"Understood as: {understood}"]
        if found.matched:
            latest = plural(found.window, "open posting")
            lines.append(f"{plural(found.matched, 'match', 'matches')} among the latest {latest}.")
        return Reply(
            "\n".join(lines),
            cards=found.cards,
            query=query_text,
            understood=understood,
            warnings=warnings,
        )

    async def suggest_query(self, caller: Caller, text: str) -> list[str]:
        """Whole queries completing what ``caller`` typed so far (autocomplete); [] when that fails."""
        if UNREADABLE.search(text):  # no query can hold it (the parser says so when it is sent)
            return []
        try:
            return await asyncio.to_thread(suggest.query_suggestions, self.ctx, text)
        except Exception:
            logger.exception("query suggestions failed")
            return []

    async def suggest_subscriptions(self, caller: Caller, typed: str) -> list[tuple[str, int]]:
        """The caller's own subscriptions matching ``typed``, as (label, id); [] when that fails."""
        if UNREADABLE.search(typed):
            return []
        try:
            return suggest.subscription_choices(self.ctx, caller, typed)
        except Exception:
            logger.exception("subscription suggestions failed")
            return []

    async def suggest_companies(self, caller: Caller, typed: str) -> list[str]:
        """Companies of open postings starting with ``typed``; [] when that fails."""
        if UNREADABLE.search(typed):
            return []
        try:
            return await asyncio.to_thread(company_names, self.ctx.engine, typed.strip(), limit=25)
        except Exception:
            logger.exception("company suggestions failed")
            return []

    async def home(self, caller: Caller) -> HomeView:
        """What the caller's App Home shows (raises on a store failure: the adapter shows its own error)."""
        return personal.home(self.ctx, caller)

    async def _guarded(self, name: str, work: Callable[[], Awaitable[Reply]]) -> Reply:
        try:
            return await work()
        except Exception:
            logger.exception("command failed", extra={"command": name})
            return Reply(SORRY, ok=False)
