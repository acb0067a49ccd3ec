"""`subscribe`, `me`, `list`, `unsubscribe`, `pause`/`resume`, `digest` and `quiet`.

Who may change what: anyone their own DM subscriptions; a channel's subscriptions, a workspace admin or
the person who created them (subscribing a channel needs an admin unless configured otherwise). Every
change is logged by the store with the write; the live matcher applies the log at once (``_sync``), so the
next posting in this process already sees it, and every other process sees it before its next match.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.commands import schedule
from bot.commands.context import Context
from bot.commands.model import Digest, Pause, Quiet, Subscribe, Unsubscribe
from bot.commands.queries import already, duplicate_of, has, subscriptions_at, where
from bot.commands.saving import Asking, previewed, read_draft, saved_reply
from bot.commands.text import code, plural
from bot.commands.values import Caller, Offer, Reply, SubscribeChoice, SubscriptionItem
from bot.models import Subscription
from bot.query import QueryError, explain, parse
from bot.query.stored import to_stored
from bot.store import subscriptions as store
from bot.store.preferences import owner_key

logger = logging.getLogger(__name__)

MAX_PER_DESTINATION = 50
CHANNEL_ADMIN_REFUSAL = (
    "Only workspace admins can subscribe a channel; use `/jobs me …` (or `/jobs subscribe --dm …`) "
    "to get these postings in your DMs."
)


async def subscribe(ctx: Context, caller: Caller, cmd: Subscribe) -> Reply:
    """Subscribe this channel (admins) or the caller's DMs, and preview what matches now."""
    missing = "Tell me what to subscribe to after --anyway, e.g. `--anyway Paris + French`."
    draft = read_draft(ctx, cmd.query, cmd.confirmed, missing)
    if isinstance(draft, Reply):
        return draft
    typed, parsed = draft.typed, draft.parsed
    destination = caller.dm if (cmd.dm or caller.is_dm) else caller.here
    if destination.kind == "channel" and ctx.channel_subscriptions_need_admin and not caller.is_admin:
        return Reply(CHANNEL_ADMIN_REFUSAL, ok=False, query=typed, understood=explain(parsed))
    existing = subscriptions_at(ctx, destination)
    same = duplicate_of(existing, parsed)
    if same is not None:
        return Reply(already(destination, same, typed), query=typed, understood=explain(parsed))
    dm = destination.kind == "dm"

    def choice(label: str, query: str) -> SubscribeChoice:
        return SubscribeChoice(label, query, dm)

    asking = Asking(
        "Subscribe",
        choice,
        held_typo="I have not subscribed anything yet",
        held_unmatched="I have not subscribed yet",
        again=f"/jobs {'me' if dm else 'subscribe'} --anyway {typed}",
    )
    full = None
    if len(existing) >= MAX_PER_DESTINATION:
        full = Reply(
            f"{has(destination)} {MAX_PER_DESTINATION} subscriptions already, the most I keep "
            "for one place. Remove one with `/jobs unsubscribe ID` first (`/jobs list` shows them), or join "
            "queries with `,`.",
            ok=False,
            query=typed,
        )
    owner = owner_key(caller.platform, caller.workspace, caller.user_id) if dm else None
    found = await previewed(ctx, draft, asking, owner=owner, refused=full)
    if isinstance(found, Reply):
        return found
    sub = store.add_subscription(
        ctx.engine,
        owner=caller.user_id,
        destination=destination,
        query=draft.saved_text,
        # every worker rebuilds its index from this without parsing again; it reads the saved text
        parsed=to_stored(draft.kept),
        now=ctx.clock(),
    )
    sync(ctx)
    logger.info("subscribed", extra={"subscription": sub.id, "destination": destination.key})
    done = f"Subscribed #{sub.id}: new postings matching {code(typed)} will come to {where(destination)}."
    change = (
        f"Change it with `/jobs edit {sub.id} QUERY`, `/jobs pause {sub.id}`, "
        f"`/jobs digest daily 09:00 {sub.id}` or `/jobs unsubscribe {sub.id}`."
    )
    return saved_reply(draft, found, done, last=[change])


