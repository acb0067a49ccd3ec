"""`subscribe`, `me`, `list`, `unsubscribe`, `pause`/`resume`, `digest` and `quiet`.

Who may change what: anyone their own DM subscriptions; a channel's subscriptions, a workspace admin or
the person who created them (subscribing a channel needs an admin unless configured otherwise). Every
change is logged by the store with the write; the live matcher applies the log at once (``_sync``), so the
next posting in this process already sees it, and every other process sees it before its next match.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.commands import schedule
from bot.commands.context import Context
from bot.commands.model import Digest, Pause, Quiet, Subscribe, Unsubscribe
from bot.commands.search import is_broad, preview
from bot.commands.text import code, plural
from bot.commands.values import Caller, Reply, SubscribeChoice, SubscriptionItem
from bot.models import Destination, Subscription
from bot.query import Query, QueryError, corrected, explain, parse, pinned
from bot.query.stored import to_stored
from bot.store import subscriptions as store
from bot.store.browse import company_names
from bot.store.preferences import owner_key
from bot.store.sources import list_sources

logger = logging.getLogger(__name__)

MAX_PER_DESTINATION = 50
MAX_KNOWN_COMPANIES = 20_000
CHANNEL_ADMIN_REFUSAL = (
    "Only workspace admins can subscribe a channel; use `/jobs me …` (or `/jobs subscribe --dm …`) "
    "to get these postings in your DMs."
)


def known_companies(ctx: Context) -> tuple[str, ...]:
    """The companies of open postings and of sources, so a bare company name reads as the company.

    A source named for a company counts before its first posting arrives, so a subscription made right
    after adding the source already means the company.
    """
    named = [str(s.settings.get("company") or "") for s in list_sources(ctx.engine)]
    found = [*company_names(ctx.engine, "", limit=MAX_KNOWN_COMPANIES), *(n for n in named if n.strip())]
    return tuple(dict.fromkeys(found))


def parse_query(text: str, companies: Sequence[str] = ()) -> Query | Reply:
    """The parsed query, or the reply that says why it cannot be used."""
    try:
        return parse(text, companies=companies)
    except QueryError as exc:
        return Reply(
            f"I could not understand {code(text)}: {exc}\nSee `/jobs help search` for how to write a query.",
            ok=False,
            query=text,
        )


def typo_question(query: Query) -> str | None:
    """Ask before saving a query with a likely typo; None when every word is known or chosen on purpose.

    A subscription waits silently for postings, so a misspelt word ("Frnech") would never be noticed: it is
    not saved until the person sends the corrected query, or quotes the word to keep it as it is.
    """
    fix = corrected(query)
    if fix is None:
        return None
    typos = [term for clause in query.clauses for term in clause.terms if term.suggestion]
    words = ", ".join(code(term.text, 40) for term in typos)
    kept = " ".join(f'"{term.text}"' for term in typos)
    them = "it" if len(typos) == 1 else "them"
    return (
        f"Did you mean {code(fix)}? I do not know {words}, so I would search {them} as written and "
        "probably never find a match. I have not subscribed anything yet: choose one below, send the "
        f"corrected query, or put the word in quotes ({code(kept, 60)}) to search it exactly as you typed it."
    )


def where(destination: Destination) -> str:
    """Name a destination in a reply: "this channel" or "your DMs"."""
    return "your DMs" if destination.kind == "dm" else "this channel"


async def subscribe(ctx: Context, caller: Caller, cmd: Subscribe) -> Reply:
    """Subscribe this channel (admins) or the caller's DMs, and preview what matches now."""
    if cmd.query.split()[:1] == ["--anyway"]:  # typed into a form's or a Discord option's query field
        cmd = Subscribe(cmd.query.split(None, 1)[1] if len(cmd.query.split()) > 1 else "", cmd.dm, True)
        if not cmd.query:
            return Reply(
                "Tell me what to subscribe to after --anyway, e.g. `--anyway Paris + French`.", ok=False
            )
    parsed = parse_query(cmd.query, known_companies(ctx))
    if isinstance(parsed, Reply):
        return parsed
    saved_text = pinned(parsed)  # companies written out: the saved query means the same after a restart
    destination = caller.dm if (cmd.dm or caller.is_dm) else caller.here
    if destination.kind == "channel" and ctx.channel_subscriptions_need_admin and not caller.is_admin:
        return Reply(CHANNEL_ADMIN_REFUSAL, ok=False, query=cmd.query, understood=explain(parsed))
    dm = destination.kind == "dm"
    question = None if cmd.confirmed else typo_question(parsed)
    if question is not None:
        fix = corrected(parsed) or cmd.query
        choices = (SubscribeChoice("Subscribe to the corrected query", fix, dm),
                   SubscribeChoice("Subscribe as typed", cmd.query, dm))  # fmt: skip
        understood = explain(parsed, typos=False)  # the question names the typo: once is enough
        text = f"{question}\nUnderstood as: {understood}"
        return Reply(text, ok=False, query=cmd.query, understood=understood, choices=choices)
    existing = store.list_subscriptions(ctx.engine, destination_key=destination.key)
    same = next(
        (s for s in existing if _same_query(s.query, cmd.query) or _same_query(s.query, saved_text)), None
    )
    if same is not None:
        return Reply(
            f"{where(destination).capitalize()} already {'has' if destination.kind == 'channel' else 'have'} "
            f"this subscription: #{same.id} {code(same.query)}"
            + (" (paused; `/jobs resume " + str(same.id) + "` starts it again)" if same.paused else "")
            + ".",
            query=cmd.query,
            understood=explain(parsed),
        )
    if len(existing) >= MAX_PER_DESTINATION:
        return Reply(
            f"{where(destination).capitalize()} already {'has' if destination.kind == 'channel' else 'have'} "
            f"{MAX_PER_DESTINATION} subscriptions, the most I keep for one place. Remove one with "
            "`/jobs unsubscribe ID` first (`/jobs list` shows them), or join queries with `,`.",
            ok=False,
            query=cmd.query,
        )
    owner = owner_key(caller.platform, caller.workspace, caller.user_id) if dm else None
    found = await asyncio.to_thread(
        preview, ctx.engine, parsed, owner=owner, window=ctx.preview_window, now=ctx.clock()
    )
    understood = explain(parsed)
    if found.window and not found.matched and not cmd.confirmed:
        again = f"/jobs {'me' if dm else 'subscribe'} --anyway {cmd.query}"
        return Reply(
            f"Nothing among the latest {plural(found.window, 'open posting')} matches {code(cmd.query)}, "
            "so I have not subscribed yet: check the reading below. To wait for new postings anyway, choose "
            f"Subscribe anyway or send {code(again)}.\nUnderstood as: {understood}",
            ok=False,
            query=cmd.query,
            understood=understood,
            choices=(SubscribeChoice("Subscribe anyway", cmd.query, dm),),
        )
    sub = store.add_subscription(
        ctx.engine,
        owner=caller.user_id,
        destination=destination,
        query=saved_text,
        # every worker rebuilds its index from this without parsing again; it reads the saved text
        parsed=to_stored(parsed if saved_text == cmd.query else parse(saved_text)),
        now=ctx.clock(),
    )
    _sync(ctx)
    logger.info("subscribed", extra={"subscription": sub.id, "destination": destination.key})
    lines = [
        f"Subscribed #{sub.id}: new postings matching {code(cmd.query)} will come to {where(destination)}.",
        f"Understood as: {understood}",
    ]
    if saved_text != cmd.query:
        lines.append(f"Saved as {code(saved_text)}, so it keeps this meaning.")
    warnings = preview_warnings(found.matched, found.window, is_broad(found))
    if found.cards:
        latest = plural(found.window, "posting")
        matches = plural(found.matched, "match", "matches")
        lines.append(f"Open now: {matches} among the latest {latest}; the newest:")
    lines.append(
        f"Change it with `/jobs pause {sub.id}`, `/jobs digest daily 09:00 {sub.id}` "
        f"or `/jobs unsubscribe {sub.id}`."
    )
    return Reply(
        "\n".join(lines), cards=found.cards, query=cmd.query, understood=understood, warnings=tuple(warnings)
    )


