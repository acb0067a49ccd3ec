from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import personio
from bot.sources.base import SourceContext, SourceFormatError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources" / "personio" / "positions.xml"
CTX = SourceContext("ps-1", url="https://bergwerk.jobs.personio.de/xml?language=de")

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE workzag-jobs [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<workzag-jobs><position><id>1</id><name>&c;</name></position></workzag-jobs>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE workzag-jobs [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<workzag-jobs><position><id>1</id><name>&secret;</name></position></workzag-jobs>"""


def test_positions_map_office_type_and_description_sections():
    intern, accountant = personio.parse(FIXTURE.read_bytes(), CTX).postings
    assert intern.id == "personio:bergwerk:1203344"
    assert intern.title == "Praktikum Backend-Entwicklung (w/m/d)"
    assert intern.company == "Bergwerk Software GmbH"
    assert intern.url == "https://bergwerk.jobs.personio.de/job/1203344"
    assert intern.location_text == "München"
    assert intern.hints.location_texts == ("Remote",)
    assert intern.hints.employment_type == "intern"
    assert intern.hints.department == "Engineering"
    assert intern.posted_at == datetime(2026, 1, 12, 8, 30, tzinfo=UTC)
    assert "<h3>Dein Profil</h3>" in intern.text and "Fließend Deutsch" in intern.text
    assert intern.raw["seniority"] == "student"
    assert accountant.hints.employment_type == "part-time"  # "permanent" says less than the schedule
    assert accountant.company == "bergwerk"


@pytest.mark.parametrize("hostile", [BOMB, EXTERNAL])
def test_entity_declarations_are_refused(hostile):
    with pytest.raises(SourceFormatError, match="entity declarations"):
        personio.parse(hostile, CTX)


@pytest.mark.parametrize(
    ("payload", "found"),
    [
        (b"<workzag-jobs><position><id>1</id>", "malformed XML"),
        (b"<html><body>Maintenance</body></html>", "<html>"),
        (b"<workzag-jobs><position><id>\xff\xfe</id></position></workzag-jobs>", "malformed XML"),
    ],
)
def test_bad_xml_raises(payload, found):
    with pytest.raises(SourceFormatError, match=found):
        personio.parse(payload, CTX)


def test_a_position_without_an_id_is_skipped():
    body = (
        b"<workzag-jobs><position><name>No id</name></position>"
        b"<position><id>7</id><name>Ok</name></position></workzag-jobs>"
    )
    result = personio.parse(body, CTX)
    assert [p.id for p in result.postings] == ["personio:bergwerk:7"]
    assert [s.reason for s in result.skipped] == ["malformed"]
