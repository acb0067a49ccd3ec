"""One card per person: a DM is not needed for a posting already posted in a channel the person is in."""

from __future__ import annotations

import logging

from bot.delivery.membership import MembershipLookup
from bot.delivery.outbox import Outbox, OutboxRow
from bot.models import Destination

logger = logging.getLogger(__name__)


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
