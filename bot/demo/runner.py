"""`jobbot demo`: the whole flow on the embedded default, printed to the terminal.

A fresh SQLite store and four example subscriptions; the bundled sample postings are served by a local job
board (a Greenhouse board and a JSON-LD page on 127.0.0.1) and polled through the real fetcher: the first poll
stores what is already listed without announcing it, the second finds the new postings, which are extracted,
stored and matched into the outbox; the real dispatcher drains the outbox (at Slack's pace) through a
notifier — Slack's against a local fake Slack Web API when the CLI runs it, else the terminal — and the cards
each destination received are printed, with why.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from ipaddress import ip_network
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine

from bot.cards import Card
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.notifier import DigestCard, Notifier
from bot.demo.board import DemoBoard
from bot.ingest import IngestReport, Matcher
from bot.models import Destination, Posting
from bot.poll_store import SqlPollStore
from bot.postings_io import read_postings
from bot.query import explain, parse
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import poll_source
from bot.store.deliveries import count_by_state
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.sources import add_source, list_sources, update_source
from bot.store.subscriptions import add_subscription, list_subscriptions
from bot.terminal import TerminalNotifier


@dataclass(frozen=True, slots=True)
class ExampleSubscription:
    """One of the demo's subscriptions: who asked, where cards go, and the query."""

    owner: str
    destination: Destination
    query: str
    label: str  # how the destination is shown: "#paris-jobs", "DM @giulia"


WORKSPACE = "T0DEMO"
EXAMPLES = (
    ExampleSubscription(
        "U0CAMILLE", Destination("slack", "channel", "C0PARIS", WORKSPACE), "Paris + French", "#paris-jobs"
    ),
    ExampleSubscription(
        "U0DIEGO", Destination("slack", "channel", "C0MADRID", WORKSPACE), "Madrid + Spanish", "#madrid-jobs"
    ),
    ExampleSubscription(
        "U0GIULIA", Destination("slack", "dm", "U0GIULIA", WORKSPACE), "Milan + Italian", "DM @giulia"
    ),
    ExampleSubscription(
        "U0LENA", Destination("slack", "dm", "U0LENA", WORKSPACE), "remote + German", "DM @lena"
    ),
)
DELIVERY_TIMEOUT = 30.0  # seconds; the demo's few cards take a few seconds at Slack's pace


def sample_postings() -> Iterator[Posting]:
    """The bundled sample postings (written for the project, modelled on real internship postings)."""
    with resources.files("bot.demo").joinpath("samples.jsonl").open(encoding="utf-8") as stream:
        yield from read_postings(stream)


# Listed on the first poll (stored as already seen, nothing announced); everything else appears after it.
FIRST_LISTING = (
    "sample-dublin-new-grad",
    "sample-new-york-data-analyst",
    "sample-tokyo-product-ops",
    "sample-lisbon-support-portuguese",
    "sample-sao-paulo-partnerships",
    "sample-london-hybrid-customer-success",
    "sample-amsterdam-operations-analyst",
)


Platform = Callable[[], AbstractAsyncContextManager[tuple[Notifier, str]]]


def run_demo(data_dir: Path, out: TextIO, platform: Platform | None = None) -> IngestReport:
    """Run the demo with its SQLite store in ``data_dir``; print everything to ``out``.

    ``platform`` opens the notifier cards are delivered through and says where that is (the CLI passes
    Slack's, talking to a local fake Slack Web API); without one, cards are rendered in the terminal.
    """
    return asyncio.run(_run(data_dir, out, platform or _terminal))


@asynccontextmanager
async def _terminal() -> AsyncIterator[tuple[Notifier, str]]:
    yield TerminalNotifier("slack"), "the terminal"


async def _run(data_dir: Path, out: TextIO, platform: Platform) -> IngestReport:
    engine = open_store(f"sqlite:///{data_dir / 'jobbot-demo.sqlite3'}")
    board = DemoBoard(list(sample_postings()))
    await board.start()
    try:
        labels = _subscribe_examples(engine, out)
        matcher = Matcher.from_store(engine)
        source_ids = _add_sources(engine, board, out)
        store = SqlPollStore(engine, matcher)
        # Only the board's address is opened: the demo fetches through the same SSRF guard as `jobbot run`.
        policy = FetchPolicy(allowed_networks=(ip_network("127.0.0.1/32"),), min_host_gap=0)
        report = IngestReport()
        async with Fetcher(policy) as fetcher:
            board.publish(FIRST_LISTING)
            out.write("\nFirst poll (a new source's current postings are stored as already seen):\n")
            await _poll(source_ids, store, fetcher, out, report)
            board.publish()
            out.write("\nThe boards publish new postings. Second poll:\n")
            await _poll(source_ids, store, fetcher, out, report)
            out.write("\nThird poll (nothing changed: the boards answer 304 Not Modified):\n")
            await _poll(source_ids, store, fetcher, out, report)
        async with platform() as (notifier, where):
            recorder = _Recorder(notifier, where)
            if isinstance(notifier, TerminalNotifier):
                recorder.terminal = notifier  # render once, not twice
            await _deliver(engine, recorder, labels, out)
        return report
    finally:
        await board.stop()
        engine.dispose()


