from dataclasses import replace

from bot.models import Destination, Subscription
from bot.store import deliveries, postings
from bot.store import subscriptions as subs
from tests.bot.store.conftest import T0
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL, make_posting

PARSED = {"all": [{"field": "location", "value": "FR:Paris"}, {"field": "language", "value": "fr"}]}


def test_add_returns_the_stored_subscription(engine):
    sub = subs.add_subscription(
        engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris + French", parsed=PARSED, now=T0
    )
    assert isinstance(sub, Subscription) and isinstance(sub.id, int)
    assert sub == Subscription(
        id=sub.id,
        owner="U0ANNA",
        destination=PARIS_CHANNEL,
        query="Paris + French",
        created_at=T0,
        paused=False,
    )
    assert subs.get_subscription(engine, sub.id) == sub
    assert subs.get_parsed(engine, sub.id) == PARSED
    assert subs.get_subscription(engine, sub.id + 1000) is None
    # An id a person typed, past what the column holds (SQLite raises OverflowError, PostgreSQL a DataError).
    assert (
        subs.get_subscription(engine, 2**63) is None and subs.get_subscription(engine, -(2**63) - 1) is None
    )


def test_list_filters(engine):
    a = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris + French")
    b = subs.add_subscription(engine, owner="U0BEN", destination=PARIS_CHANNEL, query="France intern")
    c = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Milan + Italian")
    assert [s.id for s in subs.list_subscriptions(engine)] == [a.id, b.id, c.id]
    assert [s.id for s in subs.list_subscriptions(engine, owner="U0ANNA")] == [a.id, c.id]
    assert [s.id for s in subs.list_subscriptions(engine, destination_key=PARIS_CHANNEL.key)] == [a.id, b.id]
    assert [s.id for s in subs.list_subscriptions(engine, workspace="T0ACME")] == [a.id, b.id]
    assert subs.list_subscriptions(engine, owner="U0NOBODY") == []


def test_pause_and_resume(engine):
    sub = subs.add_subscription(
        engine, owner="U0ANNA", destination=ANNA_DM, query="Madrid Spanish", parsed={}
    )
    assert subs.pause_subscription(engine, sub.id)
    assert subs.get_subscription(engine, sub.id).paused
    assert subs.list_subscriptions(engine, include_paused=False) == []
    assert subs.active_subscriptions_with_parsed(engine) == []
    assert subs.resume_subscription(engine, sub.id)
    assert not subs.get_subscription(engine, sub.id).paused
    assert subs.active_subscriptions_with_parsed(engine) == [(subs.get_subscription(engine, sub.id), {})]
    assert not subs.pause_subscription(engine, 999_999)


def test_pause_destination_pauses_only_that_destination(engine):
    a = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris")
    b = subs.add_subscription(engine, owner="U0BEN", destination=PARIS_CHANNEL, query="Lyon")
    c = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Milan")
    assert subs.pause_destination(engine, PARIS_CHANNEL.key) == [a.id, b.id]
    assert subs.pause_destination(engine, PARIS_CHANNEL.key) == []
    assert [s.id for s in subs.list_subscriptions(engine, include_paused=False)] == [c.id]


def test_delivery_mode(engine):
    sub = subs.add_subscription(
        engine, owner="U0ANNA", destination=ANNA_DM, query="Paris", delivery_mode={"digest": "daily"}
    )
    assert subs.get_delivery_mode(engine, sub.id) == {"digest": "daily"}
    assert subs.set_delivery_mode(engine, sub.id, None)
    assert subs.get_delivery_mode(engine, sub.id) is None


def test_remove_drops_queued_cards_but_keeps_sent_history(engine):
    sub = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris")
    for n in (1, 2):
        postings.upsert_posting(engine, make_posting(f"ashby:acme:{n}"), now=T0)
    sent = deliveries.enqueue_delivery(
        engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:1", subscription_id=sub.id, now=T0
    )
    queued = deliveries.enqueue_delivery(
        engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:2", subscription_id=sub.id, now=T0
    )
    deliveries.claim_due(engine, limit=1, now=T0)
    deliveries.mark_sent(engine, sent, message_id="1740990000.000100")

    assert subs.remove_subscription(engine, sub.id)
    assert subs.get_subscription(engine, sub.id) is None
    assert deliveries.get_delivery(engine, queued) is None
    kept = deliveries.get_delivery(engine, sent)
    assert kept.state == "sent" and kept.subscription_id is None  # history stays, the link is cleared
    assert not subs.remove_subscription(engine, sub.id)


