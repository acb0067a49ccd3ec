"""CRASH TEST (slow, ~12 s a store): SIGKILL Slack delivery at random points; every message ends right, once.

A fan-out of 300 matches to 30 channels, and five more channels with an hourly digest of eight postings
each (coming due a second apart), sit in the outbox, on SQLite and on PostgreSQL. A child process
(``crash_fanout.children``) runs the real Dispatcher with the real SlackNotifier against the fake Slack,
which runs in its own process, answers each call a little late (so at every kill some posts are done but
not yet acknowledged) and logs every post to a file. While each child runs, the test closes or retitles a
few postings as a poll would (queueing edits of cards posted, and marking cards in flight); then it kills
the child at a random moment (fixed seed) and starts the next. A last child drains the outbox and the edits.

Owner notices go with them: three owners are told by DM that a channel was paused and that their sources
failed, each notice queued by the change that causes it before the first child starts, and more while
the children run and die (sources turning unhealthy or healthy again).

Then every row is sent; no key was posted twice; and the messages in Slack are exactly the messages the
outbox recorded, each showing its rows' postings as they are now (title, closed): every digest once with
all its rows, no row marked sent that its message does not show, every edit applied; and every owner
notice is in its owner's DM exactly once.
"""

from __future__ import annotations

import asyncio
import random
import re
import signal
import time
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.engine import create_engine_for
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from handlers.slack_notifier import SlackNotifier, make_client
from tests.fakes.slack_api import fake_slack_process, posts_by_key
from tests.handlers.crash_fanout import (
    Child,
    Shown,
    change_postings,
    change_sources,
    children,
    drained,
    edit_states,
    expected_messages,
    in_doubt,
    notice_keys,
    notices_in_doubt,
    posting_id_of,
    queue_notice_workload,
    queue_workload,
)

TOKEN = "xoxb-crash-test"
CHANNELS = 30
DIGESTS = 5  # channels more, each with an hourly digest
DIGEST_ROWS = 8
DIGEST_EVERY = 1.0  # seconds between two digests coming due
POSTINGS = 100
PER_POSTING = 3  # channels each posting matches: 300 rows, 10 per channel
CHANGES = 4  # postings closed or retitled while each child runs
KILLS = 12
OWNERS = [Destination("slack", "dm", f"U{n:04d}", "T1") for n in range(3)]  # told by DM
SEED = 20240604
# A card's title line in a section: "*Closed* · *<URL|TITLE>*" (the status only once closed).
TITLE_LINE = re.compile(r"^(\*Closed\* · )?\*<([^|>]+)\|([^>]*)>\*")


