"""Buttons that ask before they act: what the question says, and which clicks need one.

Slack shows a button's ``Confirm`` as its own dialog; Discord has none, so its adapter asks with a message
and the button's confirmed twin (``actions.confirmed``) does the work. Either way the words are these.
"""

from __future__ import annotations

from bot.commands.values import Offer
from bot.views.actions import ALL, Action, Button, Confirm, subscription_id


def unsubscribe_button(sub_id: int, *, apart: str | None = None) -> Button:
    """Unsubscribe, asking first: it cannot be undone."""
    confirm = Confirm(
        title="Unsubscribe?",
        text=f"Subscription #{sub_id} will stop sending postings. This cannot be undone.",
        confirm="Unsubscribe",
        deny="Keep it",
    )
    value = str(sub_id)
    return Button("Unsubscribe", Action.UNSUBSCRIBE, value, style="danger", confirm=confirm, apart=apart)


def unsubscribe_all_button(count: int | None = None) -> Button:
    """Unsubscribe every subscription here (``count`` of them, when known), asking first."""
    confirm = Confirm(
        title="Unsubscribe from all?",
        text="Every subscription here that you can change will stop sending postings. This cannot be undone.",
        confirm="Unsubscribe all",
        deny="Keep them",
    )
    label = f"Unsubscribe all {count}" if count else "Unsubscribe all"
    return Button(label, Action.UNSUBSCRIBE, ALL, style="danger", confirm=confirm)


def offer_button(offer: Offer) -> Button:
    """The button for a change a reply offers after asking which."""
    if offer.verb == "unsubscribe":
        return (
            unsubscribe_all_button(offer.count) if offer.sub_id is None else unsubscribe_button(offer.sub_id)
        )
    action = Action.PAUSE if offer.verb == "pause" else Action.RESUME
    if offer.sub_id is None:
        return Button(f"{offer.verb.capitalize()} all {offer.count}", action, ALL, style="primary")
    return Button(f"{offer.verb.capitalize()} #{offer.sub_id}", action, str(offer.sub_id), style="primary")


def needs_asking(action: Action, value: str) -> Button | None:
    """The asking button behind a click that cannot be undone (Unsubscribe), or None: the click acts."""
    if action is not Action.UNSUBSCRIBE:
        return None
    if value == ALL:
        return unsubscribe_all_button()
    sub_id = subscription_id(value)
    return unsubscribe_button(sub_id) if sub_id is not None else None
