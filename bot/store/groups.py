"""Delivery groups in SQL: the rows of one (platform, workspace), picked out by their destination key.

A destination key is ``platform:workspace:kind:target`` (``bot.models.Destination.key``), so a group's rows
are the keys that start with ``platform:workspace:``. Workspace ids (Slack team ids, Discord guild ids)
never hold a colon, which keeps one workspace's prefix from reaching into another's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam

GROUP_PARAM = "group_prefix"


def group_pattern(platform: str, workspace: str) -> str:
    """The LIKE pattern of a group's destination keys (``%`` and ``_`` in the ids taken literally)."""
    prefix = f"{platform}:{workspace}:"
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def in_group(column: Any) -> Any:
    """``column`` (a destination key) belongs to the group bound as ``group_prefix``."""
    return column.like(bindparam(GROUP_PARAM), escape="\\")
