"""`status`: how the sources are doing and what was delivered lately."""

from __future__ import annotations

from datetime import timedelta

from bot.commands.context import Context
from bot.commands.sources import source_item
from bot.commands.text import ago, plural
from bot.commands.values import Caller, Reply
from bot.store.browse import count_open_postings, delivery_counts_since
from bot.store.sources import list_sources
from bot.store.subscriptions import list_subscriptions

WINDOW = timedelta(hours=24)
SHOWN_FAILING = 10
_STATES = ("sent", "queued", "unknown", "failed")
_STATE_WORDS = {"sent": "sent", "queued": "waiting", "unknown": "being sent", "failed": "failed"}


def status(ctx: Context, caller: Caller) -> Reply:
    """Source health (failing ones listed), open postings, and deliveries of the last day here and overall."""
    now = ctx.clock()
    sources = list_sources(ctx.engine)
    failing = sorted((s for s in sources if s.failures), key=lambda s: (-s.failures, s.id))
    never = sum(1 for s in sources if s.last_ok_at is None and not s.failures)
    last_ok = max((s.last_ok_at for s in sources if s.last_ok_at), default=None)
    lines = [
        f"Sources: {len(sources)}, {len(failing)} failing, {never} not polled yet; "
        f"last good poll {ago(last_ok, now)}.",
        f"Open postings: {count_open_postings(ctx.engine)}.",
    ]
    since = now - WINDOW
    here = caller.here
    subs_here = list_subscriptions(ctx.engine, destination_key=here.key)
    lines.append(
        f"{'Your DMs' if here.kind == 'dm' else 'This channel'}: {plural(len(subs_here), 'subscription')}; "
        f"last 24 h: {_counts(delivery_counts_since(ctx.engine, since, destination_key=here.key))}."
    )
    lines.append(f"Everywhere, last 24 h: {_counts(delivery_counts_since(ctx.engine, since))}.")
    if failing:
        lines.append(f"Failing sources{' (worst first)' if len(failing) > 1 else ''}:")
    return Reply("\n".join(lines), items=tuple(source_item(s) for s in failing[:SHOWN_FAILING]))


def _counts(counts: dict[str, int]) -> str:
    if not counts:
        return "no cards"
    shown = [f"{counts[s]} {_STATE_WORDS[s]}" for s in _STATES if counts.get(s)]
    shown += [f"{n} {s}" for s, n in sorted(counts.items()) if s not in _STATES and n]
    return ", ".join(shown)
