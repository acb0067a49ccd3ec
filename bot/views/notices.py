"""What jobbot tells the owners of subscriptions and sources when something needs them."""

from __future__ import annotations

import math

from bot.models import Destination


def destination_paused(destination: Destination, reason: str) -> str:
    """A destination can no longer receive cards, so its subscriptions were paused."""
    where = "this channel" if destination.kind == "channel" else "your DMs"
    fix = (
        "invite the bot back, unarchive the channel or give it permission to post"
        if destination.kind == "channel"
        else "allow direct messages from the bot"
    )
    return (
        f"jobbot cannot post to {where} any more ({reason}), so the subscriptions there are paused. "
        f"Fix the cause ({fix}), then `/jobs resume`."
    )


def source_failing(source_id: str, failures: int, error: str) -> str:
    """A source keeps failing."""
    return (
        f"Source `{source_id}` failed {failures} times in a row: {error}. jobbot keeps trying less often; "
        "check it with `/jobs sources test`."
    )


def source_recovered(source_id: str) -> str:
    """A failing source works again."""
    return f"Source `{source_id}` works again; jobbot is polling it as usual."


SORRY = (
    "Sorry, something went wrong on my side and I could not finish that. Please try again in a minute; "
    "if it keeps happening, tell whoever runs jobbot here."
)


def slow_down(platform: str, seconds: float) -> str:
    """The answer to a command when the platform asks jobbot to wait (a long rate limit) before answering."""
    minutes = max(1, math.ceil(seconds / 60))
    wait = "a minute" if minutes == 1 else f"{minutes} minutes"
    return (
        f"{platform} is asking jobbot to slow down right now, so I could not finish that. "
        f"Please try again in about {wait}."
    )


DM_HINT = (
    "I only answer `/jobs` commands. Try `/jobs help`, `/jobs search Paris + French`, or open my Home tab "
    "to see your subscriptions."
)

COMMAND_NOT_ALLOWED = "I could not run that command: you do not have permission to."
COMMAND_OPTION_WRONG = (
    "I could not run that command: one of its options is not right. `/jobs help` shows them."
)
