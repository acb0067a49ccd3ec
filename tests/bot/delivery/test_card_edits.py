"""When a posting closes or changes, every card already posted for it is edited in place, through the outbox.

The store queues the edits (``bot.store.card_edits``) as the poll store does when it records the change;
the dispatcher does them like sends: paced, retried, never pausing a destination for a deleted message.
"""

from dataclasses import replace
from datetime import timedelta

from bot.delivery.limits import DeliveryLimits, Rate
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.store.card_edits import enqueue_edits, list_edits
from bot.store.outbox import StoreOutbox
from bot.store.postings import mark_closed, upsert_posting
from bot.store.subscriptions import list_subscriptions
from tests.bot.delivery.conftest import (
    ANNA_DM,
    CHANNEL,
    make_dispatcher,
    queue,
    store_posting,
    subscribe,
)
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeNotifier

GONE = DeliveryError("permanent", "message_not_found", code="message_not_found")


def close(engine, clock, *posting_ids):
    """Close the postings and queue their edits, as the poll store does in one transaction."""
    with engine.begin() as conn:
        mark_closed(conn, posting_ids, now=clock.now)
        return enqueue_edits(conn, posting_ids, reason="closed", now=clock.now)


def update(engine, clock, posting, **changes):
    """Store a changed posting and queue its edits."""
    with engine.begin() as conn:
        upsert_posting(conn, replace(posting, **changes), now=clock.now)
        return enqueue_edits(conn, [posting.id], reason="updated", now=clock.now)


async def posted(engine, clock, notifier, *posting_ids, destinations=(CHANNEL,), **kwargs):
    """Post a card for each posting to each destination; returns the dispatcher."""
    for destination in destinations:
        sub = subscribe(engine, destination, "Paris + French" if destination == CHANNEL else "Paris")
        for posting_id in posting_ids:
            queue(engine, destination, posting_id, sub)
    dispatcher = make_dispatcher(engine, notifier, clock, **kwargs)
    assert (await dispatcher.run_once()).messages > 0
    return dispatcher


def states(engine):
    return sorted(edit.state for edit in list_edits(engine))


@async_test
async def test_closing_a_posting_marks_each_of_its_cards_closed(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id, destinations=(CHANNEL, ANNA_DM))
    where = {m.destination: m.message_id for m in notifier.sent}

    assert close(engine, clock, posting.id) == 2
    assert notifier.edits == []  # queued, not done inline
    report = await dispatcher.run_once()

    assert (report.edited, report.edits_failed, report.sent) == (2, 0, 0)
    assert {(d, m) for d, m, _ in notifier.edits} == set(where.items())
    for destination, _, card in notifier.edits:
        assert (card.status, card.posting_id) == ("Closed", posting.id)
        assert card.query == ("Paris + French" if destination == CHANNEL else "Paris")
    assert states(engine) == ["done", "done"]
    assert (await dispatcher.run_once()).edited == 0  # done once