def _add_sources(engine: Engine, board: DemoBoard, out: TextIO) -> list[str]:
    wanted = (
        (
            "greenhouse:clipwave",
            "greenhouse",
            board.greenhouse_url,
            "Clipwave careers",
            {"board": "clipwave"},
        ),
        (
            "jsonld:startup-jobs",
            "jsonld",
            board.jsonld_url,
            "Startup jobs (JSON-LD)",
            {"board": "startup-jobs"},
        ),
    )
    known = {record.id for record in list_sources(engine)}
    out.write("\nSources (served by a local board on 127.0.0.1):\n")
    for source_id, kind, url, name, board_token in wanted:
        if source_id in known:
            update_source(engine, source_id, url=url)  # the local board listens on a new port each run
        else:
            settings = {"board": board_token}
            add_source(engine, id=source_id, kind=kind, url=url, name=name, owner="demo", settings=settings)
        out.write(f"  {source_id:<22} {kind:<11} {url}\n")
    return [source_id for source_id, *_ in wanted]


async def _poll(
    source_ids: list[str], store: SqlPollStore, fetcher: Fetcher, out: TextIO, report: IngestReport
) -> None:
    for source_id in source_ids:
        result = await poll_source(source_id, store=store, fetcher=fetcher, now=datetime.now(UTC), force=True)
        report.new += len(result.new) if not result.first_poll else 0
        report.queued += result.queued
        if result.status == "error":
            out.write(f"  {source_id}: failed: {result.error}\n")
        elif result.status == "not_modified":
            out.write(f"  {source_id}: not modified\n")
        elif result.first_poll:
            out.write(f"  {source_id}: {len(result.new)} postings stored as already seen, no cards\n")
        else:
            out.write(
                f"  {source_id}: {len(result.new)} new, {len(result.updated)} updated, "
                f"{result.unchanged} unchanged; {result.queued} cards queued\n"
            )


def _subscribe_examples(engine: Engine, out: TextIO) -> dict[str, str]:
    existing = {(s.destination.key, s.query) for s in list_subscriptions(engine)}
    out.write("Subscriptions:\n")
    for example in EXAMPLES:
        if (example.destination.key, example.query) not in existing:
            add_subscription(
                engine, owner=example.owner, destination=example.destination, query=example.query
            )
        out.write(
            f"  {example.label:<14} {example.query:<18} understood as: {explain(parse(example.query))}\n"
        )
    return {example.destination.key: example.label for example in EXAMPLES}


class _Recorder:
    """Delivers through ``inner`` and keeps what each destination received, to print it afterwards."""

    def __init__(self, inner: Notifier, where: str) -> None:
        self.platform = inner.platform
        self.inner = inner
        self.where = where  # how to say where a card went: "Slack (local fake Web API at …)"
        self.terminal = TerminalNotifier(inner.platform)

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        message_id = await self.inner.send(destination, card, idempotency_key=idempotency_key)
        if self.inner is not self.terminal:
            await self.terminal.send(destination, card, idempotency_key=idempotency_key)
            self.terminal.shown[destination.key][-1] += f"\n  ↳ posted, message {message_id}"
        return message_id

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        await self.inner.edit(destination, message_id, card)

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        return await self.inner.find_sent(destination, idempotency_key)

    async def notify(self, destination: Destination, text: str) -> None:
        await self.inner.notify(destination, text)


async def _deliver(engine: Engine, recorder: _Recorder, labels: dict[str, str], out: TextIO) -> None:
    """Drain the outbox through the real dispatcher (rate limits included); show what each destination got."""
    dispatcher = Dispatcher(StoreOutbox(engine), {recorder.platform: recorder})
    deadline = asyncio.get_running_loop().time() + DELIVERY_TIMEOUT
    while count_by_state(engine).get("queued", 0) and asyncio.get_running_loop().time() < deadline:
        await dispatcher.run_once()
        await asyncio.sleep(0.2)  # Slack allows about one message a second per channel
    out.write(f"\nDelivered through the dispatcher to {recorder.where}:\n")
    for key, label in labels.items():
        cards = recorder.terminal.shown.get(key, [])
        out.write(f"\n═══ {label}: {len(cards)} message{'s' if len(cards) != 1 else ''} ═══\n")
        for card in cards:
            out.write(card + "\n")
