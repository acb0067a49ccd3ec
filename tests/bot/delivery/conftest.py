"""Delivery fixtures: a real SQLite store in tmp_path, a clock the test moves, helpers to queue cards."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.models import Destination, Facets, Location, Posting
from bot.store.deliveries import enqueue_delivery
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.postings import upsert_posting
from bot.store.subscriptions import add_subscription
from tests.fakes.notifier import FakeNotifier

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday, 10:30 in Paris
CHANNEL = Destination("slack", "channel", "C0PARIS", "T0ACME")
OTHER_CHANNEL = Destination("slack", "channel", "C0BERLIN", "T0ACME")
ANNA_DM = Destination("slack", "dm", "U0ANNA", "T0ACME")


class FakeClock:
    """Now, as the test says; ``advance`` moves it. Never sleeps."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, **kwargs: float) -> datetime:
        self.now += timedelta(seconds=seconds, **kwargs)
        return self.now

    def set(self, moment: datetime) -> datetime:
        self.now = moment
        return self.now


@pytest.fixture
def engine(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'delivery.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def notifier():
    return FakeNotifier()


def store_posting(engine, posting_id: str, title: str = "Marketing Intern", *, now: datetime = T0) -> Posting:
    posting = Posting(
        id=posting_id,
        title=title,
        company="Brindille",
        url=f"https://jobs.example.org/{posting_id}",
        location_text="Paris, France",
        text="An internship in our Paris office. Fluent French required.",
        facets=Facets(locations=(Location(city="Paris", country="FR", evidence="Paris", basis="location"),)),
    )
    upsert_posting(engine, posting, now=now)
    return posting


def subscribe(engine, destination: Destination, query: str = "Paris + French", mode: dict | None = None):
    return add_subscription(
        engine,
        owner=destination.target if destination.kind == "dm" else "U0OWNER",
        destination=destination,
        query=query,
        delivery_mode=mode,
    )


def queue(engine, destination, posting_id, subscription=None, *, now=T0, not_before=None) -> int:
    return enqueue_delivery(
        engine,
        destination=destination,
        posting_id=posting_id,
        subscription_id=subscription.id if subscription else None,
        reasons=[
            {"term": "Paris", "facet": "location", "value": "Paris", "evidence": "Paris", "basis": "location"}
        ],
        now=now,
        not_before=not_before,
    )


def make_dispatcher(engine, notifier, clock, **kwargs) -> Dispatcher:
    limits = kwargs.pop("limits", None) or DeliveryLimits()
    return Dispatcher(
        StoreOutbox(engine),
        {notifier.platform: notifier},
        limits=limits,
        clock=clock,
        rng=random.Random(7),
        **kwargs,
    )
