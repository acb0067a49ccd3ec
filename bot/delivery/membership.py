"""The one platform question the DM-versus-channel rule needs: is this person in that channel?"""

from __future__ import annotations

from typing import Protocol

from bot.models import Destination


class MembershipLookup(Protocol):
    """Implemented by each platform adapter (Slack: conversations.members; Discord: channel permissions)."""

    async def is_member(self, channel: Destination, user_id: str) -> bool:
        """True when ``user_id`` is in ``channel`` and so already sees its cards."""
        ...
