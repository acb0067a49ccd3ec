"""What each Discord REST endpoint the bot uses does in the fake; ``discord_rest`` wraps them in HTTP.

An endpoint takes the path parameters, the query and the decoded body, and returns the JSON to answer
(None for 204 No Content) or raises ``ApiError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from handlers.fakes.discord_commands import CommandRegistry
from handlers.fakes.discord_ledger import InteractionLedger
from handlers.fakes.discord_model import GUILD_FORUM, ApiError, unknown
from handlers.fakes.discord_payloads import channel as channel_payload
from handlers.fakes.discord_payloads import member as member_payload
from handlers.fakes.discord_payloads import user as user_payload
from handlers.fakes.discord_state import DiscordState
from handlers.fakes.discord_validate import validate_message

Endpoint = Callable[["Context", Mapping[str, str], Mapping[str, str], Any], Any]


@dataclass(slots=True)
class Context:
    """What the endpoints work on."""

    state: DiscordState
    ledger: InteractionLedger
    commands: CommandRegistry
    gateway_url: Callable[[], str]
    shards: int = 1


def snowflake(params: Mapping[str, str], name: str, what: str = "Channel", code: int = 10003) -> int:
    """A path id as an int; a malformed one is as unknown as a missing one."""
    try:
        return int(params[name])
    except ValueError:
        raise unknown(what, code) from None


def _truthy(value: str | None) -> bool:
    return str(value).lower() in {"1", "true"}


# ---- login and gateway


def me(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /users/@me: the bot user."""
    return {
        **user_payload(ctx.state.bot),
        "verified": True,
        "mfa_enabled": False,
        "flags": 0,
        "locale": "en-US",
    }


