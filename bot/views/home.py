"""A person's own page (Slack's App Home, Discord's `/jobs list` in DMs): their subscriptions and saves."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.values import HomeView, SubscriptionItem
from bot.views.actions import Action, Button
from bot.views.asking import unsubscribe_button
from bot.views.card import CardView, card_view
from bot.views.reply import subscription_line
from bot.views.rich import Line, Run, code, cut, joined, markup, plain
from bot.views.text import more_line

SUBSCRIPTIONS_SHOWN = 30
SAVED_SHOWN = 15
_NOTICE_MAX = 1500
TITLE = "Your job alerts"
NO_SUBSCRIPTIONS = "No subscriptions yet. Press New subscription, or type `/jobs subscribe Paris + French`."
NOTHING_SAVED = "Nothing saved yet. Press Save on a posting to keep it here."


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    """One subscription with what it is understood as and its buttons."""

    line: Line
    details: str
    buttons: tuple[Button, ...]


@dataclass(frozen=True, slots=True)
class HomePage:
    """The home page, ready for a platform to lay out."""

    title: str
    intro: Line
    new_button: Button
    notice: Line  # what the last click did, or ()
    subscriptions_heading: str
    subscriptions: tuple[SubscriptionRow, ...]
    subscriptions_empty: Line  # shown when there are none, else ()
    subscriptions_more: Line
    saved_heading: str
    saved: tuple[CardView, ...]
    saved_empty: Line
    saved_more: Line
    muted: Line  # muted companies and how to undo, or ()


def home_page(home: HomeView, notice: str | None = None, *, capacity: int = SUBSCRIPTIONS_SHOWN) -> HomePage:
    """The page for ``home``; ``notice`` says what the last click did.

    ``capacity`` is how many subscription rows (each with its buttons) the platform has room for.
    """
    subs = home.subscriptions
    shown = max(0, min(capacity, SUBSCRIPTIONS_SHOWN))
    total_saved = max(home.saved_total, len(home.saved))
    saved = home.saved[:SAVED_SHOWN]
    return HomePage(
        title=TITLE,
        intro=markup(
            "Get new postings that match a search, in your DMs or a channel. "
            "Type `/jobs help` anywhere to see every command."
        ),
        new_button=Button("New subscription", Action.NEW_SUBSCRIPTION, style="primary"),
        notice=markup(cut(notice, _NOTICE_MAX)) if notice else (),
        subscriptions_heading="Subscriptions",
        subscriptions=tuple(subscription_row(item) for item in subs[:shown]),
        subscriptions_empty=() if subs else markup(NO_SUBSCRIPTIONS),
        subscriptions_more=more_line(len(subs) - shown, hint="list"),
        saved_heading=f"Saved postings ({total_saved})" if total_saved else "Saved postings",
        saved=tuple(card_view(card) for card in saved),
        saved_empty=() if home.saved else (plain(NOTHING_SAVED),),
        saved_more=more_line(total_saved - len(saved), hint="saved"),
        muted=_muted(home.muted_companies),
    )


def subscription_row(item: SubscriptionItem) -> SubscriptionRow:
    """A subscription's line, its reading, and Pause/Resume and Unsubscribe."""
    value, tag = str(item.id), f"#{item.id}"
    toggle = (
        Button("Resume", Action.RESUME, value, apart=f"Resume {tag}")
        if item.paused
        else Button("Pause", Action.PAUSE, value, apart=f"Pause {tag}")
    )
    unsubscribe = unsubscribe_button(item.id, apart=f"Unsubscribe {tag}")
    details = " · ".join(part for part in (item.understood, item.schedule) if part)
    return SubscriptionRow(subscription_line(item), details, (toggle, unsubscribe))


def _muted(companies: tuple[str, ...]) -> Line:
    if not companies:
        return ()
    names = joined([(code(name, 80),) for name in companies], ", ")
    return (Run("Muted companies: "), *names, Run(" · undo with "), code("/jobs unmute COMPANY"))
