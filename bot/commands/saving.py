"""What `subscribe` and `edit` share: a query read for saving, asked about, previewed, and the saved reply.

Both read the query the same way (``--anyway``, company names written out), ask before saving one with a
likely typo or one that matches none of the latest postings, and answer with the same lines: how the query
was understood, how it is saved, and what is open now.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from bot.commands.context import Context
from bot.commands.queries import (
    Choice,
    kept_reading,
    known_companies,
    no_match_reply,
    open_now,
    parse_query,
    preview_warnings,
    typo_reply,
    without_anyway,
)
from bot.commands.search import Preview, is_broad, preview
from bot.commands.text import code
from bot.commands.values import Reply
from bot.query import Query, explain, pinned


@dataclass(frozen=True, slots=True)
class Draft:
    """A query to save: as typed, as read, as saved, and whether the person already said to save it."""

    typed: str
    parsed: Query
    saved_text: str  # company names written out, so the saved query means the same after a restart
    confirmed: bool

    @property
    def kept(self) -> Query:
        """The reading every process rebuilds its index from (that of the saved text)."""
        return kept_reading(self.parsed, self.typed, self.saved_text)


@dataclass(frozen=True, slots=True)
class Asking:
    """How a command asks before saving: its verb, its buttons, what it has not done, how to insist."""

    verb: str  # "Subscribe", "Change"
    choice: Choice
    held_typo: str
    held_unmatched: str
    again: str


def read_draft(ctx: Context, text: str, confirmed: bool, missing: str) -> Draft | Reply:
    """The query in ``text`` (``--anyway`` confirms it), or the reply that says what is wrong with it."""
    typed, anyway = without_anyway(text)
    if not typed:
        return Reply(missing, ok=False)
    parsed = parse_query(typed, known_companies(ctx))
    if isinstance(parsed, Reply):
        return parsed
    return Draft(typed, parsed, pinned(parsed), confirmed or anyway)


async def previewed(
    ctx: Context, draft: Draft, asking: Asking, *, owner: str | None, refused: Reply | None = None
) -> Preview | Reply:
    """What ``draft`` matches now; else the question to ask first, or ``refused`` (after a typo question)."""
    if not draft.confirmed:
        asked = typo_reply(draft.parsed, draft.typed, asking.verb, asking.choice, asking.held_typo)
        if asked is not None:
            return asked
    if refused is not None:
        return refused
    found = await asyncio.to_thread(
        preview, ctx.engine, draft.parsed, owner=owner, window=ctx.preview_window, now=ctx.clock()
    )
    if found.window and not found.matched and not draft.confirmed:
        return no_match_reply(
            found, draft.parsed, draft.typed, asking.verb, asking.choice, asking.held_unmatched, asking.again
        )
    return found


def saved_reply(
    draft: Draft, found: Preview, done: str, *, notes: Sequence[str] = (), last: Sequence[str] = ()
) -> Reply:
    """The answer once saved: ``done``, the reading, the saved form, ``notes``, what is open now, ``last``."""
    understood = explain(draft.parsed)
    lines = [done, f"Understood as: {understood}"]
    if draft.saved_text != draft.typed:
        lines.append(f"Saved as {code(draft.saved_text)}, so it keeps this meaning.")
    lines += notes
    if (introduced := open_now(found)) is not None:
        lines.append(introduced)
    lines += last
    warnings = preview_warnings(found.matched, found.window, is_broad(found))
    return Reply(
        "\n".join(lines),
        cards=found.cards,
        query=draft.typed,
        understood=understood,
        warnings=tuple(warnings),
    )
