"""Rows of app installations and OAuth states. Tokens arrive here already encrypted: the store never sees one.

An installation row is keyed by (platform, app, enterprise, workspace, user_id); the workspace's bot is the
row whose user_id is "". Missing ids are stored as "" so that the key is always unique on both backends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update

from bot.store.engine import Bind, connect
from bot.store.sql import upsert, utcnow
from bot.store.tables import installations, oauth_states

BOT = ""  # the user_id of a workspace's bot row


@dataclass(frozen=True, slots=True)
class InstallKey:
    """Which installation: the app, the org (or ""), the workspace (or "" for an org install), the user."""

    platform: str
    app: str
    enterprise: str
    workspace: str
    user_id: str = BOT


@dataclass(frozen=True, slots=True)
class InstallRow:
    """One stored installation: its key, when, what the platform said (no secrets), the encrypted tokens."""

    key: InstallKey
    installed_at: datetime
    details: Mapping[str, Any]
    secrets: str


def save_installation(bind: Bind, row: InstallRow) -> None:
    """Insert or replace the installation at ``row.key`` (a reinstall replaces the tokens)."""
    values = {**_key_values(row.key), "installed_at": row.installed_at, "details": dict(row.details),
              "secrets": row.secrets}  # fmt: skip
    with connect(bind) as conn:
        statement = upsert(
            conn,
            installations,
            list(_key_values(row.key)),
            lambda new: {"installed_at": new.installed_at, "details": new.details, "secrets": new.secrets},
        )
        conn.execute(statement.values(**values))


def find_installation(
    bind: Bind, key: InstallKey, *, latest_user: bool = False, any_enterprise: bool = False
) -> InstallRow | None:
    """The row at ``key``; with ``latest_user``, the newest installing user's row of that workspace.

    ``any_enterprise`` ignores ``key.enterprise``: for callers that know a workspace only by its team id
    (a delivery's destination), whether or not it belongs to an Enterprise Grid org.
    """
    c = installations.c
    query = select(installations).where(*_in_workspace(key)[: 3 if any_enterprise else 4])
    if latest_user:
        query = query.where(c.user_id != BOT).order_by(c.installed_at.desc(), c.user_id).limit(1)
    else:
        query = query.where(c.user_id == key.user_id).order_by(c.installed_at.desc()).limit(1)
    with connect(bind) as conn:
        found = conn.execute(query).first()
    if found is None:
        return None
    return InstallRow(
        InstallKey(found.platform, found.app, found.enterprise, found.workspace, found.user_id),
        found.installed_at,
        found.details,
        found.secrets,
    )


def delete_installations(bind: Bind, key: InstallKey, *, bot: bool, users: bool | str) -> int:
    """Delete the workspace's bot row (``bot``) and its users' rows (``users``: True for all, or one id)."""
    c = installations.c
    wanted = []
    if bot:
        wanted.append(c.user_id == BOT)
    if users is True:
        wanted.append(c.user_id != BOT)
    elif isinstance(users, str):
        wanted.append(c.user_id == users)
    if not wanted:
        return 0

    statement = delete(installations).where(*_in_workspace(key), or_(*wanted))
    with connect(bind) as conn:
        return conn.execute(statement).rowcount


def all_installation_secrets(bind: Bind, platform: str) -> list[tuple[InstallKey, str]]:
    """Every row's key and encrypted secrets (for re-encrypting them under a new key)."""
    with connect(bind) as conn:
        rows = conn.execute(select(installations).where(installations.c.platform == platform)).all()
    return [(InstallKey(r.platform, r.app, r.enterprise, r.workspace, r.user_id), r.secrets) for r in rows]


def replace_secrets(bind: Bind, key: InstallKey, old: str, new: str) -> bool:
    """Swap one row's encrypted secrets, unless they changed meanwhile (a reinstall won); True if swapped."""
    c = installations.c
    statement = (
        update(installations)
        .where(*(getattr(c, name) == value for name, value in _key_values(key).items()), c.secrets == old)
        .values(secrets=new)
    )
    with connect(bind) as conn:
        return conn.execute(statement).rowcount > 0


def issue_state(bind: Bind, state: str, *, ttl: timedelta, now: datetime | None = None) -> None:
    """Remember an OAuth ``state`` for ``ttl``, and forget the expired ones (they can never be used)."""
    now = now or utcnow()
    with connect(bind) as conn:
        conn.execute(delete(oauth_states).where(oauth_states.c.expires_at <= now))
        conn.execute(oauth_states.insert().values(state=state, expires_at=now + ttl))


def consume_state(bind: Bind, state: str, *, now: datetime | None = None) -> bool:
    """True once for a state that was issued and has not expired; it is gone afterwards (no replay)."""
    c = oauth_states.c
    statement = delete(oauth_states).where(c.state == state, c.expires_at > (now or utcnow()))
    with connect(bind) as conn:
        return conn.execute(statement).rowcount == 1


def _key_values(key: InstallKey) -> dict[str, str]:
    return {"platform": key.platform, "app": key.app, "enterprise": key.enterprise,
            "workspace": key.workspace, "user_id": key.user_id}  # fmt: skip


def _in_workspace(key: InstallKey) -> list[Any]:
    c = installations.c  # the enterprise last: find_installation may leave it out
    return [c.platform == key.platform, c.app == key.app, c.workspace == key.workspace,
            c.enterprise == key.enterprise]  # fmt: skip
