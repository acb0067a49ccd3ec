"""What the fake Slack knows and how it answers each Web API method: channels, messages, users, views.

Pure state and rules, no HTTP (``handlers.fakes.slack_api`` serves it): a channel takes about one message a
second with a small burst and says ``ratelimited`` beyond that, archived or missing channels refuse posts,
and messages keep their metadata for ``conversations.history``.
"""

from __future__ import annotations

import itertools
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

TEAM_ID = "T0FAKE"
BOT_USER_ID = "UBOTFAKE"
METADATA_EVENT = "jobbot_card"
JOBBOT_EVENTS = (METADATA_EVENT, "jobbot_notice")  # a card's metadata, and an owner notice's
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_TEXT = 40_000
MAX_VIEW_BLOCKS = 100

Answer = tuple[dict[str, Any], int, dict[str, str] | None]
"""A method's answer: the JSON body, the HTTP status and any extra headers."""


@dataclass(slots=True)
class _Channel:
    messages: list[dict[str, Any]] = field(default_factory=list)  # oldest first
    members: list[str] = field(default_factory=list)
    archived: bool = False
    tokens: float = 0.0  # the rate limit's bucket
    refilled: float = 0.0


class FakeWorkspace:
    """One Slack workspace's state; any channel id exists (empty) until removed."""

    def __init__(
        self,
        *,
        rate_per_second: float = 1.0,
        burst: int = 3,
        clock: Callable[[], float] = time.monotonic,
        team_id: str = TEAM_ID,
    ) -> None:
        self.team_id = team_id
        self.rate_per_second = rate_per_second
        self.burst = burst
        self.users: dict[str, dict[str, Any]] = {}
        self.missing_channels: set[str] = set()
        self.views: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, _Channel] = {}
        self._clock = clock
        self._ts = itertools.count(1)
        self._view_ids = itertools.count(1)
        self._methods: dict[str, Callable[[dict[str, Any]], Answer]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.postEphemeral": self._post_ephemeral,
            "conversations.open": self._open,
            "conversations.history": self._history,
            "conversations.members": self._members,
            "users.info": self._users_info,
            "views.open": self._views_open,
            "views.publish": self._views_publish,
            "views.update": self._views_update,
        }

    def knows(self, method: str) -> bool:
        """True when the fake implements ``method``."""
        return method in self._methods

    def call(self, method: str, args: dict[str, Any]) -> Answer:
        """Answer ``method`` called with ``args`` (the token was checked already)."""
        return self._methods[method](args)

    # ---- arranging

    def archive(self, channel: str) -> None:
        """Make ``channel`` archived: posts answer is_archived."""
        self._channel(channel).archived = True

    def remove_channel(self, channel: str) -> None:
        """Make ``channel`` unknown: calls answer channel_not_found."""
        self.missing_channels.add(channel)

    def set_members(self, channel: str, members: Sequence[str]) -> None:
        """Who conversations.members lists for ``channel``."""
        self._channel(channel).members = list(members)

    def set_user(self, user_id: str, **fields: Any) -> None:
        """Add or change a users.info record, e.g. ``is_admin=True``, ``deleted=True``, ``tz="UTC"``."""
        self.users[user_id] = {**self.user(user_id), **fields}

    def restore_message(self, channel: str, ts: str, key: str | None) -> None:
        """Put back a message a previous run stored (only its ts and idempotency key are kept)."""
        message: dict[str, Any] = {"type": "message", "user": BOT_USER_ID, "ts": ts, "text": ""}
        if key:
            message["metadata"] = {"event_type": METADATA_EVENT, "event_payload": {"key": key}}
        self._channel(channel).messages.append(message)

    # ---- inspecting

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The messages stored in ``channel``, oldest first."""
        return list(self._channel(channel).messages)

    def user(self, user_id: str) -> dict[str, Any]:
        """The users.info record of ``user_id`` (a plain member unless set otherwise)."""
        return self.users.get(user_id) or {
            "id": user_id,
            "team_id": self.team_id,
            "name": user_id.lower(),
            "real_name": f"User {user_id}",
            "is_admin": False,
            "is_owner": False,
            "is_bot": user_id == BOT_USER_ID,
            "deleted": False,
            "tz": "UTC",
        }

    # ---- methods

    def _auth_test(self, args: dict[str, Any]) -> Answer:
        return _ok(url="https://fake.slack.test/", team="Fake", user="jobbot", team_id=self.team_id,
                   user_id=BOT_USER_ID, bot_id="BFAKE")  # fmt: skip

    def _post_message(self, args: dict[str, Any]) -> Answer:
        channel_id, channel, error = self._conversation(args, writing=True)
        error = error or invalid_message(args)
        if channel is None or error:
            return _error(error or "channel_not_found")
        wait = self._take_token(channel)
        if wait > 0:
            return _error("ratelimited", 429, {"Retry-After": str(max(1, math.ceil(wait)))})
        message = _message(args, self._next_ts())
        channel.messages.append(message)
        return _ok(channel=channel_id, ts=message["ts"], message=message)

    def _update(self, args: dict[str, Any]) -> Answer:
        channel_id, channel, error = self._conversation(args, writing=True)
        error = error or invalid_message(args)
        if channel is None or error:
            return _error(error or "channel_not_found")
        for message in channel.messages:
            if message["ts"] == str(args.get("ts")):
                message.update({k: v for k, v in _message(args, message["ts"]).items() if k != "metadata"})
                message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
                return _ok(channel=channel_id, ts=message["ts"], text=message["text"])
        return _error("message_not_found")

    def _post_ephemeral(self, args: dict[str, Any]) -> Answer:
        _, channel, error = self._conversation(args, writing=True)
        error = error or ("" if args.get("user") else "user_not_in_channel") or invalid_message(args)
        return _error(error) if channel is None or error else _ok(message_ts=self._next_ts())

    def _open(self, args: dict[str, Any]) -> Answer:
        user_id = str(args.get("users") or "").split(",")[0]
        if not user_id:
            return _error("users_list_not_supplied")
        user = self.user(user_id)
        if user["is_bot"]:
            return _error("cannot_dm_bot")
        if user["deleted"]:
            return _error("user_disabled")
        return _ok(channel={"id": "D" + user_id})

    def _history(self, args: dict[str, Any]) -> Answer:
        _, channel, error = self._conversation(args, writing=False)
        if channel is None or error:
            return _error(error or "channel_not_found")
        limit = max(1, min(999, int(args.get("limit") or 100)))
        start = int(args.get("cursor") or 0)
        newest_first = channel.messages[::-1]
        page = newest_first[start : start + limit]
        if not _truthy(args.get("include_all_metadata")):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(newest_first)
        cursor = str(start + limit) if more else ""
        return _ok(messages=page, has_more=more, response_metadata={"next_cursor": cursor})

    def _members(self, args: dict[str, Any]) -> Answer:
        _, channel, error = self._conversation(args, writing=False)
        if channel is None or error:
            return _error(error or "channel_not_found")
        return _ok(members=channel.members, response_metadata={"next_cursor": ""})

    def _users_info(self, args: dict[str, Any]) -> Answer:
        user_id = str(args.get("user") or "")
        return _ok(user=self.user(user_id)) if user_id else _error("user_not_found")

    def _views_open(self, args: dict[str, Any]) -> Answer:
        return self._store_view(args) if args.get("trigger_id") else _error("invalid_trigger_id")

    def _views_publish(self, args: dict[str, Any]) -> Answer:
        return self._store_view(args) if args.get("user_id") else _error("invalid_arguments")

    def _views_update(self, args: dict[str, Any]) -> Answer:
        view_id = str(args.get("view_id") or "")
        return self._store_view(args, view_id) if view_id in self.views else _error("not_found")

    def _store_view(self, args: dict[str, Any], view_id: str | None = None) -> Answer:
        view = json_arg(args.get("view"))
        if not isinstance(view, dict) or len(view.get("blocks") or ()) > MAX_VIEW_BLOCKS:
            return _error("invalid_arguments")
        view_id = view_id or f"VFAKE{next(self._view_ids):04d}"
        self.views[view_id] = {**view, "id": view_id}
        return _ok(view=self.views[view_id])

    # ---- helpers

    def _channel(self, channel: str) -> _Channel:
        found = self._channels.get(channel)
        if found is None:
            found = self._channels[channel] = _Channel(tokens=float(self.burst), refilled=self._clock())
        return found

    def _conversation(self, args: dict[str, Any], *, writing: bool) -> tuple[str, _Channel | None, str]:
        channel_id = str(args.get("channel") or "")
        if not channel_id or channel_id in self.missing_channels:
            return channel_id, None, "channel_not_found"
        channel = self._channel(channel_id)
        return channel_id, channel, "is_archived" if writing and channel.archived else ""

    def _next_ts(self) -> str:
        # Slack's ts is "seconds.micro", unique per channel; a global counter keeps it unique and increasing.
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _take_token(self, channel: _Channel) -> float:
        """0 when ``channel`` may take a message now (one is taken), else the seconds until it may."""
        now = self._clock()
        refill = (now - channel.refilled) * self.rate_per_second
        channel.tokens = min(float(self.burst), channel.tokens + refill)
        channel.refilled = now
        if channel.tokens >= 1.0:
            channel.tokens -= 1.0
            return 0.0
        return (1.0 - channel.tokens) / self.rate_per_second


def _ok(**fields: Any) -> Answer:
    return {"ok": True, **fields}, 200, None


def _error(code: str, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    return {"ok": False, "error": code}, status, headers


def _message(args: dict[str, Any], ts: str) -> dict[str, Any]:
    text = str(args.get("text") or "")
    message: dict[str, Any] = {"type": "message", "user": BOT_USER_ID, "ts": ts, "text": text}
    blocks = json_arg(args.get("blocks"))
    if blocks:
        message["blocks"] = blocks
    metadata = json_arg(args.get("metadata"))
    if isinstance(metadata, dict) and metadata.get("event_type"):
        message["metadata"] = metadata
    return message


def invalid_message(args: dict[str, Any]) -> str:
    """The error Slack gives a message it refuses ("no_text", "invalid_blocks", …), or ""."""
    blocks = json_arg(args.get("blocks"))
    text = str(args.get("text") or "")
    if not text and not blocks:
        return "no_text"
    if len(text) > MAX_TEXT:
        return "msg_too_long"
    if blocks is None:
        return ""
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        return "invalid_blocks"
    for block in blocks:
        if not isinstance(block, dict) or "type" not in block:
            return "invalid_blocks"
        if len((block.get("text") or {}).get("text", "")) > MAX_SECTION_TEXT:
            return "invalid_blocks"
    return ""


def json_arg(value: Any) -> Any:
    """A structured argument, decoded when form encoding sent it as a JSON string."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def metadata_key(metadata: Any) -> str | None:
    """The jobbot idempotency key in message metadata (a dict or its JSON string), if any."""
    metadata = json_arg(metadata)
    if not isinstance(metadata, dict) or metadata.get("event_type") not in JOBBOT_EVENTS:
        return None
    key = (metadata.get("event_payload") or {}).get("key")
    return key if isinstance(key, str) else None


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in {"1", "true"}
