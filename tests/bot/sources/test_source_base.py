from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.models import Posting
from bot.sources.base import (
    ParseResult,
    Skip,
    SourceFormatError,
    all_or_nothing,
    collect,
    country_code,
    fix_mojibake,
    load_json,
    located_in,
    make_location,
    parse_datetime,
    strip_tracking,
)


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://x.example/j/1?utm_source=a&utm_medium=b&id=7", "https://x.example/j/1?id=7"),
        ("https://boards.greenhouse.io/acme/jobs/1?gh_src=abc", "https://boards.greenhouse.io/acme/jobs/1"),
        (
            "https://jobs.lever.co/acme/1?lever-source=LinkedIn&lever-origin=applied",
            "https://jobs.lever.co/acme/1",
        ),
        ("https://x.example/?ref=hn&source=tw&keep=1#apply", "https://x.example/?keep=1#apply"),
        ("https://Jobs.Example.COM/a?gh_jid=5&gh_jid=5", "https://jobs.example.com/a?gh_jid=5"),
        ("mailto:jobs@example.com?subject=utm_x", "mailto:jobs@example.com?subject=utm_x"),
        ("", ""),
    ],
)
def test_strip_tracking(url, clean):
    assert strip_tracking(url) == clean


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-28T08:00:00-05:00", datetime(2026, 1, 28, 8, tzinfo=timezone(timedelta(hours=-5)))),
        ("2026-01-30 09:12:44 UTC", datetime(2026, 1, 30, 9, 12, 44, tzinfo=UTC)),
        ("2026-02-14T10:30:00.000Z", datetime(2026, 2, 14, 10, 30, tzinfo=UTC)),
        ("2026-02-02", datetime(2026, 2, 2, tzinfo=UTC)),
        (1767261600000, datetime(2026, 1, 1, 10, tzinfo=UTC)),
        (1767261600, datetime(2026, 1, 1, 10, tzinfo=UTC)),
        ("1767261600", datetime(2026, 1, 1, 10, tzinfo=UTC)),
        ("Posted Today", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [("Germany", "DE"), ("USA", "US"), ("United States", "US"), ("UK", "GB"), ("de", "DE"), ("NO", "NO"),
     ("it", "IT"), ("Deutschland", "DE"), ("European Union", None), ("Remote", None), ("", None)],
)  # fmt: skip
def test_country_code(name, code):
    assert country_code(name) == code


def test_locations():
    loc = make_location("Milano", "Lombardy", "Italy")
    assert (loc.city, loc.region, loc.country, loc.evidence, loc.basis) == (
        "Milano", "Lombardy", "IT", "Milano, Lombardy, Italy", "source",
    )  # fmt: skip
    assert make_location(None, "Europe", "European Union") is None
    assert all_or_nothing([loc, None]) == ()
    assert all_or_nothing([loc, loc]) == (loc,)
    paris = located_in("Paris, France", "FR")
    assert (paris.city, paris.country, paris.geoname_id is not None) == ("Paris", "FR", True)
    assert located_in("Remote", "fr").city is None and located_in("Remote", "fr").country == "FR"
    assert located_in("Paris", None) is None


def test_fix_mojibake_only_touches_broken_sequences():
    assert fix_mojibake("Gda\u00c5\u0084sk") == "Gdańsk"
    assert fix_mojibake("São Paulo, Zürich 🚀") == "São Paulo, Zürich 🚀"


def test_load_json_errors_say_what_came():
    assert load_json(b"\xef\xbb\xbf[1]", "k") == [1]
    with pytest.raises(SourceFormatError, match=r"k: expected JSON, found truncated JSON"):
        load_json(b'{"a": [1, 2', "k")
    with pytest.raises(SourceFormatError, match="not UTF-8"):
        load_json(b'{"a": "\xe9"}', "k")


def test_collect_skips_bad_records_and_duplicates():
    def build(record):
        if record.get("skip"):
            return Skip("placeholder", record["id"])
        return Posting(id=f"k:b:{record['id']}", title=record["title"])

    result = collect(
        "k", [{"id": 1, "title": "a"}, {"id": 1, "title": "a"}, {"id": 2}, 3, {"id": 4, "skip": 1}], build
    )
    assert isinstance(result, ParseResult)
    assert [p.id for p in result.postings] == ["k:b:1"]
    assert [s.reason for s in result.skipped] == ["duplicate", "malformed", "malformed", "placeholder"]
    assert "KeyError" in result.skipped[1].detail


@pytest.mark.parametrize("depth", [65, 3_000, 200_000])
def test_json_nested_absurdly_deep_is_a_format_error_not_a_recursion_error(depth):
    from bot.sources import greenhouse
    from bot.sources.base import SourceContext

    nested = "[" * depth + "]" * depth
    body = f'{{"jobs": [{{"id": 1, "title": "Intern", "metadata": {nested}}}]}}'.encode()
    with pytest.raises(SourceFormatError, match="JSON nested deeper than") as caught:
        greenhouse.parse(
            body, SourceContext("gh-1", url="https://boards-api.greenhouse.io/v1/boards/acme/jobs")
        )
    assert caught.value.kind == "greenhouse"


def test_json_nested_to_the_limit_still_loads():
    from bot.sources.base import MAX_JSON_DEPTH, json_depth

    value = load_json(("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH).encode(), "k")
    assert json_depth(value, MAX_JSON_DEPTH + 1) == MAX_JSON_DEPTH
    assert json_depth({"a": [1, {"b": "x"}], "c": 2}, 99) == 3 and json_depth("x", 99) == 0
