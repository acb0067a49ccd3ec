"""The Slack side of the delivery port: post, edit and find cards with the Web API (slack_sdk).

Every post (a card, or an owner notice) carries its outbox idempotency key in message metadata, so after an
unknown outcome (the process died, or a timeout after the request left) ``find_sent`` can ask
``conversations.history`` whether the message is already there before the dispatcher sends it again.
Errors become ``DeliveryError`` kinds the dispatcher acts on; no message here ever includes the token.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.abc import AbstractStreamWriter
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.cards import Card
from bot.delivery.notifier import DeliveryError, DigestCard, OnWire, on_wire
from bot.models import Destination
from handlers.slack_cards import build_card_blocks, build_digest_blocks, escape, fallback_text, fit
from handlers.slack_clients import (
    DEFAULT_API_URL,
    OneWorkspace,
    WorkspaceClients,
    WorkspaceNotInstalled,
    make_client,
)

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_API_URL", "SlackNotifier", "api_error", "make_client", "notice_text"]

NOTICE_LIMIT = 3000  # characters of a plain message's text that jobbot sends

METADATA_EVENT = "jobbot_card"
NOTICE_EVENT = "jobbot_notice"  # an owner notice's metadata: its key, as a card's
JSON_CONTENT = "application/json;charset=utf-8"
HISTORY_PAGE = 200  # messages per conversations.history page (Slack's maximum is 999, 200 is its advice)
HISTORY_PAGES = 5  # how far back find_sent looks: a card in doubt was posted moments ago
# After a crash the dispatcher asks about many cards per channel at once; one read answers them all. It is
# trusted for this long, and only for posts made before it: sending to the channel forgets it.
HISTORY_FRESH = 5.0

# The destination itself cannot receive: pause it and tell its owner (other errors never pause a channel).
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "no_permission",
        "missing_scope",
        "not_allowed_token_type",
        "team_access_not_granted",
        "ekm_access_denied",
        "org_login_required",
        "cannot_dm_bot",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
        "messages_tab_disabled",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
    }
)
# The bot's token, not the destination: every channel of the workspace refuses alike. Pausing them all and
# dropping their cards would lose every card until each subscription is resumed by hand; instead the cards
# wait (``unavailable``) and go out once the token is fixed. (An uninstalled workspace has no client at
# all: ``not_installed``, permanent.)
TOKEN_ERRORS = frozenset({"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"})
TOKEN_REFUSED_WAIT = 600.0  # seconds a refused token holds a destination's cards before they are tried again
# Slack itself is down or overloaded (its edge answers 502/503/504): no fault of the card; wait it out.
OUTAGE_STATUSES = frozenset({502, 503, 504})
OUTAGE_ERRORS = frozenset({"service_unavailable", "request_timeout"})
TOKEN_LOG_EVERY = 60.0  # seconds between two "check the token" log lines for one workspace
# Slack says the operation may have partly happened: only conversations.history can tell.
UNKNOWN_ERRORS = frozenset({"fatal_error"})
# No answer in time after the request may have reached Slack.
_TIMED_OUT = (asyncio.TimeoutError, aiohttp.ServerTimeoutError)
# Failures before anything was sent: the connection was never made.
_NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


_Where = tuple[str, str]  # (workspace, conversation id): the fake Slack reuses ids across workspaces


@dataclass(slots=True)
class _History:
    """The idempotency keys seen in a channel's recent messages, and when they were read."""

    read_at: float
    sends: int  # posts this notifier had started in the channel when the read began
    keys: dict[str, str]  # key -> message ts
    complete: bool = False  # every page find_sent may look at was read (so a missing key is truly absent)

    def answers(self, key: str, now: float, sends: int) -> bool:
        """True when this read settles whether ``key`` was posted: it has it, or it is whole and current."""
        current = self.complete and sends == self.sends and now - self.read_at < HISTORY_FRESH
        return key in self.keys or current