def preview_warnings(matched: int, window: int, broad: bool) -> list[str]:
    if window == 0:
        return [
            "No postings are stored yet, so I cannot show what this matches; cards come as postings arrive."
        ]
    if matched == 0:
        return [
            f"Nothing among the latest {plural(window, 'open posting')} matches this yet; you will get a "
            "card when a new posting does. Check the reading above if that is a surprise."
        ]
    if broad:  # the reply's text has just counted the matches: not again here
        return [
            "This is very broad, so expect many cards. Add a place, a language or a type (e.g. `+ intern`) "
            "to narrow it, or use `/jobs digest daily 09:00`."
        ]
    return []


def _same_query(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _sync(ctx: Context) -> None:
    """Apply the store's change log to this process's matcher (other processes follow it themselves)."""
    ctx.matcher.refresh(ctx.engine)


# --------------------------------------------------------------------------------------------- listing


def item(ctx: Context, sub: Subscription) -> SubscriptionItem:
    """A subscription as a list shows it."""
    try:
        understood = explain(parse(sub.query))
    except QueryError:
        understood = ""
    mode = schedule.read_mode(store.get_delivery_mode(ctx.engine, sub.id), sub.id)
    return SubscriptionItem(
        id=sub.id,
        query=sub.query,
        destination=sub.destination,
        owner=sub.owner,
        paused=sub.paused,
        schedule=schedule.label(mode),
        understood=understood,
        paused_reason=sub.paused_reason if sub.paused else None,
    )


def own_subscriptions(ctx: Context, caller: Caller) -> list[Subscription]:
    """What the caller created on this platform and workspace (DMs and channels).

    A caller outside any workspace (a Discord DM with the bot) sees what they created everywhere.
    """
    subs = store.list_subscriptions(ctx.engine, owner=caller.user_id, workspace=caller.workspace or None)
    return [s for s in subs if s.destination.platform == caller.platform]


def list_here(ctx: Context, caller: Caller) -> Reply:
    """List this channel's subscriptions, or in a DM the caller's own."""
    if caller.is_dm:
        subs = own_subscriptions(ctx, caller)
        head = "Your subscriptions"
    else:
        subs = store.list_subscriptions(ctx.engine, destination_key=caller.here.key)
        head = "This channel's subscriptions"
    if not subs:
        hint = "`/jobs me QUERY`" if caller.is_dm else "`/jobs subscribe QUERY` (admins) or `/jobs me QUERY`"
        return Reply(f"{head}: none yet. Start one with {hint}.")
    return Reply(
        f"{head} ({len(subs)}); change one with `/jobs pause ID`, `/jobs digest … ID` "
        "or `/jobs unsubscribe ID`:",
        items=tuple(item(ctx, s) for s in subs),
    )


# --------------------------------------------------------------------------------------------- changes


def _find(ctx: Context, caller: Caller, sub_id: int) -> Subscription | Reply:
    """The subscription the caller may change, or the reply that says why not."""
    sub = store.get_subscription(ctx.engine, sub_id)
    # Outside any workspace (a Discord DM with the bot), a person still manages their own DM subscriptions.
    own_dm = (
        sub is not None
        and not caller.workspace
        and sub.destination.kind == "dm"
        and sub.owner == caller.user_id
    )
    if sub is None or (sub.destination.platform, sub.destination.workspace if not own_dm else "") != (
        caller.platform,
        caller.workspace,
    ):
        return Reply(f"There is no subscription #{sub_id} here; `/jobs list` shows the IDs.", ok=False)
    refusal = _refusal(caller, sub)
    return Reply(refusal, ok=False) if refusal else sub


def _refusal(caller: Caller, sub: Subscription) -> str | None:
    if sub.destination.kind == "dm":
        if sub.destination.target == caller.user_id:
            return None
        return f"Subscription #{sub.id} sends to someone else's DMs; only they can change it."
    if caller.is_admin or sub.owner == caller.user_id:
        return None
    return (
        f"Subscription #{sub.id} posts to a channel; only a workspace admin or the person who created it can "
        "change it. `/jobs me …` gives you your own in your DMs."
    )


def _targets(ctx: Context, caller: Caller, sub_id: int | None) -> list[Subscription] | Reply:
    """One subscription by id, or every one here the caller may change."""
    if sub_id is not None:
        found = _find(ctx, caller, sub_id)
        return found if isinstance(found, Reply) else [found]
    here = store.list_subscriptions(ctx.engine, destination_key=caller.here.key)
    allowed = [s for s in here if _refusal(caller, s) is None]
    if not here:
        return Reply(
            f"{where(caller.here).capitalize()} {'has' if not caller.is_dm else 'have'} no subscriptions.",
            ok=False,
        )
    if not allowed:
        return Reply(
            "Only a workspace admin or the person who created them can change this channel's subscriptions.",
            ok=False,
        )
    return allowed


def unsubscribe(ctx: Context, caller: Caller, cmd: Unsubscribe) -> Reply:
    """Remove one subscription (and its cards not yet sent)."""
    found = _find(ctx, caller, cmd.sub_id)
    if isinstance(found, Reply):
        return found
    store.remove_subscription(ctx.engine, found.id)
    _sync(ctx)
    logger.info("unsubscribed", extra={"subscription": found.id})
    return Reply(
        f"Removed #{found.id} {code(found.query)}; no more cards from it in {where(found.destination)}."
    )


def pause(ctx: Context, caller: Caller, cmd: Pause) -> Reply:
    """Pause or resume one subscription, or all of them here."""
    targets = _targets(ctx, caller, cmd.sub_id)
    if isinstance(targets, Reply):
        return targets
    changed, broken = [], []
    for sub in targets:
        if cmd.resume:
            try:
                parse(sub.query)
            except QueryError as exc:
                broken.append(
                    f"#{sub.id} {code(sub.query)} no longer parses ({exc}); remove it and subscribe again"
                )
                continue
            store.resume_subscription(ctx.engine, sub.id)
        else:
            store.pause_subscription(ctx.engine, sub.id)
        changed.append(sub)
    _sync(ctx)
    verb = "Resumed" if cmd.resume else "Paused"
    lines = []
    if changed:
        lines.append(f"{verb} {_names(changed)}.")
        if not cmd.resume:
            lines.append("Postings that arrive while paused are not sent later; `/jobs resume` starts again.")
    lines += broken
    return Reply("\n".join(lines), ok=bool(changed))


def digest(ctx: Context, caller: Caller, cmd: Digest) -> Reply:
    """Set the digest mode of one subscription, or all of them here, in the caller's time zone."""
    targets = _targets(ctx, caller, cmd.sub_id)
    if isinstance(targets, Reply):
        return targets
    zone, note = _zone(caller)
    for sub in targets:
        mode = schedule.read_mode(store.get_delivery_mode(ctx.engine, sub.id), sub.id)
        changed = schedule.with_digest(mode, cmd.mode, cmd.at, zone)
        store.set_delivery_mode(ctx.engine, sub.id, schedule.stored(changed))
    if cmd.mode == "off":
        what = "cards come one by one as postings arrive"
    elif cmd.mode == "hourly":
        what = "matches are collected into one message an hour"
    else:
        assert cmd.at is not None
        what = f"matches are collected into one message a day at {cmd.at:%H:%M} ({zone})"
    return Reply(f"For {_names(targets)}: {what}." + note)


def quiet(ctx: Context, caller: Caller, cmd: Quiet) -> Reply:
    """Set or clear the quiet hours of one subscription, or all of them here."""
    targets = _targets(ctx, caller, cmd.sub_id)
    if isinstance(targets, Reply):
        return targets
    zone, note = _zone(caller)
    for sub in targets:
        mode = schedule.read_mode(store.get_delivery_mode(ctx.engine, sub.id), sub.id)
        changed = schedule.with_quiet(mode, cmd.start, cmd.end, zone)
        store.set_delivery_mode(ctx.engine, sub.id, schedule.stored(changed))
    if cmd.start is None or cmd.end is None:
        return Reply(f"No quiet hours any more for {_names(targets)}.")
    return Reply(
        f"Quiet {cmd.start:%H:%M}–{cmd.end:%H:%M} ({zone}) for {_names(targets)}: cards matched then wait "
        "until the quiet hours end." + note
    )


def _zone(caller: Caller) -> tuple[str, str]:
    zone = schedule.known_timezone(caller.timezone)
    if zone is not None:
        return zone, ""
    return "UTC", f"\n(I do not know the time zone {code(caller.timezone, 60)}, so times are in UTC.)"


def _names(subs: Sequence[Subscription]) -> str:
    shown = ", ".join(f"#{s.id} {code(s.query, 60)}" for s in subs[:5])
    return shown + (f" and {len(subs) - 5} more" if len(subs) > 5 else "")
