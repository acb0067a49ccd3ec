"""`jobbot demo`: the whole flow on the embedded default, printed to the terminal.

A fresh SQLite store, the bundled sample postings, four example subscriptions; every posting is extracted,
stored and matched, each match is queued in the outbox, and the outbox is drained to the terminal: the cards
each destination would receive, and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine

from bot.cards import build_card
from bot.ingest import IngestReport, Matcher, destinations_of, ingest
from bot.matching import Reason
from bot.models import Destination, Posting
from bot.postings_io import read_postings
from bot.query import explain, parse
from bot.store.deliveries import claim_due, mark_sent
from bot.store.migrate import open_store
from bot.store.postings import get_posting
from bot.store.subscriptions import add_subscription, list_subscriptions
from bot.terminal import render_card


@dataclass(frozen=True, slots=True)
class ExampleSubscription:
    """One of the demo's subscriptions: who asked, where cards go, and the query."""

    owner: str
    destination: Destination
    query: str
    label: str  # how the destination is shown: "#paris-jobs", "DM @giulia"


EXAMPLES = (
    ExampleSubscription(
        "U-camille", Destination("terminal", "channel", "paris-jobs", "demo"), "Paris + French", "#paris-jobs"
    ),
    ExampleSubscription(
        "U-diego",
        Destination("terminal", "channel", "madrid-jobs", "demo"),
        "Madrid + Spanish",
        "#madrid-jobs",
    ),
    ExampleSubscription(
        "U-giulia", Destination("terminal", "dm", "U-giulia", "demo"), "Milan + Italian", "DM @giulia"
    ),
    ExampleSubscription(
        "U-lena", Destination("terminal", "dm", "U-lena", "demo"), "remote + German", "DM @lena"
    ),
)


def sample_postings() -> Iterator[Posting]:
    """The bundled sample postings (written for the project, modelled on real internship postings)."""
    with resources.files("bot.demo").joinpath("samples.jsonl").open(encoding="utf-8") as stream:
        yield from read_postings(stream)


def run_demo(data_dir: Path, out: TextIO) -> IngestReport:
    """Run the demo with its SQLite store in ``data_dir``; print everything to ``out``."""
    engine = open_store(f"sqlite:///{data_dir / 'jobbot-demo.sqlite3'}")
    try:
        labels = _subscribe_examples(engine, out)
        matcher = Matcher.from_store(engine)
        postings = list(sample_postings())
        report = ingest(engine, matcher, postings)
        out.write(
            f"\nRead {len(postings)} sample postings: {report.new} new, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.queued} cards queued.\n"
        )
        _drain_outbox(engine, matcher, labels, out)
        return report
    finally:
        engine.dispose()


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


def _drain_outbox(engine: Engine, matcher: Matcher, labels: dict[str, str], out: TextIO) -> None:
    """Deliver every queued card to the terminal, grouped by destination, recording a receipt for each."""
    by_destination: dict[str, list[str]] = defaultdict(list)
    for key in destinations_of(matcher):
        while batch := claim_due(engine, destination_key=key, limit=50):
            for row in batch:
                posting = get_posting(engine, row.posting_id)
                if posting is None:
                    continue
                reasons = [Reason(**r) for r in row.reasons or []]
                query = matcher.queries.get(row.subscription_id or -1)
                by_destination[key].append(render_card(build_card(posting, reasons, query)))
                mark_sent(engine, row.id, message_id=f"terminal-{row.id}")
    for key, label in labels.items():
        cards = by_destination.get(key, [])
        out.write(f"\n═══ {label}: {len(cards)} card{'s' if len(cards) != 1 else ''} ═══\n")
        for card in cards:
            out.write(card + "\n")
