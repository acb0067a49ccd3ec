"""The neutral command service behind `/jobs`, used by the Slack and Discord adapters alike.

    service = CommandService(engine, matcher, clock=utcnow, settings=settings)
    reply = await service.handle(caller, Subscribe("Paris + French", dm=True))
    reply = await service.handle_text(caller, "subscribe --dm Paris + French")  # typed text, parsed once

Platform adapters build a ``Caller`` from their request and a typed command from their input (free text
through ``parse_command``; buttons through ``bot.views.actions``), and render the ``Reply`` through the
neutral views in ``bot.views``.
"""

from bot.commands.model import Command
from bot.commands.parse import UsageError, parse_command
from bot.commands.port import CommandPort
from bot.commands.service import CommandService
from bot.commands.values import Caller, HomeView, Item, Reply, SourceItem, SubscriptionItem

__all__ = [
    "Caller",
    "Command",
    "CommandPort",
    "CommandService",
    "HomeView",
    "Item",
    "Reply",
    "SourceItem",
    "SubscriptionItem",
    "UsageError",
    "parse_command",
]
