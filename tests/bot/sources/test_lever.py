import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import lever
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "lever" / "postings.json"
CTX = SourceContext("lever-1", url="https://api.eu.lever.co/v0/postings/kiezkraft?mode=json")


def test_eu_posting_maps_categories_country_and_workplace():
    result = lever.parse(FIXTURE.read_bytes(), CTX)
    student = result.postings[0]
    assert student.id == "lever:kiezkraft:5d7e2a10-8c41-4b7e-9f0a-2c7d9b31e001"
    assert student.title == "Werkstudent Marketing (m/w/d)"
    assert student.url == "https://jobs.eu.lever.co/kiezkraft/5d7e2a10-8c41-4b7e-9f0a-2c7d9b31e001"
    assert student.location_text == "Berlin"
    [place] = student.hints.locations
    assert (place.city, place.country, place.basis) == ("Berlin", "DE", "source")
    assert student.hints.employment_type == "Working Student"
    assert student.hints.workplace == "hybrid"
    assert (student.hints.team, student.hints.department) == ("Growth", "Marketing")
    assert student.posted_at == datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    assert "Sehr gute Deutschkenntnisse" in student.text and "Ende März" in student.text


def test_several_locations_stay_text_so_none_is_hidden():
    sales = lever.parse(FIXTURE.read_bytes(), CTX).postings[1]
    assert sales.hints.locations == ()
    assert (sales.location_text, sales.hints.location_texts) == ("Paris", ("Lyon",))
    assert sales.hints.workplace is None  # "unspecified" says nothing


def test_a_posting_without_a_title_is_skipped():
    result = lever.parse(FIXTURE.read_bytes(), CTX)
    assert len(result.postings) == 2
    [skip] = result.skipped
    assert skip.reason == "malformed" and 'no "text"' in skip.detail


def test_board_comes_from_the_hosted_board_url_too():
    data = json.loads(FIXTURE.read_bytes())[:1]
    result = lever.parse(data, SourceContext("x", url="https://jobs.eu.lever.co/kiezkraft"))
    assert result.postings[0].id.startswith("lever:kiezkraft:")


@pytest.mark.parametrize(
    ("payload", "found"),
    [(b'{"ok": false, "error": "Document not found"}', "keys ok, error"), (b"[{", "truncated JSON")],
)
def test_error_bodies_raise(payload, found):
    with pytest.raises(SourceFormatError, match=found):
        lever.parse(payload, CTX)
