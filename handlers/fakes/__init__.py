"""Fakes of the outside world that speak the real wire protocols on 127.0.0.1 (tests, demo, bench).

``FakeDiscord`` (``discord_fake``) serves Discord's REST API and gateway for the real discord.py client.
"""

from handlers.fakes.discord_fake import DEFAULT_TOKEN, FakeDiscord
from handlers.fakes.discord_ledger import InteractionRecord
from handlers.fakes.discord_limits import Limit, Limits
from handlers.fakes.discord_rest import Fault
from handlers.fakes.discord_seed import Seed, seeded_state
from handlers.fakes.discord_state import Call, DiscordState

__all__ = [
    "DEFAULT_TOKEN",
    "Call",
    "DiscordState",
    "FakeDiscord",
    "Fault",
    "InteractionRecord",
    "Limit",
    "Limits",
    "Seed",
    "seeded_state",
]
