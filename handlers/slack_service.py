"""What the Slack listeners need from the command service (bot.commands.CommandService provides it)."""

from __future__ import annotations

from typing import Protocol

from bot.commands.values import Caller, HomeView, Reply


class CommandPort(Protocol):
    """The neutral command service, as the Slack app calls it."""

    async def run(self, caller: Caller, text: str) -> Reply:
        """Run the ``/jobs`` text after the command name."""
        ...

    async def save(self, caller: Caller, posting_id: str) -> Reply:
        """Save a posting for the caller."""
        ...

    async def hide_similar(self, caller: Caller, posting_id: str) -> Reply:
        """Show the caller fewer postings like this one."""
        ...

    async def mute_company(self, caller: Caller, company: str) -> Reply:
        """Stop showing the caller this company's postings."""
        ...

    async def home(self, caller: Caller) -> HomeView:
        """The caller's subscriptions and saved postings."""
        ...

    async def preview(self, caller: Caller, query_text: str) -> Reply:
        """How a query is understood and what it matches now."""
        ...
