"""Owner notices in the store: queued with the change causing them, claimed with a lease, in doubt after."""

from datetime import timedelta

import pytest

from bot.ingest import Matcher
from bot.models import Destination
from bot.poll_store import SqlPollStore
from bot.store import notices
from bot.store.due_work import due_groups
from bot.store.notices import list_notices, queue_notice, queue_owner_notices, queue_source_notice
from bot.store.outbox import StoreOutbox
from bot.store.sources import add_source
from bot.store.subscriptions import add_subscription, get_subscription, pause_destination
from tests.bot.store.conftest import T0
from tests.bot.store.samples import PARIS_CHANNEL

LEASE = timedelta(minutes=2)
OWNER_DM = Destination("slack", "dm", "U0OWNER", "T0ACME")
OTHER_DM = Destination("slack", "dm", "U0OTHER", "T0ACME")


def _subscribe(engine, owner, destination=PARIS_CHANNEL):
    return add_subscription(engine, owner=owner, destination=destination, query="Paris")


def _states(engine):
    return [(n.destination_key, n.state, n.attempts, n.in_doubt) for n in list_notices(engine)]


def test_a_pause_queues_one_notice_per_owner_it_paused_and_none_when_it_paused_nothing(engine):
    mine = [_subscribe(engine, "U0OWNER"), _subscribe(engine, "U0OWNER"), _subscribe(engine, "U0OTHER")]
    outbox = StoreOutbox(engine)

    paused = outbox.pause_destination(PARIS_CHANNEL.key, "gone", notice="cannot post there", now=T0)

    assert paused == sorted(sub.id for sub in mine)
    queued = list_notices(engine)
    assert sorted((n.destination_key, n.text) for n in queued) == [
        (OTHER_DM.key, "cannot post there"),
        (OWNER_DM.key, "cannot post there"),
    ]
    assert {(n.about, n.state, n.next_attempt_at) for n in queued} == {
        (f"destination:{PARIS_CHANNEL.key}", "queued", T0)
    }
    # Already paused: its owners were told, nothing more is queued.
    assert outbox.pause_destination(PARIS_CHANNEL.key, "gone", notice="again", now=T0) == []
    assert len(list_notices(engine)) == 2


def test_a_notice_is_lost_with_a_change_that_is_rolled_back(engine):
    sub = _subscribe(engine, "U0OWNER")
    with pytest.raises(RuntimeError), engine.begin() as conn:
        paused = pause_destination(conn, PARIS_CHANNEL.key, "gone")
        queue_owner_notices(conn, paused, about="destination", text="paused", now=T0)
        raise RuntimeError("the process died before the commit")
    assert list_notices(engine) == [] and not get_subscription(engine, sub.id).paused


def test_claimed_notices_are_leased_and_come_back_in_doubt_when_the_lease_runs_out(engine):
    first = queue_notice(engine, OWNER_DM, about="source:a", text="one", now=T0)
    second = queue_notice(engine, OWNER_DM, about="source:b", text="two", now=T0)
    queue_notice(engine, OTHER_DM, about="source:c", text="later", now=T0 + timedelta(hours=1))
    outbox = StoreOutbox(engine)
    assert outbox.due_notices(now=T0, limit=10) == {OWNER_DM.key: 2}

    [claimed] = outbox.claim_notices({OWNER_DM.key: 1}, lease=LEASE, now=T0)[OWNER_DM.key]
    assert (claimed.id, claimed.text, claimed.attempts, claimed.in_doubt) == (first, "one", 1, False)
    assert outbox.claim_notices({OWNER_DM.key: 5}, lease=LEASE, now=T0)[OWNER_DM.key][0].id == second
    assert outbox.claim_notices({OWNER_DM.key: 5}, lease=LEASE, now=T0) == {OWNER_DM.key: []}  # leased
    assert outbox.next_due_at() == T0 + LEASE

    # The sender died: both come back, in doubt, to be looked for before any resend.
    later = T0 + LEASE
    again = outbox.claim_notices({OWNER_DM.key: 5}, lease=LEASE, now=later)[OWNER_DM.key]
    assert [(n.id, n.attempts, n.in_doubt) for n in again] == [(first, 2, True), (second, 2, True)]
    outbox.notice_sent(first, message_id="1.0001", now=later)
    outbox.release_notices([second], at=later)  # no token: still in doubt, the claim not counted
    assert _states(engine)[:2] == [(OWNER_DM.key, "sent", 2, False), (OWNER_DM.key, "queued", 1, True)]
    [second_again] = outbox.claim_notices({OWNER_DM.key: 5}, lease=LEASE, now=later)[OWNER_DM.key]
    assert second_again.in_doubt


