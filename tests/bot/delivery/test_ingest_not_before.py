"""Ingest queues each card for when its subscription wants it: now, the digest time, or after quiet hours."""

from datetime import UTC, datetime

from bot.delivery.modes import DeliveryMode
from bot.delivery.schedule import next_due
from bot.extract import extract_posting
from bot.ingest import Matcher, ingest
from bot.models import Posting
from bot.store.deliveries import deliveries_for_posting
from bot.store.postings import upsert_posting
from tests.bot.delivery.conftest import ANNA_DM, CHANNEL, subscribe

PARIS = Posting(
    id="t:paris",
    title="Marketing Intern",
    company="Brindille",
    location_text="Paris, France",
    text="Internship in our Paris office.\n\nProfile\n- Fluent French and good English.",
)
DAILY = {"kind": "daily", "at": "09:00", "timezone": "Europe/Paris"}


def test_each_card_is_due_when_its_subscription_wants_it(engine):
    subscribe(engine, CHANNEL, "Paris")
    subscribe(engine, ANNA_DM, "Paris", mode=DAILY)
    report = ingest(engine, Matcher.from_store(engine), [PARIS])
    assert report.queued == 2
    rows = {row.destination_key: row for row in deliveries_for_posting(engine, "t:paris", state=None)}
    channel, dm = rows[CHANNEL.key], rows[ANNA_DM.key]
    assert channel.next_attempt_at == channel.created_at
    assert dm.next_attempt_at == next_due(DeliveryMode.from_json(DAILY), dm.created_at)
    assert dm.next_attempt_at > dm.created_at


def test_enqueue_matches_uses_the_time_it_is_given(engine):
    subscribe(engine, ANNA_DM, "Paris", mode={"quiet": "22:00-07:00", "timezone": "Europe/Paris"})
    matcher = Matcher.from_store(engine)
    night = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 in Paris
    done = extract_posting(PARIS)
    with engine.begin() as conn:
        upsert_posting(conn, done, now=night)
        assert matcher.enqueue_matches(conn, done, now=night) == 1
    (row,) = deliveries_for_posting(engine, "t:paris", state=None)
    assert (row.created_at, row.next_attempt_at) == (night, datetime(2026, 3, 3, 6, 0, tzinfo=UTC))