def test_a_destination_paused_by_jobbot_says_why_until_resumed(engine):
    sub = subs.add_subscription(engine, owner="U1", destination=PARIS_CHANNEL, query="Paris")
    subs.pause_destination(engine, PARIS_CHANNEL.key, "jobbot could not post here (Missing Access)")
    paused = subs.get_subscription(engine, sub.id)
    assert paused.paused and paused.paused_reason == "jobbot could not post here (Missing Access)"
    subs.resume_subscription(engine, sub.id)
    assert subs.get_subscription(engine, sub.id).paused_reason is None
    subs.pause_subscription(engine, sub.id)  # paused by a person: no reason to show
    assert subs.get_subscription(engine, sub.id).paused_reason is None


def test_pause_workspace_pauses_that_platform_workspace_only(engine):
    slack_dm = Destination("slack", "dm", "U0ANNA", PARIS_CHANNEL.workspace)
    here = [
        subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris"),
        subs.add_subscription(engine, owner="U0ANNA", destination=slack_dm, query="Milan"),
    ]
    elsewhere = [
        subs.add_subscription(
            engine, owner="U0ANNA", destination=replace(PARIS_CHANNEL, workspace="T9"), query="X"
        ),
        subs.add_subscription(
            engine, owner="U0ANNA", destination=replace(PARIS_CHANNEL, platform="discord"), query="Y"
        ),
    ]
    subs.pause_subscription(engine, here[1].id)  # paused by its owner already: keeps having no reason
    paused = subs.pause_workspace(engine, "slack", PARIS_CHANNEL.workspace, "removed from the workspace")
    assert [s.id for s in paused] == [here[0].id]
    assert paused[0].destination == PARIS_CHANNEL
    assert subs.get_subscription(engine, here[0].id).paused_reason == "removed from the workspace"
    assert subs.get_subscription(engine, here[1].id).paused_reason is None
    assert [s.id for s in subs.list_subscriptions(engine, include_paused=False)] == [e.id for e in elsewhere]
    assert subs.pause_workspace(engine, "slack", PARIS_CHANNEL.workspace, "again") == []


def test_change_query_keeps_the_subscription_settles_its_queue_and_logs_the_edit(engine):
    from bot.store.subscription_changes import changes_since, latest_seq

    sub = subs.add_subscription(
        engine, owner="U0ANNA", destination=ANNA_DM, query="Paris", parsed=PARSED, now=T0
    )
    subs.set_delivery_mode(engine, sub.id, {"kind": "hourly"})
    subs.pause_subscription(engine, sub.id)
    rows = []
    for n in range(3):
        postings.upsert_posting(engine, make_posting(f"ashby:acme:{n}"), now=T0)
        rows.append(deliveries.enqueue_delivery(engine, destination=ANNA_DM, posting_id=f"ashby:acme:{n}",
                                                subscription_id=sub.id, reasons=[], now=T0))  # fmt: skip
    sent = rows[2]
    deliveries.mark_sent(engine, sent, message_id="1.1", now=T0)
    assert subs.queued_cards(engine, sub.id) == [(rows[0], "ashby:acme:0"), (rows[1], "ashby:acme:1")]
    seq = latest_seq(engine)

    changed = subs.change_query(
        engine,
        sub.id,
        query="Lyon",
        parsed={"v": 0},
        keep={rows[0]: [{"facet": "location"}]},
        drop=[rows[1], sent],
    )

    assert changed and subs.get_subscription(engine, sub.id) == replace(sub, query="Lyon", paused=True)
    assert subs.get_parsed(engine, sub.id) == {"v": 0}
    assert subs.get_delivery_mode(engine, sub.id) == {"kind": "hourly"}
    assert deliveries.get_delivery(engine, rows[0]).reasons == [{"facet": "location"}]
    assert deliveries.get_delivery(engine, rows[1]) is None
    assert deliveries.get_delivery(engine, sent).state == "sent"  # only cards still waiting are settled
    assert [s.id for s in changes_since(engine, seq).states] == [sub.id]
    assert not subs.change_query(engine, sub.id + 1000, query="x", parsed=None)
