"""Posting text to plain text: the fast paths give exactly what the slow ones give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import extract
from bot.extract.text import _flatten_plain, _Flattener, html_to_text, tidy, to_plain
from bot.models import Posting


def _parsed(markup: str) -> str:
    parser = _Flattener()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def test_plain_markup_flattens_like_the_parser():
    markup = (
        '<div class="x"><p>Paris &amp; Lyon</p><ul><li>One</li><LI>Two<br/>three</LI></ul>'
        "<h2 id='a' data-x=\"1\" hidden>Title</h2>a > b &lt;ok&gt; &eacute;t&#233;</div>"
    )
    assert _flatten_plain(markup) == _parsed(markup)
    assert html_to_text(markup) == _parsed(markup)
    assert "\n- One\n" in html_to_text(markup)


def test_markup_the_fast_path_does_not_know_goes_to_the_parser():
    for markup in (
        "<p>a < b</p>",  # a bare "<"
        "<p><!-- note --></p>",
        "<td colspan=2>x</td>",  # unquoted attribute
        "<script>if (a<b) {}</script><p>x</p>",
        "<p\u00a0class='a'>x</p>",  # no ASCII space after the name: HTMLParser reads another tag name
        "<br / >",
        '<a href="x"title="y">z</a>',
    ):
        assert _flatten_plain(markup) is None, markup
        assert html_to_text(markup) == _parsed(markup)


def test_references_are_read_chunk_by_chunk_as_the_parser_reads_them():
    for markup in (
        "<p>&am<b>p; &amp<i>;x</i> &#6<b>0; &lt;<b>b&gt;</b> a&<br>lt;</p>",  # no reference across a tag
        "<b>x</b>&lt;tag&gt;<i>y</i>",  # a "<" made by unescaping: not taken for a mark
        "<b>&nbsp;</b>&amp;<span>&copy</span>",
    ):
        assert _flatten_plain(markup) == _parsed(markup), markup


def test_an_empty_element_the_parser_may_read_as_raw_text_adds_nothing():
    markup = (
        '<p>Watch</p><iframe src="https://v" allowfullscreen></iframe><IFRAME></iframe>&am<script></script>p;'
    )
    assert _flatten_plain(markup) == _parsed(markup) == "\nWatch\n&amp;"
    for markup in ("<iframe>x</iframe>", "<iframe></b>", "</iframe>", "<iframe/></iframe>", "<p><iframe>"):
        assert _flatten_plain(markup) is None, markup


_FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<P >", "</p >", "<br>", "<br/>", "<BR />", "<li>", "</li>", "<div class=\"a b\">",
        "<span style='x'>", "</span>", "<h1 id=\"t\" hidden>", "<ul>", "</UL>", "<o:p>", "<my-tag>",
        "<a href=x>", "<a href=\"x\"/>", "<!-- c -->", "<!doctype html>", "<?php ?>", "<script>", "</script>",
        "<style>", "<template>", "</template>", "<textarea>", "<title>", "<", ">", "</", "</>", "&amp;",
        "&lt;", "&#39;", "&#x27", "&eacute", "&", "&nbsp;", " ", "\n", "\t", "\u00a0", "a", "Paris",
        "é", "x = 1", "\"", "'", "/", "<iframe src=\"v\">", "</iframe>", "<IFRAME>", "</Script>", "<b>",
        "</b>", "&amp", "&lt", "&#60;", "amp;", "lt;", "#39;", ";",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=25).map("".join))
def test_fast_path_agrees_with_the_parser_whenever_it_answers(markup: str):
    fast = _flatten_plain(markup)
    if fast is not None:
        assert fast == _parsed(markup)


_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _tidy_reference(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\f\v\r\n\u00a0\u2003\u200b\u202f\u3000\u2028ab.", max_size=40))
def test_tidy_folds_space_like_one_substitution_over_the_whole_class(text: str):
    assert tidy(text) == _tidy_reference(text)


def test_a_list_item_whose_text_is_a_paragraph_keeps_its_marker():
    markup = (
        "<h1>Profile</h1><ul><li><p>Airflow is a nice to have</p></li>"
        '<li><p style="min-height:1.5em">French mandatory</p></li><li>\n<div><p>Python</p></div></li></ul>'
    )
    assert to_plain(markup) == "Profile\n\n- Airflow is a nice to have\n\n- French mandatory\n\n- Python"


def test_an_empty_list_item_and_a_dash_in_text_stay_as_they_are():
    assert to_plain("<ul><li></li><li><p>-x</p></li></ul><p>a-</p><p>b</p>") == "-\n\n-\n-x\n\na-\n\nb"
    assert to_plain("Plain text\n-\nstays") == "Plain text\n-\nstays"


def test_an_item_that_ends_like_a_heading_does_not_hedge_the_next_item():
    # Ashby and Greenhouse wrap list items in paragraphs; an item is not a "Nice to have" heading.
    text = (
        "<h1>Profile</h1><ul><li><p>Airflow and DBT experience is a nice to have</p></li>"
        "<li><p>Excellent Communication in English and French mandatory </p></li>"
        "<li><p>You enjoy working in a team</p></li></ul>"
    )
    facets = extract(Posting(id="t", title="Data Scientist", location_text="Paris", text=text))
    assert {lang.code for lang in facets.languages if lang.required} == {"en", "fr"}


_LONE_BULLET_REFERENCE = re.compile(r"^-\n\n?(?=[^\n-])", re.M)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["-", "\n", "a", "- b", " "]), max_size=20).map("".join))
def test_a_lone_marker_joins_its_text_as_the_line_anchored_pattern_would(text: str):
    markup = "<p>" + text.replace("\n", "</p><p>") + "</p>"
    plain = tidy(html_to_text(markup))
    assert to_plain(markup) == _LONE_BULLET_REFERENCE.sub("- ", plain)


def test_a_lone_marker_at_the_very_start_joins_its_text():
    assert to_plain("<li><p>Fluent French</p></li><p>x</p>") == "- Fluent French\n\nx"


def test_a_less_than_sign_in_prose_is_no_markup():
    assert to_plain("Teams of < 5 people\n\n\nand a<b") == "Teams of < 5 people\n\nand a<b"
    assert to_plain("Teams of <5 people</p>") == "Teams of <5 people"


def test_escaped_markup_is_read_from_the_head_of_the_text():
    assert to_plain("&lt;p&gt;Hello&lt;/p&gt;") == "Hello"
    late = "x" * 20000 + "&lt;p&gt;"
    assert to_plain(late) == late  # only the head is looked at
