"""INTERACTION_CREATE payloads as Discord builds them: slash commands, button clicks and autocomplete.

Options are typed the way the registered command declares them (so ``/jobs subscribe query:…`` arrives as
SUB_COMMAND type 1 holding a STRING type 3), falling back to the Python type of the value when the bot has
not registered the command. Guild interactions carry the member with its permissions in the channel and the
bot's ``app_permissions``; DM interactions carry ``user`` instead.
"""

from __future__ import annotations

import secrets
from typing import Any

from handlers.fakes.discord_commands import SUB_COMMAND, SUB_COMMAND_GROUP, CommandRegistry, option_types
from handlers.fakes.discord_model import channel_permissions
from handlers.fakes.discord_payloads import channel as channel_payload
from handlers.fakes.discord_payloads import member as member_payload
from handlers.fakes.discord_payloads import user as user_payload
from handlers.fakes.discord_state import DiscordState

APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
BUTTON = 2
STRING, INTEGER, BOOLEAN, USER, NUMBER = 3, 4, 5, 6, 10
ATTACHMENT_LIMIT = 10 * 1024 * 1024


class InteractionBuilder:
    """Builds interaction payloads against the fake's world and registered commands."""

    def __init__(self, state: DiscordState, commands: CommandRegistry) -> None:
        self.state = state
        self.commands = commands

    def slash(
        self,
        name: str,
        sub: str | None = None,
        options: dict[str, Any] | None = None,
        *,
        user: int,
        channel: int,
        group: str | None = None,
        focused: str | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A CHAT_INPUT command (type 2), or AUTOCOMPLETE (type 4) when ``focused`` names an option."""
        guild_id = self.state.channels[channel].guild_id
        command = self.commands.find(name, guild_id)
        path = [p for p in (group, sub) if p]
        declared = option_types(command, path)
        typed = [
            _option(key, value, declared.get(key), focused == key) for key, value in (options or {}).items()
        ]
        if sub is not None:
            typed = [{"name": sub, "type": SUB_COMMAND, "options": typed}]
        if group is not None:
            typed = [{"name": group, "type": SUB_COMMAND_GROUP, "options": typed}]
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self.state.ids.next()),
            "name": name,
            "type": 1,
            "options": typed,
        }
        if command and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        resolved = self._resolved(options or {}, declared)
        if resolved:
            data["resolved"] = resolved
        kind = AUTOCOMPLETE if focused else APPLICATION_COMMAND
        return self._interaction(kind, data, user=user, channel=channel, locale=locale)

    def autocomplete(
        self, name: str, sub: str | None, options: dict[str, Any], focused: str, **kw: Any
    ) -> dict:
        """An AUTOCOMPLETE interaction (type 4) while the user types ``focused``."""
        return self.slash(name, sub, options, focused=focused, **kw)

    def component(
        self, custom_id: str, message: dict[str, Any], *, user: int, component_type: int = BUTTON
    ) -> dict[str, Any]:
        """A MESSAGE_COMPONENT interaction (type 3): a click on ``custom_id`` under ``message``."""
        data = {"custom_id": custom_id, "component_type": component_type}
        if component_type != BUTTON:
            data["values"] = []
        payload = self._interaction(MESSAGE_COMPONENT, data, user=user, channel=int(message["channel_id"]))
        payload["message"] = message
        return payload

    def _interaction(
        self, kind: int, data: dict[str, Any], *, user: int, channel: int, locale: str = "en-US"
    ) -> dict[str, Any]:
        state = self.state
        room = state.channels[channel]
        person = state.users[user]
        payload: dict[str, Any] = {
            "id": str(state.ids.next()),
            "application_id": str(state.app_id),
            "type": kind,
            "data": data,
            "token": "fake-" + secrets.token_urlsafe(48),
            "version": 1,
            "channel_id": str(channel),
            "channel": channel_payload(room, state.users),
            "locale": locale,
            "entitlements": [],
            "attachment_size_limit": ATTACHMENT_LIMIT,
            "app_permissions": str(state.bot_permissions(room)),
        }
        if room.guild_id is None:
            payload.update(
                user=user_payload(person), context=1, authorizing_integration_owners={"1": str(user)}
            )
            return payload
        guild = state.guilds[room.guild_id]
        membership = guild.members[user]
        parent = state.channels.get(room.parent_id or 0)
        permissions = channel_permissions(guild, membership, parent or room)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            member=member_payload(person, membership, permissions),
            context=0,
            authorizing_integration_owners={"0": str(guild.id)},
        )
        return payload

    def _resolved(self, options: dict[str, Any], declared: dict[str, int]) -> dict[str, Any]:
        users = {str(v): self.state.users[int(v)] for k, v in options.items() if declared.get(k) == USER}
        if not users:
            return {}
        return {"users": {key: user_payload(account) for key, account in users.items()}}


def _option(name: str, value: Any, declared: int | None, focused: bool) -> dict[str, Any]:
    if declared is None:
        declared = (
            BOOLEAN
            if isinstance(value, bool)
            else INTEGER
            if isinstance(value, int)
            else NUMBER
            if isinstance(value, float)
            else STRING
        )
    option: dict[str, Any] = {
        "name": name,
        "type": declared,
        "value": str(value) if declared == USER else value,
    }
    if focused:
        option["focused"] = True
    return option
