"""A posting card as a person sees it, on any platform: what it says, in which order, and its buttons.

``card_view`` decides everything worded or counted (labels, "and 3 more" locations, the why-line, which
buttons show, the one-line preview); a platform only lays the view out in its own widgets and escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cards import Card
from bot.views.actions import Action, Button, fits
from bot.views.dates import posted_words
from bot.views.rich import Line, Run, code, cut, joined, markup, plain

TITLE_MAX = 250  # characters of a posting title
NAME_MAX = 120  # company, location, language names and why-phrases
LOCATIONS_SHOWN = 5
QUERY_MAX = 300
CLOSED = "closed"
SAMPLE_STATUS = "Test"
SAMPLE_WHY = (
    "A test card from `/jobs test`: jobbot can post here. Cards for your subscriptions look like this one."
)
SAMPLE_FOOTER = "test card · not a real posting"
_WEB_URL = re.compile(r"https?://[^\s/]", re.IGNORECASE)
URL_MAX = 2000  # longer links are not linked (nobody types them; they only hide tracking junk)


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled fact: "Location" → "Paris, FR"."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class CardView:
    """A posting card, ready for a platform to lay out."""

    key: str  # the posting id
    title: str
    url: str | None  # only an http(s) link, else None
    company: str
    status: str | None  # "Closed", "Test", … or None while the posting is simply open
    closed: bool
    facts: tuple[Fact, ...]  # in display order
    summary: str  # the facts on one line, for compact layouts
    why: Line  # "📍 Paris · 🗣 French required · matched `Paris + French`"
    buttons: tuple[Button, ...]  # none once the posting is closed
    footer: str  # where it came from and when: "greenhouse:acme · posted 3 days ago"
    preview: str  # the one line a notification shows
    tags: tuple[str, ...]  # short facet words a forum channel can tag it with


def safe_url(url: str) -> str | None:
    """``url`` when it is a web link a card may open, else None."""
    url = url.strip()
    return url if _WEB_URL.match(url) and len(url) <= URL_MAX else None


def locations_label(card: Card) -> str:
    """The card's locations, the first few named and the rest counted."""
    shown = [cut(loc, NAME_MAX) for loc in card.locations[:LOCATIONS_SHOWN]]
    extra = len(card.locations) - len(shown)
    return "; ".join(shown) + (f" and {extra} more" if extra > 0 else "")


def languages_label(card: Card) -> str:
    """Required and preferred languages: "French required · English a plus"."""
    parts = [f"{cut(name, NAME_MAX)} required" for name in card.required_languages]
    parts += [f"{cut(name, NAME_MAX)} a plus" for name in card.preferred_languages]
    return " · ".join(parts)


def why_line(card: Card) -> Line:
    """Why the card reached this person: each satisfied term, then the query that matched."""
    if card.sample:
        return markup(SAMPLE_WHY)
    parts: list[Line] = [(plain(cut(phrase, NAME_MAX)),) for phrase in card.why]
    if card.query:
        parts.append((Run("matched "), code(card.query, QUERY_MAX)))
    return joined(parts)


def facts(card: Card) -> tuple[Fact, ...]:
    """The card's facts in the order people scan them; unknowns are left out, never guessed."""
    pairs = (
        ("Location" if len(card.locations) <= 1 else "Locations", locations_label(card)),
        ("Workplace", card.workplace or ""),
        ("Type", card.employment or ""),
        ("Start", cut(card.start or "", NAME_MAX)),
        ("Degree", card.degree or ""),
        ("Languages", languages_label(card)),
        ("Job code", cut(card.job_code or "", NAME_MAX)),
    )
    return tuple(Fact(label, value) for label, value in pairs if value)


def summary(card: Card) -> str:
    """The facts on one line: "Paris, FR · Internship · starts Sep 2026 · Master's · French required"."""
    start = f"starts {cut(card.start, NAME_MAX)}" if card.start else ""
    posted = posted_words(card.posted, card.as_of)
    parts = (
        locations_label(card),
        card.workplace,
        card.employment,
        start,
        card.degree,
        languages_label(card),
        posted,
    )
    return " · ".join(p for p in parts if p)


def buttons(card: Card, url: str | None) -> tuple[Button, ...]:
    """Open, Save, Not interested and Mute company; none once closed or on a test card; only ids that fit."""
    if is_closed(card) or card.sample:
        return ()
    found: list[Button] = []
    if url is not None:
        found.append(Button("Open", Action.OPEN, card.posting_id, url=url, style="link"))
    wanted = [
        Button("Save", Action.SAVE, card.posting_id, style="primary"),
        Button("Not interested", Action.HIDE, card.posting_id),
    ]
    if card.company:
        wanted.append(Button("Mute company", Action.MUTE, card.posting_id))
    found += [b for b in wanted if fits(b.action, b.value)]
    return tuple(found)


def status(card: Card) -> str | None:
    """What the card says before its title: "Closed", "Test" on a test card, or None while simply open."""
    if card.status:
        return cut(card.status, 40)
    return SAMPLE_STATUS if card.sample else None


def is_closed(card: Card) -> bool:
    """True when the card's posting is closed: it keeps its facts but loses its buttons."""
    return (card.status or "").strip().lower() == CLOSED


def preview(card: Card) -> str:
    """The notification line: "Closed: Marketing Intern at Acme (Paris, FR)"."""
    head = cut(card.title, TITLE_MAX) + (f" at {cut(card.company, NAME_MAX)}" if card.company else "")
    where = f" ({', '.join(card.locations[:LOCATIONS_SHOWN])})" if card.locations else ""
    shown = status(card)
    return (f"{shown}: " if shown else "") + head + where


def footer(card: Card) -> str:
    """Where the posting came from and when it was posted, as far as known."""
    if card.sample:
        return SAMPLE_FOOTER
    parts = [card.source, posted_words(card.posted, card.as_of) or ""]
    return " · ".join(p for p in parts if p)


def tags(card: Card) -> tuple[str, ...]:
    """Words a forum channel's tags may match: places, type, workplace, required languages."""
    words = [loc.split(",")[0].strip() for loc in card.locations[:LOCATIONS_SHOWN]]
    words += [w for w in (card.employment, card.workplace) if w]
    words += list(card.required_languages)
    return tuple(dict.fromkeys(w for w in words if w))


def card_view(card: Card) -> CardView:
    """The view of ``card``."""
    url = safe_url(card.url)
    return CardView(
        key=card.posting_id,
        title=cut(card.title, TITLE_MAX),
        url=url,
        company=cut(card.company, NAME_MAX),
        status=status(card),
        closed=is_closed(card),
        facts=facts(card),
        summary=summary(card),
        why=why_line(card),
        buttons=buttons(card, url),
        footer=footer(card),
        preview=preview(card),
        tags=tags(card),
    )
