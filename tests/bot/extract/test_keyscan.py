"""The fast scanning helpers give exactly the answers of the plain regex they stand in for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.keyscan import (
    AlternativesPattern,
    AsciiKeys,
    CaselessPattern,
    CharScreen,
    FactorScreen,
    KeySet,
    LinePattern,
    NeedsScreen,
    WordScan,
    _alternatives,
    body_keys,
    clear_caches,
    has_word,
    key_starts,
    left_context,
    lower,
)

_LETTER_RUN = re.compile(r"[^\W\d_]+")
VOCABULARY = frozenset({"english", "français", "deutsch", "ab", "é"})
# Letters of the vocabulary, and what may stand next to them: ASCII punctuation, digits, underscore, curly
# quotes, dashes, no-break and other spaces, a superscript two (a \w that is no \d), a combining accent,
# a lone surrogate, CJK.
ALPHABET = "englishfrançaisdeutchbé_0²-’“—\u00a0\u2009\t\n.,;:()/ \u0301\ud800漢"


def _reference(text: str) -> bool:
    return not VOCABULARY.isdisjoint(_LETTER_RUN.findall(text))


def test_has_word_finds_whole_words_only():
    assert has_word("we speak english.", VOCABULARY)
    assert has_word("(Français)".lower(), VOCABULARY)
    assert has_word("company’s english-speaking", VOCABULARY)
    assert has_word("english_team", VOCABULARY)  # underscores and digits end a run of letters
    assert has_word("2english3", VOCABULARY)
    assert not has_word("x²english", VOCABULARY)  # "²" is a \w that is not a digit: it joins the run
    assert not has_word("englishman and deutschland", VOCABULARY)
    assert not has_word("", VOCABULARY)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_has_word_agrees_with_the_regex(text: str):
    assert has_word(text, VOCABULARY) == _reference(text)


_SCAN = WordScan(lambda: [*VOCABULARY, "two words", "x-y", "a1"])  # the last three can be no run


def test_word_scan_finds_whole_runs_only():
    assert _SCAN.found_in("we speak english.")
    assert _SCAN.found_in("ab")
    assert _SCAN.found_in("x² é")
    assert not _SCAN.found_in("x²english and deutschland, two words, x-y, a1")
    assert not _SCAN.found_in("")
    assert not WordScan(lambda: ["a1"]).found_in("a1 b")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_word_scan_agrees_with_the_regex(text: str):
    assert _SCAN.found_in(text) == _reference(text)


_OVERLAPPING = WordScan(lambda: ["aba", "ab", "ba", "bab", "é"])  # words that overlap themselves and others


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET + "aaab", max_size=60))
def test_body_runs_from_the_shared_pass_are_the_scan_s_own(text: str):
    assert _SCAN.body_runs(text) == _SCAN.runs(text)
    assert _OVERLAPPING.body_runs(text) == _OVERLAPPING.runs(text)
    clear_caches()


_ASCII_KEYS = ("hq", "offices", "aa", "aba", "fair chance", "opportunit")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="hqHQofficesOFFICESabAB fairchanceOPPORTUNIT\néÉ’ſΣσ漢\ud800", max_size=80))
def test_ascii_keys_are_found_where_a_key_set_finds_them_in_the_lower_cased_text(text: str):
    assert AsciiKeys(_ASCII_KEYS).hits(text) == KeySet(_ASCII_KEYS).hits(text.lower())


def test_ascii_keys_give_up_where_lower_casing_changes_the_length():
    assert AsciiKeys(_ASCII_KEYS).hits("HQ in İstanbul") is None
    with pytest.raises(ValueError):
        AsciiKeys(["kelvin"])  # "K" (the Kelvin sign) lower-cases to "k"


def test_char_screen_never_misses_a_character_of_its_class():
    pattern = re.compile(r"[\u0370-\u03ff\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\U0001f600x]")
    screen = CharScreen(pattern)
    for code in [*range(0x10000), *range(0x1F000, 0x1F700)]:
        char = chr(code)
        if pattern.match(char):
            assert screen.may_hold("plain text " + char), hex(code)
    assert not screen.may_hold("Café – the team’s “best” résumé…")  # Latin text says no at once
    assert screen.may_hold("日本語")


def test_char_screen_reads_the_characters_lower_kept_of_a_long_text_and_its_copy():
    cjk = CharScreen(re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"))
    x_or_cjk = CharScreen(re.compile(r"[x\u4e00-\u9fff]"))  # an ASCII letter too: the whole text counts
    latin = "Café – the team’s “best” résumé. " * 100
    for text in (latin, latin + "日本語", "日本語" + latin, latin.replace("é", "x")):
        lowered = lower(text)
        for screen, pattern in ((cjk, r"[\u3040-\u30ff\u4e00-\u9fff]"), (x_or_cjk, r"[x\u4e00-\u9fff]")):
            held = re.search(pattern, text) is not None
            assert screen.may_hold(text) is held
            assert screen.may_hold(lowered) is (re.search(pattern, lowered) is not None)


def test_char_screen_lets_every_text_through_for_anything_but_a_plain_class():
    for pattern in (r"[a-z]+", r"ab", r"[^a-z]", r"[\w]"):
        assert CharScreen(re.compile(pattern)).may_hold("Café")
    assert CharScreen(re.compile(r"[a-z]", re.IGNORECASE)).may_hold("É")


_LABELS = (
    re.compile(
        r"^[ \t*]*(?:job )?(?:location|team)[ \t]*[:：][ \t]*(?P<value>.*)$", re.IGNORECASE | re.MULTILINE
    ),
    re.compile(r"^[-•]?[ ]?where[ \t]*:[^\n]{1,12}$", re.MULTILINE),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["location", "Team", "job ", "where", ":", "：", " ", "\t", "\n", "-", "•",
                                 "*", "Paris", "x", "\n\n"]), max_size=30).map("".join))  # fmt: skip
def test_line_pattern_gives_the_regex_matches(text: str):
    for pattern in _LABELS:
        fast = [(m.span(), m.group(0)) for m in LinePattern(pattern).finditer(text)]
        assert fast == [(m.span(), m.group(0)) for m in pattern.finditer(text)]
        first = LinePattern(pattern).search(text)
        reference = pattern.search(text)
        assert (first and first.span()) == (reference and reference.span())


def test_line_pattern_runs_the_whole_regex_where_it_cannot_promise_the_same_matches():
    text = "team\n: x\nteam: y\nteam:\n\nteam: z"
    for pattern in (
        re.compile(r"^team\s*:", re.MULTILINE),  # \s crosses lines
        re.compile(r"^team:.*", re.MULTILINE | re.DOTALL),
        re.compile(r"^team:[^x]*", re.MULTILINE),  # a negated class holds the line break
        re.compile(r"team:", re.MULTILINE),  # not at a line start
        re.compile(r"^team:?", re.MULTILINE),  # the colon is optional
        re.compile(r"^team:", 0),  # "^" is the text's start only
    ):
        lines = LinePattern(pattern)
        assert not lines.fast, pattern.pattern
        assert [m.span() for m in lines.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert all(LinePattern(pattern).fast for pattern in _LABELS)


_SCREENED = (
    re.compile(
        r"\bhybrid(?=\s*[:(,.;)-]|\s*$)|\b(?:[1-4]|one|two)\s+days?\s+(?:a|per)\s+week\b|\bhíbrid[oa]\b"
    ),
    re.compile(r"(?:we(?:'|’)re|we are|is) (?:looking for|seeking)\b|this (?:role|position)\b|wir suchen\b"),
    re.compile(r"ab(?:cd)+e|x[yz]{2,}|(?:q|r)?st"),
)


_SCREEN_WORDS = [
    *("hybrid", "hybri", "two", "2", "days", "day", "a", "per", "week", " ", ".", "(", "we're", "we are"),
    *("is", "looking for", "seeking", "this", "role", "wir suchen", "híbrido", "ab", "cd", "e", "x", "y"),
    *("z", "q", "st", "s"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_WORDS), max_size=20).map("".join))
def test_factor_screen_never_rules_out_a_match(text: str):
    for pattern in _SCREENED:
        if pattern.search(text):
            assert FactorScreen(pattern).may_match(text), (pattern.pattern, text)


def test_factor_screen_reads_the_words_a_pattern_needs():
    assert FactorScreen(re.compile(r"\bfoo(?:bar|baz)+\b")).factors == ("foo",)
    assert set(FactorScreen(_SCREENED[1]).factors or ()) >= {"wir suchen"}
    assert not FactorScreen(_SCREENED[0]).may_match("fully remote, office optional")
    assert FactorScreen(re.compile(r"a?b*")).factors is None  # nothing is needed: it lets all pass
    assert FactorScreen(re.compile(r"hybrid", re.IGNORECASE)).may_match("")  # case-blind: no screen


def test_screens_of_many_words_read_text_the_automaton_cannot():
    pattern = re.compile(r"\balpha|beta\b|gamma|delta|epsilon|zeta")  # enough words for one automaton pass
    screen, alternatives = FactorScreen(pattern), AlternativesPattern(pattern)
    # A lone surrogate, which the automaton's UTF-8 cannot hold: the words are looked for one by one.
    for text in ("a lone \ud800 then zeta", "zeta \ud800"):
        assert screen.may_match(text)
        found = alternatives.search(text)
        assert found is not None and found.start() == text.index("zeta")
    assert not screen.may_match("eta \ud800")
    found = alternatives.search("alphabet \ud800 beta", 1)
    assert found is not None and found.span() == (11, 15)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="AbZ’é•ÉΣσİıſK \n\ud800", max_size=40), min_size=1, max_size=5),
    st.integers(1, 80),
)
def test_lower_of_a_long_text_is_str_lower(pieces: list[str], copies: int):
    text = "Long enough to lower-case its bytes. " * 60 + "".join(pieces) * copies
    lower.cache_clear()
    assert lower(text) == text.lower()


def test_lower_of_a_long_text_keeps_letters_outside_ascii():
    lower.cache_clear()
    assert lower("Équipe à PARIS – ’Hybrid’ • " * 100) == "équipe à paris – ’hybrid’ • " * 100
    assert lower("ΟΔΟΣ " * 500) == "οδος " * 500  # a final sigma: lowered by str.lower itself


def test_alternatives_opening_with_a_boundary_are_tried_where_their_words_start():
    pattern = re.compile(r"\bno\s+remote\b|(?<!\w)#li-remote\b|\b(?:fully|100%)\s+remote\b|x{2,}")
    alternatives = AlternativesPattern(pattern)
    texts = [
        "nothing " * n + tail
        for n in (0, 3, 11, 12, 13, 40)  # past a dozen false starts the regex searches on by itself
        for tail in ("no remote", "#li-remote", "a#li-remote", "100% remote", "fully  remote", "none")
    ]
    for text in texts:
        for pos in (0, 5):
            found, expected = alternatives.search(text, pos), pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), (text, pos)


def test_left_context_covers_boundaries_and_look_behinds():
    assert left_context(re.compile(r"\bfoo")) == 1
    assert left_context(re.compile(r"(?<=abcd)x|(?<!\w{2})y")) == 4
    assert left_context(re.compile(r"a(?:b|(?<=xyzab)c)")) == 5


def test_remembered_lines_give_the_same_facets_as_fresh_ones():
    from bot.extract import extract
    from bot.postings_io import read_postings

    samples = Path(__file__).resolve().parents[3] / "bot" / "demo" / "samples.jsonl"
    with samples.open(encoding="utf-8") as handle:
        postings = list(read_postings(handle))
    fresh = []
    for posting in postings:
        clear_caches()
        fresh.append(extract(posting))
    clear_caches()
    warm = [extract(posting) for posting in postings + postings][len(postings) :]
    assert warm == fresh
    # a company paragraph seen in one posting, read again in another, still reads the same
    assert len({f.locations for f in fresh}) > 1


def _find_loop(text: str, key: str) -> list[int]:
    starts, at = [], text.find(key)
    while at != -1:
        starts.append(at)
        at = text.find(key, at + len(key))
    return starts


# Keys that overlap themselves or each other, with accents, spaces and a CJK one (noted for good: rare ones).
_SCAN_KEYS = body_keys("qq", "qxq", "qx", "xq", "dès", "da ", "dal ", "会社q")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="qxdals è\n会社😀\ud800", max_size=60))  # an astral character; a lone surrogate
def test_key_starts_finds_what_a_find_loop_finds(text: str):
    clear_caches()
    for key in (*_SCAN_KEYS, "qxd", "zz"):  # the last two are not noted: found by str.find
        assert key_starts(text, key) == _find_loop(text, key)


def test_key_starts_reads_overlapping_hits_as_find_does():
    assert key_starts("qqqqq", "qq") == [0, 2]
    assert key_starts("qxqxq", "qxq") == [0]
    assert key_starts("da dal da ", "da ") == [0, 7]


_CASELESS = (
    re.compile(r"fluen|native|speak(?!s)|\b[abc][12]\b|skills?\b|command\s+of", re.I),
    re.compile(r"\b(?:a|an|is)\s+(?:[^\W\d_]+\s+)?plus\b|\bplus\s*[!.)]*\s*$|bonus|fließend", re.I),
    re.compile(r"\byou\b|\b(?:this|the) (?:role|job)\b|\bSie\b", re.I),
    re.compile(r"(?m:^)[-• \t]*full[- ]time\b(?! students?\b)|\bpart[- ]time\b", re.I),  # a scoped "m"
    re.compile(
        r"\b(?:full|part)[- ]time\b|\byour\b|(?<!-)\bcandidates?\b", re.I
    ),  # opening words: found first
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Fluent",
                "NATIVE",
                "speak",
                "speaks",
                "ſpeak",
                "İs",
                "Is",
                "a",
                "big",
                "plus",
                "PLUS!",
                "bonus",
                "FLIESSEND",
                "fließend",
                "B2",
                "c1",
                "Skill",
                "skills",
                "command",
                "of",
                "You",
                "Sie",
                "The",
                "Role",
                "ı",
                "Σ",
                "Your",
                "yours",
                "CANDIDATE",
                "candidates",
                "-candidate",
                "Full-time",
                "PART time",
                "- full",
                "Time",
                "students",
                "K",
                ".",
                ",",
                "\n",
            ]
        ),
        max_size=12,
    )
)
def test_caseless_pattern_gives_the_spans_of_the_case_blind_regex(parts: list[str]):
    text = " ".join(parts)
    for pattern in _CASELESS:
        caseless = CaselessPattern(pattern)
        found, expected = caseless.search(text), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert [m.span() for m in caseless.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_caseless_pattern_runs_the_regex_itself_where_a_twin_could_differ():
    assert CaselessPattern(re.compile(r"(?P<Word>x)", re.I)).twin_for("x", "x") is None  # a named group
    assert CaselessPattern(re.compile(r"[À-Ý]", re.I)).twin_for("é", "é") is None  # cased letters past A-Z
    assert CaselessPattern(re.compile(r"[a-z]", re.I)).twin_for("é", "é") is not None  # a twin otherwise
    speak = CaselessPattern(re.compile(r"speak", re.I))
    assert speak.search("ſpeak") is not None  # the engine reads "ſ" as "s"; the twin would not


def test_alternatives_are_split_where_the_pattern_branches_only():
    assert _alternatives(r"a|(b|c)|[|]|\||[]|]x|(?:d)") == ["a", "(b|c)", "[|]", r"\|", "[]|]x", "(?:d)"]
    assert _alternatives("abc") == ["abc"]


_BRANCHING = (
    re.compile(
        r"\bhybrid\b(?=\s*[:(,.]|\s*$)|(?<!\w)#li-hybrid\b|\b(?:[1-4]|one|two)\s+days?\s+(?:a|per)\s+week"
    ),
    re.compile(r"\b(?:offices|hubs)\b[^.;]{0,40}?\b(?:in|across)\b|equal (?:employment )?opportunit|\bhq\b"),
    re.compile(r"(a)|b(c)?|(?:x|y)+z|"),  # groups, a repeated group of its own, and an empty alternative
    re.compile(r"(?i)hybrid|office"),  # inline flags: not split, searched as it is
)
_BRANCH_WORDS = [
    "hybrid", "Hybrid", "#li-hybrid", "x#li-hybrid", "2", "two", "days", "day", "a", "per", "week", "offices",
    "hubs", "in", "across", "equal", "employment", "opportunity", "hq", "hqs", "b", "c", "x", "y", "z", ".",
    ":", ";", "(", "\n", "",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BRANCH_WORDS), max_size=14), st.integers(0, 12))
def test_alternatives_pattern_finds_the_match_the_regex_finds(parts: list[str], pos: int):
    text = " ".join(parts)
    for pattern in _BRANCHING:
        found, expected = AlternativesPattern(pattern).search(text, pos), pattern.search(text, pos)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        )


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_word_scan_runs_are_the_runs_of_the_vocabulary(text: str):
    assert _SCAN.runs(text) == [
        (m.start(), m.end()) for m in _LETTER_RUN.finditer(text) if m.group() in VOCABULARY
    ]


_OVERLAPPING_KEYS = ("ab", "bc", "abc", "b", "cab", "aa", "aba", "bca")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcABC \né", max_size=60))
def test_ascii_keys_find_every_occurrence_of_keys_that_overlap_and_hold_each_other(text: str):
    # The leftmost-first scan reports some occurrences; the rest start inside those (see ``_inside``).
    assert AsciiKeys(_OVERLAPPING_KEYS).hits(text) == KeySet(_OVERLAPPING_KEYS).hits(text.lower())


def test_ascii_keys_scan_reports_leftmost_first_matches_without_overlaps():
    # Guard: ``_inside`` finds what the scan skips only if the scan is leftmost-first and goes on from
    # each match's end; a change of the automaton's kind or of the library's reading must fail here.
    keys = AsciiKeys(("ab", "abc", "bc", "b"))
    automaton, _, _ = keys._build()
    # Keys sorted: ab, abc, b, bc. From 2 the leftmost match starts at 3, where "b" comes before "bc".
    assert automaton.find_matches_as_indexes(b"abcbc") == [(0, 0, 2), (2, 3, 4)]
    assert keys.hits("aBcBc") == {"ab": [0], "abc": [0], "b": [1, 3], "bc": [1, 3]}


def test_alternatives_run_only_when_every_word_they_need_is_there():
    pattern = re.compile(r"\bremote\s+work\s+(?:within|from)\b|\bno\s+remote\b|\bhybrid\b")
    alternatives = AlternativesPattern(pattern)
    texts = [
        "remote work within the US",
        "remote work from home, no remote days",
        "remote work, within reach",  # every word, but not in the order the alternative reads them
        "remote roles from work",
        "no remote work",
        "a hybrid remote from",
        "remote only",
        "",
    ]
    for text in texts:
        for pos in (0, 3):
            found, expected = alternatives.search(text, pos), pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), (text, pos)
    # A text holding "remote" but neither "within" nor "from" rules out the first alternative unread.
    assert alternatives.search("remote work, anywhere") is None


def test_needs_screen_asks_every_word_of_some_alternative():
    pattern = re.compile(r"\bas an? (?:\w+\s+){0,4}intern\b,?\s+you\b|\binternship (?:starting|from)\b")
    screen = NeedsScreen(pattern)
    assert screen.may_match("as an engineering intern, you will")
    assert screen.may_match("the internship from june")
    assert not screen.may_match("an international team: you will")  # no "as a"
    assert not screen.may_match("the internship is paid")  # neither "starting" nor "from"
    assert NeedsScreen(re.compile(r"\bintern\b|\d+")).may_match("")  # an alternative needs no word
    assert NeedsScreen(re.compile(r"intern", re.IGNORECASE)).may_match("")  # case-blind: no screen


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_WORDS), max_size=20).map("".join))
def test_needs_screen_never_rules_out_a_match(text: str):
    for pattern in _SCREENED:
        if pattern.search(text):
            assert NeedsScreen(pattern).may_match(text), (pattern.pattern, text)


def test_alternatives_opening_with_one_letter_find_the_regex_match():
    pattern = re.compile(r"\b(?:[1-4]|two)\s+days?\s+(?:a|per)\s+week\b|\bon\s+site\b|\bhybrid\b")
    alternatives = AlternativesPattern(pattern)
    texts = [
        "2 days a week",
        "12 days a week, 3 days per week",
        "a1 2 days per week",
        "on-site, then on site two days a week",
        "15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 " * 3 + "3 days a week",  # past a dozen false starts
        "hybrid or 4 days a week",
    ]
    for text in texts:
        for pos in (0, 2):
            found, expected = alternatives.search(text, pos), pattern.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), (text, pos)
