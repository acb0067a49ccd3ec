"""Hostile and malformed payloads for every source kind: postings, or a SourceFormatError saying what was
wrong, within a bounded time; never a bare exception from inside a parser."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime

import pytest

from bot.sources.base import ParseResult, SourceContext, SourceFormatError, parse_datetime
from tests.bounded import bounded

JSON_KINDS = [
    "ashby", "greenhouse", "lever", "recruitee", "remoteok", "smartrecruiters", "tiktok", "workable",
    "workday", "simplify",
]  # fmt: skip
KINDS = [*JSON_KINDS, "personio", "feed", "jsonld"]
DEEP = 100_000

HOSTILE = {
    "empty": b"",
    "blank": b"  \n ",
    "not utf-8": b"\xff\xfe\x00garbage",
    "deep list": b"[" * DEEP + b"]" * DEEP,
    "deep object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "endless number": b"1" * 5000,
    "endless number inside": b'{"jobs": [{"id": ' + b"9" * 5000 + b"}]}",
    "nan": b'{"jobs": NaN, "postings": Infinity}',
    "scalar": b'"x"',
    "null": b"null",
    "odd list": b'[null, 1, "x", []]',
    "wrong kinds": b'{"jobs": {"a": 1}, "postings": 5, "content": "x", "data": 3, "results": null}',
    "unclosed xml": b"<workzag-jobs><position><id>1</id>",
    "deep xml": b"<a>" * DEEP,
    "entity xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workzag-jobs>&a;</workzag-jobs>',
    "utf-16 rss": '<?xml version="1.0" encoding="utf-16"?><rss><channel><item><title>x</title></item>'
    "</channel></rss>".encode("utf-16"),
    "rss of brackets": b"<rss version='2.0'><channel><item><title>" + b"<" * DEEP + b"</title></item></rss>",
    "never-closed tags": b"<html><body>" + b"<a " * 30_000,
    "run of brackets": b"<" * DEEP,
    "decoded object": {"jobs": [{"x": [1]}]},
    "decoded list": [[], {}, None],
}


def _parse(kind: str, payload: object) -> ParseResult | SourceFormatError:
    module = importlib.import_module(f"bot.sources.{kind}")
    ctx = SourceContext("s-1", url=f"https://acme.example.com/{kind}/acme", board="acme", company="Acme")
    try:
        return module.parse(payload, ctx)
    except SourceFormatError as exc:
        return exc


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_payload_gives_postings_or_a_source_format_error(kind, name):
    answer = bounded(_parse, kind, HOSTILE[name])
    if isinstance(answer, SourceFormatError):
        assert str(answer).startswith(f"{answer.kind}: expected ")
    else:
        assert isinstance(answer, ParseResult)


@pytest.mark.parametrize("kind", JSON_KINDS)
@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("deep list", "JSON nested deeper than that"),
        ("deep object", "JSON nested deeper than that"),
        ("endless number", "a number too long to read"),
        ("endless number inside", "a number too long to read"),
    ],
)
def test_json_too_deep_or_too_long_to_read_says_so(kind, name, found):
    answer = _parse(kind, HOSTILE[name])
    assert isinstance(answer, SourceFormatError)
    assert answer.found == found


def test_malformed_personio_xml_names_the_problem():
    answer = _parse("personio", HOSTILE["unclosed xml"])
    assert isinstance(answer, SourceFormatError)
    assert answer.found.startswith("malformed XML (")


def test_a_page_whose_markup_never_closes_keeps_the_job_postings_before_it():
    block = b'<script type="application/ld+json">{"@type": "JobPosting", "title": "Data Intern"}</script>'
    page = b"<html><head>" + block + b"</head><body>" + b"<a " * 30_000
    answer = bounded(_parse, "jsonld", page)
    assert isinstance(answer, ParseResult)
    assert [posting.title for posting in answer.postings] == ["Data Intern"]
    assert [skip.reason for skip in answer.skipped] == ["malformed"]


def test_json_ld_blocks_too_deep_or_too_long_are_skipped_and_the_rest_read():
    good = b'<script type="application/ld+json">{"@type": "JobPosting", "title": "Data Intern"}</script>'
    deep = b'<script type="application/ld+json">' + b"[" * DEEP + b"</script>"
    long = b'<script type="application/ld+json">{"n": ' + b"9" * 5000 + b"}</script>"
    answer = bounded(_parse, "jsonld", b"<html>" + deep + long + good + b"</html>")
    assert isinstance(answer, ParseResult)
    assert [posting.title for posting in answer.postings] == ["Data Intern"]
    assert sorted(skip.detail.split(": ", 1)[1] for skip in answer.skipped) == [
        "JSON nested deeper than that",
        "a number too long to read",
    ]


def test_a_record_nested_too_deeply_to_clean_is_skipped_and_the_others_kept():
    deep = b"[" * 950 + b"]" * 950
    body = (
        b'{"jobs": [{"id": 2, "title": "Data Intern", "absolute_url": "https://acme.example.com/2"},'
        b' {"id": 1, "title": "x", "absolute_url": "https://acme.example.com/1", "extra": ' + deep + b"}]}"
    )
    # As bytes, nesting past MAX_JSON_DEPTH refuses the whole payload (test_source_base); a payload handed
    # over already decoded reaches collect, which must still keep the other records.
    answer = bounded(_parse, "greenhouse", json.loads(body))
    assert isinstance(answer, ParseResult)
    assert [posting.title for posting in answer.postings] == ["Data Intern"]
    assert [skip.detail for skip in answer.skipped] == ["record 1: nested too deeply to read"]


@pytest.mark.parametrize("kind", ["personio", "feed"])
@pytest.mark.parametrize(
    ("payload", "found"),
    [
        (b'<?xml version="1.0" encoding="bogus-enc"?><workzag-jobs/>', "unknown encoding: bogus-enc"),
        (b'<?xml version="1.0" encoding="utf-32"?><workzag-jobs/>', "multi-byte encodings are not supported"),
    ],
)
def test_xml_declaring_an_encoding_that_cannot_be_read_says_so(kind, payload, found):
    answer = _parse(kind, payload)
    assert isinstance(answer, SourceFormatError)
    assert answer.found == found


def test_a_feed_given_as_text_with_a_lone_surrogate_reads_it_as_a_replacement_character():
    text = '<rss version="2.0"><channel><item><title>Intern \ud800</title></item></channel></rss>'
    answer = _parse("feed", text)
    assert isinstance(answer, ParseResult)
    assert [posting.title for posting in answer.postings] == ["Intern \ufffd"]


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2024-01-10" + " " * 100_000 + "x", "2024-01-10T00:00:00+00:00"),
        ("2024-01-10 12:00:00" + " " * 100_000 + "UTC", "2024-01-10T12:00:00+00:00"),
        ("2024-01-10T12:00:00z", "2024-01-10T12:00:00+00:00"),
        ("1" * 5000, None),
        ("²", None),
    ],
)
def test_a_vendor_date_is_read_or_left_unknown_within_the_bound(value, read):
    parsed = bounded(parse_datetime, value)
    assert (parsed.isoformat() if parsed else None) == read


@pytest.mark.parametrize(
    ("posted", "days"),
    [
        ("Posted 30+ Days Ago", 30),
        ("1" * 100_000, None),
        ("9" * 100_000 + " days ago", None),
        ("7 days ago", 7),
    ],
)
def test_a_workday_posted_on_text_is_read_or_left_unknown_within_the_bound(posted, days):
    from bot.sources.workday import _posted_on

    now = datetime(2026, 1, 10, tzinfo=UTC)
    read = bounded(_posted_on, posted, now)
    assert (None if read is None else (now - read).days) == days