@async_test
async def test_an_updated_posting_shows_its_new_fields(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    update(engine, clock, posting, title="Marketing Intern (6 months)")

    assert (await dispatcher.run_once()).edited == 1
    ((_, _, card),) = notifier.edits
    assert (card.title, card.status) == ("Marketing Intern (6 months)", None)


@async_test
async def test_two_changes_before_the_dispatcher_runs_are_one_edit_of_the_latest(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    update(engine, clock, posting, title="Marketing Intern (6 months)")
    clock.advance(60)
    close(engine, clock, posting.id)

    assert (await dispatcher.run_once()).edited == 1
    ((_, _, card),) = notifier.edits
    assert (card.title, card.status) == ("Marketing Intern (6 months)", "Closed")


@async_test
async def test_a_digest_is_rebuilt_whole_with_only_the_closed_posting_marked(engine, clock, notifier):
    ids = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(6)]
    limits = DeliveryLimits(burst_digest_threshold=5)
    dispatcher = await posted(engine, clock, notifier, *ids, limits=limits)
    (digest,) = notifier.sent

    assert close(engine, clock, ids[2]) == 1  # one message, although six rows point at it
    assert (await dispatcher.run_once()).edited == 1
    ((destination, message_id, card),) = notifier.edits
    assert (destination, message_id) == (CHANNEL, digest.message_id)
    assert isinstance(card, DigestCard)
    assert card.title == digest.card.title
    assert [c.status for c in card.cards] == [None, None, "Closed", None, None, None]


@async_test
async def test_a_change_while_the_edit_runs_is_edited_again(engine, clock):
    posting = store_posting(engine, "greenhouse:acme:1", title="Marketing Intern")

    class ChangingMidEdit(FakeNotifier):
        """The posting closes while the platform is busy with the first edit."""

        async def edit(self, destination, message_id, card):
            await super().edit(destination, message_id, card)
            if len(self.edits) == 1:
                close(engine, clock, posting.id)

    notifier = ChangingMidEdit()
    dispatcher = await posted(engine, clock, notifier, posting.id)
    update(engine, clock, posting, title="Marketing Intern (6 months)")

    await dispatcher.run_once()
    await dispatcher.run_once()
    assert [card.status for _, _, card in notifier.edits] == [None, "Closed"]
    assert states(engine) == ["done"]


@async_test
async def test_a_transient_failure_is_retried_and_then_succeeds(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    notifier.fail_edit(CHANNEL, DeliveryError("transient", "internal_error"))
    close(engine, clock, posting.id)

    first = await dispatcher.run_once()
    assert (first.edited, first.retried) == (0, 1)
    (edit,) = list_edits(engine)
    assert (edit.state, edit.attempts, edit.error) == ("queued", 1, "internal_error")
    assert edit.next_attempt_at > clock.now

    clock.set(edit.next_attempt_at)
    assert (await dispatcher.run_once()).edited == 1
    assert [card.status for _, _, card in notifier.edits] == ["Closed"]
    assert states(engine) == ["done"]


@async_test
async def test_an_edit_that_keeps_failing_is_given_up_after_the_last_attempt(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id, limits=DeliveryLimits(max_attempts=2))
    notifier.fail_edit(CHANNEL, DeliveryError("unknown", "timeout"), times=None)
    close(engine, clock, posting.id)

    await dispatcher.run_once()
    clock.set(list_edits(engine)[0].next_attempt_at)
    report = await dispatcher.run_once()
    assert (report.edits_failed, report.paused) == (1, 0)
    assert states(engine) == ["failed"]


@async_test
async def test_a_429_on_an_edit_waits_for_retry_after(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    clock.advance(60)  # the channel's bucket is full again
    notifier.fail_edit(CHANNEL, DeliveryError("rate_limited", "ratelimited", retry_after=20))
    close(engine, clock, posting.id)
    later = store_posting(engine, "greenhouse:acme:2")
    queue(engine, CHANNEL, later.id, subscribe(engine, CHANNEL, "Paris"), now=clock.now)

    first = await dispatcher.run_once()
    assert (first.rate_limited, first.edited, first.sent) == (1, 0, 0)  # the card waits with the edit
    (edit,) = list_edits(engine)
    assert (edit.state, edit.attempts) == ("queued", 0)
    assert edit.next_attempt_at == clock.now + timedelta(seconds=20)

    clock.advance(19)
    assert (await dispatcher.run_once()).edited == 0
    clock.advance(1)
    second = await dispatcher.run_once()
    assert (second.edited, second.sent) == (1, 1)


@async_test
async def test_a_deleted_message_gives_up_that_edit_only_and_pauses_nothing(engine, clock, notifier):
    first, second = (store_posting(engine, f"greenhouse:acme:{n}") for n in (1, 2))
    dispatcher = await posted(engine, clock, notifier, first.id, second.id)
    clock.advance(60)
    notifier.fail_edit(CHANNEL, GONE)
    close(engine, clock, first.id, second.id)
    third = store_posting(engine, "greenhouse:acme:3")
    queue(engine, CHANNEL, third.id, subscribe(engine, CHANNEL, "Paris"), now=clock.now)

    report = await dispatcher.run_once()

    assert (report.edits_failed, report.edited, report.sent, report.paused) == (1, 1, 1, 0)
    assert states(engine) == ["done", "failed"]
    assert [e.error for e in list_edits(engine) if e.state == "failed"] == ["message_not_found"]
    assert notifier.to(CHANNEL)[-1].card.posting_id == third.id
    assert not any(sub.paused for sub in list_subscriptions(engine, destination_key=CHANNEL.key))
    assert notifier.notices == []


@async_test
async def test_an_edit_whose_dispatcher_died_is_redone_once_after_the_lease(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    close(engine, clock, posting.id)
    lease = timedelta(seconds=DeliveryLimits().lease_seconds)
    # Another dispatcher claimed the edit and was killed, mid-edit or just after: nobody knows.
    StoreOutbox(engine).claim_edits({CHANNEL.key: 1}, lease=lease, now=clock.now)

    assert (await dispatcher.run_once()).edited == 0  # still leased to the dead one
    clock.advance(lease.total_seconds())
    assert (await dispatcher.run_once()).edited == 1
    clock.advance(3600)
    assert (await dispatcher.run_once()).edited == 0
    assert [card.status for _, _, card in notifier.edits] == ["Closed"]
    assert states(engine) == ["done"]


@async_test
async def test_edits_are_paced_with_the_cards_of_the_same_destination(engine, clock, notifier):
    limits = DeliveryLimits(per_destination={"slack": Rate(1.0, burst=2)})
    old = [store_posting(engine, f"greenhouse:acme:{n}").id for n in (1, 2)]
    dispatcher = await posted(engine, clock, notifier, *old, limits=limits)
    clock.advance(60)  # two tokens again
    sub = subscribe(engine, CHANNEL, "Paris")
    for n in (3, 4):
        queue(engine, CHANNEL, store_posting(engine, f"greenhouse:acme:{n}").id, sub, now=clock.now)
    close(engine, clock, *old)

    def calls():
        return len(notifier.sent) + len(notifier.edits)

    before = calls()
    first = await dispatcher.run_once()
    assert calls() - before == 2  # the bucket's two tokens, shared
    assert first.held > 0
    await dispatcher.run_once()
    assert calls() - before == 2  # nothing before the next token
    for expected in (3, 4):
        clock.advance(1.05)  # a token a second, plus the pacing margin
        await dispatcher.run_once()
        assert calls() - before == expected
    assert (len(notifier.edits), len(notifier.sent)) == (2, 4)


@async_test
async def test_edits_and_new_cards_take_turns_when_both_wait(engine, clock, notifier):
    limits = DeliveryLimits(per_destination={"slack": Rate(1.0, burst=1)}, burst_digest_threshold=None)
    old = [store_posting(engine, f"greenhouse:acme:{n}").id for n in (1, 2)]
    dispatcher = await posted(engine, clock, notifier, *old, limits=limits)
    clock.advance(5)
    await dispatcher.run_once()  # the second card
    sub = subscribe(engine, CHANNEL, "Paris")
    for n in (3, 4):
        queue(engine, CHANNEL, store_posting(engine, f"greenhouse:acme:{n}").id, sub, now=clock.now)
    close(engine, clock, *old)
    order = []
    for _ in range(4):
        clock.advance(1.05)
        sent, edited = len(notifier.sent), len(notifier.edits)
        await dispatcher.run_once()
        order += ["card"] * (len(notifier.sent) - sent) + ["edit"] * (len(notifier.edits) - edited)
    assert order == ["edit", "card", "edit", "card"]


@async_test
async def test_an_edit_for_a_message_whose_postings_are_gone_is_given_up(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    close(engine, clock, posting.id)
    with engine.begin() as conn:  # its delivery row is gone (the posting itself stays, for its edit)
        conn.exec_driver_sql("DELETE FROM deliveries")

    report = await dispatcher.run_once()
    assert (report.edited, report.edits_failed) == (0, 1)
    assert notifier.edits == []


@async_test
async def test_nothing_to_edit_for_a_posting_never_sent(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))  # queued, not sent yet
    assert close(engine, clock, posting.id) == 0
    assert list_edits(engine) == []


@async_test
async def test_an_edited_card_reads_its_dates_as_of_when_it_was_posted(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    dispatcher = await posted(engine, clock, notifier, posting.id)
    [sent] = notifier.sent
    assert sent.card.as_of == clock.now  # "posted 3 days ago" reads against the message's own time
    posted_at = clock.now
    clock.advance(days=10)
    close(engine, clock, posting.id)
    await dispatcher.run_once()
    [(_, _, card)] = notifier.edits
    # not "13 days ago" beside a message from 10 days ago
    assert card.status == "Closed" and card.as_of == posted_at
