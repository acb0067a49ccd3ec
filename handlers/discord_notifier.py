"""The Discord side of the delivery port: post, edit and find cards through discord.py's HTTP client.

Sends go through ``discord.http.HTTPClient`` (the running bot's own), so discord.py keeps Discord's
per-route buckets (``X-RateLimit-*``), the global limit and ``Retry-After``. Every card carries its outbox
key twice: as the message ``nonce`` with ``enforce_nonce`` (Discord answers a resend within minutes with
the message it already has, never a second one) and as "ref KEY" in the last embed's footer, which
``find_sent`` looks for in the channel's recent messages after a crash. An owner notice is keyed the same
way: its nonce, and "ref KEY" on its content's last line. No send may mention anyone.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import re
import time
from collections.abc import Awaitable
from typing import Any

import aiohttp
import discord
from discord.http import HTTPClient, handle_message_parameters

from bot.cards import Card
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.models import Destination
from bot.views.card import CardView, card_view
from handlers.discord_components import build_card_components
from handlers.discord_dm_channels import DmChannels
from handlers.discord_embeds import (
    FOOTER_MAX,
    NO_MENTIONS,
    build_card_embed,
    build_digest_message,
    build_notice,
)
from handlers.discord_invalid import InvalidRequestBudget
from handlers.discord_pacing import RequestPacer, RequestPacing
from handlers.discord_text import clean

logger = logging.getLogger(__name__)

NONCE_MAX = 25  # Discord's limit on a nonce string
HISTORY_LIMIT = 100  # messages find_sent reads back: a card in doubt was posted moments ago
FORUM_POSTS_READ = 10  # newest posts of a forum find_sent reads, for the same reason
FORUM = 15  # channel types (Discord API)
PUBLIC_THREAD = 11
THREAD_NAME_MAX = 100
TAGS_MAX = 5
# Discord error codes that mean the destination itself cannot receive: pause it and tell its owner.
PERMANENT_CODES = frozenset(
    {
        10003,  # unknown channel
        10013,  # unknown user
        50001,  # missing access
        50007,  # cannot send messages to this user (DMs closed, no shared server, blocked)
        50013,  # missing permissions
        50083,  # thread archived
    }
)
UNAUTHORIZED_WAIT = 600.0  # after a 401: the token was revoked or reset; cards wait for a new one
# discord.py sleeps out a 429's Retry-After inside the request; longer than this it raises RateLimited
# instead, so one long wait (a route locked for minutes) never holds the sending worker: the card goes
# back to the outbox for that long and the other destinations are served meanwhile. 30 s is the least
# discord.py allows.
MAX_RATE_LIMIT_WAIT = 30.0
TOKEN_LOG_EVERY = 60.0  # seconds between two "DISCORD_TOKEN refused" log lines
# Discord (or Cloudflare in front of it) is down or overloaded: no fault of the card; wait it out.
OUTAGE_STATUSES = frozenset({502, 503, 504, 521, 522, 523, 524})
GLOBAL_REQUESTS_PER_SECOND = 50.0  # Discord's global limit per bot token
_REFERENCE = re.compile(r"(?:^| )ref (\S+)$")
THREAD_PREFIX = "thread:"  # a forum post's message id: its thread (the starter message has the same id)


def nonce_for(key: str) -> str:
    """A nonce for ``key`` within Discord's 25 characters, the same for the same key."""
    return key if len(key) <= NONCE_MAX else hashlib.sha256(key.encode()).hexdigest()[:NONCE_MAX]


def reference(key: str) -> str:
    """The footer mark find_sent recognises."""
    return f"ref {key}"


def referenced_key(footer: str) -> str | None:
    """The key a footer ends with (``reference``), if it ends with one."""
    found = _REFERENCE.search(footer)
    return found.group(1) if found else None


