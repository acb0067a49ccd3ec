import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import ashby
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "ashby" / "board.json"
CTX = SourceContext("ashby-1", url="https://jobs.ashbyhq.com/lumenly")


def test_primary_and_secondary_addresses_become_source_locations():
    result = ashby.parse(FIXTURE.read_bytes(), CTX)
    csm = result.postings[0]
    assert csm.id == "ashby:lumenly:0c1f6a52-3d1e-4e59-9d7a-5a2b8f7e0101"
    assert csm.company == "lumenly"
    assert csm.url == "https://jobs.ashbyhq.com/lumenly/0c1f6a52-3d1e-4e59-9d7a-5a2b8f7e0101"
    assert csm.location_text == "Milan"
    assert [(loc.city, loc.region, loc.country) for loc in csm.hints.locations] == [
        ("Milano", "Lombardy", "IT"),
        ("Rome", "Lazio", "IT"),
        (None, None, "ES"),
    ]
    assert csm.hints.location_texts == ("Rome", "Remote - Spain")
    assert csm.hints.workplace == "Hybrid"
    assert csm.hints.is_remote is True
    assert csm.hints.employment_type == "FullTime"
    assert (csm.hints.team, csm.hints.department) == ("Success", "Customer")
    assert csm.posted_at == datetime(2026, 2, 14, 10, 30, tzinfo=UTC)
    assert csm.text.startswith("<p>You will look after")
    assert csm.raw["compensation"]["summaryComponents"][0]["minValue"] == 45000


def test_unlisted_jobs_are_skipped_and_an_area_address_leaves_the_text_in_charge():
    result = ashby.parse(FIXTURE.read_bytes(), CTX)
    assert [s.reason for s in result.skipped] == ["unlisted"]
    intern = result.postings[1]
    assert intern.hints.locations == ()  # "European Union" is no country: extraction reads "Europe"
    assert intern.location_text == "Europe"
    assert intern.hints.is_remote is None


def test_company_from_context_wins():
    result = ashby.parse(FIXTURE.read_bytes(), SourceContext("a", company="Lumenly SpA", board="lumenly"))
    assert {p.company for p in result.postings} == {"Lumenly SpA"}


def test_missing_jobs_list_raises():
    with pytest.raises(SourceFormatError, match='"jobs" list'):
        ashby.parse(json.dumps({"success": False, "errors": ["not found"]}).encode(), CTX)
