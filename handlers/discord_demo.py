"""Discord for `jobbot demo`: the real DiscordNotifier on discord.py's HTTP client, against a FakeDiscord.

The fake's seeded server gets the examples' channels (#paris-jobs is there already) and their people, as
members who accept DMs. ``received`` reads each channel back from the fake and renders its messages as text
(``handlers.discord_readback``), so the demo shows what Discord was sent, not what jobbot meant to send.
Only REST is used (a notifier needs no gateway); discord.py's ``Route.BASE`` points at the fake while the
platform is open and is put back afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from discord.http import HTTPClient, Route

from bot.delivery.notifier import Notifier
from bot.demo.examples import ExampleSubscription
from bot.demo.platforms import DemoPlatform, Received
from bot.models import Destination
from handlers.discord_notifier import DiscordNotifier
from handlers.discord_readback import message_lines
from handlers.fakes import FakeDiscord, Seed
from handlers.fakes.discord_model import DM, User

GUILD = str(Seed.GUILD_ID)
FIRST_ADDED_ID = 1_300_000_000_000_000_600  # the channels and people the demo adds: the same ids every run


class DiscordDemo:
    """Discord in the demo: the examples' channels and people in the fake's server, read back from it."""

    name = "Discord"

    def __init__(self, notifier: Notifier, where: str, fake: FakeDiscord) -> None:
        self.notifier = notifier
        self.where = where
        self.fake = fake
        self._next_id = FIRST_ADDED_ID

    def place(self, example: ExampleSubscription) -> tuple[str, Destination]:
        """The example's person as a member of the server; its channel, or that person's DMs."""
        person = str(self._member(example.person))
        if example.channel is None:
            return person, Destination("discord", "dm", person, GUILD)
        return person, Destination("discord", "channel", str(self._channel(example.channel)), GUILD)

    def received(self, destination: Destination) -> list[Received] | None:
        """The messages the fake holds for ``destination`` (a DM: the bot's DM channel with the person)."""
        channel = self._dm(int(destination.target)) if destination.kind == "dm" else int(destination.target)
        if channel is None:
            return []
        return [Received(str(m["id"]), message_lines(m)) for m in self.fake.messages_in(channel)]

    def _member(self, name: str) -> int:
        state = self.fake.state
        known = next((user.id for user in state.users.values() if user.username == name), None)
        if known is not None:
            return known
        user = state.add_user(User(self._take_id(), name))
        state.add_member(Seed.GUILD_ID, user.id)
        return user.id

    def _channel(self, name: str) -> int:
        state = self.fake.state
        known = next((room.id for room in state.guild_channels(Seed.GUILD_ID) if room.name == name), None)
        if known is not None:
            return known
        return state.add_channel(Seed.GUILD_ID, self._take_id(), name).id

    def _dm(self, user_id: int) -> int | None:
        rooms = self.fake.state.channels.values()
        return next((room.id for room in rooms if room.type == DM and room.recipient_id == user_id), None)

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1


@contextmanager
def _rest_at(api_base: str) -> Iterator[None]:
    """discord.py's REST calls go to ``api_base`` while inside (``Route.BASE`` is process-wide)."""
    saved, Route.BASE = Route.BASE, api_base
    try:
        yield
    finally:
        Route.BASE = saved


@asynccontextmanager
async def local_discord() -> AsyncIterator[DemoPlatform]:
    """A DiscordNotifier on discord.py's HTTP client, logged in to a fresh fake Discord."""
    async with FakeDiscord() as fake:
        with _rest_at(fake.api_base):
            http = HTTPClient(asyncio.get_running_loop())
            try:
                await http.static_login(fake.token)
                server = fake.state.guilds[Seed.GUILD_ID].name
                where = f"Discord (a local fake at {fake.api_base}, server “{server}”)"
                yield DiscordDemo(DiscordNotifier(http), where, fake)
            finally:
                await http.close()
