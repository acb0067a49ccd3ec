"""The application commands the bot registered, global and per guild (bulk overwrite, as tree.sync() does).

An overwrite keeps a command's id when its name and type are unchanged, like Discord, so interactions
built afterwards carry the id the bot was told about.
"""

from __future__ import annotations

from typing import Any

from handlers.fakes.discord_model import ApiError, Snowflakes

MAX_COMMANDS = 100
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2


class CommandRegistry:
    """Registered commands by scope: ``None`` for global, else a guild id."""

    def __init__(self, ids: Snowflakes, app_id: int) -> None:
        self._ids = ids
        self._app_id = app_id
        self._by_scope: dict[int | None, list[dict[str, Any]]] = {}

    def overwrite(self, guild_id: int | None, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Replace every command in the scope; answer them with ids, as Discord does."""
        if not isinstance(commands, list) or len(commands) > MAX_COMMANDS:
            raise ApiError(400, 50035, "Invalid Form Body", {"_errors": []})
        names = [(c.get("name"), c.get("type", 1)) for c in commands]
        if len(set(names)) != len(names) or not all(isinstance(n, str) and n for n, _ in names):
            raise ApiError(400, 50035, "Invalid Form Body", {"name": {"_errors": []}})
        old = {(c["name"], c["type"]): c["id"] for c in self._by_scope.get(guild_id, [])}
        stored = []
        for command in commands:
            kind = command.get("type", 1)
            stored.append(
                {
                    "id": old.get((command["name"], kind)) or str(self._ids.next()),
                    "application_id": str(self._app_id),
                    "version": str(self._ids.next()),
                    "type": kind,
                    "description": "",
                    "options": [],
                    "default_member_permissions": None,
                    "nsfw": False,
                    **({"guild_id": str(guild_id)} if guild_id else {}),
                    **{k: v for k, v in command.items() if k not in {"id", "application_id", "version"}},
                }
            )
        self._by_scope[guild_id] = stored
        return stored

    def listed(self, guild_id: int | None) -> list[dict[str, Any]]:
        """The scope's commands."""
        return list(self._by_scope.get(guild_id, []))

    def find(self, name: str, guild_id: int | None) -> dict[str, Any] | None:
        """The chat command a user would run by ``name`` in a guild (guild commands first) or a DM."""
        scopes = [guild_id, None] if guild_id else [None]
        for scope in scopes:
            for command in self._by_scope.get(scope, []):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command
        return None


def option_types(command: dict[str, Any] | None, path: list[str]) -> dict[str, int]:
    """The declared type of each option of the (sub)command at ``path`` (names below the top), if known."""
    options = (command or {}).get("options") or []
    for name in path:
        inner = next((o for o in options if o.get("name") == name), None)
        options = (inner or {}).get("options") or []
    return {o["name"]: o["type"] for o in options if o.get("type") not in (SUB_COMMAND, SUB_COMMAND_GROUP)}
