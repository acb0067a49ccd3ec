"""One card per person: a DM is not needed for a posting already posted in a channel the person is in."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.delivery.membership import MembershipLookup
from bot.delivery.outbox import Outbox, OutboxRow
from bot.delivery.passes import DispatchContext, Item, PassState
from bot.models import Destination

logger = logging.getLogger(__name__)

CHANNEL_CARD_WAIT = timedelta(seconds=5)  # a DM waiting for the channel card that may cover it


async def skip_covered_dms(
    ctx: DispatchContext,
    lookup: MembershipLookup | None,
    destination: Destination,
    items: list[Item],
    state: PassState,
    now: datetime,
) -> list[Item]:
    """Drop DM cards for postings already (or about to be) posted in a channel the person is in."""
    if lookup is None:
        return items
    keep = []
    for item in items:
        covering = None
        if not item.mode.also_when_in_channel:
            covering = await covering_channel_row(
                ctx.outbox, destination, item.row.posting_id, lookup, state.members
            )
        if covering is None:
            keep.append(item)
        elif covering.state == "sent":
            ctx.outbox.mark_sent([item.row.id], message_id=None, now=now)
            state.report.duplicates_avoided += 1
        else:  # the channel card is still to go: wait for it, and send the DM only if it fails
            at = max(covering.next_attempt_at, now) + CHANNEL_CARD_WAIT
            ctx.outbox.release([item.row.id], at=at, note=f"waiting for channel card {covering.id}")
            state.report.held += 1
            ctx.wake_at(at)
    return keep


async def covering_channel_row(
    outbox: Outbox,
    dm: Destination,
    posting_id: str,
    lookup: MembershipLookup,
    members: dict[tuple[str, str], bool],
) -> OutboxRow | None:
    """The posting's row in a channel of the same workspace that the DM's person is in, sent first.

    A sent row means the DM can be dropped; a queued or in-flight one means wait and see (if that card
    fails, the DM still goes). ``members`` caches the answers for one pass.
    """
    rows = outbox.deliveries_for_posting(posting_id, state=None)
    same_workspace = f"{dm.platform}:{dm.workspace}:channel:"
    for row in sorted(rows, key=lambda r: r.state != "sent"):
        if row.state == "failed" or not row.destination_key.startswith(same_workspace):
            continue
        channel = Destination.from_key(row.destination_key)
        if await _is_member(lookup, channel, dm.target, members):
            return row
    return None


async def _is_member(
    lookup: MembershipLookup, channel: Destination, user_id: str, members: dict[tuple[str, str], bool]
) -> bool:
    cached = members.get((channel.key, user_id))
    if cached is None:
        try:
            cached = await lookup.is_member(channel, user_id)
        except Exception:  # unsure: a second card beats a missing one
            logger.warning("membership lookup failed", extra={"channel": channel.key}, exc_info=True)
            cached = False
        members[(channel.key, user_id)] = cached
    return cached
