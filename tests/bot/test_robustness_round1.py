"""Hostile and malformed input to the query language, ``/jobs`` commands and ``jobbot extract``: a clear
error or a working answer, never a hang, a runaway list or a traceback."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.commands.parse import _PAGE, UsageError, parse_command
from bot.postings_io import PostingInputError, read_postings
from bot.query import QueryError, explain, parse
from bot.query.lexer import lex
from tests.bounded import bounded

# --- queries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["”Swedish”", "»Danish«", "„German“", "«French»", "“Italian”", '"Spanish"', "lang:»Danish«"]
)
def test_every_quoting_style_reads_as_a_language(query):
    understood = explain(bounded(parse, query))
    assert "language" in understood


@pytest.mark.parametrize("query", ["x ”", "Paris ”", "»", "«Paris", "“Paris", "a”b", '"Paris', "Paris »"])
def test_an_unmatched_quote_is_a_query_error(query):
    with pytest.raises(QueryError, match="never closed"):
        bounded(parse, query)


def test_a_character_that_starts_no_term_is_refused_not_lexed_forever(monkeypatch):
    # Every character that ends a word now starts something; were one not to, the lexer refuses it.
    from bot.query import lexer

    monkeypatch.setattr(lexer, "_STOP", lexer._STOP | {"¦"})
    with pytest.raises(QueryError, match="character 7 cannot start a term"):
        bounded(lex, "Paris ¦ Lyon")


QUOTES = st.sampled_from([*"\"“”„«»‘’'", "Paris", "French", " ", "+", ",", "lang:", "(", ")", "-"])


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(st.lists(QUOTES, max_size=16).map("".join))
def test_any_mix_of_quotes_parses_or_is_refused_within_the_bound(text):
    try:
        bounded(parse, text, seconds=5)
    except QueryError as exc:
        assert str(exc)


@pytest.mark.parametrize("unit", ["”", "»", "«", '"', "(", ")", "-", "+", ",", "Paris ", "a”"])
def test_a_long_run_of_quotes_or_operators_answers_within_the_bound(unit):
    try:
        bounded(parse, unit * 2000)
    except QueryError as exc:
        assert str(exc)


# --- jobbot extract input ----------------------------------------------------------------------------------


def _read(*lines: str) -> list:
    return list(read_postings(io.StringIO("".join(line + "\n" for line in lines))))


@pytest.mark.parametrize(
    ("record", "named"),
    [
        ({"id": 1, "hints": [1]}, '"hints" must be an object'),
        ({"id": 1, "hints": "Paris"}, '"hints" must be an object'),
        ({"id": 1, "hints": {"is_remote": "yes"}}, '"hints.is_remote" must be true, false or null'),
        ({"id": 1, "hints": {"team": 5}}, '"hints.team" must be text or null'),
        ({"id": 1, "hints": {"locations": "Paris"}}, '"hints.locations" must be a list of objects'),
        ({"id": 1, "hints": {"locations": ["Paris"]}}, '"hints.locations[0]" must be an object'),
        ({"id": 1, "hints": {"locations": [{"city": ["x"]}]}}, '"hints.locations[0].city" must be text'),
        ({"id": 1, "hints": {"location_texts": "Paris"}}, '"hints.location_texts" must be a list'),
        ({"id": 1, "hints": {"location_texts": [{}]}}, '"hints.location_texts[0]" must be text'),
        ({"id": 1, "title": {"en": "Intern"}}, '"title" must be text, not an object'),
        ({"id": 1, "text": ["a", "b"]}, '"text" must be text, not a list'),
        ({"id": [1]}, '"id" must be text, not a list'),
    ],
)
def test_a_field_of_the_wrong_kind_is_refused_naming_the_line_and_field(record, named):
    good = json.dumps({"id": "ok", "title": "Intern"})
    with pytest.raises(PostingInputError) as caught:
        _read(good, json.dumps(record))
    assert str(caught.value).startswith("line 2: ")
    assert named in str(caught.value)


def test_well_formed_hints_are_read():
    hints = {"is_remote": False, "team": "Data", "locations": [{"city": "Paris", "country": "FR"}],
             "location_texts": ["Lyon"], "employment_type": None}  # fmt: skip
    (posting,) = _read(json.dumps({"id": "a", "title": "Intern", "hints": hints}))
    assert posting.hints.is_remote is False and posting.hints.team == "Data"
    assert posting.hints.locations[0].city == "Paris" and posting.hints.locations[0].evidence == ""
    assert posting.hints.location_texts == ("Lyon",)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"id": ' + "9" * 5000 + "}", "a number too long to read"),
        ('{"id": "a", "title": "x"', "line 1: "),
        ("[1, 2]", "a posting must be a JSON object"),
    ],
)
def test_unreadable_json_is_a_clear_error(line, said):
    with pytest.raises(PostingInputError, match=said):
        bounded(_read, line)


def test_extract_names_the_bad_line_and_keeps_the_lines_before(tmp_path, capsys):
    path = tmp_path / "postings.jsonl"
    path.write_text(
        json.dumps({"id": "a", "title": "Intern", "location": "Paris"})
        + "\n"
        + json.dumps({"id": "b", "hints": {"is_remote": "sometimes"}})
        + "\n"
    )
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a"]
    assert 'line 2: "hints.is_remote" must be true, false or null' in captured.err


def test_extract_reads_bytes_that_are_not_utf8_as_replacement_characters(tmp_path, capsys):
    path = tmp_path / "postings.jsonl"
    path.write_bytes(b'{"id": "a", "title": "Intern \xff", "location": "Paris"}\n{"id": "b", "title": "x"}\n')
    assert main(["extract", str(path)]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["a", "b"]


# --- /jobs command text ------------------------------------------------------------------------------------

_OLD_PAGE = re.compile(r"^(?P<query>.*?)\s+-{0,2}page(?:\s*[:=]\s*|\s+)(?P<page>\S+)\s*$", re.I | re.S)
PAGE_PIECES = [" ", "  ", "\n", "\t", "page", "PAGE", "-", "--", ":", "=", "2", "x", "Paris", "pag", "e"]


@settings(max_examples=2000, derandomize=True, database=None, deadline=None)
@given(st.lists(st.sampled_from(PAGE_PIECES), max_size=14).map("".join))
def test_the_page_suffix_reads_as_the_backtracking_pattern_did(text):
    for rest in (text, " " + text):
        old, new = _OLD_PAGE.match(rest), _PAGE.match(rest)
        assert (old and old.groupdict()) == (new and new.groupdict())


@pytest.mark.parametrize("tail", ["pag", "page 2", "page x"])
def test_a_search_with_a_long_space_run_answers_within_the_bound(tail):
    try:
        command = bounded(parse_command, "search Paris" + " " * 100_000 + tail)
    except UsageError as exc:
        assert "page" in str(exc)
    else:
        assert command is not None
