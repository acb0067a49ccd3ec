"""The `/jobs` commands as typed values: what a person asked for, however they asked.

Free text (`/jobs subscribe Paris + French`) is read into these by ``bot.commands.parse`` at the edge that
receives text; buttons, forms and Discord's typed options build them directly. ``CommandService.handle``
takes any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Literal

DigestMode = Literal["off", "hourly", "daily"]


@dataclass(frozen=True, slots=True)
class Help:
    """`help [COMMAND]`"""

    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Search:
    """`search QUERY [page N]`"""

    query: str
    page: int = 1


@dataclass(frozen=True, slots=True)
class Subscribe:
    """`subscribe [--dm] [--anyway] QUERY`, `me QUERY`"""

    query: str
    dm: bool = False
    confirmed: bool = False  # asked already: save even with a likely typo or no match among recent postings


@dataclass(frozen=True, slots=True)
class ListSubscriptions:
    """`list`"""


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    """`unsubscribe ID|all`; with neither, the reply asks which (it cannot be undone)."""

    sub_id: int | None = None
    every: bool = False  # `all`: every subscription here the caller may change


@dataclass(frozen=True, slots=True)
class Pause:
    """`pause [ID|all]` (``resume=False``) and `resume [ID|all]`; with neither, the only one here, or ask."""

    sub_id: int | None = None
    resume: bool = False
    every: bool = False  # `all`: every subscription here the caller may change


@dataclass(frozen=True, slots=True)
class Edit:
    """`edit [--anyway] ID QUERY`: the subscription keeps its id, destination, schedule and pause."""

    sub_id: int
    query: str
    confirmed: bool = False  # asked already: save even with a likely typo or no match among recent postings


@dataclass(frozen=True, slots=True)
class SendTest:
    """`test [--dm]`: one sample card, labelled as a test, sent through the outbox here (or to your DMs)."""

    dm: bool = False


@dataclass(frozen=True, slots=True)
class Digest:
    """`digest off|hourly|daily HH:MM [ID]`"""

    mode: DigestMode
    at: time | None = None
    sub_id: int | None = None


@dataclass(frozen=True, slots=True)
class Quiet:
    """`quiet HH:MM-HH:MM [ID]`, `quiet off [ID]` (start and end None)."""

    start: time | None = None
    end: time | None = None
    sub_id: int | None = None


@dataclass(frozen=True, slots=True)
class SourcesAdd:
    """`sources add URL [--kind K] [--no-check]`: fetched once first, unless ``check`` is False."""

    url: str
    kind: str | None = None
    check: bool = True


@dataclass(frozen=True, slots=True)
class SourcesList:
    """`sources list`"""


@dataclass(frozen=True, slots=True)
class SourcesRemove:
    """`sources remove ID`"""

    source_id: str


@dataclass(frozen=True, slots=True)
class SourcesTest:
    """`sources test ID|URL [--kind K]`"""

    target: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Status:
    """`status`"""


@dataclass(frozen=True, slots=True)
class Saved:
    """`saved [page N]`"""

    page: int = 1


@dataclass(frozen=True, slots=True)
class Mute:
    """`mute COMPANY` and `unmute COMPANY`."""

    company: str
    undo: bool = False


@dataclass(frozen=True, slots=True)
class Save:
    """A card's Save button."""

    posting_id: str


@dataclass(frozen=True, slots=True)
class Unsave:
    """Remove a posting from the saved list."""

    posting_id: str


@dataclass(frozen=True, slots=True)
class HideSimilar:
    """A card's "Not interested" button: hide this posting and similar ones."""

    posting_id: str


@dataclass(frozen=True, slots=True)
class MuteCompany:
    """A card's "Mute company" button: mute the company of this posting."""

    posting_id: str


@dataclass(frozen=True, slots=True)
class Preview:
    """How a query is understood and what it matches now (a form's live feedback)."""

    query: str


Command = (
    Help | Search | Subscribe | ListSubscriptions | Unsubscribe | Pause | Edit | SendTest | Digest | Quiet
    | SourcesAdd | SourcesList | SourcesRemove | SourcesTest | Status | Saved | Mute | Save | Unsave
    | HideSimilar | MuteCompany | Preview
)  # fmt: skip
