"""`edit ID QUERY`: change what a subscription looks for, in place.

The subscription keeps its id, where its cards go, who owns it, its digest and quiet hours and whether it is
paused; the new query is read and asked about exactly as `subscribe` would (typos, nothing matching yet,
another subscription there meaning the same). Its cards still waiting to be sent are kept when the new query
matches them too, and dropped when it does not. The store logs the change, so every process's index reads
the new query before its next match.
"""

from __future__ import annotations

import logging

from bot.commands.context import Context
from bot.commands.model import Edit
from bot.commands.queries import already, duplicate_of, subscriptions_at, where
from bot.commands.saving import Asking, previewed, read_draft, saved_reply
from bot.commands.subscriptions import find, sync
from bot.commands.text import code, plural
from bot.commands.values import Caller, Reply, SubscribeChoice
from bot.matching import match_query
from bot.models import Subscription, to_jsonable
from bot.query import Query, explain
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
    missing = f"What should #{sub.id} look for? e.g. `/jobs edit {sub.id} Paris + French`."
    draft = read_draft(ctx, cmd.query, cmd.confirmed, missing)
    if isinstance(draft, Reply):
        return draft
    typed, parsed = draft.typed, draft.parsed
    if draft.saved_text == sub.query:
        return Reply(f"#{sub.id} already looks for {code(sub.query)}; nothing changed.", query=typed)
    same = duplicate_of(subscriptions_at(ctx, sub.destination), parsed, skip=sub.id)
    if same is not None:
        text = already(sub.destination, same, typed, f"I have not changed #{sub.id}")
        return Reply(text, ok=False, query=typed, understood=explain(parsed))

    def choice(label: str, query: str) -> SubscribeChoice:
        return SubscribeChoice(label, query, sub.destination.kind == "dm", edit=sub.id)

    held = f"I have not changed #{sub.id} yet"
    asking = Asking("Change", choice, held, held, again=f"/jobs edit --anyway {sub.id} {typed}")
    found = await previewed(ctx, draft, asking, owner=dm_owner(sub.destination))
    if isinstance(found, Reply):
        return found
    kept, dropped = _settle_queue(ctx, sub, draft.kept)
    store.change_query(
        ctx.engine, sub.id, query=draft.saved_text, parsed=to_stored(draft.kept), keep=kept, drop=dropped
    )
    sync(ctx)
    logger.info("subscription edited", extra={"subscription": sub.id})
    done = (
        f"Changed #{sub.id}: it looked for {code(sub.query)}; new postings matching {code(typed)} will "
        f"come to {where(sub.destination)}."
    )
    notes = []
    if dropped:
        notes.append(
            f"{plural(len(dropped), 'card')} waiting to be sent no longer match, so they will not come."
        )
    if sub.paused:
        notes.append(f"It is still paused; `/jobs resume {sub.id}` starts it again.")
    return saved_reply(draft, found, done, notes=notes)


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
