from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import recruitee
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "recruitee" / "offers.json"
CTX = SourceContext("rc-1", url="https://pralinerie.recruitee.com/")


def test_offers_map_flags_and_places_and_drafts_are_skipped():
    result = recruitee.parse(FIXTURE.read_bytes(), CTX)
    stage, chocolatier = result.postings
    assert [s.reason for s in result.skipped] == ["unpublished"]
    assert stage.id == "recruitee:pralinerie:1700101"
    assert stage.company == "Pralinerie Dupont"
    assert stage.url == "https://pralinerie.recruitee.com/o/stage-marketing-digital"
    assert stage.location_text == "Brussels, Belgium"
    assert [(loc.city, loc.country) for loc in stage.hints.locations] == [("Brussels", "BE")]
    assert (stage.hints.workplace, stage.hints.is_remote) == ("hybrid", False)
    assert stage.hints.employment_type == "internship"
    assert stage.posted_at == datetime(2026, 1, 30, 9, 12, 44, tzinfo=UTC)
    assert "néerlandais" in stage.text
    assert chocolatier.company == "pralinerie"  # no company name: the account stands in
    assert chocolatier.hints.workplace == "onsite"
    assert [(loc.city, loc.country) for loc in chocolatier.hints.locations] == [("Ghent", "BE")]


def test_truncated_body_raises():
    with pytest.raises(SourceFormatError, match="truncated JSON"):
        recruitee.parse(FIXTURE.read_bytes()[:200], CTX)
