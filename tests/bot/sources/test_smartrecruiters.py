from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import smartrecruiters
from bot.sources.base import SourceContext, SourceFormatError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "sources" / "smartrecruiters"
CTX = SourceContext("sr-1", url="https://careers.smartrecruiters.com/Maisonvert")


def test_list_page_maps_location_ref_number_and_type():
    result = smartrecruiters.parse((FIXTURES / "postings.json").read_bytes(), CTX)
    assert result.total == 2
    stage, manager = result.postings
    assert stage.id == "smartrecruiters:Maisonvert:744000061234567"
    assert stage.company == "Maison Vert"
    assert stage.url == "https://jobs.smartrecruiters.com/Maisonvert/744000061234567"
    assert stage.location_text == "Lyon, Auvergne-Rhône-Alpes, France"
    [place] = stage.hints.locations
    assert (place.city, place.country) == ("Lyon", "FR")
    assert stage.hints.job_code == "REF2291X"
    assert stage.hints.employment_type == "Internship"
    assert stage.hints.department == "Finance"
    assert (stage.hints.workplace, stage.hints.is_remote) == ("hybrid", False)
    assert stage.posted_at == datetime(2026, 1, 20, 14, 2, 11, tzinfo=UTC)
    assert manager.location_text == "Ghent, BE"
    assert manager.hints.locations[0].country == "BE"


def test_detail_carries_the_ad_text_and_a_clean_url():
    [stage] = smartrecruiters.parse((FIXTURES / "detail.json").read_bytes(), CTX).postings
    assert stage.url == (
        "https://jobs.smartrecruiters.com/Maisonvert/744000061234567-stagiaire-controle-de-gestion?trid=abc"
    )
    assert stage.text.index("Missions") < stage.text.index("Profil") < stage.text.index("Qui sommes-nous")


def test_shape_change_raises():
    with pytest.raises(SourceFormatError, match='"content" list'):
        smartrecruiters.parse(b'{"offset": 0, "postings": []}', CTX)
