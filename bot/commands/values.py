"""What the command service takes and gives: who is asking, and a neutral reply each platform renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.cards import Card
from bot.models import Destination, Platform


@dataclass(frozen=True, slots=True)
class SubscribeChoice:
    """A subscription the reply offers after asking ("Subscribe to `Paris + French`"), saved when chosen.

    With ``edit``, choosing it gives that subscription the query instead (`/jobs edit`).
    """

    label: str
    query: str
    dm: bool
    edit: int | None = None


@dataclass(frozen=True, slots=True)
class Offer:
    """A change the reply offers after asking, one click away: pause, resume or unsubscribe.

    ``sub_id`` None means every subscription here the caller may change (``count`` of them).
    """

    verb: Literal["pause", "resume", "unsubscribe"]
    sub_id: int | None
    count: int = 1


@dataclass(frozen=True, slots=True)
class Caller:
    """Who runs a command, and where: the platform adapter fills this from the request."""

    platform: Platform
    workspace: str  # Slack team id / Discord guild id
    user_id: str
    channel_id: str  # where the command was typed (the DM channel when is_dm)
    is_dm: bool = False
    is_admin: bool = False  # a workspace/channel admin, as the platform says
    timezone: str = "UTC"  # IANA name, e.g. "Europe/Paris"

    @property
    def dm(self) -> Destination:
        """The caller's own DMs."""
        return Destination(self.platform, "dm", self.user_id, self.workspace)

    @property
    def here(self) -> Destination:
        """Where the command was typed: this channel, or the caller's DMs."""
        if self.is_dm:
            return self.dm
        return Destination(self.platform, "channel", self.channel_id, self.workspace)


@dataclass(frozen=True, slots=True)
class SubscriptionItem:
    """A subscription as a person sees it in a list or App Home."""

    id: int
    query: str  # as the subscriber wrote it (raw: platforms escape it)
    destination: Destination
    owner: str
    paused: bool
    schedule: str  # "instant", "daily digest at 09:00 (Europe/Paris)", …
    understood: str = ""  # how the query is understood today ("" when it no longer parses)
    paused_reason: str | None = None  # why jobbot paused it, when it did (its destination could not receive)

    def __str__(self) -> str:
        """One line for a plain-text list (renderers escape it)."""
        where = "your DMs" if self.destination.kind == "dm" else "this channel"
        paused = " · paused" if self.paused else ""
        query = self.query.replace("`", "'")
        return f"#{self.id} `{query}` → {where} · {self.schedule}{paused}"


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A registered source and its health."""

    id: str
    kind: str
    url: str
    name: str
    failures: int
    last_ok_at: datetime | None
    last_error: str | None

    def __str__(self) -> str:
        """One line for a plain-text list (renderers escape it)."""
        ok = self.last_ok_at.strftime("%Y-%m-%d %H:%M UTC") if self.last_ok_at else "never"
        health = f"{self.failures} failed polls in a row: {self.last_error}" if self.failures else "healthy"
        return f"`{self.id}` ({self.kind}) {self.url} · last ok {ok} · {health}"


Item = SubscriptionItem | SourceItem


@dataclass(frozen=True, slots=True)
class Reply:
    """A neutral answer: plain text with `code` spans, plus cards and items the platform renders natively.

    ``text`` may quote what the person typed; the platform renderer escapes it (no pings, no links).
    The raw pieces are kept apart in ``query``/``understood`` so a renderer can lay them out itself.
    """

    text: str
    cards: tuple[Card, ...] = ()
    ephemeral: bool = True
    ok: bool = True
    items: tuple[Item, ...] = ()
    page: int = 1
    has_more: bool = False
    pages: Literal["search", "saved"] | None = None  # what the pages are of, when the reply is one page
    query: str | None = None  # the query as written, when the command had one
    understood: str | None = None  # bot.query.explain of it
    warnings: tuple[str, ...] = ()  # "matches nothing yet", "very broad", …
    choices: tuple[SubscribeChoice, ...] = ()  # subscriptions offered, one click each, after asking
    offers: tuple[Offer, ...] = ()  # changes offered, one click each, after asking which


@dataclass(frozen=True, slots=True)
class HomeView:
    """What App Home shows a person: their subscriptions and saved postings."""

    subscriptions: tuple[SubscriptionItem, ...]
    saved: tuple[Card, ...]
    muted_companies: tuple[str, ...] = ()
    saved_total: int = 0
