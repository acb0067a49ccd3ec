"""What a platform adapter needs from the command service (``CommandService`` provides it)."""

from __future__ import annotations

from typing import Protocol

from bot.commands.model import Command
from bot.commands.values import Caller, HomeView, Reply


class CommandPort(Protocol):
    """The neutral command service, as Slack, Discord and tests call it."""

    async def handle(self, caller: Caller, command: Command) -> Reply:
        """Answer one typed command."""
        ...

    async def handle_text(self, caller: Caller, text: str) -> Reply:
        """Answer the text typed after `/jobs`."""
        ...

    async def suggest_query(self, caller: Caller, text: str) -> list[str]:
        """Whole queries completing what was typed so far."""
        ...

    async def suggest_subscriptions(self, caller: Caller, typed: str) -> list[tuple[str, int]]:
        """The caller's own subscriptions matching what was typed, as (label, id)."""
        ...

    async def suggest_companies(self, caller: Caller, typed: str) -> list[str]:
        """Companies of open postings starting with what was typed."""
        ...

    async def home(self, caller: Caller) -> HomeView:
        """The caller's subscriptions and saved postings."""
        ...