class SlackNotifier:
    """Delivers cards to Slack channels and DMs (``Notifier`` for the dispatcher).

    ``client`` posts everything (one workspace, SLACK_BOT_TOKEN); or ``clients`` gives each destination's
    workspace its own client ("Add to Slack"). Caches are per workspace and conversation.
    """

    platform = "slack"

    def __init__(
        self,
        client: AsyncWebClient | None = None,
        *,
        clients: WorkspaceClients | None = None,
        history_pages: int = HISTORY_PAGES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if clients is None:
            if client is None:
                raise TypeError("SlackNotifier needs a client or workspace clients")
            clients = OneWorkspace(client)
        self._clients = clients
        self._history_pages = history_pages
        self._clock = clock
        self._dm_channels: dict[tuple[str, str], str] = {}  # (team, user) -> the bot's DM channel with them
        self._history: dict[_Where, _History] = {}  # what find_sent last read in a conversation
        self._sends: dict[_Where, int] = {}  # posts started in a conversation (a read before one is stale)
        self._history_locks: dict[_Where, asyncio.Lock] = {}
        self._token_said: dict[str, float] = {}  # workspace -> when a refused token was last logged

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Post ``card`` with ``idempotency_key`` in its metadata; return the message ts."""
        client = await self._client_for(destination, "chat.postMessage")
        channel = await self.channel_of(destination)
        where = (destination.workspace, channel)
        self._sends[where] = self._sends.get(where, 0) + 1  # reads from before this post are stale now
        text, blocks = _rendered(card)
        message = {
            "channel": channel,
            "text": text,
            "blocks": blocks,
            "metadata": {"event_type": METADATA_EVENT, "event_payload": {"key": idempotency_key}},
            "unfurl_links": False,
            "unfurl_media": False,
        }
        # The body says when it is written, so the dispatcher paces the channel from then (chat_postMessage
        # would send the same JSON, but gives no such moment).
        body = _ReportedBody(json.dumps(message).encode(), on_wire())
        session = client.session
        if session is not None and not session.closed:
            call = _post_on_session(client, session, "chat.postMessage", body)
        else:  # slack_sdk opens a session for the call
            call = client.api_call("chat.postMessage", data=body, headers={"Content-Type": JSON_CONTENT})
        response = await self._call("chat.postMessage", call, destination.workspace)
        return str(response["ts"])

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Replace the message ``message_id`` (its ts) with ``card``."""
        client = await self._client_for(destination, "chat.update")
        channel = await self.channel_of(destination)
        text, blocks = _rendered(card)
        await self._call(
            "chat.update",
            client.chat_update(channel=channel, ts=message_id, text=text, blocks=blocks),
            destination.workspace,
        )

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Post a plain notice (jobbot's own words, with `code` spans), its key in metadata; return its ts."""
        client = await self._client_for(destination, "chat.postMessage")
        channel = await self.channel_of(destination)
        where = (destination.workspace, channel)
        self._sends[where] = self._sends.get(where, 0) + 1  # reads from before this post are stale now
        metadata = {"event_type": NOTICE_EVENT, "event_payload": {"key": idempotency_key}}
        call = client.chat_postMessage(
            channel=channel, text=notice_text(text), metadata=metadata, unfurl_links=False
        )
        response = await self._call("chat.postMessage", call, destination.workspace)
        return str(response["ts"])

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """The ts of a recent message this bot posted with ``idempotency_key``, if there is one."""
        client = await self._client_for(destination, "conversations.history")
        channel = await self.channel_of(destination)
        where = (destination.workspace, channel)
        async with self._history_locks.setdefault(where, asyncio.Lock()):
            history = self._history.get(where)
            if history is None or not history.answers(
                idempotency_key, self._clock(), self._sends.get(where, 0)
            ):
                history = self._history[where] = await self._read_history(client, where, idempotency_key)
            return history.keys.get(idempotency_key)

    async def _read_history(self, client: AsyncWebClient, where: _Where, wanted: str) -> _History:
        """The keys in a conversation's recent messages, read until ``wanted`` shows up or pages run out."""
        history = _History(read_at=self._clock(), sends=self._sends.get(where, 0), keys={})
        cursor: str | None = None
        for _ in range(self._history_pages):
            page = await self._call(
                "conversations.history",
                client.conversations_history(
                    channel=where[1], limit=HISTORY_PAGE, include_all_metadata=True, cursor=cursor
                ),
                where[0],
            )
            for message in page.get("messages") or ():
                key = _key_of(message)
                if key is not None:
                    history.keys.setdefault(key, str(message["ts"]))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not page.get("has_more") or cursor is None:
                history.complete = True
                break
            if wanted in history.keys:
                break
        return history

    async def channel_of(self, destination: Destination) -> str:
        """The conversation id to post in: the channel itself, or the DM opened with the user."""
        if destination.kind == "channel":
            return destination.target
        person = (destination.workspace, destination.target)
        cached = self._dm_channels.get(person)
        if cached is None:
            client = await self._client_for(destination, "conversations.open")
            opened = await self._call(
                "conversations.open",
                client.conversations_open(users=destination.target),
                destination.workspace,
            )
            cached = self._dm_channels[person] = str(opened["channel"]["id"])
        return cached

    async def _client_for(self, destination: Destination, method: str) -> AsyncWebClient:
        """The client of the destination's workspace; not installed there is permanent for the destination."""
        try:
            return await self._clients.client_for(destination.workspace)
        except WorkspaceNotInstalled as exc:
            raise DeliveryError(
                "permanent", f"{method}: {exc}; add it again with Add to Slack", code="not_installed"
            ) from None

    async def _call(self, method: str, call: Awaitable[AsyncSlackResponse], workspace: str) -> Any:
        """Await the Web API ``call`` to ``method`` (in ``workspace``); every failure is a DeliveryError."""
        # Only a post can leave a duplicate behind; reads and edits are safe to simply retry.
        maybe_sent_is_unknown = method == "chat.postMessage"
        try:
            response = await call
        except SlackApiError as exc:
            error = api_error(method, exc)
            if error.code in TOKEN_ERRORS:
                self._token_refused(workspace, error)
            raise error from None
        except _NOT_SENT as exc:
            raise DeliveryError(
                "unavailable", f"{method}: cannot reach Slack ({type(exc).__name__})", code="unreachable"
            ) from None
        except _TIMED_OUT as exc:
            kind = "unknown" if maybe_sent_is_unknown else "unavailable"
            raise DeliveryError(
                kind, f"{method}: no answer from Slack ({type(exc).__name__})", code="timeout"
            ) from None
        except (aiohttp.ClientError, OSError) as exc:
            # A reset mid-request: for a post Slack may have it, so the dispatcher checks before resending.
            kind = "unknown" if maybe_sent_is_unknown else "unavailable"
            raise DeliveryError(
                kind, f"{method}: connection lost ({type(exc).__name__})", code="connection_lost"
            ) from None
        return response.data

    def _token_refused(self, workspace: str, error: DeliveryError) -> None:
        """Say, at most once a minute per workspace, that Slack refused the bot token and what to do."""
        now = self._clock()
        if now - self._token_said.get(workspace, float("-inf")) < TOKEN_LOG_EVERY:
            return
        self._token_said[workspace] = now
        if isinstance(self._clients, OneWorkspace):
            what = "check SLACK_BOT_TOKEN (a bot token, xoxb-, of an app still installed) and restart jobbot"
        else:
            what = "the workspace's stored token no longer works: install jobbot there again (Add to Slack)"
        logger.error(
            f"Slack refused the bot token ({error.code}): cards stay queued and are tried again every "
            f"{TOKEN_REFUSED_WAIT / 60:.0f} minutes; {what}",
            extra={"workspace": workspace, "code": error.code},
        )


async def _post_on_session(
    client: AsyncWebClient, session: aiohttp.ClientSession, method: str, body: aiohttp.Payload
) -> AsyncSlackResponse:
    """POST ``body`` to ``method`` on the client's session and check the answer as ``api_call`` does.

    A fan-out posts hundreds of cards a second: slack_sdk's per-call machinery (retry state, request and
    response wrappers) costs about as much CPU as the HTTP request itself, and none of it is used here (the
    client never retries; the dispatcher does).
    """
    url = f"{client.base_url}{method}"
    headers = {**client.headers, "Authorization": f"Bearer {client.token}", "Content-Type": JSON_CONTENT}
    timeout = aiohttp.ClientTimeout(total=client.timeout)
    async with session.post(
        url, data=body, headers=headers, ssl=client.ssl, proxy=client.proxy, timeout=timeout
    ) as answer:
        try:
            data = await answer.json(content_type=None)
        except ValueError:  # not JSON (a proxy's error page): the status tells what happened
            data = {}
        response = AsyncSlackResponse(
            client=client,
            http_verb="POST",
            api_url=url,
            req_args={},
            data=data if isinstance(data, dict) else {},
            headers=dict(answer.headers),
            status_code=answer.status,
        )
    return response.validate()


class _ReportedBody(aiohttp.BytesPayload):
    """A request body that calls ``written`` once aiohttp has handed it to the connection."""

    def __init__(self, body: bytes, written: OnWire) -> None:
        super().__init__(body, content_type=JSON_CONTENT)
        self._written = written

    async def write_with_length(self, writer: AbstractStreamWriter, content_length: int | None) -> None:
        await super().write_with_length(writer, content_length)
        self._written()


def api_error(method: str, exc: SlackApiError) -> DeliveryError:
    """The DeliveryError for a Slack error answer (an HTTP error status or ``"ok": false``)."""
    response = exc.response
    status = getattr(response, "status_code", 0) or 0
    data = response.data if isinstance(getattr(response, "data", None), dict) else {}
    code = str(data.get("error") or (f"http_{status}" if status else "unknown_error"))
    what = f"{method}: {code}"
    if status == 429 or code == "ratelimited":
        retry_after = _retry_after(getattr(response, "headers", None) or {})
        return DeliveryError("rate_limited", what, code=code, retry_after=retry_after)
    if code in TOKEN_ERRORS:
        return DeliveryError(
            "unavailable", f"{what} (Slack refused the bot token)", code=code, retry_after=TOKEN_REFUSED_WAIT
        )
    if status in OUTAGE_STATUSES or code in OUTAGE_ERRORS:
        return DeliveryError("unavailable", what, code=code)
    if code in PERMANENT_ERRORS:
        return DeliveryError("permanent", what, code=code)
    if code in UNKNOWN_ERRORS and method == "chat.postMessage":
        return DeliveryError("unknown", what, code=code)
    # 500, internal_error, and anything about the message itself (invalid_blocks, msg_too_long): retried
    # with backoff and, if it keeps failing, given up on — never pausing the channel.
    return DeliveryError("transient", what, code=code)


def _retry_after(headers: Any) -> float:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(0.0, float(value))
            except ValueError:
                break
    return 1.0  # Slack always sends it; a second is its usual pause


def _rendered(card: Card | DigestCard) -> tuple[str, list[dict[str, Any]]]:
    """The card's notification text and Block Kit blocks (as dicts), as posted."""
    text, blocks = _cached_rendering(card)
    return text, list(blocks)


# A fan-out posts the same card to many conversations: its view, to_dict (~0.4 ms) and the fallback text
# are worked out once per card. Cards are frozen values, equal across the rows of one posting and query.
@functools.lru_cache(maxsize=2048)
def _cached_rendering(card: Card | DigestCard) -> tuple[str, tuple[dict[str, Any], ...]]:
    blocks = build_digest_blocks(card) if isinstance(card, DigestCard) else build_card_blocks(card)
    return fallback_text(card), tuple(block.to_dict() for block in blocks)


def notice_text(text: str) -> str:
    """A notice made safe for mrkdwn: it may quote a source's error text, which must not ping anyone."""
    return fit(escape(text), NOTICE_LIMIT)


def _key_of(message: dict[str, Any]) -> str | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") not in (METADATA_EVENT, NOTICE_EVENT):
        return None
    key = (metadata.get("event_payload") or {}).get("key")
    return key if isinstance(key, str) else None
