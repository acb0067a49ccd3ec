"""Dates as people read them, decided once for every platform: "starts Sep 2026", "posted 3 days ago"."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.views.card import card_view
from bot.views.dates import month_words, posted_words, start_words
from tests.fakes.cards import CARD

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("posted", "words"),
    [
        ("2026-03-02", "posted today"),
        ("2026-03-01", "posted yesterday"),
        ("2026-02-27", "posted 3 days ago"),
        ("2026-02-24", "posted 6 days ago"),
        ("2026-02-23", "posted 23 Feb"),  # a week or more: its day
        ("2025-12-02", "posted 2 Dec 2025"),  # another year: with the year
        ("2026-03-09", "posted 9 Mar"),  # a source's clock ahead of ours: never "in -7 days"
        ("2026-02", "posted Feb 2026"),
        ("soon", "posted soon"),
    ],
)
def test_a_postings_age_reads_in_days_while_recent_then_as_its_day(posted, words):
    assert posted_words(posted, NOW) == words


def test_with_no_moment_a_card_says_the_whole_day_which_never_goes_stale():
    assert posted_words("2026-02-27") == "posted 27 Feb 2026"
    assert posted_words(None, NOW) is None and posted_words("", NOW) is None


def test_start_words():
    assert start_words(asap=True, date_text="2026-09-01") == "ASAP"
    assert start_words(date_text="2026-09") == "Sep 2026"
    assert start_words(date_text="2026-09-15") == "15 Sep 2026"
    assert start_words(season="summer", year=2026) == "Summer 2026"
    assert start_words() is None
    assert month_words("2026-13") == "2026-13"  # not a month: as written


def test_every_layout_of_a_card_reads_the_same_dates():
    card = replace(CARD, start="ASAP", posted="2026-02-27", as_of=NOW)
    view = card_view(card)
    assert "starts ASAP" in view.summary and view.summary.endswith("posted 3 days ago")
    assert ("Start", "ASAP") in [(f.label, f.value) for f in view.facts]
    assert view.footer == "ashby:acme · posted 3 days ago"
