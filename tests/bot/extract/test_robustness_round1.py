"""Hostile and malformed posting text: every reader answers, keeps the text it can, and never hangs.

Each call runs under ``bounded`` (a generous hang guard, not a speed target): these inputs took minutes,
or crashed, before the readers were hardened.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import LOCATION_CHARS, TITLE_CHARS, extract, extract_posting
from bot.extract.bounded_html import BoundedHTMLParser
from bot.extract.text import _has_escaped_tag, looks_like_html, to_plain
from bot.models import Location, Posting, SourceHints
from tests.bounded import bounded

LONG = 100_000


def _run(unit: str, length: int = LONG) -> str:
    return (unit * (length // len(unit) + 1))[:length]


# Runs of one token: the shapes that made a regex backtrack or HTMLParser rescan to the end of the text.
HOSTILE_UNITS = [
    "<", "< ", "<a ", "<a", '<a b="', "<div x='1' ", "<a\n", "<a/", "<a =", "</a", "<!--", "<!--x>", "<?x",
    "<!x", "<![x", "<![CDATA[", "&lt;", "&lt;a ", "&lt;p ", "&", "&#", "&amp", " ", "\n", "-\n", "French ",
    "Paris, ", "(A ", "A. ", "a,", "é", "Fluent in French and German, based in Paris or London. ",
]  # fmt: skip


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
@pytest.mark.parametrize("prefix", ["", "<p>Intern</p>"])
def test_a_long_run_of_one_token_is_read_within_the_bound(unit, prefix):
    text = prefix + _run(unit)
    plain = bounded(to_plain, text)
    assert isinstance(plain, str)
    if prefix:
        assert plain.startswith("Intern")


@pytest.mark.parametrize(
    "shape",
    ["<", "< ", "<a ", "<a", '<a b="', "<!--x>", "&lt;a ", "French ", "Paris, ", "\n- ", "(A "],
)
def test_extraction_of_a_long_hostile_body_answers_within_the_bound(shape):
    posting = Posting(id="x", title="Intern", location_text="Paris", text="<p>Intern</p>" + _run(shape))
    facets = bounded(extract, posting)
    assert [loc.city for loc in facets.locations] == ["Paris"]


def test_a_space_run_after_an_angle_bracket_is_no_tag_and_no_hang():
    assert not bounded(looks_like_html, "<" + " " * LONG)
    assert not bounded(looks_like_html, "x <a" + "b" * LONG)
    assert bounded(looks_like_html, "<" + " " * LONG + "p>")


def test_unknown_marked_sections_read_as_comments():
    assert to_plain("<p>hi <![if !supportLists]>x<![endif]> there</p>") == "hi x there"
    assert to_plain("<p>a</p><![bogus x]> more <b>b</b>") == "a\nmore b"
    assert to_plain("<p>a</p><![foo[x]]> more") == "a\nmore"
    assert to_plain("<p>a</p><![ 1 more") == "a\n<![ 1 more"


def test_tags_that_never_close_keep_the_text_around_them():
    text = "<p>Fluent French</p>" + '<a b="' * 20_000 + " apply in Lyon"
    plain = bounded(to_plain, text)
    assert plain.startswith("Fluent French")
    assert plain.endswith("apply in Lyon")
    facets = bounded(extract, Posting(id="x", title="Intern", text=text))
    assert "fr" in facets.required_languages


def test_the_degraded_reading_drops_tags_and_keeps_block_breaks():
    # Comments that never close: past the parser's budget, the rest is read by the linear tag strip.
    text = "<p>Keep</p>" + "<!--x>" * 40_000 + "<p>Paris &amp; Lyon</p><li>Item</li>"
    plain = bounded(to_plain, text)
    assert plain.startswith("Keep")
    assert plain.endswith("<!--x>\nParis & Lyon\n\n- Item")
    assert plain == to_plain("<p>Keep</p>" + "&lt;!--x&gt;" * 40_000 + "<p>Paris &amp; Lyon</p><li>Item</li>")


def test_a_long_sentence_is_read_in_pieces_and_still_understood():
    sentence = "we work with " + "many partners and clients " * 4000 + "and you speak fluent French"
    facets = bounded(extract, Posting(id="x", title="Intern", text=sentence))
    assert facets.required_languages == ("fr",)


def test_a_huge_title_and_location_are_read_in_part_and_kept_whole():
    title = "Marketing Intern (French) " + "French " * 20_000
    location = "Paris, France; " * 10_000
    posting = Posting(id="x", title=title, location_text=location, text="Hello")
    done = bounded(extract_posting, posting)
    assert done.title == title and done.location_text == location  # the posting keeps every character
    assert [(loc.city, loc.country) for loc in done.facets.locations] == [("Paris", "FR")]  # its head is read
    assert "fr" in done.facets.required_languages
    assert [loc.city for loc in done.facets.locations] == ["Paris"]
    assert TITLE_CHARS == 500 and LOCATION_CHARS == 2000


def test_a_title_just_under_the_cap_is_read_whole():
    title = "x" * (TITLE_CHARS - len(" (German)")) + " (German)"
    facets = extract(Posting(id="x", title=title))
    assert facets.required_languages == ("de",)


# --- the bounded parser reads exactly as HTMLParser does while within its budget --------------------------


class _Recorder:
    """Every event a parser reports, in order."""

    seen: list[tuple[str, object]]

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", (tag, tuple(attrs))))

    def handle_endtag(self, tag):
        self.seen.append(("end", tag))

    def handle_data(self, data):
        self.seen.append(("data", data))

    def handle_comment(self, data):
        self.seen.append(("comment", data))


class _Events(_Recorder, HTMLParser):
    def __init__(self) -> None:
        HTMLParser.__init__(self)
        self.seen = []


class _BoundedEvents(_Recorder, BoundedHTMLParser):
    def __init__(self) -> None:
        BoundedHTMLParser.__init__(self)
        self.seen = []


def _events(parser: HTMLParser, markup: str) -> list[tuple[str, object]]:
    parser.feed(markup)
    parser.close()
    return parser.seen  # type: ignore[attr-defined]


MARKUP_PIECES = [
    "<p>", "</p>", "<a ", "<a b='x'>", '"', "'", "<!--", "-->", "<?", ">", "</", "<", "&amp;", "&", "text",
    " ", "\n", "<br/>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "=", "/",
]  # fmt: skip
MARKUP = st.lists(st.sampled_from(MARKUP_PIECES), max_size=30).map("".join)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(MARKUP)
def test_within_its_budget_the_bounded_parser_reports_what_htmlparser_reports(markup):
    assert _events(_BoundedEvents(), markup) == _events(_Events(), markup)


_OLD_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*.*?&gt;", re.S)
ESCAPED_PIECES = ["&lt;", "&gt;", " ", "/", "p", "1", "x", "\n", "<"]
ESCAPED = st.lists(st.sampled_from(ESCAPED_PIECES), max_size=20).map("".join)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(ESCAPED)
def test_escaped_tag_detection_answers_as_the_backtracking_pattern_did(text):
    assert _has_escaped_tag(text) == (_OLD_ESCAPED_TAG.search(text) is not None)


def test_huge_location_hints_are_read_in_part_within_the_bound():
    huge = "Paris, " * 20_000
    hints = SourceHints(
        location_texts=(huge,),
        locations=(Location(city="Paris", region=huge, country="FR", evidence=huge, basis="source"),),
    )
    posting = Posting(id="x", title="Intern", text="Hello", hints=hints)
    done = bounded(extract_posting, posting)
    assert done.hints is hints  # the posting keeps its hints whole
    assert [(loc.city, loc.country) for loc in done.facets.locations] == [("Paris", "FR")]
    assert "Paris" in [loc.city for loc in done.facets.locations]
