"""The neutral command service behind `/jobs`, used by the Slack handlers now and Discord later.

    service = CommandService(engine, matcher, clock=utcnow, settings=settings)
    reply = await service.run(caller, "subscribe --dm Paris + French")

Platform adapters build a ``Caller`` from their request and render the ``Reply`` (text with `code`
spans, cards, items) natively, escaping what people typed.
"""

from bot.commands.service import CommandService
from bot.commands.values import Caller, HomeView, Item, Reply, SourceItem, SubscriptionItem

__all__ = ["Caller", "CommandService", "HomeView", "Item", "Reply", "SourceItem", "SubscriptionItem"]