def sync(ctx: Context) -> None:
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
        f"{head} ({len(subs)}); change one with `/jobs edit ID QUERY`, `/jobs pause ID`, "
        "`/jobs digest … ID` or `/jobs unsubscribe ID`:",
        items=tuple(item(ctx, s) for s in subs),
    )


# --------------------------------------------------------------------------------------------- changes


def find(ctx: Context, caller: Caller, sub_id: int) -> Subscription | Reply:
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
    refused = refusal(caller, sub)
    return Reply(refused, ok=False) if refused else sub


def refusal(caller: Caller, sub: Subscription) -> str | None:
    """Why the caller may not change ``sub``, or None when they may."""
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


def _here(ctx: Context, caller: Caller) -> list[Subscription] | Reply:
    """Every subscription here the caller may change, or the reply that says there is none."""
    here = subscriptions_at(ctx, caller.here)
    allowed = [s for s in here if refusal(caller, s) is None]
    if not here:
        return Reply(f"{has(caller.here)} no subscriptions.", ok=False)
    if not allowed:
        return Reply(
            "Only a workspace admin or the person who created them can change this channel's subscriptions.",
            ok=False,
        )
    return allowed


def _targets(ctx: Context, caller: Caller, sub_id: int | None) -> list[Subscription] | Reply:
    """One subscription by id, or every one here the caller may change."""
    if sub_id is None:
        return _here(ctx, caller)
    found = find(ctx, caller, sub_id)
    return found if isinstance(found, Reply) else [found]


def _which(caller: Caller, subs: Sequence[Subscription], verb: str) -> Reply:
    """Ask which subscription to change rather than change them all; the `all` form, or a button, does."""
    first = f"{has(caller.here)} {plural(len(subs), 'subscription')} you can {verb}: {_names(subs)}."
    undone = " It cannot be undone." if verb == "unsubscribe" else ""
    if len(subs) == 1:
        [sub] = subs
        return Reply(
            f"{first} {verb.capitalize()} #{sub.id}?{undone} Use the button, or send "
            f"`/jobs {verb} {sub.id}`.",
            ok=False,
            offers=(Offer(verb, sub.id),),  # type: ignore[arg-type]  # verb is one of Offer's
        )
    every = "both" if len(subs) == 2 else f"all {len(subs)}"
    return Reply(
        f"Which one? {first} Send `/jobs {verb} ID` for one, or `/jobs {verb} all` (or the button) for "
        f"{every}.{undone}",
        ok=False,
        offers=(Offer(verb, None, len(subs)),),  # type: ignore[arg-type]
    )


def unsubscribe(ctx: Context, caller: Caller, cmd: Unsubscribe) -> Reply:
    """Remove one subscription (and its cards not yet sent), or all of them here; with neither, ask."""
    targets = _targets(ctx, caller, cmd.sub_id)
    if isinstance(targets, Reply):
        return targets
    if cmd.sub_id is None and not cmd.every:  # it cannot be undone: never without an ID or `all`
        return _which(caller, targets, "unsubscribe")
    for sub in targets:
        store.remove_subscription(ctx.engine, sub.id)
        logger.info("unsubscribed", extra={"subscription": sub.id})
    sync(ctx)
    them = "it" if len(targets) == 1 else "them"
    return Reply(f"Removed {_names(targets)}; no more cards from {them} in {where(targets[0].destination)}.")


def pause(ctx: Context, caller: Caller, cmd: Pause) -> Reply:
    """Pause or resume one subscription, or all of them here; with neither, the only one that would change."""
    targets = _targets(ctx, caller, cmd.sub_id)
    if isinstance(targets, Reply):
        return targets
    if cmd.sub_id is None and not cmd.every:
        verb = "resume" if cmd.resume else "pause"
        waiting = [s for s in targets if s.paused == cmd.resume]  # those the command would change
        if not waiting:
            state = "running" if cmd.resume else "paused"
            return Reply(f"Every subscription here you can {verb} is {state} already.", ok=False)
        if len(waiting) > 1:
            return _which(caller, waiting, verb)
        targets = waiting
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
    sync(ctx)
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
