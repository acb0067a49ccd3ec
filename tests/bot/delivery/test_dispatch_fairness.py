"""The dispatcher when more destinations are ready than it has senders: everyone's first card comes first."""

from bot.delivery.limits import DeliveryLimits, Rate
from bot.models import Destination
from tests.bot.delivery.conftest import make_dispatcher, queue, store_posting, subscribe
from tests.fakes.http_server import async_test

CHANNELS = [Destination("slack", "channel", f"C0ROOM{n}", "T0ACME") for n in range(4)]


def _fill(engine, cards_each):
    postings = [
        store_posting(engine, f"greenhouse:acme:{n}", title=f"Intern {n}").id for n in range(cards_each)
    ]
    for channel in CHANNELS:
        sub = subscribe(engine, channel)
        for posting_id in postings:
            queue(engine, channel, posting_id, sub)


@async_test
async def test_crowded_destinations_each_get_a_card_before_any_gets_a_second(engine, clock, notifier):
    _fill(engine, cards_each=3)
    limits = DeliveryLimits(
        per_destination={"slack": Rate(1.0, burst=3)}, burst_digest_threshold=None, concurrency=2
    )
    dispatcher = make_dispatcher(engine, notifier, clock, limits=limits)

    assert (await dispatcher.run_once()).sent == 2  # two senders, one card each
    assert (await dispatcher.run_once()).sent == 2
    assert [len(notifier.to(channel)) for channel in CHANNELS] == [1, 1, 1, 1]

    for _ in range(4):
        await dispatcher.run_once()
    assert [len(notifier.to(channel)) for channel in CHANNELS] == [3, 3, 3, 3]  # the burst, no clock tick


@async_test
async def test_a_destination_alone_gets_its_whole_burst_in_one_pass(engine, clock, notifier):
    _fill(engine, cards_each=3)
    limits = DeliveryLimits(per_destination={"slack": Rate(1.0, burst=3)}, burst_digest_threshold=None)

    report = await make_dispatcher(engine, notifier, clock, limits=limits).run_once()

    assert report.sent == 12  # room for all four: nobody waits, each sends what its tokens allow
