import pytest

from bot.delivery.membership import MembershipLookup
from bot.delivery.notifier import DeliveryError
from bot.models import Destination
from handlers.slack_membership import SlackMembership
from handlers.slack_notifier import make_client
from tests.fakes.http_server import async_test
from tests.fakes.slack_api import FakeSlackApi

TOKEN = "xoxb-membership-test"
CHANNEL = Destination("slack", "channel", "C1", "T1")


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


@async_test
async def test_answers_from_one_read_per_channel_until_it_is_stale():
    async with FakeSlackApi(token=TOKEN) as fake:
        fake.workspace.set_members("C1", ["U1", "U2"])
        clock = Clock()
        lookup: MembershipLookup = SlackMembership(make_client(TOKEN, fake.api_url), fresh=60, clock=clock)
        assert await lookup.is_member(CHANNEL, "U1") is True
        assert await lookup.is_member(CHANNEL, "U3") is False
        assert len(fake.calls_to("conversations.members")) == 1
        fake.workspace.set_members("C1", ["U3"])
        clock.now += 61
        assert await lookup.is_member(CHANNEL, "U3") is True
        assert len(fake.calls_to("conversations.members")) == 2


@async_test
async def test_a_channel_slack_will_not_describe_raises_a_delivery_error():
    async with FakeSlackApi(token=TOKEN) as fake:
        fake.workspace.remove_channel("C1")
        with pytest.raises(DeliveryError) as caught:
            await SlackMembership(make_client(TOKEN, fake.api_url)).is_member(CHANNEL, "U1")
        assert (caught.value.kind, caught.value.code) == ("permanent", "channel_not_found")
