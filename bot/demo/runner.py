"""`jobbot demo`: the whole flow on the embedded default, printed to the terminal.

A fresh SQLite store and four example subscriptions, made on every platform the demo delivers to; the
bundled sample postings are served by a local job board (a Greenhouse board and a JSON-LD page on 127.0.0.1)
and polled through the real fetcher: the first poll stores what is already listed without announcing it, the
second finds the new postings, which are extracted, stored and matched into the outbox; the real dispatcher
drains the outbox (at each platform's pace) through the platforms' notifiers — Slack's and Discord's against
local fakes when the CLI runs it, else the terminal — and every card is printed, with why and with what each
platform received.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from importlib import resources
from ipaddress import ip_network
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine

from bot.delivery.dispatcher import Dispatcher
from bot.demo.board import DemoBoard
from bot.demo.delivered import Placed, Recorder, write_delivered
from bot.demo.examples import EXAMPLES, WORKSPACE, ExampleSubscription
from bot.demo.platforms import DemoPlatform, PlatformFactory, terminal
from bot.ingest import IngestReport, Matcher
from bot.models import Posting
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

__all__ = ["EXAMPLES", "FIRST_LISTING", "WORKSPACE", "ExampleSubscription", "run_demo", "sample_postings"]

DELIVERY_TIMEOUT = 30.0  # seconds; the demo's few cards take a few seconds at the platforms' pace


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


def run_demo(data_dir: Path, out: TextIO, platforms: Sequence[PlatformFactory] = ()) -> IngestReport:
    """Run the demo with its SQLite store in ``data_dir``; print everything to ``out``.

    ``platforms`` open the places cards are delivered to (the CLI passes Slack's and Discord's, each a real
    notifier talking to a local fake); without any, cards are rendered in the terminal.
    """
    return asyncio.run(_run(data_dir, out, tuple(platforms) or (terminal,)))


async def _run(data_dir: Path, out: TextIO, factories: tuple[PlatformFactory, ...]) -> IngestReport:
    engine = open_store(f"sqlite:///{data_dir / 'jobbot-demo.sqlite3'}")
    board = DemoBoard(list(sample_postings()))
    await board.start()
    try:
        async with AsyncExitStack() as stack:
            platforms = [await stack.enter_async_context(factory()) for factory in factories]
            placed = _subscribe_examples(engine, platforms, out)
            report = await _poll_three_times(engine, board, out)
            await _deliver(engine, platforms, placed, out)
        return report
    finally:
        await board.stop()
        engine.dispose()


async def _poll_three_times(engine: Engine, board: DemoBoard, out: TextIO) -> IngestReport:
    source_ids = _add_sources(engine, board, out)
    store = SqlPollStore(engine, Matcher.from_store(engine))
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
    return report


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


def _subscribe_examples(engine: Engine, platforms: Sequence[DemoPlatform], out: TextIO) -> list[Placed]:
    """Make every example subscription on every platform (once per store); say where each lives."""
    existing = {(s.destination.key, s.query) for s in list_subscriptions(engine)}
    names = " and ".join(platform.name for platform in platforms)
    out.write(f"Subscriptions (each made on {names}):\n" if len(platforms) > 1 else "Subscriptions:\n")
    placed: list[Placed] = []
    for example in EXAMPLES:
        places = []
        for platform in platforms:
            owner, destination = platform.place(example)
            if (destination.key, example.query) not in existing:
                add_subscription(engine, owner=owner, destination=destination, query=example.query)
            places.append((platform, destination))
        placed.append((example, places))
        out.write(
            f"  {example.label:<14} {example.query:<18} understood as: {explain(parse(example.query))}\n"
        )
    return placed


async def _deliver(
    engine: Engine, platforms: Sequence[DemoPlatform], placed: Sequence[Placed], out: TextIO
) -> None:
    """Drain the outbox through the real dispatcher (rate limits included); show what each destination got."""
    recorders = {platform.notifier.platform: Recorder(platform.notifier) for platform in platforms}
    dispatcher = Dispatcher(StoreOutbox(engine), recorders)
    deadline = asyncio.get_running_loop().time() + DELIVERY_TIMEOUT
    while count_by_state(engine).get("queued", 0) and asyncio.get_running_loop().time() < deadline:
        await dispatcher.run_once()
        await asyncio.sleep(0.2)  # Slack allows about one message a second per channel
    write_delivered(out, platforms, placed, recorders)
