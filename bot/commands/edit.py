"""`edit ID QUERY`: change what a subscription looks for, in place.

The subscription keeps its id, where its cards go, who owns it, its digest and quiet hours and whether it is
paused; the new query is read and asked about exactly as `subscribe` would (typos, nothing matching yet,
another subscription there meaning the same). Its cards still waiting to be sent are kept when the new query
matches them too, and dropped when it does not. The store logs the change, so every process's index reads
the new query before its next match.
"""

from __future__ import annotations

import asyncio
import logging

from bot.commands.context import Context
from bot.commands.model import Edit
from bot.commands.queries import (
    already,
    duplicate_of,
    kept_reading,
    known_companies,
    no_match_reply,
    open_now,
    parse_query,
    preview_warnings,
    subscriptions_at,
    typo_reply,
    where,
    without_anyway,
)
from bot.commands.search import is_broad, preview
from bot.commands.subscriptions import find, sync
from bot.commands.text import code, plural
from bot.commands.values import Caller, Reply, SubscribeChoice
from bot.matching import match_query
from bot.models import Subscription, to_jsonable
from bot.query import Query, explain, pinned
from bot.query.stored import to_stored
from bot.store import subscriptions as store
from bot.store.postings import get_postings
from bot.store.preferences import dm_owner

logger = logging.getLogger(__name__)


async def edit(ctx: Context, caller: Caller, cmd: Edit) -> Reply:
    """Give subscription ``cmd.sub_id`` the query ``cmd.query``, asking first as `subscribe` does."""
    sub = find(ctx, caller, cmd.sub_id)
    if isinstance(sub, Reply):
        return sub
    typed, anyway = without_anyway(cmd.query)
    if not typed:
        return Reply(f"What should #{sub.id} look for? e.g. `/jobs edit {sub.id} Paris + French`.", ok=False)
    confirmed = cmd.confirmed or anyway
    parsed = parse_query(typed, known_companies(ctx))
    if isinstance(parsed, Reply):
        return parsed
    saved_text = pinned(parsed)
    if saved_text == sub.query:
        return Reply(f"#{sub.id} already looks for {code(sub.query)}; nothing changed.", query=typed)
    same = duplicate_of(subscriptions_at(ctx, sub.destination), parsed, skip=sub.id)
    if same is not None:
        text = already(sub.destination, same, typed, f"I have not changed #{sub.id}")
        return Reply(text, ok=False, query=typed, understood=explain(parsed))

    def choice(label: str, query: str) -> SubscribeChoice:
        return SubscribeChoice(label, query, sub.destination.kind == "dm", edit=sub.id)

    held = f"I have not changed #{sub.id} yet"
    asked = None if confirmed else typo_reply(parsed, typed, "Change", choice, held)
    if asked is not None:
        return asked
    found = await asyncio.to_thread(
        preview,
        ctx.engine,
        parsed,
        owner=dm_owner(sub.destination),
        window=ctx.preview_window,
        now=ctx.clock(),
    )
    if found.window and not found.matched and not confirmed:
        again = f"/jobs edit --anyway {sub.id} {typed}"
        return no_match_reply(found, parsed, typed, "Change", choice, held, again)
    stored = kept_reading(parsed, typed, saved_text)
    kept, dropped = _settle_queue(ctx, sub, stored)
    store.change_query(
        ctx.engine, sub.id, query=saved_text, parsed=to_stored(stored), keep=kept, drop=dropped
    )
    sync(ctx)
    logger.info("subscription edited", extra={"subscription": sub.id})
    understood = explain(parsed)
    lines = [
        f"Changed #{sub.id}: it looked for {code(sub.query)}; new postings matching {code(typed)} will "
        f"come to {where(sub.destination)}.",
        f"Understood as: {understood}",
    ]
    if saved_text != typed:
        lines.append(f"Saved as {code(saved_text)}, so it keeps this meaning.")
    if dropped:
        lines.append(
            f"{plural(len(dropped), 'card')} waiting to be sent no longer match, so they will not come."
        )
    if sub.paused:
        lines.append(f"It is still paused; `/jobs resume {sub.id}` starts it again.")
    if (introduced := open_now(found)) is not None:
        lines.append(introduced)
    warnings = preview_warnings(found.matched, found.window, is_broad(found))
    return Reply(
        "\n".join(lines), cards=found.cards, query=typed, understood=understood, warnings=tuple(warnings)
    )


def _settle_queue(ctx: Context, sub: Subscription, query: Query) -> tuple[dict[int, object], list[int]]:
    """The subscription's waiting cards the new query still matches (with its reasons), and the others."""
    waiting = store.queued_cards(ctx.engine, sub.id)
    postings = {p.id: p for p in get_postings(ctx.engine, [posting_id for _, posting_id in waiting])}
    kept: dict[int, object] = {}
    dropped: list[int] = []
    for delivery_id, posting_id in waiting:
        posting = postings.get(posting_id)
        reasons = match_query(query, posting) if posting is not None else None
        if reasons is None:
            dropped.append(delivery_id)
        else:
            kept[delivery_id] = to_jsonable(list(reasons))
    return kept, dropped
