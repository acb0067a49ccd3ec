"""Queries over small board-style postings (fixtures/match_postings.jsonl) return exactly the expected ids."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.models import Posting
from bot.postings_io import posting_from_dict

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = [
    json.loads(line)
    for line in (FIXTURES / "match_postings.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
EXPECTED: dict[str, list[str]] = json.loads((FIXTURES / "match_expected.json").read_text(encoding="utf-8"))


@cache
def extracted() -> tuple[Posting, ...]:
    # imported here so the fixture-format test still runs while extraction is mid-change
    from bot.extract import extract_posting

    return tuple(extract_posting(posting_from_dict(record)) for record in RECORDS)


def test_match_fixtures_are_well_formed():
    ids = [record["id"] for record in RECORDS]
    assert len(ids) == len(set(ids))
    for record in RECORDS:
        assert set(record) == {"id", "title", "company", "location", "text", "url"}, record.get("id")
        assert (urlsplit(record["url"]).hostname or "").endswith("example.com"), record["id"]
    for query, want in EXPECTED.items():
        assert set(want) <= set(ids), query


@pytest.mark.parametrize("query", list(EXPECTED))
def test_query_matches_expected_ids(query):
    from bot.matching import match_query
    from bot.query import parse

    parsed = parse(query)
    got = {posting.id for posting in extracted() if match_query(parsed, posting) is not None}
    want = set(EXPECTED[query])
    assert got == want, f"{query!r}: missing {sorted(want - got)}, unexpected {sorted(got - want)}"
