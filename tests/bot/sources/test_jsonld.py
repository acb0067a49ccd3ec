from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.extract import extract
from bot.sources import jsonld
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "jsonld" / "page.html"
CTX = SourceContext("page-1", url="https://cavelumiere.example/careers/sommelier")


def test_job_postings_are_found_in_blocks_and_graphs():
    result = jsonld.parse(FIXTURE.read_bytes(), CTX)
    sommelier, copywriter = result.postings
    assert sommelier.id == "jsonld:cavelumiere.example:CL-2026-04"
    assert sommelier.title == "Junior Sommelier"
    assert sommelier.company == "Cave Lumière"
    assert sommelier.url == "https://cavelumiere.example/jobs/junior-sommelier"
    assert sommelier.location_text == "Bordeaux, Nouvelle-Aquitaine, FR"
    [place] = sommelier.hints.locations
    assert (place.city, place.country) == ("Bordeaux", "FR")
    assert sommelier.hints.employment_type == "FULL_TIME, TEMPORARY"
    assert sommelier.hints.job_code == "CL-2026-04"
    assert sommelier.posted_at == datetime(2026, 2, 11, tzinfo=UTC)
    assert sommelier.closes_at == datetime(2026, 4, 30, 23, 59, tzinfo=UTC)
    assert sommelier.hints.start == "2026-05-04" and copywriter.hints.start is None
    start = extract(sommelier).start
    assert (start.date, start.basis) == ("2026-05-04", "source")
    assert "Fluent French" in sommelier.text
    assert copywriter.hints.workplace == "TELECOMMUTE" and copywriter.hints.is_remote is True
    assert copywriter.hints.location_texts == ("France",)
    assert copywriter.id.startswith("jsonld:cavelumiere.example:")
    assert [s.reason for s in result.skipped] == ["malformed"]  # the broken block


def test_ids_are_stable_across_parses():
    first = jsonld.parse(FIXTURE.read_bytes(), CTX)
    again = jsonld.parse(FIXTURE.read_text(encoding="utf-8"), CTX)
    assert [p.id for p in first.postings] == [p.id for p in again.postings]


def test_a_page_without_postings_is_empty_and_a_non_page_raises():
    assert jsonld.parse(b"<html><body>No openings right now.</body></html>", CTX).postings == ()
    with pytest.raises(SourceFormatError, match="an HTML page"):
        jsonld.parse(b"%PDF-1.7 binary junk", CTX)


def test_a_page_in_its_declared_charset_is_read():
    page = (
        '<html><head><meta charset="iso-8859-1"></head><script type="application/ld+json">'
        '{"@type": "JobPosting", "title": "Caviste à Lyon", "description": "Vins"}</script></html>'
    )
    [posting] = jsonld.parse(page.encode("latin-1"), CTX).postings
    assert posting.title == "Caviste à Lyon"
    with pytest.raises(SourceFormatError, match="UTF-8 page"):
        jsonld.parse(page.replace("iso-8859-1", "nonsense").encode("latin-1"), CTX)


def test_a_json_ld_block_nested_absurdly_deep_is_left_out_and_the_rest_read():
    deep = "[" * 5_000 + "]" * 5_000
    good = FIXTURE.read_text(encoding="utf-8")
    page = good.replace("</head>", f'<script type="application/ld+json">{deep}</script></head>', 1)
    assert page != good
    result = jsonld.parse(page.encode(), CTX)
    assert result.postings == jsonld.parse(good.encode(), CTX).postings
    assert any("nested deeper than" in skip.detail for skip in result.skipped)
