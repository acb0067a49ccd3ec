"""What became of each interaction the fake sent: its callback, original response and follow-ups.

Discord's rules: the callback must come within 3 seconds of the interaction (later: 404 Unknown interaction,
10062) and only once (again: 400, 40060 already acknowledged); the token then serves follow-ups for 15
minutes. After a deferred reply (type 5) the first follow-up fills the "thinking…" message rather than
adding one. Ephemeral messages (flag 64) are kept with the interaction, not in the channel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handlers.fakes.discord_model import ApiError, unknown
from handlers.fakes.discord_state import EPHEMERAL, DiscordState
from handlers.fakes.discord_validate import validate_message

PONG, MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL = (
    1,
    4,
    5,
    6,
    7,
    8,
    9,
)
LOADING = 1 << 7
TOKEN_LIFETIME = 15 * 60.0


@dataclass(slots=True)
class InteractionRecord:
    """One interaction and every answer the bot gave to it."""

    id: int
    token: str
    payload: dict[str, Any]
    sent_at: float
    callbacks: list[dict[str, Any]] = field(default_factory=list)  # accepted callback bodies
    original: dict[str, Any] | None = None  # the response message, if the callback made one
    followups: list[dict[str, Any]] = field(default_factory=list)

    @property
    def response_type(self) -> int | None:
        """The accepted callback's type (4, 5, 6, 7, 8 or 9), or None before it."""
        return self.callbacks[0]["type"] if self.callbacks else None

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The original response (if any) and the follow-ups, in order."""
        return ([self.original] if self.original else []) + self.followups


class InteractionLedger:
    """Interactions by token; the REST side calls it for callbacks and webhook (follow-up) requests."""

    def __init__(
        self, state: DiscordState, *, deadline: float = 3.0, clock: Callable[[], float] | None = None
    ) -> None:
        self.state = state
        self.deadline = deadline
        self._clock = clock or state.clock
        self.records: dict[str, InteractionRecord] = {}

    def record(self, payload: dict[str, Any]) -> InteractionRecord:
        """Remember an interaction at the moment it is sent."""
        entry = InteractionRecord(int(payload["id"]), payload["token"], payload, self._clock())
        self.records[entry.token] = entry
        return entry

    def callback(self, interaction_id: int, token: str, body: dict[str, Any]) -> dict[str, Any]:
        """Accept the interaction's one callback; the ``with_response`` answer."""
        entry = self.records.get(token)
        if entry is None or entry.id != interaction_id or self._clock() - entry.sent_at > self.deadline:
            raise unknown("interaction", 10062)
        if entry.callbacks:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        kind = body.get("type")
        data = body.get("data") or {}
        autocomplete = entry.payload["type"] == 4
        if kind not in (
            PONG,
            MESSAGE,
            DEFERRED_MESSAGE,
            DEFERRED_UPDATE,
            UPDATE_MESSAGE,
            AUTOCOMPLETE_RESULT,
            MODAL,
        ):
            raise ApiError(400, 50035, "Invalid Form Body", {"type": {"_errors": []}})
        if autocomplete != (kind == AUTOCOMPLETE_RESULT):
            raise ApiError(400, 40043, "Interaction has an invalid response type for this interaction type")
        if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and "message" not in entry.payload:
            raise ApiError(400, 40043, "Interaction has an invalid response type for this interaction type")
        if kind == MESSAGE:
            validate_message(data)
            entry.original = self._post(entry, data)
        elif kind == DEFERRED_MESSAGE:
            entry.original = self._post(
                entry, {"content": "", "flags": LOADING | (data.get("flags", 0) & EPHEMERAL)}
            )
        elif kind == UPDATE_MESSAGE:
            validate_message(data, creating=False)
            entry.original = self._update_clicked(entry, data)
        elif kind == DEFERRED_UPDATE:  # @original is now the message the clicked component is on
            entry.original = self._clicked(entry)
        entry.callbacks.append(body)
        return self._with_response(entry, kind)

    def followup(self, app_id: int, token: str, body: dict[str, Any]) -> dict[str, Any]:
        """A follow-up message (it fills the "thinking…" message after a deferred reply)."""
        entry = self._webhook(app_id, token)
        validate_message(body)
        loading = entry.original is not None and entry.original["flags"] & LOADING
        if loading and entry.response_type == DEFERRED_MESSAGE:
            assert entry.original is not None
            flags = entry.original["flags"] & EPHEMERAL  # the deferral decided who sees it
            self.state.change(entry.original, {**body, "flags": flags})
            return entry.original
        message = self._post(entry, body)
        entry.followups.append(message)
        return message

    def edit(self, app_id: int, token: str, message_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Edit the original response (``@original``) or a follow-up."""
        message = self.message(app_id, token, message_id)
        validate_message(body, creating=False)
        edit = dict(body)
        if message["flags"] & LOADING:
            edit["flags"] = message["flags"] & EPHEMERAL  # an edit ends "thinking…"
        self.state.change(message, edit)
        return message

    def message(self, app_id: int, token: str, message_id: str) -> dict[str, Any]:
        """The original response (``@original``) or a follow-up, by id."""
        entry = self._webhook(app_id, token)
        found = entry.original if message_id == "@original" else None
        found = found or next((m for m in entry.messages if m["id"] == message_id), None)
        if found is None:
            raise unknown("Message", 10008)
        return found

    def ephemeral(self, message_id: str, user_id: int) -> dict[str, Any] | None:
        """The ephemeral answer ``message_id``, if it was shown to ``user_id`` (only they see it)."""
        for entry in self.records.values():
            for message in entry.messages:
                if message["id"] == message_id and message["flags"] & EPHEMERAL:
                    shown_to = (message.get("interaction_metadata") or {}).get("user") or {}
                    return message if shown_to.get("id") == str(user_id) else None
        return None

    def answered_earlier(self, payload: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        """Record ``payload`` as answered at once with the message ``body`` (a reply the bot gave before)."""
        entry = self.record(payload)
        validate_message(body)
        entry.callbacks.append({"type": MESSAGE, "data": body})
        entry.original = self._post(entry, body)
        return entry.original

    def _webhook(self, app_id: int, token: str) -> InteractionRecord:
        entry = self.records.get(token)
        if entry is None or app_id != self.state.app_id or not entry.callbacks:
            raise unknown("Webhook", 10015)
        if self._clock() - entry.sent_at > TOKEN_LIFETIME:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        return entry

    def _post(self, entry: InteractionRecord, body: dict[str, Any]) -> dict[str, Any]:
        channel_id = int(entry.payload["channel_id"])
        room = self.state.channels.get(channel_id)
        if room is None:  # a DM the fake never opened: open it now
            room = self.state.open_dm(int(entry.payload["user"]["id"]))
        user = (entry.payload.get("member") or {}).get("user") or entry.payload.get("user")
        metadata = {"id": str(entry.id), "type": entry.payload["type"], "user": user}
        extra = {"webhook_id": str(self.state.app_id), "application_id": str(self.state.app_id),
                 "interaction_metadata": metadata}  # fmt: skip
        if int(body.get("flags") or 0) & EPHEMERAL:
            return self.state.build_message(room, body, self.state.bot, **extra)
        return self.state.store_message(room, body, self.state.bot, **extra)

    def _clicked(self, entry: InteractionRecord) -> dict[str, Any]:
        clicked = entry.payload["message"]
        return self.state.find_message(int(clicked["channel_id"]), int(clicked["id"])) or clicked

    def _update_clicked(self, entry: InteractionRecord, body: dict[str, Any]) -> dict[str, Any]:
        stored = self._clicked(entry)
        self.state.change(stored, body)
        return stored

    @staticmethod
    def _with_response(entry: InteractionRecord, kind: int) -> dict[str, Any]:
        original = entry.original if kind in (MESSAGE, DEFERRED_MESSAGE, UPDATE_MESSAGE) else None
        interaction: dict[str, Any] = {"id": str(entry.id), "type": entry.payload["type"]}
        resource: dict[str, Any] = {"type": kind}
        if original is not None:
            interaction.update(
                response_message_id=original["id"],
                response_message_loading=bool(original["flags"] & LOADING),
                response_message_ephemeral=bool(original["flags"] & EPHEMERAL),
            )
            resource["message"] = original
        return {"interaction": interaction, "resource": resource}