def test_retry_fail_and_an_unknown_outcome(engine):
    notice = queue_notice(engine, OWNER_DM, about="source:a", text="one", now=T0)
    outbox = StoreOutbox(engine)
    outbox.claim_notices({OWNER_DM.key: 1}, lease=LEASE, now=T0)
    outbox.notice_in_flight(notice, note="outcome unknown", recheck_at=T0 + timedelta(seconds=30))
    assert outbox.due_notices(now=T0 + timedelta(seconds=29), limit=5) == {}
    [doubt] = outbox.claim_notices({OWNER_DM.key: 1}, lease=LEASE, now=T0 + timedelta(seconds=30))[
        OWNER_DM.key
    ]
    assert doubt.in_doubt
    outbox.retry_notice(notice, at=T0 + timedelta(minutes=5), error="internal_error")  # not posted, surely
    [record] = list_notices(engine)
    assert (record.state, record.in_doubt, record.error) == ("queued", False, "internal_error")
    outbox.claim_notices({OWNER_DM.key: 1}, lease=LEASE, now=T0 + timedelta(minutes=5))
    outbox.fail_notice(notice, error="user_disabled")
    assert _states(engine) == [(OWNER_DM.key, "failed", 3, False)]
    assert outbox.next_due_at() is None and outbox.due_notices(now=T0 + timedelta(days=1), limit=5) == {}


def test_notices_belong_to_their_delivery_group(engine):
    discord_dm = Destination("discord", "dm", "4410021", "900")
    queue_notice(engine, OWNER_DM, about="source:a", text="one", now=T0)
    queue_notice(engine, discord_dm, about="source:b", text="two", now=T0)
    assert due_groups(engine, now=T0) == [("discord", "900"), ("slack", "T0ACME")]
    slack = StoreOutbox(engine, group=("slack", "T0ACME"))
    assert slack.due_notices(now=T0, limit=5) == {OWNER_DM.key: 1}
    assert StoreOutbox(engine, group=("discord", "900")).next_due_at() == T0
    assert notices.next_due_at(engine, group_pattern=None) == T0


def test_a_source_notice_goes_to_its_owner_and_a_source_without_one_only_logs(engine):
    add_source(
        engine, id="feed:mine", kind="feed", url="https://a.example/feed", owner="slack:T0ACME:U0OWNER"
    )
    add_source(engine, id="feed:cli", kind="feed", url="https://b.example/feed")
    assert queue_source_notice(engine, "feed:mine", text="failing", now=T0) is not None
    assert queue_source_notice(engine, "feed:cli", text="failing", now=T0) is None
    assert [(n.destination_key, n.about) for n in list_notices(engine)] == [
        (OWNER_DM.key, "source:feed:mine")
    ]


def test_a_poll_that_makes_a_source_unhealthy_or_healthy_queues_its_owners_notice(engine):
    add_source(
        engine, id="feed:mine", kind="feed", url="https://a.example/feed", owner="slack:T0ACME:U0OWNER"
    )
    store = SqlPollStore(engine, Matcher.from_store(engine), unhealthy_after=3)
    for n in range(4):
        store.record_error("feed:mine", "HTTP 503", next_poll_at=T0, now=T0 + timedelta(minutes=n))
    [failing] = list_notices(engine)  # at the third failure, not again at the fourth
    assert "failed 3 times" in failing.text and "HTTP 503" in failing.text
    assert failing.created_at == T0 + timedelta(minutes=2)
    store.record_ok("feed:mine", etag=None, last_modified=None, now=T0 + timedelta(hours=1))
    store.record_ok("feed:mine", etag=None, last_modified=None, now=T0 + timedelta(hours=2))
    assert ["works again" in n.text for n in list_notices(engine)] == [False, True]
