"""A real SQLite store with a few hand-written postings, the live matcher, and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.commands import Caller, CommandService
from bot.extract import extract_posting
from bot.ingest import Matcher
from bot.models import Posting
from bot.settings import FetchSettings, Settings
from bot.store.migrate import open_store
from bot.store.postings import upsert_posting

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def posting(pid: str, title: str, company: str, location: str, text: str) -> Posting:
    return Posting(id=f"test:{pid}", title=title, company=company, location_text=location, text=text,
                   url=f"https://jobs.example.com/{pid}", source="test")  # fmt: skip


# Oldest first: ingest stamps first_seen_at in order, so the last one is the newest.
POSTINGS = [
    posting("p1", "Marketing Intern", "Brindille", "Paris, France",
            "Six-month internship in our Paris office.\n\nProfile\n- Fluent French and good English."),
    posting("p2", "Sales Intern", "Brindille", "Berlin, Germany",
            "Internship in Berlin.\n\nProfile\n- Fluent German is required."),
    posting("p3", "Data Analyst Intern", "Norrsken Labs", "Paris, France",
            "Join our Paris data team for a 6 month internship.\n\nYou speak French fluently."),
    posting("p4", "Customer Success Intern", "Oakleaf", "Paris, France",
            "Internship in Paris.\n\nRequirements\n- Native or fluent French."),
    posting("p5", "Finance Intern", "Oakleaf", "Paris, France",
            "Finance internship, Paris.\n\nRequirements\n- Fluent French; English is a plus."),
    posting("p6", "Backend Engineer", "Oakleaf", "Madrid, Spain",
            "Full-time role in Madrid.\n\nYou speak Spanish fluently."),
    posting("p7", "Legal Intern", "Pavot", "Paris, France",
            "Internship in Paris with our legal team.\n\nFluent French is essential."),
    posting("p8", "Marketing Intern (Lyon)", "Brindille", "Lyon, France",
            "Internship in Lyon.\n\nProfile\n- Fluent French."),
    posting("p9", "Product Intern", "Pavot", "Paris, France",
            "Product internship in Paris.\n\nFluent French and English required."),
]  # fmt: skip


@pytest.fixture
def engine(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'commands.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def stocked(engine):
    """The engine with POSTINGS stored, each a minute newer than the one before."""
    for minute, item in enumerate(POSTINGS):
        upsert_posting(
            engine, extract_posting(item), now=NOW - timedelta(hours=1) + timedelta(minutes=minute)
        )
    return engine


def make_service(engine, **kwargs) -> CommandService:
    # Private addresses allowed: `sources test` fetches from the local test server.
    settings = Settings(Path("."), "sqlite://", fetch=FetchSettings(allow_private_addresses=True))
    return CommandService(engine, Matcher.from_store(engine), clock=lambda: NOW, settings=settings, **kwargs)


@pytest.fixture
def service(stocked):
    return make_service(stocked)


ADMIN_IN_CHANNEL = Caller(
    "slack", "T1", "U_ADMIN", "C_JOBS", is_dm=False, is_admin=True, timezone="Europe/Paris"
)
MEMBER_IN_CHANNEL = Caller(
    "slack", "T1", "U_ANNA", "C_JOBS", is_dm=False, is_admin=False, timezone="Europe/Paris"
)
ANNA_IN_DM = Caller("slack", "T1", "U_ANNA", "D_ANNA", is_dm=True, is_admin=False, timezone="Europe/Paris")
BOB_IN_DM = Caller("slack", "T1", "U_BOB", "D_BOB", is_dm=True, is_admin=False, timezone="America/New_York")
OTHER_WORKSPACE_ADMIN = Caller("slack", "T2", "U_ADMIN", "C_JOBS", is_dm=False, is_admin=True)
