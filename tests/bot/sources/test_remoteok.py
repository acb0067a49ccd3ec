from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import remoteok
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "remoteok" / "api.json"
CTX = SourceContext("remoteok", url="https://remoteok.com/api")


def test_jobs_map_and_the_notice_and_empty_rows_are_skipped():
    result = remoteok.parse(FIXTURE.read_bytes(), CTX)
    assert [s.reason for s in result.skipped] == ["notice", "malformed"]
    backend, support = result.postings
    assert backend.id == "remoteok:remoteok:2001"
    assert backend.title == "Backend Engineer"
    assert backend.company == "Tidepool"
    assert backend.url == "https://remoteok.com/remote-jobs/remote-backend-engineer-tidepool-2001"
    assert backend.location_text == "Gdańsk, Poland"  # mojibake read back
    assert "You’ll pair with our Gdańsk team" in backend.text
    assert backend.hints.is_remote is True
    assert backend.posted_at == datetime(2026, 2, 24, 2, 26, 40, tzinfo=UTC)
    assert support.location_text == ""


def test_an_object_instead_of_a_list_raises():
    with pytest.raises(SourceFormatError, match="a JSON list of jobs"):
        remoteok.parse(b'{"error": "rate limited"}', CTX)
