from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import workable
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "workable" / "account.json"
CTX = SourceContext("wk-1", url="https://apply.workable.com/fjordlight/")


def test_jobs_map_locations_type_and_remote_flag():
    designer, support = workable.parse(FIXTURE.read_bytes(), CTX).postings
    assert designer.id == "workable:fjordlight:8F2C1D0A7B"
    assert designer.company == "Fjordlight"
    assert designer.url == "https://apply.workable.com/j/8F2C1D0A7B"
    assert designer.location_text == "Oslo, Oslo, Norway"
    assert designer.hints.location_texts == ("Stockholm, Stockholm County, Sweden",)
    assert [(loc.city, loc.country) for loc in designer.hints.locations] == [
        ("Oslo", "NO"),
        ("Stockholm", "SE"),
    ]
    assert designer.hints.employment_type == "Full-time"
    assert designer.hints.is_remote is False
    assert designer.hints.job_code == "DES-07"
    assert designer.posted_at == datetime(2026, 2, 2, tzinfo=UTC)
    assert support.hints.is_remote is True
    assert [(loc.city, loc.country) for loc in support.hints.locations] == [(None, "NO")]


def test_not_an_account_payload_raises():
    with pytest.raises(SourceFormatError, match='"jobs" list'):
        workable.parse(b'{"name": "Fjordlight", "jobs": null}', CTX)