class DiscordNotifier:
    """Delivers cards to Discord channels, threads, forums and DMs (``Notifier`` for the dispatcher)."""

    platform = "discord"

    def __init__(
        self,
        http: HTTPClient,
        *,
        ready: asyncio.Event | None = None,
        ready_timeout: float = 30.0,
        budget: InvalidRequestBudget | None = None,
        requests_per_second: float | None = GLOBAL_REQUESTS_PER_SECOND,
        dm_wait: float = 5.0,
        pacer: RequestPacing | None = None,
    ) -> None:
        """Deliver through ``http``; when ``ready`` is given, wait (up to ``ready_timeout``) for the login.

        Requests are paced to ``requests_per_second`` (Discord's global limit; None: not paced here), and a
        card whose DM channel is to be opened within ``dm_wait`` seconds waits for it (else comes back later).
        A ``pacer`` given replaces that pacing: in ``jobbot worker`` it is one budget shared by every worker
        process (``bot.workers.limiter``), since Discord counts the global limit per bot, not per process.
        """
        self._http = http
        if getattr(http, "max_ratelimit_timeout", None) is None:
            http.max_ratelimit_timeout = MAX_RATE_LIMIT_WAIT
        self.budget = budget or InvalidRequestBudget()
        self._ready = ready
        self._ready_timeout = ready_timeout
        if pacer is None and requests_per_second:
            pacer = RequestPacer(requests_per_second)
        self._pacer = pacer
        self._dms = DmChannels(self._open_dm, wait=dm_wait)
        self._channels: dict[str, dict[str, Any]] = {}  # channel id -> its type and forum tags
        self._token_said = float("-inf")  # when a refused token was last logged

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Post ``card`` (a forum gets a new post); return the message id."""
        channel = await self.channel_of(destination)
        info = await self._info(destination, channel)
        if info.get("type") == FORUM:  # no nonce for a new post: find_sent reads the newest posts
            tags = self._tags(card, info)
            post = {"name": _name(card), "type": PUBLIC_THREAD, "applied_tags": [str(t) for t in tags]}
            params = self._params(card, idempotency_key, nonce=False, channel_payload=post)
            thread = await self._call(
                "create forum post", self._http.start_thread_in_forum(channel, params=params)
            )
            return THREAD_PREFIX + str(thread["id"])
        params = self._params(card, idempotency_key, nonce=True)
        message = await self._call("send", self._http.send_message(channel, params=params))
        return str(message["id"])

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Replace the message ``message_id`` with ``card`` (a closed card loses its buttons)."""
        if message_id.startswith(THREAD_PREFIX):
            channel = message_id = message_id.removeprefix(THREAD_PREFIX)
        else:
            channel = await self.channel_of(destination)
        params = self._params(card, None, nonce=False)
        await self._call("edit", self._http.edit_message(channel, message_id, params=params))

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """The id of a recent message carrying ``idempotency_key`` in its footer, if there is one."""
        channel = await self.channel_of(destination)
        info = await self._info(destination, channel)
        mark = reference(idempotency_key)
        if info.get("type") == FORUM:
            return await self._find_post(destination.workspace, channel, mark)
        messages = await self._call("read history", self._http.logs_from(channel, HISTORY_LIMIT))
        return next((str(m["id"]) for m in messages if _marked(m, mark)), None)

    async def _find_post(self, guild: str, forum: str, mark: str) -> str | None:
        """A forum post is its own thread: read the first message of the forum's newest threads."""
        if not guild.isdigit():
            return None
        active = await self._call("read threads", self._http.get_active_threads(guild))
        posts = [t for t in active.get("threads") or () if str(t.get("parent_id")) == forum]
        for post in sorted(posts, key=lambda t: int(t["id"]), reverse=True)[:FORUM_POSTS_READ]:
            first = await self._call("read post", self._http.get_message(post["id"], post["id"]))
            if _marked(first, mark):
                return THREAD_PREFIX + str(post["id"])
        return None

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Post a plain notice (jobbot's own words, with `code` spans), keyed as a card is; its message id."""
        channel = await self.channel_of(destination)
        params = handle_message_parameters(
            content=build_notice(text, reference(idempotency_key)),
            allowed_mentions=NO_MENTIONS,
            nonce=nonce_for(idempotency_key),
        )
        message = await self._call("notify", self._http.send_message(channel, params=params))
        return str(message["id"])

    async def channel_of(self, destination: Destination) -> str:
        """The channel to post in: the channel itself, or the DM channel opened with the user."""
        if destination.kind == "channel":
            return destination.target
        return await self._dms.channel(destination.target)

    async def _open_dm(self, user_id: str) -> str:
        opened = await self._call("open DM", self._http.start_private_message(user_id))
        return str(opened["id"])

    async def _info(self, destination: Destination, channel: str) -> dict[str, Any]:
        if destination.kind == "dm":
            return {"type": 1}
        cached = self._channels.get(channel)
        if cached is None:
            data = await self._call("read channel", self._http.get_channel(channel))
            cached = self._channels[channel] = {
                "type": data.get("type"),
                "tags": {
                    str(t.get("name", "")).casefold(): t["id"] for t in data.get("available_tags") or ()
                },
            }
        return cached

    def _tags(self, card: Card | DigestCard, info: dict[str, Any]) -> list[int]:
        if isinstance(card, DigestCard) or not info.get("tags"):
            return []
        wanted = [info["tags"].get(tag.casefold()) for tag in _view(card).tags]
        return [int(t) for t in dict.fromkeys(t for t in wanted if t)][:TAGS_MAX]

    def _params(self, card: Card | DigestCard, key: str | None, *, nonce: bool, **extra: Any) -> Any:
        if isinstance(card, DigestCard):
            content, embeds = build_digest_message(card)
            view = None
        else:
            shown = _view(card)
            content, embeds = "", [build_card_embed(shown)]
            view = build_card_components(shown)
        if key is not None and embeds:
            _mark(embeds[-1], reference(key))
        return handle_message_parameters(
            content=content or None,
            embeds=embeds,
            view=view,
            allowed_mentions=NO_MENTIONS,
            nonce=nonce_for(key) if key is not None and nonce else None,
            **extra,
        )

    async def _call(self, what: str, call: Awaitable[Any]) -> Any:
        """Await one HTTP call; turn every failure into a DeliveryError."""
        may_have_posted = what in ("send", "create forum post", "notify")
        if self._ready is not None and not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), self._ready_timeout)
            except TimeoutError:
                if asyncio.iscoroutine(call):
                    call.close()
                raise DeliveryError(
                    "unavailable", f"{what}: not logged in to Discord yet", code="not_ready"
                ) from None
        held = self.budget.wait()
        if held > 0:
            if asyncio.iscoroutine(call):
                call.close()
            raise DeliveryError(
                "rate_limited",
                f"{what}: too many refused requests lately",
                code="invalid_requests",
                retry_after=held,
            )
        try:
            if self._pacer is not None:
                await self._pacer.wait(urgent=what == "open DM")
            return await call
        except discord.HTTPException as exc:
            self.budget.record(exc.status, _scope(exc))
            if exc.status == 401 and time.monotonic() - self._token_said >= TOKEN_LOG_EVERY:
                self._token_said = time.monotonic()  # once a minute, not once per card held back
                logger.error(
                    "Discord refused DISCORD_TOKEN; cards wait (tried again every "
                    f"{UNAUTHORIZED_WAIT / 60:.0f} minutes) until it is replaced and jobbot restarted"
                )
            raise http_error(what, exc) from None
        except discord.RateLimited as exc:  # a 429 (or a bucket) asking longer than MAX_RATE_LIMIT_WAIT
            raise DeliveryError(
                "rate_limited",
                f"{what}: Discord asks to wait {exc.retry_after:.0f} s",
                code="429",
                retry_after=exc.retry_after,
            ) from None
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise DeliveryError(
                "unavailable", f"{what}: cannot reach Discord ({type(exc).__name__})", code="unreachable"
            ) from None
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            kind = "unknown" if may_have_posted else "unavailable"
            raise DeliveryError(
                kind, f"{what}: no answer from Discord ({type(exc).__name__})", code="connection_lost"
            ) from None


