"""Start dates that titles and vendor terms name beyond "Summer 2026"."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.extract.dates import extract_start
from bot.models import Posting, SourceHints, StartFacet


def start(title: str, body: str = "", vendor: str | None = None):
    facet = extract_start(Posting(id="t:1", title=title, text=body, hints=SourceHints(start=vendor)), body)
    return facet and (facet.date, facet.season, facet.year, facet.asap)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fall Co-op 2026", (None, "fall", 2026, False)),
        ("2026 Summer Analyst", (None, "summer", 2026, False)),
        ("Winter/Spring 2026 Co-op", (None, "winter", 2026, False)),
        ("Praktikum ab März 2026", ("2026-03", None, 2026, False)),
        ("Intern (Jan-Jun 2026)", ("2026-01", None, 2026, False)),
        ("Stage - à partir de septembre 2026", ("2026-09", None, 2026, False)),
        ("Werkstudent (m/w/d) ab sofort", (None, None, None, True)),
        # a bare month may be when the job ends: the title says no start
        ("Legal Intern - July 2026", None),
    ],
)
def test_starts_in_titles(title, expected):
    assert start(title) == expected


def test_the_first_season_of_a_vendor_term():
    assert start("Engineer", vendor="Spring/Summer 2026") == (None, "spring", 2026, False)


def test_a_span_of_months_starts_at_its_first():
    body = "Legal Intern in our Legal team, running from January to July 2026."
    assert start("Legal Intern - July 2026", body) == ("2026-01", None, 2026, False)


# --- The title's month is looked for only where a year may be, "ASAP" by its lower-cased twin ---

_TITLE_PIECES = st.sampled_from([
    "Intern", "ab", "März", "MÄRZ", "Jan", "-", "Jun", "2026", "1999", "2O26", "20", "19", "Start", "from",
    "ASAP", "AS SOON AS POSSIBLE", "Immediately", "ab Sofort", "ſofort", "İ", "ı", "K", "(", ")", "Summer",
    "Dès que possible", "da subito",
])  # fmt: skip


def _title_start_by_patterns(title: str):
    from bot.extract.dates import _ASAP, _TITLE_MONTH, _start_from_date

    dated = _TITLE_MONTH.search(title)
    if dated and (dated.group("cue") or dated.group("span")):
        return _start_from_date(dated, "title")
    asap = _ASAP.search(title)
    return StartFacet(asap=True, evidence=asap.group(0), basis="title") if asap else None


@settings(max_examples=400, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=7).map(" ".join))
def test_title_months_and_asap_are_read_as_their_patterns_read_them(title: str) -> None:
    from bot.extract.dates import _TITLE_SEASON, _title_start

    assume(not _TITLE_SEASON.search(title))  # the season comes first; not changed
    assert _title_start.__wrapped__(title) == _title_start_by_patterns(title)
