from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.extract import extract
from bot.sources import simplify
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "simplify" / "listings.json"
CTX = SourceContext("simplify-summer", board="Summer2025-Internships")


def test_open_rows_become_postings_and_closed_or_hidden_rows_are_skipped():
    result = simplify.parse(FIXTURE.read_bytes(), CTX)
    assert [s.reason for s in result.skipped] == ["inactive", "hidden"]
    swe, product, *_ = result.postings
    assert swe.id == "simplify:Summer2025-Internships:3b0f3c2e-1111-4a5b-9c8d-000000000001"
    assert swe.title == "Software Engineer Intern"
    assert swe.company == "Orbitra"
    assert swe.url == "https://jobs.orbitra.example/roles/swe-intern"
    assert swe.location_text == "Toronto, ON, Canada; Remote in Canada"
    assert swe.hints.location_texts == ("Toronto, ON, Canada", "Remote in Canada")
    assert swe.posted_at == datetime(2024, 10, 1, tzinfo=UTC)
    assert product.location_text == "SF" and product.hints.location_texts == ()


def test_a_row_with_terms_is_an_internship_whatever_its_title():
    *_, analyst, new_grad = simplify.parse(FIXTURE.read_bytes(), CTX).postings
    assert analyst.hints.employment_type == "Intern" and new_grad.hints.employment_type is None
    assert extract(analyst).employment.value == "intern"
    assert extract(new_grad).employment is None


def test_a_rows_first_term_is_when_it_starts_whatever_its_title():
    swe, *_, analyst, new_grad = simplify.parse(FIXTURE.read_bytes(), CTX).postings
    assert (swe.hints.start, new_grad.hints.start) == ("Summer 2025", None)
    start = extract(analyst).start
    assert (start.season, start.year, start.basis) == ("summer", 2025, "source")
    assert extract(new_grad).start is None


def test_not_a_list_raises():
    with pytest.raises(SourceFormatError, match="a JSON list of listings"):
        simplify.parse(b'{"listings": []}', CTX)
