from bot.ingest import IngestReport, Matcher, ingest
from bot.models import Destination, Posting, Subscription
from bot.store.deliveries import claim_due
from bot.store.migrate import open_store
from bot.store.subscriptions import add_subscription

PARIS = Posting(
    id="t:paris",
    title="Marketing Intern",
    company="Brindille",
    location_text="Paris, France",
    text="Internship in our Paris office.\n\nProfile\n- Fluent French and good English.",
)
BERLIN = Posting(
    id="t:berlin",
    title="Sales Intern",
    company="Brindille",
    location_text="Berlin, Germany",
    text="Internship in Berlin.\n\nProfile\n- Fluent German.",
)


def _engine(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'ingest.sqlite3'}")


def test_a_new_posting_queues_one_card_per_matching_destination(tmp_path):
    engine = _engine(tmp_path)
    channel = Destination("slack", "channel", "C1", "T1")
    add_subscription(engine, owner="U1", destination=channel, query="Paris + French")
    add_subscription(engine, owner="U2", destination=channel, query="France")  # same channel: still one card
    add_subscription(engine, owner="U3", destination=Destination("slack", "dm", "U3", "T1"), query="Berlin")
    report = ingest(engine, Matcher.from_store(engine), [PARIS, BERLIN])
    assert (report.new, report.queued) == (2, 2)
    rows = claim_due(engine, limit=10)
    assert sorted((r.destination_key, r.posting_id) for r in rows) == [
        ("slack:T1:channel:C1", "t:paris"),
        ("slack:T1:dm:U3", "t:berlin"),
    ]
    paris_row = next(r for r in rows if r.posting_id == "t:paris")
    assert {reason["facet"] for reason in paris_row.reasons} >= {"location"}


def test_seen_postings_are_not_announced_again(tmp_path):
    engine = _engine(tmp_path)
    add_subscription(engine, owner="U1", destination=Destination("slack", "dm", "U1", "T1"), query="Paris")
    matcher = Matcher.from_store(engine)
    ingest(engine, matcher, [PARIS])
    again = ingest(engine, matcher, [PARIS])
    assert (again.new, again.unchanged, again.queued) == (0, 1, 0)


def test_a_broken_stored_query_is_reported_and_the_rest_still_match(tmp_path):
    engine = _engine(tmp_path)
    dm = Destination("slack", "dm", "U1", "T1")
    broken = add_subscription(
        engine, owner="U1", destination=dm, query="city:"
    )  # stored before a parser change
    good = add_subscription(engine, owner="U1", destination=dm, query="Paris")
    report = IngestReport()
    matcher = Matcher.from_store(engine, report)
    assert [sub_id for sub_id, _ in report.skipped_subscriptions] == [broken.id]
    assert set(matcher.destinations) == {good.id}
    ingest(engine, matcher, [PARIS], report)
    assert report.queued == 1


def test_paused_subscriptions_are_not_indexed():
    dm = Destination("slack", "dm", "U1", "T1")
    matcher = Matcher.from_subscriptions([Subscription(1, "U1", dm, "Paris", paused=True)])
    assert len(matcher.index) == 0 and matcher.destinations == {}


def test_a_muted_company_reaches_the_channel_but_not_the_persons_dms(tmp_path):
    from bot.store.preferences import mute_company, owner_key

    engine = _engine(tmp_path)
    for kind, target in (("dm", "U1"), ("channel", "C1")):
        destination = Destination("slack", kind, target, "T1")
        add_subscription(engine, owner="U1", destination=destination, query="Paris")
    mute_company(engine, owner_key("slack", "T1", "U1"), "Brindille")
    report = ingest(engine, Matcher.from_store(engine), [PARIS])
    assert report.queued == 1
    assert [row.destination_key for row in claim_due(engine, limit=10)] == ["slack:T1:channel:C1"]
