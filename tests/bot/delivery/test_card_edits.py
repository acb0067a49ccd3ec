"""When a posting closes or changes, every card already posted for it is edited in place."""

from dataclasses import replace

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.store.postings import mark_closed, upsert_posting
from tests.bot.delivery.conftest import (
    ANNA_DM,
    CHANNEL,
    T0,
    make_dispatcher,
    queue,
    store_posting,
    subscribe,
)
from tests.fakes.http_server import async_test


@async_test
async def test_closing_a_posting_marks_each_of_its_cards_closed(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    queue(engine, ANNA_DM, posting.id, subscribe(engine, ANNA_DM, "Paris"))
    dispatcher = make_dispatcher(engine, notifier, clock)
    await dispatcher.run_once()
    posted = {m.destination: m.message_id for m in notifier.sent}

    mark_closed(engine, [posting.id], now=T0)
    report = await dispatcher.update_cards(posting.id, closed=True)

    assert (report.edited, report.failed) == (2, 0)
    assert {(d, m) for d, m, _ in notifier.edits} == set(posted.items())
    for destination, _, card in notifier.edits:
        assert card.status == "Closed"
        assert card.posting_id == posting.id
        assert card.query == ("Paris + French" if destination == CHANNEL else "Paris")


@async_test
async def test_an_updated_posting_shows_its_new_fields(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    dispatcher = make_dispatcher(engine, notifier, clock)
    await dispatcher.run_once()
    upsert_posting(engine, replace(posting, title="Marketing Intern (6 months)"))

    report = await dispatcher.update_cards(posting.id, closed=False)

    assert report.edited == 1
    (_, _, card) = notifier.edits[0]
    assert (card.title, card.status) == ("Marketing Intern (6 months)", None)


@async_test
async def test_a_digest_is_rebuilt_whole_with_only_the_closed_posting_marked(engine, clock, notifier):
    sub = subscribe(engine, CHANNEL)
    ids = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(6)]
    for posting_id in ids:
        queue(engine, CHANNEL, posting_id, sub)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(burst_digest_threshold=5))
    await dispatcher.run_once()
    (digest,) = notifier.sent

    mark_closed(engine, [ids[2]], now=T0)
    report = await dispatcher.update_cards(ids[2], closed=True)

    assert report.edited == 1  # one message, although six rows point at it
    (destination, message_id, card) = notifier.edits[0]
    assert (destination, message_id) == (CHANNEL, digest.message_id)
    assert isinstance(card, DigestCard)
    assert card.title == digest.card.title
    assert [c.status for c in card.cards] == [None, None, "Closed", None, None, None]


@async_test
async def test_an_edit_the_platform_refuses_is_counted_and_the_rest_go_on(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    queue(engine, ANNA_DM, posting.id, subscribe(engine, ANNA_DM))
    dispatcher = make_dispatcher(engine, notifier, clock)
    await dispatcher.run_once()
    notifier.fail_edit(CHANNEL, DeliveryError("permanent", "message_not_found", code="message_not_found"))

    report = await dispatcher.update_cards(posting.id, closed=True)
    assert (report.edited, report.failed) == (1, 1)
    assert [d for d, _, _ in notifier.edits] == [ANNA_DM]


@async_test
async def test_nothing_to_edit_for_a_posting_never_sent(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    report = await make_dispatcher(engine, notifier, clock).update_cards(posting.id, closed=True)
    assert (report.edited, report.failed) == (0, 0)
