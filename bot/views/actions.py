"""What a button does, in one encoding every platform shares, and the typed command a click becomes.

A button is an ``Action`` and a value (a posting id, a subscription id, a page). Platforms carry the pair
as one string, ``jobbot:ACTION:VALUE`` (a Discord custom id, a Slack action id and value), and give it back
on a click; ``decode`` reads it and ``command_for`` turns it into the command the service runs, so a click
never goes through command text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from bot.commands.model import (
    Command,
    Edit,
    HideSimilar,
    MuteCompany,
    Pause,
    Save,
    Saved,
    Search,
    Subscribe,
    Unsave,
    Unsubscribe,
)
from bot.commands.parse import MAX_PAGE
from bot.models import ID_MAX
from bot.query.parser import UNREADABLE

PREFIX = "jobbot"
MAX_ENCODED = 100  # the smallest room a platform gives (Discord custom ids); Slack allows more
ALL = "all"  # the value of a Pause, Resume or Unsubscribe button acting on every subscription here


class Action(StrEnum):
    """Everything a jobbot button can do."""

    OPEN = "open"  # a link: the platform opens the URL itself
    SAVE = "save"
    UNSAVE = "unsave"
    HIDE = "hide"  # "Not interested": hide this posting and similar ones
    MUTE = "mute"  # mute the company of the posting
    PAUSE = "pause"
    RESUME = "resume"
    UNSUBSCRIBE = "unsubscribe"
    NEW_SUBSCRIPTION = "new"
    PAGE = "page"  # another page of search results; value "N:query"
    SAVED_PAGE = "saved"  # another page of saved postings; value "N"
    CONFIRMED = "yes"  # the second step where a platform has no confirm dialog; value "ACTION:VALUE"
    SUBSCRIBE = "sub"  # save a subscription the reply asked about; value "dm:QUERY" or "here:QUERY"
    EDIT = "edit"  # give a subscription the query the reply asked about; value "ID:QUERY"


ButtonStyle = Literal["primary", "secondary", "danger", "link"]


@dataclass(frozen=True, slots=True)
class Confirm:
    """A question the platform asks before the click counts."""

    title: str
    text: str
    confirm: str
    deny: str


@dataclass(frozen=True, slots=True)
class Button:
    """A button as a person sees it: its label, what it does and with what, and how it looks."""

    label: str
    action: Action
    value: str = ""
    url: str | None = None  # link buttons only
    style: ButtonStyle = "secondary"
    confirm: Confirm | None = None
    apart: str | None = None  # the label where it cannot stand beside what it acts on ("Pause #12")

    @property
    def custom_id(self) -> str:
        """The button's one-string encoding."""
        return encode(self.action, self.value)


def encode(action: Action, value: str = "") -> str:
    """``jobbot:ACTION:VALUE``."""
    return f"{PREFIX}:{action.value}:{value}"


def fits(action: Action, value: str) -> bool:
    """True when the pair fits every platform's room for it."""
    return len(encode(action, value)) <= MAX_ENCODED


def decode(encoded: str) -> tuple[Action, str] | None:
    """The action and value of an encoded button, or None when the string is not one of ours.

    Ours never hold a control character or a broken (lone surrogate) one, which no store could keep.
    """
    if UNREADABLE.search(encoded):
        return None
    prefix, _, rest = encoded.partition(":")
    name, sep, value = rest.partition(":")
    if prefix != PREFIX or not sep:
        return None
    try:
        return Action(name), value
    except ValueError:
        return None


def page_value(page: int, query: str) -> str:
    """The value of a page button: the page to show and the query."""
    return f"{page}:{query}"


def number(value: str, most: int) -> int | None:
    """A number as our buttons write it (ASCII digits, 1 to ``most``), or None."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(most)):
        return None
    return int(value) if 1 <= int(value) <= most else None


def subscription_id(value: str) -> int | None:
    """A subscription id as our buttons write it, or None (no store keeps one above ``ID_MAX``)."""
    return number(value, ID_MAX)


def command_for(action: Action, value: str) -> Command | None:
    """The command a click on (``action``, ``value``) runs; None for links, forms and malformed values."""
    match action:
        case Action.SAVE if value:
            return Save(value)
        case Action.UNSAVE if value:
            return Unsave(value)
        case Action.HIDE if value:
            return HideSimilar(value)
        case Action.MUTE if value:
            return MuteCompany(value)
        case Action.PAUSE | Action.RESUME if (sub_id := subscription_id(value)) is not None:
            return Pause(sub_id, resume=action is Action.RESUME)
        case Action.PAUSE | Action.RESUME if value == ALL:
            return Pause(resume=action is Action.RESUME, every=True)
        case Action.UNSUBSCRIBE if (sub_id := subscription_id(value)) is not None:
            return Unsubscribe(sub_id)
        case Action.UNSUBSCRIBE if value == ALL:
            return Unsubscribe(every=True)
        case Action.PAGE:
            page, _, query = value.partition(":")
            if (number_of := number(page, MAX_PAGE)) is not None and query.strip():
                return Search(query, number_of)
        case Action.SAVED_PAGE if (number_of := number(value, MAX_PAGE)) is not None:
            return Saved(number_of)
        case Action.SUBSCRIBE:
            where, _, query = value.partition(":")
            if where in ("dm", "here") and query.strip():
                return Subscribe(query, dm=where == "dm", confirmed=True)
        case Action.EDIT:
            sub_text, _, query = value.partition(":")
            if (sub_id := subscription_id(sub_text)) is not None and query.strip():
                return Edit(sub_id, query, confirmed=True)
        case Action.CONFIRMED:
            inner = decode(f"{PREFIX}:{value}")
            if inner is not None and inner[0] is not Action.CONFIRMED:
                return command_for(*inner)
    return None


def edit_value(sub_id: int, query: str) -> str:
    """The value of a button that gives subscription ``sub_id`` the query ``query``."""
    return f"{sub_id}:{query}"


def subscribe_value(query: str, dm: bool) -> str:
    """The value of a button that saves ``query`` for the caller's DMs or here."""
    return f"{'dm' if dm else 'here'}:{query}"


def confirmed(button: Button) -> Button:
    """The button that carries out ``button`` once confirmed (for platforms with no confirm dialog)."""
    label = button.confirm.confirm if button.confirm else button.label
    return Button(label, Action.CONFIRMED, f"{button.action.value}:{button.value}", style=button.style)
