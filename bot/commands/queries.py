"""Reading a query for a subscription, and the questions asked before one is saved (subscribe and edit).

A subscription waits silently for postings, so a query that would never match is asked about first: a
likely typo ("Frnech"), or nothing among the recent postings. A query that means the same as one the place
already has (``French + Paris`` and ``Paris + French``) is not saved twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.commands.context import Context
from bot.commands.search import Preview
from bot.commands.text import code, plural
from bot.commands.values import Reply, SubscribeChoice
from bot.models import Destination, Subscription
from bot.query import Query, QueryError, corrected, explain, meaning, parse
from bot.store import subscriptions as store
from bot.store.browse import company_names
from bot.store.sources import list_sources

MAX_KNOWN_COMPANIES = 20_000
ANYWAY = "--anyway"

Choice = Callable[[str, str], SubscribeChoice]  # (label, query) -> the button that saves it


def known_companies(ctx: Context) -> tuple[str, ...]:
    """The companies of open postings and of sources, so a bare company name reads as the company.

    A source named for a company counts before its first posting arrives, so a subscription made right
    after adding the source already means the company.
    """
    named = [str(s.settings.get("company") or "") for s in list_sources(ctx.engine)]
    found = [*company_names(ctx.engine, "", limit=MAX_KNOWN_COMPANIES), *(n for n in named if n.strip())]
    return tuple(dict.fromkeys(found))


def parse_query(text: str, companies: Sequence[str] = ()) -> Query | Reply:
    """The parsed query, or the reply that says why it cannot be used."""
    try:
        return parse(text, companies=companies)
    except QueryError as exc:
        return Reply(
            f"I could not understand {code(text)}: {exc}\nSee `/jobs help search` for how to write a query.",
            ok=False,
            query=text,
        )


def without_anyway(text: str) -> tuple[str, bool]:
    """``--anyway`` typed at the start of a query field (a form, a Discord option) confirms it."""
    head, _, rest = text.strip().partition(" ")
    return (rest.strip(), True) if head.lower() == ANYWAY else (text, False)


def where(destination: Destination) -> str:
    """Name a destination in a reply: "this channel" or "your DMs"."""
    return "your DMs" if destination.kind == "dm" else "this channel"


def has(destination: Destination) -> str:
    """Name a destination with its verb, to start a sentence: "This channel has", "Your DMs have"."""
    said = f"{where(destination)} {'has' if destination.kind == 'channel' else 'have'}"
    return said[:1].upper() + said[1:]  # not str.capitalize(): that would write "Your dms"


def typo_question(query: Query, held: str = "I have not subscribed anything yet") -> str | None:
    """Ask before saving a query with a likely typo; None when every word is known or chosen on purpose.

    A misspelt word ("Frnech") would never be noticed in a subscription: it is not saved until the person
    sends the corrected query, or quotes the word to keep it as it is. ``held`` says what was not done.
    """
    fix = corrected(query)
    if fix is None:
        return None
    typos = [term for clause in query.clauses for term in clause.terms if term.suggestion]
    words = ", ".join(code(term.text, 40) for term in typos)
    kept = " ".join(f'"{term.text}"' for term in typos)
    them = "it" if len(typos) == 1 else "them"
    return (
        f"Did you mean {code(fix)}? I do not know {words}, so I would search {them} as written and "
        f"probably never find a match. {held}: choose one below, send the corrected query, or put the "
        f"word in quotes ({code(kept, 60)}) to search it exactly as you typed it."
    )


def typo_reply(query: Query, typed: str, verb: str, choice: Choice, held: str) -> Reply | None:
    """The question about a likely typo, offering (``verb``) the corrected query and the query as typed."""
    question = typo_question(query, held)
    if question is None:
        return None
    understood = explain(query, typos=False)  # the question names the typo: once is enough
    fix = corrected(query) or typed
    choices = (choice(f"{verb} to the corrected query", fix), choice(f"{verb} as typed", typed))
    return Reply(
        f"{question}\nUnderstood as: {understood}",
        ok=False,
        query=typed,
        understood=understood,
        choices=choices,
    )


def no_match_reply(
    found: Preview, query: Query, typed: str, verb: str, choice: Choice, held: str, again: str
) -> Reply:
    """The question about a query that matches none of the latest postings; ``again`` confirms it."""
    understood = explain(query)
    return Reply(
        f"Nothing among the latest {plural(found.window, 'open posting')} matches {code(typed)}, "
        f"so {held}: check the reading below. To wait for new postings anyway, choose "
        f"{verb} anyway or send {code(again)}.\nUnderstood as: {understood}",
        ok=False,
        query=typed,
        understood=understood,
        choices=(choice(f"{verb} anyway", typed),),
    )


def kept_reading(parsed: Query, typed: str, saved_text: str) -> Query:
    """The query a restart will read: the saved text's own reading when it differs from what was typed."""
    return parsed if saved_text == typed else parse(saved_text)


def open_now(found: Preview) -> str | None:
    """The reply line that introduces the preview cards, when there are any."""
    if not found.cards:
        return None
    latest, matches = plural(found.window, "posting"), plural(found.matched, "match", "matches")
    return f"Open now: {matches} among the latest {latest}; the newest:"


def preview_warnings(matched: int, window: int, broad: bool) -> list[str]:
    """What a person should know about what a query matches now (the reply's text counted the matches)."""
    if window == 0:
        return [
            "No postings are stored yet, so I cannot show what this matches; cards come as postings arrive."
        ]
    if matched == 0:
        return [
            f"Nothing among the latest {plural(window, 'open posting')} matches this yet; you will get a "
            "card when a new posting does. Check the reading above if that is a surprise."
        ]
    if broad:
        return [
            "This is very broad, so expect many cards. Add a place, a language or a type (e.g. `+ intern`) "
            "to narrow it, or use `/jobs digest daily 09:00`."
        ]
    return []


def duplicate_of(
    subs: Sequence[Subscription], query: Query, *, skip: int | None = None
) -> Subscription | None:
    """The subscription among ``subs`` whose query means what ``query`` means, whatever its wording."""
    wanted = meaning(query)
    for sub in subs:
        if sub.id == skip:
            continue
        try:
            if meaning(parse(sub.query)) == wanted:  # saved queries are pinned: no company list needed
                return sub
        except QueryError:  # a saved query this version no longer reads means nothing comparable
            continue
    return None


def already(
    destination: Destination, same: Subscription, typed: str, held: str = "I have not added another"
) -> str:
    """Say that ``destination`` already has ``same``, which means what ``typed`` means; ``held``: not done."""
    spelt = "" if " ".join(same.query.casefold().split()) == " ".join(typed.casefold().split()) else (
        f", which means the same as {code(typed)}"
    )  # fmt: skip
    paused = f" It is paused; `/jobs resume {same.id}` starts it again." if same.paused else ""
    return (
        f"{has(destination)} this subscription already: #{same.id} {code(same.query)}{spelt}. "
        f"{held}.{paused} To change what it looks for: `/jobs edit {same.id} NEW QUERY`."
    )


def subscriptions_at(ctx: Context, destination: Destination) -> list[Subscription]:
    """Every subscription posting to ``destination``, oldest first."""
    return store.list_subscriptions(ctx.engine, destination_key=destination.key)
