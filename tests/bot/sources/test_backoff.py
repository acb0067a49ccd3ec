from datetime import UTC, datetime

import pytest

from bot.sources.backoff import next_delay, parse_retry_after


def middle():
    return 0.5


@pytest.mark.parametrize(
    ("failures", "expected"), [(0, 0.0), (1, 10.0), (2, 20.0), (3, 40.0), (6, 320.0), (7, 600.0)]
)
def test_delay_doubles_per_failure_up_to_the_cap(failures, expected):
    assert next_delay(failures, base=10, cap=600, jitter=0.2, rand=middle) == expected


def test_huge_failure_counts_stay_at_the_cap():
    assert next_delay(10_000, base=60, cap=3600, jitter=0, rand=middle) == 3600


def test_jitter_spreads_the_delay_within_its_fraction():
    low = next_delay(3, base=10, cap=600, jitter=0.25, rand=lambda: 0.0)
    high = next_delay(3, base=10, cap=600, jitter=0.25, rand=lambda: 0.999999)
    assert low == pytest.approx(30.0)
    assert high == pytest.approx(50.0, abs=1e-3)
    assert next_delay(20, base=10, cap=600, jitter=0.25, rand=lambda: 0.999999) <= 600


def test_default_jitter_varies_between_calls():
    delays = {next_delay(4, base=10, cap=600) for _ in range(20)}
    assert len(delays) > 1
    assert all(64 <= d <= 96 for d in delays)


NOW = datetime(2026, 11, 2, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Mon, 02 Nov 2026 12:01:30 GMT", 90.0),
        ("Mon, 02 Nov 2026 11:00:00 GMT", 0.0),
        (None, None),
        ("", None),
        ("-5", None),
        ("soon", None),
        ("1.5", None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header, expected):
    assert parse_retry_after(header, now=NOW) == expected