def http_error(what: str, exc: discord.HTTPException) -> DeliveryError:
    """The DeliveryError for an error answer from Discord."""
    code = f"{exc.status}/{exc.code}" if exc.code else str(exc.status)
    message = f"{what}: Discord answered {exc.status} ({exc.code or 'no code'}): {exc.text[:200]}"
    if exc.status == 429:
        retry = getattr(exc, "retry_after", None)
        return DeliveryError("rate_limited", message, code=code, retry_after=float(retry) if retry else 1.0)
    if exc.status == 401:
        # The token, not the destination: pausing every subscription would lose nothing but help nobody.
        return DeliveryError("unavailable", message, code=code, retry_after=UNAUTHORIZED_WAIT)
    if exc.status in OUTAGE_STATUSES:
        return DeliveryError("unavailable", message, code=code)
    if exc.code in PERMANENT_CODES:
        return DeliveryError("permanent", message, code=code)
    # 500, and anything about the message itself (400 invalid form body): retried with backoff and, if it
    # keeps failing, given up on — never pausing the channel.
    return DeliveryError("transient", message, code=code)


def _scope(exc: discord.HTTPException) -> str | None:
    headers = getattr(exc.response, "headers", None) or {}
    return headers.get("X-RateLimit-Scope")


@functools.lru_cache(maxsize=2048)
def _view(card: Card) -> CardView:
    """A card's view, made once: a fan-out sends the same card to many channels."""
    return card_view(card)


def _marked(message: dict[str, Any], mark: str) -> bool:
    """True when one of the message's embeds ends its footer with ``mark``, or its content does (a notice)."""
    footers = (((embed.get("footer") or {}).get("text") or "") for embed in message.get("embeds") or ())
    return any(footer.endswith(mark) for footer in footers) or (message.get("content") or "").endswith(mark)


def _mark(embed: discord.Embed, mark: str) -> None:
    shown = embed.footer.text or ""
    room = FOOTER_MAX - len(mark) - 3
    embed.set_footer(text=f"{shown[:room]} · {mark}" if shown else mark)


def _name(card: Card | DigestCard) -> str:
    title = card.title if isinstance(card, DigestCard) else _view(card).title
    return clean(" ".join(title.split()))[:THREAD_NAME_MAX] or "New posting"
