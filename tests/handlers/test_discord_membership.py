"""Whether a person can see a Discord channel, from the channel's overwrites and the member's roles."""

from bot.models import Destination
from handlers.discord_membership import DiscordMembership
from handlers.fakes import FakeDiscord, Seed
from handlers.fakes.discord_model import User
from tests.fakes.discord_py import running_client
from tests.fakes.http_server import async_test

GUILD = str(Seed.GUILD_ID)
STRANGER_ID = 1_300_000_000_000_000_499


def channel(channel_id):
    return Destination("discord", "channel", str(channel_id), GUILD)


@async_test
async def test_members_who_can_view_the_channel_count_and_others_do_not():
    async with FakeDiscord() as fake:
        fake.state.add_user(User(STRANGER_ID, "stranger"))
        async with running_client(fake) as client:
            lookup = DiscordMembership(client)
            assert await lookup.is_member(channel(Seed.PARIS_JOBS_ID), str(Seed.BOB_ID))
            assert await lookup.is_member(channel(Seed.THREAD_ID), str(Seed.ALICE_ID))
            assert not await lookup.is_member(
                channel(Seed.PARIS_JOBS_ID), str(STRANGER_ID)
            )  # not on the server
            assert not await lookup.is_member(
                channel(424242), str(Seed.BOB_ID)
            )  # a channel the bot cannot see
            calls = len(fake.calls_to("GET", f"/guilds/{Seed.GUILD_ID}/members/{Seed.BOB_ID}"))
            assert await lookup.is_member(channel(Seed.GENERAL_ID), str(Seed.BOB_ID))
            assert (
                len(fake.calls_to("GET", f"/guilds/{Seed.GUILD_ID}/members/{Seed.BOB_ID}")) == calls
            )  # cached
