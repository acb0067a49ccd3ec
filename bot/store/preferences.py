"""Per-person preferences: saved postings, hidden ("not interested") postings and muted companies.

A person is named by an *owner key*, ``platform:workspace:user`` (``owner_key``), because user ids are only
unique within one Slack workspace or Discord server. Hiding a posting also hides *similar* ones: the same
company with the same normalized title (``title_key``), so "Marketing Intern (Paris)" and
"Marketing Intern – 2027" go together. ``is_suppressed`` is what delivery asks before a card is queued for
a person's DMs; channels are shared, so personal preferences never hold back a channel's cards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, or_, select

from bot.models import Destination, Posting
from bot.query import company_key, words
from bot.store.engine import Bind, connect
from bot.store.sql import insert_ignoring_conflicts, utcnow
from bot.store.tables import hidden_postings, muted_companies, saved_postings

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_KEY_CHARS = 300


def owner_key(platform: str, workspace: str, user_id: str) -> str:
    """The key a person's preferences are stored under."""
    return f"{platform}:{workspace}:{user_id}"


def owner_destination(owner: str) -> Destination | None:
    """The DM destination of an owner key (``owner_key``), or None for a bare or unknown owner."""
    parts = owner.split(":")
    if len(parts) != 3 or not all(parts) or parts[0] not in ("slack", "discord"):
        return None
    platform, workspace, user = parts
    return Destination(platform, "dm", user, workspace)  # type: ignore[arg-type]


def dm_owner(destination: Destination) -> str | None:
    """The person whose preferences apply to cards sent to ``destination``: DMs only, never a channel."""
    if destination.kind != "dm":
        return None
    return owner_key(destination.platform, destination.workspace, destination.target)


def title_key(title: str) -> str:
    """A title reduced to what makes two postings "the same role": no brackets, numbers or single letters."""
    kept = [w for w in words(_BRACKETED.sub(" ", title)) if len(w) > 1 and not w.isdigit()]
    return " ".join(kept)[:_KEY_CHARS]


def _company(name: str) -> str:
    key = company_key(name)
    return "" if key == "co:" else key[:200]


# --------------------------------------------------------------------------------------------- saved


def save_posting(bind: Bind, owner: str, posting_id: str, *, now: datetime | None = None) -> bool:
    """Save a stored posting for ``owner``; False when it was saved already."""
    values = {"owner": owner, "posting_id": posting_id, "saved_at": now or utcnow()}
    with connect(bind) as conn:
        statement = insert_ignoring_conflicts(conn, saved_postings, values, ["owner", "posting_id"])
        # RETURNING, not rowcount: drivers disagree on the rowcount of ON CONFLICT DO NOTHING
        return conn.execute(statement.returning(saved_postings.c.owner)).first() is not None


def unsave_posting(bind: Bind, owner: str, posting_id: str) -> bool:
    """Forget a saved posting; False when it was not saved."""
    statement = delete(saved_postings).where(
        saved_postings.c.owner == owner, saved_postings.c.posting_id == posting_id
    )
    with connect(bind) as conn:
        return conn.execute(statement).rowcount > 0


def saved_posting_ids(bind: Bind, owner: str, *, limit: int = 50, offset: int = 0) -> list[str]:
    """The ids of ``owner``'s saved postings, most recently saved first."""
    query = (
        select(saved_postings.c.posting_id)
        .where(saved_postings.c.owner == owner)
        .order_by(saved_postings.c.saved_at.desc(), saved_postings.c.posting_id)
        .limit(limit)
        .offset(offset)
    )
    with connect(bind) as conn:
        return list(conn.execute(query).scalars())


def count_saved(bind: Bind, owner: str) -> int:
    """How many postings ``owner`` has saved."""
    query = select(func.count()).select_from(saved_postings).where(saved_postings.c.owner == owner)
    with connect(bind) as conn:
        return int(conn.execute(query).scalar() or 0)


# --------------------------------------------------------------------------------------------- hidden


