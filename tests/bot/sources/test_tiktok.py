import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.extract import extract
from bot.sources import tiktok
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "tiktok" / "search.json"
CTX = SourceContext("tiktok-eu", url="https://lifeattiktok.com/search")


def test_items_map_city_chain_recruit_type_and_code():
    result = tiktok.parse(FIXTURE.read_bytes(), CTX)
    assert result.total == 2
    intern, analyst = result.postings
    assert intern.id == "tiktok:lifeattiktok:7460000000000000001"
    assert intern.company == "TikTok"
    assert intern.url == "https://lifeattiktok.com/search/7460000000000000001"
    assert intern.location_text == "Milan, Lombardy, Italy"
    [place] = intern.hints.locations
    assert (place.city, place.region, place.country) == ("Milan", "Lombardy", "IT")
    assert intern.hints.employment_type == "Intern"
    assert intern.hints.job_code == "A91234"
    assert intern.hints.department == "Marketing"
    assert intern.hints.start == "Project Internship" and analyst.hints.start is None
    assert intern.posted_at == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    assert intern.text == (
        "Responsibilities\nSupport campaign reporting for advertisers across Southern Europe.\n\n"
        "Qualifications\nCurrently enrolled in a degree. Fluent Italian and English."
    )
    assert analyst.hints.employment_type == "Regular"
    [place] = analyst.hints.locations  # no parent chain: the gazetteer knows the country
    assert (place.city, place.country) == ("Singapore", "SG")


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ({"code": 1, "message": "invalid website-path", "data": None}, "code 1: invalid website-path"),
        ({"code": 0, "data": {"count": 0}}, "data.job_post_list"),
        ({"code": 0, "data": {"count": 2, "job_post_list": None}}, "data.job_post_list"),
        ({"status": "ok", "jobs": []}, 'with "code"'),
    ],
)
def test_api_drift_is_a_clear_error(body, found):
    with pytest.raises(SourceFormatError, match=found):
        tiktok.parse(json.dumps(body).encode(), CTX)


def test_one_odd_item_is_skipped():
    data = json.loads(FIXTURE.read_bytes())
    data["data"]["job_post_list"].append({"id": "7460000000000000003"})
    data["data"]["job_post_list"].append("not an item")
    result = tiktok.parse(data, CTX)
    assert len(result.postings) == 2
    assert [s.reason for s in result.skipped] == ["malformed", "malformed"]


def test_extraction_trusts_what_the_adapter_read():
    from bot.extract import extract

    facets = extract(tiktok.parse(FIXTURE.read_bytes(), CTX).postings[0])
    assert [(loc.city, loc.country, loc.basis) for loc in facets.locations] == [("Milan", "IT", "source")]
    assert facets.employment is not None and facets.employment.value == "intern"
    assert facets.job_code is not None and facets.job_code.value == "A91234"


def test_a_programme_that_names_a_term_is_the_start():
    data = json.loads(FIXTURE.read_bytes())
    item = data["data"]["job_post_list"][0]
    item["job_subject"]["name"] = {"zh_cn": "2026暑期实习", "en_us": "2026 Summer Internship"}
    start = extract(tiktok.parse(data, CTX).postings[0]).start
    assert (start.season, start.year, start.basis) == ("summer", 2026, "source")
    item["job_subject"]["name"] = {"zh_cn": "项目实习", "en_us": "Project Internship"}  # names no time
    assert extract(tiktok.parse(data, CTX).postings[0]).start is None


def test_one_job_post_saved_on_its_own_reads_as_one_posting():
    item = json.loads(FIXTURE.read_text())["data"]["job_post_list"][0]
    result = tiktok.parse(json.dumps(item).encode(), CTX)
    assert [p.id for p in result.postings] == [tiktok.parse(FIXTURE.read_bytes(), CTX).postings[0].id]
    assert result.postings[0].hints.job_code == item["code"]  # the job code, not an API status
