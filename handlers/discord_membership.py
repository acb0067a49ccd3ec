"""Who can see a Discord channel, for the dispatcher's rule that a DM does not repeat a card seen there.

Discord has no member list without the privileged members intent, so a person is looked up on their own
(one REST call, cached) and the channel's permission overwrites, kept in discord.py's cache, decide
whether they can view it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import discord

from bot.models import Destination
from handlers.discord_notifier import http_error

MEMBER_FRESH = 600.0  # seconds a looked-up member (their roles) is trusted; a late DM is harmless


class DiscordMembership:
    """``MembershipLookup`` over discord.py's channel cache and single-member lookups."""

    def __init__(
        self,
        client: discord.Client,
        *,
        fresh: float = MEMBER_FRESH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Look channels up in ``client``'s cache and members through its HTTP client."""
        self._client = client
        self._fresh = fresh
        self._clock = clock
        self._members: dict[tuple[int, int], tuple[float, discord.Member | None]] = {}

    async def is_member(self, channel: Destination, user_id: str) -> bool:
        """True when ``user_id`` can view ``channel``; False when unknown to the bot (a DM then goes out)."""
        found = self._client.get_channel(int(channel.target)) if channel.target.isdigit() else None
        if not isinstance(found, discord.abc.GuildChannel | discord.Thread) or not user_id.isdigit():
            return False
        member = await self._member(found.guild, int(user_id))
        return member is not None and found.permissions_for(member).view_channel

    async def _member(self, guild: discord.Guild, user_id: int) -> discord.Member | None:
        key = (guild.id, user_id)
        cached = self._members.get(key)
        if cached is not None and self._clock() - cached[0] < self._fresh:
            return cached[1]
        member = guild.get_member(user_id)
        if member is None:
            try:
                member = await guild.fetch_member(user_id)
            except discord.NotFound:
                member = None  # not on this server
            except discord.HTTPException as exc:
                raise http_error("look up member", exc) from None
        self._members[key] = (self._clock(), member)
        return member
