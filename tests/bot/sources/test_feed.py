import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources import feed
from bot.sources.base import SourceContext, SourceFormatError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "sources" / "feed"
CTX = SourceContext("harbourline", company="Harbourline")


def test_rss_items_take_guid_then_link_then_a_content_hash_as_id():
    result = feed.parse((FIXTURES / "jobs.rss").read_bytes(), CTX)
    trainee, analyst, technician = result.postings
    assert trainee.id == "feed:harbourline:harbourline-job-117"
    assert trainee.url == "https://careers.harbourline.example/jobs/117"
    assert trainee.company == "Harbourline"
    assert trainee.posted_at == datetime(2026, 2, 9, 7, 0, tzinfo=UTC)
    assert "Dutch and English required" in trainee.text
    assert analyst.id == "feed:harbourline:https://careers.harbourline.example/jobs/118"
    assert (
        technician.id.startswith("feed:harbourline:") and len(technician.id) == len("feed:harbourline:") + 20
    )
    assert technician.id == feed.parse((FIXTURES / "jobs.rss").read_bytes(), CTX).postings[2].id


def test_atom_entries():
    [entry] = feed.parse((FIXTURES / "jobs.atom").read_bytes(), CTX).postings
    assert entry.id == "feed:harbourline:urn:uuid:2f1c0000-0000-4000-8000-000000000201"
    assert entry.url == "https://jobs.lindqvistberg.example/201"
    assert "Swedish and English" in entry.text
    assert json.loads(json.dumps(entry.raw))["title"] == "Trainee Controller (Stockholm)"
    assert entry.posted_at == datetime(2026, 2, 12, 10, 0, tzinfo=UTC)


def test_a_string_is_parsed_as_the_document_never_as_a_url_or_path(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes((FIXTURES / "jobs.atom").read_bytes())
    with pytest.raises(SourceFormatError):
        feed.parse(str(secret), CTX)
    with pytest.raises(SourceFormatError):
        feed.parse("https://example.com/feed.xml", CTX)


def test_a_bare_ampersand_in_a_closed_feed_is_forgiven():
    body = (FIXTURES / "jobs.rss").read_bytes().replace(b"Customs Analyst", b"Customs & Tax Analyst")
    result = feed.parse(body, CTX)
    assert [p.title for p in result.postings][1] == "Customs & Tax Analyst"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b"", "empty body"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut off', "well-formed"),
        (b"<html><body><p>Not a feed</p></body></html>", "neither"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<rss version="2.0"><channel><item><title>&b;</title></item></channel></rss>',
            "entity declarations",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            b'<rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>',
            "entity declarations",
        ),
    ],
)
def test_bad_feeds_raise(body, found):
    with pytest.raises(SourceFormatError, match=found):
        feed.parse(body, CTX)