@pytest.mark.crash
def test_every_message_arrives_once_and_ends_as_its_postings_are_across_sigkills(tmp_path, store_url):
    channels = [Destination("slack", "channel", f"C{n:04d}", "T1") for n in range(CHANNELS + DIGESTS)]
    engine = open_store(store_url)
    rows = queue_workload(
        engine, channels[:CHANNELS], channels[CHANNELS:], owner="U1", postings=POSTINGS,
        per_posting=PER_POSTING, digest_rows=DIGEST_ROWS, digest_every=DIGEST_EVERY,
    )  # fmt: skip
    sources = queue_notice_workload(engine, OWNERS, Destination("slack", "channel", "C9GONE", "T1"))
    state = tmp_path / "slack-calls.jsonl"
    rng = random.Random(SEED)
    in_doubt_but_posted: set[int] = set()
    notices_in_doubt_but_posted: set[str] = set()
    started = time.monotonic()
    with (
        fake_slack_process(state, token=TOKEN, latency=0.15) as api_url,
        children(_deliver_until_drained) as start,
    ):
        for _ in range(KILLS):
            posted_before = sum(posts_by_key(state).values()) if state.exists() else 0
            child = start(store_url, api_url)
            # Kill while it is sending: a fast dispatcher posts its burst in a few tenths of a second and
            # then waits for tokens, so a kill at a fixed delay after start would mostly find it idle.
            _wait_for_a_post(state, posted_before, child, timeout=3.0)
            change_postings(engine, rng, CHANGES, pool=POSTINGS)
            change_sources(engine, rng, 2, sources)
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            posted_keys = {key for _, key in posts_by_key(state)}
            in_doubt_but_posted |= in_doubt(engine, posted_keys)
            notices_in_doubt_but_posted |= notices_in_doubt(engine, posted_keys)
        child = start(store_url, api_url)
        assert child.wait(timeout=max(10.0, 70 - (time.monotonic() - started))) == 0
        shown = _shown_in_slack(api_url, channels)

    assert count_by_state(engine) == {"sent": len(rows)}
    assert set(edit_states(engine)) <= {"done"}
    posted = posts_by_key(state)
    assert [key for key, n in posted.items() if n > 1] == [], "a message was posted twice"
    # Exactly the recorded messages, each as its postings are now: nothing lost, doubled or stale.
    assert shown == expected_messages(engine)
    # Each digest once, whole: one message showing all its rows.
    digests = {destination.key for destination in channels[CHANNELS:]}
    assert [len(cards) for (key, _), cards in shown.items() if key in digests] == [DIGEST_ROWS] * DIGESTS
    # The hard case happened: a kill left cards posted but unrecorded, and recovery found them.
    assert in_doubt_but_posted
    # Every owner notice reached its owner's DM, once (no key twice, above).
    told = notice_keys(engine)
    assert len(told) == len(OWNERS) * 3 + 2 * KILLS and set(told.values()) == {"sent"}
    assert {key for _, key in posted if key.startswith("jobbot-notice-")} == set(told)
    # And for notices: a kill left some posted but unrecorded, and the next child found them, not resent.
    assert notices_in_doubt_but_posted


def _shown_in_slack(api_url: str, channels: list[Destination]) -> dict[tuple[str, str], Shown]:
    """Every jobbot message in the channels, by (destination key, ts): the postings it shows now."""
    client = AsyncWebClient(token=TOKEN, base_url=api_url)

    async def read(destination: Destination) -> dict[tuple[str, str], Shown]:
        shown: dict[tuple[str, str], Shown] = {}
        cursor = None
        while True:
            page = await client.conversations_history(
                channel=destination.target, limit=200, include_all_metadata=True, cursor=cursor
            )
            for message in page["messages"]:
                if (message.get("metadata") or {}).get("event_type") == "jobbot_card":
                    shown[(destination.key, message["ts"])] = _cards_in(message)
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                return shown

    async def read_all() -> list[dict[tuple[str, str], Shown]]:
        return await asyncio.gather(*(read(destination) for destination in channels))

    return {key: cards for shown in asyncio.run(read_all()) for key, cards in shown.items()}


def _cards_in(message: dict) -> Shown:
    cards: Shown = {}
    for block in message.get("blocks") or ():
        found = TITLE_LINE.match(((block.get("text") or {}).get("text")) or "")
        posting_id = posting_id_of(found.group(2)) if found else None
        if found and posting_id is not None:
            cards[posting_id] = (found.group(3), found.group(1) is not None)
    return cards


def _wait_for_a_post(state: Path, posted_before: int, child: Child, timeout: float) -> None:
    """Return once the fake has a post beyond ``posted_before`` (or the child ended, or ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if state.exists() and sum(posts_by_key(state).values()) > posted_before:
            return
        time.sleep(0.02)


async def _deliver_until_drained(db_url: str, api_url: str) -> None:
    """The child: dispatch with short leases until no card or edit is left to do."""
    engine = create_engine_for(db_url)
    limits = DeliveryLimits(lease_seconds=1.0, unknown_recheck_seconds=0.5, burst_digest_threshold=None)
    dispatcher = Dispatcher(
        StoreOutbox(engine), {"slack": SlackNotifier(make_client(TOKEN, api_url))}, limits=limits
    )
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.2))
    while not stop.is_set():
        await asyncio.sleep(0.2)
        if drained(engine):
            stop.set()
    await running
