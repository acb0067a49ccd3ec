"""A person's own page on Discord: the answer to ``/jobs list`` in DMs, built from the neutral home page.

Discord has no Home tab, so the page is one message: a header embed, the subscriptions with Pause/Resume
and Unsubscribe buttons, then saved postings and muted companies. A message holds five rows of five
buttons, so :func:`build_home` asks the neutral layer for as many subscription rows as fit and lets it
count the rest. Unsubscribe's confirmation is asked by whoever answers the click (Discord buttons have none).
"""

from __future__ import annotations

import discord

from bot.commands.values import HomeView
from bot.views.actions import Button
from bot.views.card import CardView
from bot.views.home import HomePage, home_page
from bot.views.rich import Line, link, plain
from handlers.discord_components import ROW_BUTTONS_MAX, ROWS_MAX, build_view
from handlers.discord_embeds import TITLE_MAX
from handlers.discord_text import markdown, share

# The New subscription button, then each subscription's two buttons kept together on one row.
SUBSCRIPTIONS_FIT = (ROW_BUTTONS_MAX - 1) // 2 + (ROWS_MAX - 1) * (ROW_BUTTONS_MAX // 2)
HEADER_MAX = 1600  # intro and notice
SUBSCRIPTIONS_MAX = 2400
SAVED_MAX = 1800  # with the titles, the three embeds stay under the message's 6,000 characters

Row = list[tuple[Button, str | None]]


def build_home(
    home: HomeView, notice: str | None = None
) -> tuple[list[discord.Embed], discord.ui.View | None]:
    """The ``/jobs list`` answer for ``home``; ``notice`` says what the last click did."""
    return build_home_message(home_page(home, notice, capacity=SUBSCRIPTIONS_FIT))


def saved_line(view: CardView) -> Line:
    """A saved posting on one line: its status, linked title, company and facts."""
    title = " ".join(view.title.split())
    head = link(title, view.url) if view.url else plain(title)
    status = (plain(f"{view.status} · "),) if view.status else ()
    rest = " · ".join(part for part in (view.company, view.summary) if part)
    return (*status, head, *((plain(f" — {rest}"),) if rest else ()))


def _section(title: str, lines: list[Line], limit: int) -> discord.Embed:
    text = "\n".join(t for t in share([(line, limit) for line in lines if line], limit) if t)
    return discord.Embed(title=markdown((plain(title),), TITLE_MAX) or None, description=text or None)


def _rows(page: HomePage) -> list[Row]:
    """Buttons packed five to a row, a subscription's pair never split, labelled to tell the pairs apart."""
    rows: list[Row] = [[(page.new_button, None)]]
    for sub in page.subscriptions:
        pair: Row = [(button, button.apart) for button in sub.buttons]
        if len(rows[-1]) + len(pair) > ROW_BUTTONS_MAX:
            if len(rows) == ROWS_MAX:
                break
            rows.append([])
        rows[-1].extend(pair)
    return rows


def build_home_message(page: HomePage) -> tuple[list[discord.Embed], discord.ui.View | None]:
    """The home page as three embeds (header, subscriptions, saved) and its buttons."""
    header = _section(page.title, [page.intro, page.notice], HEADER_MAX)
    subs: list[Line] = [page.subscriptions_empty]
    for row in page.subscriptions:
        subs += [row.line, (plain(row.details),) if row.details else ()]
    subscriptions = _section(page.subscriptions_heading, [*subs, page.subscriptions_more], SUBSCRIPTIONS_MAX)
    saved_lines = [page.saved_empty, *(saved_line(card) for card in page.saved), page.saved_more, page.muted]
    saved = _section(page.saved_heading, saved_lines, SAVED_MAX)
    return [header, subscriptions, saved], build_view(_rows(page))
