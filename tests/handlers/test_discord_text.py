"""Neutral runs as Discord markdown: posting text never formats, links or mentions, and cuts never break."""

import re

import pytest
from discord.utils import escape_markdown

from bot.views.rich import Run, bold, channel, code, link, markup, plain
from handlers.discord_text import clean, escape, fit, is_snowflake, link_url, markdown, run, share, stack
from tests.handlers.discord_markdown import live, visible

SNOWFLAKE = "123456789012345678"
HOSTILE = [
    "@everyone",
    "@here",
    "hi @Everyone!",
    "＠here",
    f"<@{SNOWFLAKE}>",
    f"<@!{SNOWFLAKE}>",
    f"<@&{SNOWFLAKE}>",
    f"<#{SNOWFLAKE}>",
    f"</jobs list:{SNOWFLAKE}>",
    "<t:1700000000:R>",
    f"<a:party:{SNOWFLAKE}>",
    f"<:x:{SNOWFLAKE}>",
    "<id:customize>",
    "[click](https://evil.example)",
    "[click](<https://evil.example>)",
    "https://evil.example/x",
    "<https://evil.example>",
    "# Heading",
    "## Heading",
    "### Heading",
    "-# small",
    "- item",
    "  - indented item",
    "* item",
    "+ item",
    "1. item",
    "> quote",
    ">>> quote",
    "**bold**",
    "__underline__",
    "*italic*",
    "_italic_",
    "~~strike~~",
    "||spoiler||",
    "`code`",
    "```block```",
    "\\*not bold\\*",
    "first\n# Heading\n-# small\n- item",
]
CONTROL = ["a\u202eb", "a\u2066b\u2069", "a\x00b\x07", "a\u200fb", "a\x1bb"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_posting_text_never_renders_as_anything(hostile):
    assert live(escape(hostile)) == []
    assert live(markdown((plain(hostile),))) == []
    assert live(markdown((bold(hostile),))) == ["bold", "bold"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_escaped_text_still_reads_the_same(hostile):
    assert visible(escape(hostile)) == hostile


@pytest.mark.parametrize("text", CONTROL)
def test_control_and_bidi_marks_are_removed(text):
    assert escape(text) == clean(text) == "ab"


def test_the_library_escape_leaves_holes_ours_does_not():
    # Why discord_text escapes by itself: escape_markdown keeps lists, autolinks and mentions alive.
    for hostile in ("1. item", "https://evil.example", f"<@{SNOWFLAKE}>", "@everyone"):
        assert live(escape_markdown(hostile)) != []
        assert live(escape(hostile)) == []


def test_ordinary_text_stays_readable():
    assert escape("Marketing Intern (Paris, FR) - 2026") == "Marketing Intern (Paris, FR) - 2026"
    assert escape("email me@herecorp.com") == "email me@herecorp.com"
    assert escape("R&D 50% <3") == "R&D 50% <\u200b3"


def test_clean_defuses_broadcasts_without_backslashes():
    assert clean("a_b @here *x*") == "a_b @\u200bhere *x*"


def test_code_runs_replace_backticks_and_keep_their_words():
    assert run(code("Paris + `French`")) == "`Paris + ˋFrenchˋ`"
    assert run(Run("a\nb\x07", "code")) == "`a b`"
    assert live(run(code("**x** @here [a](https://b)"))) == ["code"]


def test_a_link_is_one_masked_link_to_its_own_url():
    rendered = run(link("Intern](https://evil.example) [x", "https://jobs.example.com/a b)c?q=(1)"))
    assert live(rendered) == ["link"]
    assert rendered.endswith("](<https://jobs.example.com/a%20b%29c?q=%281%29>)")
    assert visible(rendered) == "Intern](https://evil.example) [x"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.example/a", "", "https://", "https://x/" + "a" * 3000]
)
def test_unsafe_or_huge_urls_are_not_linked(url):
    assert link_url(url) is None
    assert run(link("Intern", url)) == "Intern"


def test_channels_link_only_real_discord_ids():
    assert run(channel(SNOWFLAKE, "a channel")) == f"<#{SNOWFLAKE}>"
    for target in ("C0123ABC", "123", "1" * 21, f"{SNOWFLAKE}>@everyone"):
        assert run(channel(target, "a **channel**")) == "a \\*\\*channel\\*\\*"
    assert is_snowflake(SNOWFLAKE) and not is_snowflake("12345")


LINE = (
    bold("Closed"),
    plain(" · Marketing **Intern** @here\n# h "),
    code("Paris + `French`"),
    plain(" see "),
    link("the [post]", "https://jobs.example.com/x"),
    plain(" in "),
    channel(SNOWFLAKE),
    plain(" \\ end"),
)


def _balanced(text):
    found = live(text)
    return (
        found.count("bold") % 2 == 0 and "markup" not in found and not re.search(r"(?<!\\)(\\\\)*\\$", text)
    )


def test_cutting_a_line_never_breaks_an_escape_a_pair_a_code_span_or_a_link():
    whole = markdown(LINE)
    assert markdown(LINE, len(whole)) == whole
    for limit in range(len(whole) + 1):
        for cut in (markdown(LINE, limit), fit(whole, limit)):
            assert len(cut) <= limit
            assert _balanced(cut), (limit, cut)
            assert set(live(cut)) <= {"bold", "code", "link", "channel"}
            if 0 < limit < len(whole):
                assert cut.endswith("…")


def test_fit_closes_a_bold_pair_it_cut_into():
    assert fit("**Marketing Intern** at Acme", 12) == "**Marketi**…"
    assert fit("ab **Marketing**", 6) == "ab…"  # an opening ** with nothing after it is dropped


def test_share_cuts_the_longest_lines_first():
    long, short = (plain("x" * 5000),), (plain("y" * 10),)
    texts = share([(long, 4096), (short, 256)], 1000)
    assert texts[1] == "y" * 10 and len(texts[0]) <= 1000 - 10 - 1 and texts[0].endswith("…")
    assert share([(long, 100), (short, 256)], 6000) == ["x" * 99 + "…", "y" * 10]


def test_stack_keeps_lines_readable_and_says_when_some_are_left_out():
    lines = [markup(f"line {n} `query {n}` " + "w" * 150) for n in range(100)]
    text = stack(lines, 3000, floor=80)
    assert len(text) <= 3000 and text.endswith("\n…")
    assert all(len(line) <= 80 for line in text.splitlines())
    assert stack(lines[:3], 3000) == "\n".join(markdown(line) for line in lines[:3])


@pytest.mark.parametrize("hostile", ["[" * 100_000, "[a](<" * 20_000, "\\[" * 50_000 + "](<x"])
def test_fit_reads_long_runs_of_brackets_in_bounded_time(hostile):
    from tests.bounded import bounded

    cut = bounded(fit, hostile, 100)
    assert cut.endswith("…") and len(cut) <= 100
    assert hostile.startswith(cut.removesuffix("…"))


def test_fit_keeps_a_link_whole_after_a_bare_bracket():
    text = "[ " + markdown([link("Apply", "https://acme.example.com/jobs/1")]) + " " + "x" * 200
    cut = fit(text, 60)
    assert "[Apply](<https://acme.example.com/jobs/1>)" in cut
