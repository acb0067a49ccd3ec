"""One person's own things: saved postings, "not interested" (hide similar), muted companies, App Home.

These are personal: they shape the person's DMs, searches and Home, never a shared channel.
"""

from __future__ import annotations

from bot.cards import Card, build_card
from bot.commands.context import Context
from bot.commands.model import Mute, Saved
from bot.commands.parse import MAX_PAGE
from bot.commands.search import PAGE_SIZE
from bot.commands.subscriptions import item, own_subscriptions
from bot.commands.text import code, plural
from bot.commands.values import Caller, HomeView, Reply
from bot.store import preferences as prefs
from bot.store.postings import get_posting, get_postings

HOME_SAVED = 10
_NAME = 80


def owner(caller: Caller) -> str:
    """The caller's preferences key."""
    return prefs.owner_key(caller.platform, caller.workspace, caller.user_id)


def _named(title: str, company: str) -> str:
    return code(title, _NAME) + (f" at {code(company, _NAME)}" if company else "")


def save(ctx: Context, caller: Caller, posting_id: str) -> Reply:
    """Keep a posting in the caller's saved list."""
    posting = get_posting(ctx.engine, posting_id)
    if posting is None:
        return Reply("I no longer have that posting, so it cannot be saved.", ok=False)
    fresh = prefs.save_posting(ctx.engine, owner(caller), posting.id, now=ctx.clock())
    already = "" if fresh else " (it was already there)"
    return Reply(
        f"Saved {_named(posting.title, posting.company)}{already}. `/jobs saved` lists what you saved."
    )


def unsave(ctx: Context, caller: Caller, posting_id: str) -> Reply:
    """Drop a posting from the caller's saved list."""
    if not prefs.unsave_posting(ctx.engine, owner(caller), posting_id):
        return Reply("That posting is not in your saved list.", ok=False)
    return Reply("Removed it from your saved postings.")


def hide_similar(ctx: Context, caller: Caller, posting_id: str) -> Reply:
    """Hide ("not interested") this posting and similar ones (same company and role) from the caller."""
    posting = get_posting(ctx.engine, posting_id)
    if posting is None:
        return Reply("I no longer have that posting; nothing to hide.", ok=False)
    prefs.hide_posting(ctx.engine, owner(caller), posting, now=ctx.clock())
    similar = f" or the same role at {code(posting.company, _NAME)}" if posting.company else ""
    return Reply(
        f"Got it: you will not get {code(posting.title, _NAME)}{similar} in your DMs or searches again."
    )


def mute(ctx: Context, caller: Caller, cmd: Mute) -> Reply:
    """Mute or unmute a company for the caller."""
    company = " ".join(cmd.company.split())
    if not company or not any(ch.isalnum() for ch in company):
        return Reply("Which company? Give its name, e.g. `/jobs mute Acme`.", ok=False)
    if cmd.undo:
        if not prefs.unmute_company(ctx.engine, owner(caller), company):
            return Reply(f"{code(company, _NAME)} was not muted.", ok=False)
        return Reply(f"Unmuted {code(company, _NAME)}: its postings can reach your DMs again.")
    fresh = prefs.mute_company(ctx.engine, owner(caller), company, now=ctx.clock())
    already = "" if fresh else " (it already was)"
    return Reply(
        f"Muted {code(company, _NAME)}{already}: its postings no longer reach your DMs or your searches. "
        f"Undo with `/jobs unmute {company[:_NAME]}`."
    )


def mute_company_of(ctx: Context, caller: Caller, posting_id: str) -> Reply:
    """A card's "Mute company" button: mute the company of ``posting_id``."""
    posting = get_posting(ctx.engine, posting_id)
    if posting is None or not posting.company:
        return Reply("I no longer know which company that posting was from; nothing was muted.", ok=False)
    return mute(ctx, caller, Mute(posting.company))


def saved(ctx: Context, caller: Caller, cmd: Saved) -> Reply:
    """A page of the caller's saved postings, and the companies they muted."""
    key = owner(caller)
    total = prefs.count_saved(ctx.engine, key)
    ids = prefs.saved_posting_ids(ctx.engine, key, limit=PAGE_SIZE + 1, offset=(cmd.page - 1) * PAGE_SIZE)
    cards = _cards(ctx, ids[:PAGE_SIZE])
    muted = prefs.muted_company_names(ctx.engine, key)
    lines = [f"You saved {plural(total, 'posting')}." if total else "You have not saved any postings yet."]
    if total and not cards:
        lines.append(f"There is no page {cmd.page}.")
    if muted:
        lines.append("Muted companies: " + ", ".join(code(m, _NAME) for m in muted) + ".")
    more = len(ids) > PAGE_SIZE and cmd.page < MAX_PAGE
    return Reply("\n".join(lines), cards=cards, page=cmd.page, has_more=more, pages="saved")


def home(ctx: Context, caller: Caller) -> HomeView:
    """What the caller's App Home shows."""
    key = owner(caller)
    subs = own_subscriptions(ctx, caller)
    return HomeView(
        subscriptions=tuple(item(ctx, s) for s in subs),
        saved=_cards(ctx, prefs.saved_posting_ids(ctx.engine, key, limit=HOME_SAVED)),
        muted_companies=tuple(prefs.muted_company_names(ctx.engine, key)),
        saved_total=prefs.count_saved(ctx.engine, key),
    )


def _cards(ctx: Context, posting_ids: list[str]) -> tuple[Card, ...]:
    now = ctx.clock()
    return tuple(build_card(p, now=now) for p in get_postings(ctx.engine, posting_ids))
