"""Discord's message limits, refused the way Discord refuses them (400, code 50035 Invalid Form Body / 50006).

Limits from https://discord.com/developers/docs/resources/message#create-message and the embed limits
table: content 2000, 10 embeds of 6000 characters in all, 5 action rows of 5 components.
"""

from __future__ import annotations

from typing import Any

from handlers.fakes.discord_model import ApiError

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_ROWS = 5
MAX_ROW_ITEMS = 5
MAX_CUSTOM_ID = 100
MAX_NONCE = 25
EMBED_LIMITS = {"title": 256, "description": 4096}
FIELD_LIMITS = {"name": 256, "value": 1024}
MAX_FIELDS = 25


def _too_long(limit: int) -> list[dict[str, str]]:
    return [{"code": "BASE_TYPE_MAX_LENGTH", "message": f"Must be {limit} or fewer in length."}]


def _invalid(errors: dict[str, Any]) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors)


def validate_message(body: dict[str, Any], *, creating: bool = True) -> None:
    """Raise the ApiError Discord would answer for this message body, if any."""
    content = body.get("content")
    if isinstance(content, str) and len(content) > MAX_CONTENT:
        raise _invalid({"content": {"_errors": _too_long(MAX_CONTENT)}})
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > MAX_NONCE:
        raise _invalid({"nonce": {"_errors": _too_long(MAX_NONCE)}})
    _check_embeds(body.get("embeds") or [])
    _check_components(body.get("components") or [])
    has_something = any(
        body.get(k) for k in ("content", "embeds", "components", "attachments", "sticker_ids")
    )
    if creating and not has_something and not body.get("poll"):
        raise ApiError(400, 50006, "Cannot send an empty message")


def _check_embeds(embeds: list[dict[str, Any]]) -> None:
    if len(embeds) > MAX_EMBEDS:
        raise _invalid({"embeds": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Too many"}]}})
    total = 0
    for index, embed in enumerate(embeds):
        for key, limit in EMBED_LIMITS.items():
            text = str(embed.get(key) or "")
            total += len(text)
            if len(text) > limit:
                raise _invalid({"embeds": {str(index): {key: {"_errors": _too_long(limit)}}}})
        fields = embed.get("fields") or []
        if len(fields) > MAX_FIELDS:
            raise _invalid({"embeds": {str(index): {"fields": {"_errors": _too_long(MAX_FIELDS)}}}})
        for number, embed_field in enumerate(fields):
            for key, limit in FIELD_LIMITS.items():
                text = str(embed_field.get(key) or "")
                total += len(text)
                if len(text) > limit or not text:
                    where = {
                        "embeds": {
                            str(index): {"fields": {str(number): {key: {"_errors": _too_long(limit)}}}}
                        }
                    }
                    raise _invalid(where)
        total += len(str((embed.get("footer") or {}).get("text") or ""))
        total += len(str((embed.get("author") or {}).get("name") or ""))
    if total > MAX_EMBED_TOTAL:
        raise _invalid({"embeds": {"_errors": _too_long(MAX_EMBED_TOTAL)}})


def _check_components(rows: list[dict[str, Any]]) -> None:
    if len(rows) > MAX_ROWS:
        raise _invalid({"components": {"_errors": _too_long(MAX_ROWS)}})
    for index, row in enumerate(rows):
        items = row.get("components") or []
        if row.get("type") == 1 and len(items) > MAX_ROW_ITEMS:
            raise _invalid(
                {"components": {str(index): {"components": {"_errors": _too_long(MAX_ROW_ITEMS)}}}}
            )
        for item in items:
            if len(str(item.get("custom_id") or "")) > MAX_CUSTOM_ID:
                raise _invalid({"components": {str(index): {"_errors": _too_long(MAX_CUSTOM_ID)}}})


def validate_click(message: dict[str, Any], custom_id: str, component_type: int) -> None:
    """Raise the 400 Discord answers a client whose click names no enabled component of ``message``.

    Discord checks a component interaction against the message before any bot hears of it, so a click on a
    custom id the message does not carry never reaches the bot.
    """
    if not any(
        item.get("custom_id") == custom_id and item.get("type") == component_type and not item.get("disabled")
        for item in _components(message.get("components") or [])
    ):
        failed = {"code": "COMPONENT_VALIDATION_FAILED", "message": "Component validation failed"}
        raise _invalid({"data": {"_errors": [failed]}})


def _components(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every component, rows and containers opened (a section's accessory included)."""
    found = []
    for item in items:
        found.append(item)
        found += _components(item.get("components") or [])
        if isinstance(item.get("accessory"), dict):
            found.append(item["accessory"])
    return found
