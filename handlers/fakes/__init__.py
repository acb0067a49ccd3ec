"""Fakes of the chat platforms, speaking their real wire protocols on 127.0.0.1.

The tests drive the real Bolt app and the real discord.py client against these; `jobbot demo` and
`jobbot bench deliver` use them at run time too, which is why they ship in the package (an installed
jobbot has no ``tests/``). Everything that uses a fake imports it from here: ``FakeDiscord``
(``discord_fake``) serves Discord's REST API and gateway; ``slack_api.FakeSlackApi`` Slack's Web API.
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
