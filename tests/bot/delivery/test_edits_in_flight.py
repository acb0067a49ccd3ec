"""A posting that changes while its card is in flight (being sent, or in doubt after a crash) is still edited.

The store queues edits for messages already posted; a card not yet acknowledged has no message to edit.
Its row remembers the change instead, and the receipt that gives it a message (from the send, or from
recovery finding it) queues the edit. A card sent after its posting closed is sent closed. On SQLite and
PostgreSQL.
"""

import asyncio
from datetime import timedelta

import pytest

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.store.card_edits import list_edits
from bot.store.deliveries import get_delivery
from bot.store.migrate import open_store
from tests.bot.delivery.conftest import CHANNEL, make_dispatcher, queue, store_posting, subscribe
from tests.bot.delivery.test_card_edits import close, update
from tests.fakes.http_server import async_test

TIMEOUT = DeliveryError("unknown", "chat.postMessage: no answer from Slack (TimeoutError)")


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def _shown(notifier, message_id):
    """The message as the platform shows it now: as sent, then as last edited."""
    (message,) = [m for m in notifier.sent if m.message_id == message_id]
    edits = [card for _, edited, card in notifier.edits if edited == message_id]
    return edits[-1] if edits else message.card


@async_test
async def test_a_posting_closed_while_its_card_is_being_sent_gets_its_card_closed(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    row_id = queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    answer = asyncio.Event()
    send = notifier.send

    async def slow_send(destination, card, *, idempotency_key):
        await answer.wait()
        return await send(destination, card, idempotency_key=idempotency_key)

    notifier.send = slow_send
    dispatcher = make_dispatcher(engine, notifier, clock)
    sending = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.05)  # the card is rendered and on its way
    close(engine, clock, posting.id)  # nothing posted yet: no message to edit
    answer.set()
    await sending
    (message,) = notifier.sent
    assert message.card.status is None

    report = await dispatcher.run_once()

    assert report.edited == 1
    assert _shown(notifier, message.message_id).status == "Closed"
    assert get_delivery(engine, row_id).message_id == message.message_id
    assert (await dispatcher.run_once()).edited == 0  # once


@async_test
async def test_a_card_in_doubt_whose_posting_changed_is_edited_once_found(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    dispatcher = make_dispatcher(engine, notifier, clock)
    await dispatcher.run_once()
    update(engine, clock, posting, title="Marketing Intern (6 months)")
    assert list_edits(engine) == []  # the card is in doubt: nothing known to edit yet

    clock.advance(30)
    report = await dispatcher.run_once()

    assert (report.recovered, report.edited) == (1, 1)
    (message,) = notifier.sent
    assert _shown(notifier, message.message_id).title == "Marketing Intern (6 months)"


@async_test
async def test_a_digest_in_doubt_is_rebuilt_when_a_posting_of_it_closed_meanwhile(engine, clock, notifier):
    ids = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(6)]
    sub = subscribe(engine, CHANNEL)
    for posting_id in ids:
        queue(engine, CHANNEL, posting_id, sub)
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(burst_digest_threshold=5))
    await dispatcher.run_once()
    close(engine, clock, ids[4])

    clock.advance(30)
    assert (await dispatcher.run_once()).recovered == 6
    (digest,) = notifier.sent
    shown = _shown(notifier, digest.message_id)
    assert isinstance(shown, DigestCard)
    assert [c.status for c in shown.cards] == [None, None, None, None, "Closed", None]
    assert len(notifier.edits) == 1


@async_test
async def test_a_card_whose_posting_closed_before_it_went_is_sent_closed(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    close(engine, clock, posting.id)
    clock.advance(1)

    await make_dispatcher(engine, notifier, clock).run_once()

    (message,) = notifier.sent
    assert message.card.status == "Closed"


@async_test
async def test_a_card_sent_again_after_a_change_needs_no_edit(engine, clock, notifier):
    """A card that never arrived is rendered afresh when it goes again: nothing stale to edit."""
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    notifier.fail(CHANNEL, TIMEOUT)  # never reached the platform
    dispatcher = make_dispatcher(engine, notifier, clock)
    await dispatcher.run_once()
    update(engine, clock, posting, title="Marketing Intern (6 months)")

    clock.advance(30)
    await dispatcher.run_once()
    clock.advance(timedelta(minutes=1).total_seconds())
    await dispatcher.run_once()

    (message,) = notifier.sent
    assert message.card.title == "Marketing Intern (6 months)"
    assert notifier.edits == []
