from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import workday
from bot.sources.base import SourceContext, SourceFormatError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "sources" / "workday"
NOW = datetime(2026, 2, 19, 15, 45, tzinfo=UTC)
CTX = SourceContext("wd-1", url="https://railco.wd3.myworkdayjobs.com/en-US/Careers", fetched_at=NOW)


def test_search_page_maps_paths_codes_and_relative_dates():
    result = workday.parse((FIXTURES / "search.json").read_bytes(), CTX)
    assert result.total == 3
    graduate, intern, lead = result.postings
    assert graduate.id == "workday:railco/Careers:JR-20417"
    assert graduate.url == (
        "https://railco.wd3.myworkdayjobs.com/Careers/job/Madrid/Graduate-Engineer---Rail-Systems_JR-20417"
    )
    assert graduate.location_text == "Madrid"
    assert graduate.hints.job_code == "JR-20417"
    assert graduate.posted_at == datetime(2026, 2, 16, tzinfo=UTC)
    assert intern.location_text == ""  # "2 Locations" names no place
    assert intern.posted_at == datetime(2026, 2, 19, tzinfo=UTC)
    assert lead.posted_at == datetime(2026, 1, 20, tzinfo=UTC)  # "30+" is read as at least 30 days


def test_relative_dates_need_the_fetch_time():
    ctx = SourceContext("wd-1", url="https://railco.wd3.myworkdayjobs.com/wday/cxs/railco/Careers/jobs")
    result = workday.parse((FIXTURES / "search.json").read_bytes(), ctx)
    assert {p.posted_at for p in result.postings} == {None}
    assert result.postings[0].url.startswith("https://railco.wd3.myworkdayjobs.com/Careers/job/")


def test_detail_has_the_same_id_and_richer_fields():
    [detail] = workday.parse((FIXTURES / "detail.json").read_bytes(), CTX).postings
    assert detail.id == "workday:railco/Careers:JR-20417"
    assert detail.company == "RailCo Iberia S.A."
    assert detail.hints.employment_type == "Full time"
    assert detail.hints.workplace == "Hybrid"
    [place] = detail.hints.locations
    assert (place.city, place.country) == ("Madrid", "ES")
    assert detail.posted_at == datetime(2026, 2, 16, tzinfo=UTC)
    assert "C1 level" in detail.text


def test_a_changed_shape_raises():
    with pytest.raises(SourceFormatError, match='"jobPostings" list'):
        workday.parse(b'{"errorCode": "HTTP_404", "message": "Not Found"}', CTX)