def get_user(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /users/{user_id}."""
    found = ctx.state.users.get(snowflake(params, "user_id", "User", 10013))
    if found is None:
        raise unknown("User", 10013)
    return user_payload(found)


def get_member(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /guilds/{guild_id}/members/{user_id}: one member (needs no privileged intent)."""
    guild = ctx.state.guilds.get(snowflake(params, "guild_id", "Guild", 10004))
    if guild is None:
        raise unknown("Guild", 10004)
    user_id = snowflake(params, "user_id", "Member", 10007)
    membership = guild.members.get(user_id)
    if membership is None or user_id not in ctx.state.users:
        raise unknown("Member", 10007)
    return member_payload(ctx.state.users[user_id], membership)


def application(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /oauth2/applications/@me (discord.py's login asks) and /applications/@me."""
    state = ctx.state
    owner = next(iter(state.guilds.values())).owner_id if state.guilds else state.bot.id
    return {
        **state.application,
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": user_payload(state.users[owner]),
        "bot": user_payload(state.bot),
        "interactions_endpoint_url": None,
        "approximate_guild_count": len(state.guilds),
    }


def gateway(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /gateway."""
    return {"url": ctx.gateway_url()}


def gateway_bot(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /gateway/bot: the URL, the recommended shard count and the session start limit."""
    limit = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
    return {"url": ctx.gateway_url(), "shards": ctx.shards, "session_start_limit": limit}


# ---- channels and messages


def get_channel(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /channels/{channel_id}."""
    return channel_payload(ctx.state.channel_for_bot(snowflake(params, "channel_id")), ctx.state.users)


def guild_channels(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /guilds/{guild_id}/channels."""
    guild_id = snowflake(params, "guild_id", "Guild", 10004)
    if guild_id not in ctx.state.guilds:
        raise unknown("Guild", 10004)
    return [channel_payload(c) for c in ctx.state.guild_channels(guild_id) if c.type not in (10, 11, 12)]


def active_threads(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /guilds/{guild_id}/threads/active: every thread of the guild (the fake archives none)."""
    guild_id = snowflake(params, "guild_id", "Guild", 10004)
    if guild_id not in ctx.state.guilds:
        raise unknown("Guild", 10004)
    found = [c for c in ctx.state.guild_channels(guild_id) if c.type in (10, 11, 12)]
    return {"threads": [channel_payload(c) for c in found], "members": []}


def create_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /channels/{channel_id}/messages (nonce + enforce_nonce return the first message)."""
    validate_message(body)
    return ctx.state.send(snowflake(params, "channel_id"), body)


def list_messages(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /channels/{channel_id}/messages?limit=&before=&after=."""
    before, after = query.get("before"), query.get("after")
    return ctx.state.history(
        snowflake(params, "channel_id"),
        limit=int(query.get("limit") or 50),
        before=int(before) if before else None,
        after=int(after) if after else None,
    )


def get_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /channels/{channel_id}/messages/{message_id}."""
    channel_id = snowflake(params, "channel_id")
    ctx.state.channel_for_bot(channel_id)
    found = ctx.state.find_message(channel_id, snowflake(params, "message_id", "Message", 10008))
    if found is None:
        raise unknown("Message", 10008)
    return found


def edit_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """PATCH /channels/{channel_id}/messages/{message_id}."""
    validate_message(body, creating=False)
    message_id = snowflake(params, "message_id", "Message", 10008)
    return ctx.state.edit(snowflake(params, "channel_id"), message_id, body)


def delete_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """DELETE /channels/{channel_id}/messages/{message_id}."""
    message = get_message(ctx, params, query, body)
    ctx.state.channels[int(message["channel_id"])].messages.remove(message)


def typing(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /channels/{channel_id}/typing."""
    ctx.state.channel_for_bot(snowflake(params, "channel_id"))


def open_dm(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /users/@me/channels with ``recipient_id``: the DM channel."""
    try:
        recipient = int((body or {}).get("recipient_id"))
    except (TypeError, ValueError):
        raise ApiError(400, 50035, "Invalid Form Body", {"recipient_id": {"_errors": []}}) from None
    return channel_payload(ctx.state.open_dm(recipient), ctx.state.users)


def start_thread(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /channels/{channel_id}/threads: a forum post (thread + first message)."""
    channel_id = snowflake(params, "channel_id")
    room = ctx.state.channel_for_bot(channel_id)
    if room.type != GUILD_FORUM:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    return ctx.state.start_forum_post(channel_id, body or {})


# ---- interactions


def interaction_callback(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /interactions/{interaction_id}/{token}/callback (with_response=1 answers the resource)."""
    interaction_id = snowflake(params, "interaction_id", "interaction", 10062)
    answer = ctx.ledger.callback(interaction_id, params["token"], body or {})
    return answer if _truthy(query.get("with_response")) else None


def followup(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """POST /webhooks/{app_id}/{token}: a follow-up message (answered only with ?wait=true)."""
    app_id = snowflake(params, "app_id", "Webhook", 10015)
    message = ctx.ledger.followup(app_id, params["token"], body or {})
    return message if _truthy(query.get("wait")) else None


def webhook_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /webhooks/{app_id}/{token}/messages/{message_id or @original}."""
    app_id = snowflake(params, "app_id", "Webhook", 10015)
    return ctx.ledger.message(app_id, params["token"], params["message_id"])


def edit_webhook_message(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """PATCH /webhooks/{app_id}/{token}/messages/{message_id or @original}."""
    app_id = snowflake(params, "app_id", "Webhook", 10015)
    return ctx.ledger.edit(app_id, params["token"], params["message_id"], body or {})


# ---- application commands


def _scope(ctx: Context, params: Mapping[str, str]) -> int | None:
    if snowflake(params, "app_id", "Application", 10002) != ctx.state.app_id:
        raise ApiError(403, 50001, "Missing Access")
    return snowflake(params, "guild_id", "Guild", 10004) if "guild_id" in params else None


def put_commands(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """PUT /applications/{app_id}[/guilds/{guild_id}]/commands: bulk overwrite."""
    return ctx.commands.overwrite(_scope(ctx, params), body)


def get_commands(ctx: Context, params: Mapping[str, str], query: Mapping[str, str], body: Any) -> Any:
    """GET /applications/{app_id}[/guilds/{guild_id}]/commands."""
    return ctx.commands.listed(_scope(ctx, params))
