"""The words of the "new subscription" form, whichever platform draws it (a Slack modal, a Discord modal)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.values import Reply
from bot.views.card import CardView, card_view
from bot.views.rich import Line, markup
from bot.views.text import more_line

PREVIEW_CARDS = 3
QUERY_MAX_CHARS = 300  # the query language's own limit


@dataclass(frozen=True, slots=True)
class SubscribeForm:
    """Labels, hints and limits of the form."""

    title: str = "New job alert"
    query_label: str = "What should I look for?"
    query_placeholder: str = "Paris + French + intern"
    query_max: int = QUERY_MAX_CHARS
    where_label: str = "Where should postings go?"
    where_placeholder: str = "Your DMs"
    where_hint: str = "Leave empty to get them in your DMs. A channel needs an admin."
    hint: str = "Type what you are looking for, e.g. `Paris + French + intern`; I will show how I read it."
    submit: str = "Subscribe"
    cancel: str = "Cancel"
    done: str = "Done"
    working: str = "Creating your subscription…"
    empty_query: str = "Type what you are looking for first."


FORM = SubscribeForm()


@dataclass(frozen=True, slots=True)
class FormPreview:
    """The live reading of what was typed so far: how it is understood and a few postings it matches."""

    lines: tuple[Line, ...]
    cards: tuple[CardView, ...]
    more: Line


def form_preview(preview: Reply | None) -> FormPreview:
    """The preview for the service's reading of the query (None before anything was typed)."""
    if preview is None:
        return FormPreview((markup(FORM.hint),), (), ())
    lines = [markup(line) for line in preview.text.splitlines() if line.strip()]
    lines += [markup(f"⚠️ {warning}") for warning in preview.warnings]
    return FormPreview(
        lines=tuple(lines),
        cards=tuple(card_view(card) for card in preview.cards[:PREVIEW_CARDS]),
        more=more_line(len(preview.cards) - PREVIEW_CARDS, "match", suffix=" right now"),
    )
