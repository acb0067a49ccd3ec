"""The fake Slack's side of "Add to Slack": the authorize page (it consents at once) and oauth.v2.access.

Rules kept from Slack: a code is good once, for the app it was issued to, within ten minutes; the client
secret must match; a redirect_uri given to authorize must be one the app registered, and the same one must
come back with the code. Each install issues a new bot token for the workspace, as a reinstall does.
"""

from __future__ import annotations

import itertools
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

CODE_SECONDS = 600


@dataclass(frozen=True, slots=True)
class FakeApp:
    """A Slack app as its settings page would hold it."""

    client_id: str
    client_secret: str
    redirect_uri: str


@dataclass(frozen=True, slots=True)
class Grant:
    """An authorization a person gave on the authorize page, waiting for its code to be exchanged."""

    client_id: str
    team_id: str
    user_id: str
    scopes: str
    redirect_uri: str | None
    expires: float


@dataclass(slots=True)
class FakeOAuth:
    """Apps, pending codes, and the installs done; ``issue_token`` makes a workspace's new bot token."""

    issue_token: Callable[[str], str]  # team id -> a new bot token valid for that workspace
    clock: Callable[[], float] = time.monotonic
    apps: dict[str, FakeApp] = field(default_factory=dict)
    codes: dict[str, Grant] = field(default_factory=dict)
    installs: list[Grant] = field(default_factory=list)
    token_rotation: bool = False  # the app setting: bot tokens expire and come with a refresh token
    expires_in: int = 43_200  # seconds a rotating token lives (Slack's 12 hours)
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token -> team id
    _serial: itertools.count = field(default_factory=lambda: itertools.count(1))

    def authorize(self, query: dict[str, str], *, team_id: str, user_id: str) -> tuple[int, str]:
        """Answer GET /oauth/v2/authorize: (302, where to) after consent, or (400, why) for a bad link."""
        app = self.apps.get(query.get("client_id", ""))
        if app is None:
            return 400, "invalid_client_id"
        redirect_uri = query.get("redirect_uri") or None
        if redirect_uri is not None and redirect_uri != app.redirect_uri:
            return 400, "bad_redirect_uri"
        code = f"code-{next(self._serial)}-{secrets.token_hex(8)}"
        expires = self.clock() + CODE_SECONDS
        scopes = query.get("scope", "")
        self.codes[code] = Grant(app.client_id, team_id, user_id, scopes, redirect_uri, expires)
        back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        return 302, f"{redirect_uri or app.redirect_uri}?{urlencode(back)}"

    def access(self, args: dict[str, Any], basic: tuple[str, str] | None) -> dict[str, Any]:
        """Answer oauth.v2.access: exchange a code for the workspace's bot token."""
        client_id, client_secret = basic or (args.get("client_id", ""), args.get("client_secret", ""))
        app = self.apps.get(client_id)
        if app is None:
            return {"ok": False, "error": "invalid_client_id"}
        if not secrets.compare_digest(app.client_secret, client_secret):
            return {"ok": False, "error": "bad_client_secret"}
        if args.get("grant_type") == "refresh_token":
            return self._refresh(str(args.get("refresh_token") or ""), app)
        grant = self.codes.pop(str(args.get("code") or ""), None)
        if grant is None or grant.client_id != client_id or grant.expires < self.clock():
            return {"ok": False, "error": "invalid_code"}
        if grant.redirect_uri is not None and args.get("redirect_uri") != grant.redirect_uri:
            return {"ok": False, "error": "bad_redirect_uri"}
        self.installs.append(grant)
        return {**self._bot_token(app, grant.team_id, grant.scopes), "authed_user": {"id": grant.user_id}}

    def _refresh(self, refresh_token: str, app: FakeApp) -> dict[str, Any]:
        team_id = self.refresh_tokens.get(refresh_token)
        if team_id is None:
            return {"ok": False, "error": "invalid_refresh_token"}
        return self._bot_token(app, team_id, self.installs[-1].scopes if self.installs else "")

    def _bot_token(self, app: FakeApp, team_id: str, scopes: str) -> dict[str, Any]:
        answer = {
            "ok": True,
            "app_id": f"A{app.client_id.replace('.', '')}",
            "scope": scopes,
            "token_type": "bot",
            "access_token": self.issue_token(team_id),
            "bot_user_id": f"UB{team_id}",
            "team": {"id": team_id, "name": f"Team {team_id}"},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if self.token_rotation:
            refresh = f"xoxe-1-{secrets.token_hex(16)}"
            self.refresh_tokens[refresh] = team_id
            answer |= {"refresh_token": refresh, "expires_in": self.expires_in}
        return answer
