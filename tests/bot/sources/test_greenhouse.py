import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.sources import greenhouse
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "greenhouse" / "jobs.json"
CTX = SourceContext("src-1", url="https://boards.greenhouse.io/northwind")


def test_maps_structured_fields_and_skips_the_placeholder():
    result = greenhouse.parse(FIXTURE.read_bytes(), CTX)
    assert [p.id for p in result.postings] == ["greenhouse:northwind:4410021", "greenhouse:northwind:4410107"]
    assert [s.reason for s in result.skipped] == ["placeholder"]
    assert result.total == 3
    intern = result.postings[0]
    assert intern.title == "Supply Chain Intern (Spanish speaker)"
    assert intern.company == "Northwind Logistics"
    assert intern.source == "src-1"
    assert intern.url == "https://job-boards.greenhouse.io/northwind/jobs/4410021"
    assert intern.location_text == "Hybrid"
    assert intern.hints.location_texts == ("Madrid, Spain",)
    assert intern.hints.employment_type == "Intern"
    assert intern.hints.workplace == "Hybrid"
    assert intern.hints.job_code == "REQ-0419"
    assert intern.hints.department == "Operations"
    assert intern.posted_at == datetime.fromisoformat("2026-01-28T08:00:00-05:00")
    assert intern.text.startswith("&lt;p&gt;Help our Madrid")  # extraction unescapes it
    assert intern.raw is not None and intern.raw["internal_job_id"] == 2200145


def test_custom_domain_url_keeps_its_job_id_once_and_reads_a_yes_no_remote_field():
    analyst = greenhouse.parse(FIXTURE.read_bytes(), CTX).postings[1]
    assert analyst.url == "https://careers.northwind.example/job?gh_jid=4410107"
    assert analyst.hints.is_remote is False
    assert analyst.hints.job_code is None
    assert analyst.posted_at == datetime.fromisoformat(
        "2026-02-10T12:30:00-05:00"
    )  # falls back to updated_at


def test_a_single_job_detail_and_the_board_from_the_api_url():
    job = json.loads(FIXTURE.read_bytes())["jobs"][0]
    ctx = SourceContext("s", url="https://boards-api.greenhouse.io/v1/boards/northwind/jobs/4410021")
    result = greenhouse.parse(job, ctx)
    assert [p.id for p in result.postings] == ["greenhouse:northwind:4410021"]


def test_a_bad_record_is_skipped_not_fatal():
    data = json.loads(FIXTURE.read_bytes())
    data["jobs"][2]["location"] = "Lisbon"  # a string where an object belongs
    del data["jobs"][0]["title"]
    result = greenhouse.parse(data, CTX)
    assert result.postings == ()
    assert sorted(s.reason for s in result.skipped) == ["malformed", "malformed", "placeholder"]
    assert any('no "title"' in s.detail for s in result.skipped)


@pytest.mark.parametrize(
    ("payload", "found"),
    [
        (b'{"jobs": [{"id": 1, "title": "x"', "truncated JSON"),
        (b"<html>Service unavailable</html>", "invalid JSON"),
        (b'{"error": "board not found"}', "keys error"),
        ('{"jobs": []}'.encode("utf-16"), "not UTF-8"),
        (b"", "empty body"),
    ],
)
def test_malformed_payloads_raise_with_what_came(payload, found):
    with pytest.raises(SourceFormatError) as caught:
        greenhouse.parse(payload, CTX)
    assert found in str(caught.value)
    assert str(caught.value).startswith("greenhouse: expected")