def hide_posting(bind: Bind, owner: str, posting: Posting, *, now: datetime | None = None) -> bool:
    """Hide ``posting`` and similar ones (same company and normalized title) from ``owner``."""
    values = {
        "owner": owner,
        "posting_id": posting.id,
        "company_key": _company(posting.company),
        "title_key": title_key(posting.title),
        "hidden_at": now or utcnow(),
    }
    with connect(bind) as conn:
        statement = insert_ignoring_conflicts(conn, hidden_postings, values, ["owner", "posting_id"])
        return conn.execute(statement.returning(hidden_postings.c.owner)).first() is not None


def unhide_all(bind: Bind, owner: str) -> int:
    """Show everything ``owner`` hid again; returns how many hides were undone."""
    with connect(bind) as conn:
        return conn.execute(delete(hidden_postings).where(hidden_postings.c.owner == owner)).rowcount


# --------------------------------------------------------------------------------------------- muted


def mute_company(bind: Bind, owner: str, company: str, *, now: datetime | None = None) -> bool:
    """Stop cards from ``company`` reaching ``owner``; False when already muted (or no company name)."""
    key = _company(company)
    if not key:
        return False
    values = {"owner": owner, "company_key": key, "company": company.strip(), "muted_at": now or utcnow()}
    with connect(bind) as conn:
        statement = insert_ignoring_conflicts(conn, muted_companies, values, ["owner", "company_key"])
        return conn.execute(statement.returning(muted_companies.c.owner)).first() is not None


def unmute_company(bind: Bind, owner: str, company: str) -> bool:
    """Let ``company``'s cards reach ``owner`` again; False when it was not muted."""
    statement = delete(muted_companies).where(
        muted_companies.c.owner == owner, muted_companies.c.company_key == _company(company)
    )
    with connect(bind) as conn:
        return conn.execute(statement).rowcount > 0


def muted_company_names(bind: Bind, owner: str) -> list[str]:
    """The companies ``owner`` muted, as they were named, alphabetically."""
    query = select(muted_companies.c.company).where(muted_companies.c.owner == owner)
    with connect(bind) as conn:
        return sorted(conn.execute(query).scalars(), key=str.casefold)


# --------------------------------------------------------------------------------------------- checks


def is_suppressed(bind: Bind, owner: str, posting: Posting) -> bool:
    """Whether ``owner`` muted the posting's company or hid it (or a similar posting)."""
    return posting.id in suppressed_ids(bind, owner, [posting])


def suppressed_ids(bind: Bind, owner: str, postings: Sequence[Posting]) -> set[str]:
    """The ids among ``postings`` that ``owner`` should not be shown (muted company, hidden or similar)."""
    if not postings:
        return set()
    with connect(bind) as conn:
        muted = set(
            conn.execute(
                select(muted_companies.c.company_key).where(muted_companies.c.owner == owner)
            ).scalars()
        )
        hidden = conn.execute(
            select(hidden_postings.c.posting_id, hidden_postings.c.company_key, hidden_postings.c.title_key)
            .where(hidden_postings.c.owner == owner)
            .where(_hidden_filter(postings))
        ).all()
    hidden_ids = {row.posting_id for row in hidden}
    similar = {(row.company_key, row.title_key) for row in hidden if row.company_key}
    out = set()
    for posting in postings:
        company = _company(posting.company)
        if (
            posting.id in hidden_ids
            or (company and company in muted)
            or (company and (company, title_key(posting.title)) in similar)
        ):
            out.add(posting.id)
    return out


def _hidden_filter(postings: Iterable[Posting]) -> ColumnElement[bool]:
    """Narrow the person's hidden rows to those that could concern these postings."""
    ids = sorted({p.id for p in postings})
    companies = sorted({c for p in postings if (c := _company(p.company))})
    clauses = [hidden_postings.c.posting_id.in_(ids)]
    if companies:
        clauses.append(hidden_postings.c.company_key.in_(companies))
    return or_(*clauses)
