"""Test cards: the sample posting is stored closed with its one outbox row, and one waits at a time."""

from bot.store import deliveries
from bot.store.browse import count_open_postings
from bot.store.postings import posting_state
from bot.store.samples import queue_sample
from tests.bot.store.conftest import T0
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL, make_posting


def test_one_sample_waits_per_destination_and_its_posting_is_never_open(engine):
    first = queue_sample(engine, make_posting("jobbot-test:a"), ANNA_DM, id_prefix="jobbot-test:", now=T0)
    assert first is not None and posting_state(engine, "jobbot-test:a") == "closed"
    assert count_open_postings(engine) == 0
    again = queue_sample(engine, make_posting("jobbot-test:b"), ANNA_DM, id_prefix="jobbot-test:", now=T0)
    assert again is None and posting_state(engine, "jobbot-test:b") is None  # nothing stored
    elsewhere = queue_sample(
        engine, make_posting("jobbot-test:c"), PARIS_CHANNEL, id_prefix="jobbot-test:", now=T0
    )
    assert elsewhere is not None
    deliveries.mark_sent(engine, first, message_id="1.1", now=T0)
    assert queue_sample(engine, make_posting("jobbot-test:d"), ANNA_DM, id_prefix="jobbot-test:", now=T0)
