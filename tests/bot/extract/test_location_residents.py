"""The fast test for "… candidates only" says what the regex it stands in for says."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.locations import _RESIDENTS_ONLY, _may_name_residents, _residents_only

_PARTS = [
    "candidates", "applicants", "residents", "citizens", "Candidates", "noncitizens", "only", "Only", "onlyx",
    "only_", "only.", " ", "  ", "\n", "\t", "\u00a0", "s", "x", ",", "é",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=10).map("".join))
def test_residents_only_agrees_with_the_regex(body: str):
    assert _residents_only(body) == (_RESIDENTS_ONLY.search(body) is not None)


_SCREEN_PARTS = [
    *_PARTS, "based", "Based", "BASED", "-based", "itizen", "Citizen", "CITIZEN", "team members", "İ", "ONLY",
    "US",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_PARTS), max_size=12).map("".join))
def test_residents_screen_reads_the_shared_pass_as_the_body_itself(body: str):
    assert _may_name_residents(body, shared=True) == _may_name_residents(body, shared=False)
