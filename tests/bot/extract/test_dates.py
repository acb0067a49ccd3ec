"""Start dates, seasons, asap; durations in months; the query-side season helper."""

import random
import re

import pytest

from bot.extract.dates import _BOUND_KEYS, _LENGTH, _lengths, extract_duration, extract_start, season_term
from bot.models import DurationFacet, Posting, SourceHints, StartFacet


def _start(body: str, title: str = "") -> StartFacet | None:
    return extract_start(Posting(id="t:1", title=title), body)


def _duration(body: str, title: str = "") -> DurationFacet | None:
    return extract_duration(Posting(id="t:1", title=title), body)


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("The internship is starting 1 September 2026 in Lisbon.", "2026-09-01"),
        ("Start date: 09/2026", "2026-09"),
        ("Start date: 2026-09-14", "2026-09-14"),
        ("Availability for 3 months from January 2026.", "2026-01"),
        ("Starting September 1, 2026.", "2026-09-01"),
        ("Stage à partir du 1er septembre 2026.", "2026-09-01"),
        ("Start ab 01.10.2026 in Hamburg.", "2026-10-01"),
        ("Incorporación a partir de septiembre de 2026.", "2026-09"),
        ("Inizio dal 1 settembre 2026.", "2026-09-01"),
        ("Eintrittsdatum: 01.03.2027", "2027-03-01"),
        ("Data di inizio: febbraio 2027", "2027-02"),
        ("Début de stage : janvier 2027 (6 mois)", "2027-01"),
        ("Start of the internship: June 2027", "2027-06"),
    ],
)
def test_start_dates(body, date):
    facet = _start(body)
    assert facet is not None and facet.date == date and facet.basis == "body"
    assert facet.year == int(date[:4])


@pytest.mark.parametrize(
    ("body", "season", "year"),
    [
        ("Join our Summer 2026 internship in Oslo.", "summer", 2026),
        ("Start: Fall 2025", "fall", 2025),
        ("Start date: Summer, 2026, 3-months internship", "summer", 2026),
        ("Stage de 6 mois, rentrée 2026.", "fall", 2026),
        ("We hire for our 2026 start cohort.", None, 2026),
        ("Apply to our summer internship.", "summer", None),
        ("Beginn: Frühjahr 2027", "spring", 2027),
    ],
)
def test_start_seasons(body, season, year):
    facet = _start(body)
    assert facet is not None and (facet.season, facet.year) == (season, year)


@pytest.mark.parametrize(
    "body",
    [
        "We need someone ASAP.",
        "An internship starting as soon as possible.",
        "Available to start immediately till the end of the year.",
        "Immediate start in our Porto office.",
        "Poste à pourvoir dès que possible.",
        "Ab sofort in Berlin.",
        "Incorporación inmediata.",
        "Disponibilità da subito.",
    ],
)
def test_start_asap(body):
    facet = _start(body)
    assert facet is not None and facet.asap and facet.evidence


def test_title_season_wins_and_says_title():
    facet = _start("Start date: 2026-01-05", title="Software Engineer Intern (Summer 2026)")
    assert facet is not None and (facet.season, facet.year, facet.basis) == ("summer", 2026, "title")
    assert _start("", title="Creator Intern - 2026 Start (BS/MS)").year == 2026


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Summer 2025", (None, "summer", 2025)),
        ("2026 Fall", (None, "fall", 2026)),
        ("2026 Summer Internship", (None, "summer", 2026)),
        ("Spring 2024, Summer 2024", (None, "spring", 2024)),
        ("2026-09-01", ("2026-09-01", None, 2026)),
        ("2026-09-01T00:00:00Z", ("2026-09-01", None, 2026)),
    ],
)
def test_the_sources_start_field_wins_over_title_and_body(field, expected):
    posting = Posting(id="t:1", title="Intern (Winter 2027)", hints=SourceHints(start=field))
    facet = extract_start(posting, "Start date: 2027-01-05")
    assert facet is not None and (facet.date, facet.season, facet.year, facet.basis) == (*expected, "source")


def test_a_start_field_that_names_no_time_leaves_title_and_body_to_say():
    posting = Posting(id="t:1", title="Intern (Winter 2027)", hints=SourceHints(start="flexible"))
    facet = extract_start(posting, "")
    assert facet is not None and (facet.season, facet.year, facet.basis) == ("winter", 2027, "title")


@pytest.mark.parametrize(
    "body",
    [
        "Founded in 2015, we grew fast in summer.",
        "Graduating in 2026.",
        "Please reply immediately if interested.",
        "Starting in March.",
        "Microsoft Office 2019 skills.",
        "Start date: 09/01/2026",  # US or European order? only the year is certain
    ],
)
def test_start_traps(body):
    facet = _start(body)
    assert facet is None or (facet.date is None and not facet.asap and facet.season is None)


@pytest.mark.parametrize(
    ("body", "low", "high"),
    [
        ("Available for a 3–6 month internship based in Madrid.", 3, 6),
        ("A 6-month internship in Paris.", 6, 6),
        ("The contract runs for 12 months.", 12, 12),
        ("Durée : 6 mois", 6, 6),
        ("Dauer: 6 Monate", 6, 6),
        ("This internship will run for 16 weeks beginning in January.", 4, 4),
        ("Tirocinio di 6 mesi.", 6, 6),
        ("A six-month internship.", 6, 6),
        (
            "Must commit to at least 3 months long internship period. Available for a 3-6 month internship.",
            3,
            6,
        ),
    ],
)
def test_durations(body, low, high):
    facet = _duration(body)
    assert facet is not None and (facet.min_months, facet.max_months) == (low, high)


def test_minimum_and_maximum():
    facet = _duration("You must be able to commit to at least 3 months.")
    assert facet is not None and (facet.min_months, facet.max_months) == (3, None)
    facet = _duration("Internship for up to 6 months.")
    assert facet is not None and (facet.min_months, facet.max_months) == (None, 6)


def test_title_duration():
    facet = _duration("", title="Software Engineer Internship (6 months)")
    assert facet is not None and (facet.min_months, facet.basis) == (6, "title")


@pytest.mark.parametrize(
    "body",
    [
        "You have 5+ years of experience, or 6 months of experience with Rust.",
        "Within 6 months you will own the roadmap.",
        "Enjoy a 5-week sabbatical after four years.",
        "Paid work trial (1-2 weeks).",
        "Sponsorship is provided after a successful 3-month period.",
        "Background in B2B sales with deal cycles of 1-6 months.",
        "What success looks like (6-12 months)",
    ],
)
def test_duration_traps(body):
    assert _duration(body) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026", (None, 2026)),
        ("summer 2026", ("summer", 2026)),
        ("Summer '26", ("summer", 2026)),
        ("fall", ("fall", None)),
        ("autumn", ("fall", None)),
        ("Sommer 2026", ("summer", 2026)),
        ("paris", None),
        ("summer paris", None),
        ("", None),
    ],
)
def test_season_term(text, expected):
    assert season_term(text) == expected


_LENGTH_PIECES = (
    "6", "12", "123", "3-6", "3 – 6", "one", "Two", "SIX", "ſix", "twenty-four", "eighteen", "someone",
    "month", "months", "Months", "mos.", "mo", "mois", "Monaten", "meses", "weeks", "Wochen", "semanas",
    "at least", "At Least", "minimum of", "min.", "up to", "max.", "no less than", "bis zu", "hasta",
    "au moins", "jusqu'à", "mínimo de", "a", "or", "to", "x6", "_6", "6x", "-", "(", ")", "é", " ", "  ",
    "\n", "mın", "İ", "K", "٦", "Six", "’",
)  # fmt: skip


def test_lengths_are_the_regex_matches_in_each_window():
    rng = random.Random(9)
    found = 0
    plain = [piece for piece in _LENGTH_PIECES if not any(bound in piece.lower() for bound in _BOUND_KEYS)]
    for index in range(6000):
        pieces = plain if index % 2 else _LENGTH_PIECES  # half of them read without the regex's own scan
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "-", "\n"]) for _ in range(14))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text) + 5)
        expected = [m.span() for m in _LENGTH.finditer(text, start, end)]
        assert [m.span() for m in _lengths(text, start, end)] == expected, (text, start, end)
        found += len(expected)
    assert found > 500


# --- Season windows screened by the lower-cased twin of _SEASON_YEAR (same matches as the regex alone) ---

_SEASON_PIECES = (
    "Summer",
    "SUMMER",
    "summer",
    "Fall",
    "Été",
    "ÉTÉ",
    "otoño",
    "OTOÑO",
    "Frühling",
    "FRÜHJAHR",
    "rentrée",
    "Winter",
    "of",
    "de",
    "2026",
    "1999",
    "'27",
    "’26",
    "Start",
    "starting in",
    "Intake",
    "cohort",
    "Internship",
    "Co-op",
    "intern",
    ",",
    "Sſummer",
    "ſpring",
    "Wınter",
    "İnternship",
    "\u212aelvin",
    "ΣΣ",
)


def test_season_search_is_the_regex_search_in_each_window():
    from bot.extract.dates import _SEASON_YEAR, _season_search
    from bot.extract.keyscan import same_offsets

    rng = random.Random(11)
    found = 0
    for _ in range(6000):
        text = "".join(
            rng.choice(_SEASON_PIECES) + rng.choice(["", " ", " ", "  ", "\n", "x"]) for _ in range(8)
        )
        lowered = text.lower()
        source = same_offsets(text, lowered)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text) + 5)
        expected = _SEASON_YEAR.search(source, start, end)
        got = _season_search(source, lowered, start, end)
        assert (got and (got.span(), got.groupdict())) == (
            expected and (expected.span(), expected.groupdict())
        )
        found += expected is not None
    assert found > 300


def _twins():
    from bot.extract import dates

    return [
        (dates._SEASON_YEAR, dates._SEASON_YEAR_LOWER),
        (dates._BODY_START, dates._BODY_START_LOWER),
        (dates._SEASON_INTERNSHIP_ONLY, dates._SEASON_INTERNSHIP_LOWER),
        (dates._TITLE_SEASON, dates._TITLE_SEASON_LOWER),
    ]


_INTERNSHIP_PIECES = (
    *_SEASON_PIECES, "stage", "Stage", "STAGE", "d'été", "Praktikum", "sommerpraktikum", "Prácticas", "de",
    "verano", "VERANO", "staż", "letni", "ſtage", "İ", "2026", "Intern", "-",
)  # fmt: skip


def test_title_season_is_the_regex_search():
    from bot.extract.dates import _TITLE_SEASON, _title_season

    rng = random.Random(12)
    found = 0
    for _ in range(6000):
        title = "".join(rng.choice(_INTERNSHIP_PIECES) + rng.choice(["", " ", " ", "x"]) for _ in range(5))
        expected = _TITLE_SEASON.search(title)
        got = _title_season(title)
        assert (got and (got.span(), got.groupdict())) == (
            expected and (expected.span(), expected.groupdict())
        )
        found += expected is not None
    assert found > 300


@pytest.mark.parametrize(("pattern", "twin"), _twins())
def test_twin_is_the_pattern_in_lower_case(pattern, twin):
    # The screens rely on this: the twin is the case-blind pattern itself, whose letters are lower case.
    assert pattern.flags & re.IGNORECASE
    assert not twin.flags & re.IGNORECASE
    assert twin.pattern == pattern.pattern
    bare = re.sub(r"\\[a-zA-Z]", "", pattern.pattern.replace("(?P<", "("))
    assert bare == bare.lower()


@pytest.mark.parametrize("pattern", [pattern for pattern, _ in _twins()])
def test_twin_pattern_letters_fold_as_lower_casing_does(pattern):
    # Every character the case-blind pattern takes for one of its letters lower-cases to that letter,
    # bar those the screen leaves to the regex ("ı", "ſ") and those whose lower case is longer ("İ");
    # lower-casing keeps digits, spaces and word characters what they are (\d, \s, \b read alike).
    from bot.extract.keyscan import CASE_BLIND_ONLY

    bare = re.sub(r"\\[a-zA-Z]", "", pattern.pattern.replace("(?P<", "("))
    letters = sorted({ch for ch in bare if ch.isalpha()})
    any_letter = re.compile("[" + "".join(letters) + "]", re.IGNORECASE)
    for code in range(0x30000):
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1 or ch in CASE_BLIND_ONLY or 0xD800 <= code <= 0xDFFF:
            continue
        if any_letter.fullmatch(ch):
            assert low in letters and re.fullmatch(low, ch, re.IGNORECASE), ch
        assert ch.isdecimal() == low.isdecimal() and ch.isspace() == low.isspace(), ch
        assert (ch.isalnum() or ch == "_") == (low.isalnum() or low == "_"), ch


_START_PIECES = (
    "Start date:",
    "STARTING",
    "from",
    "From the",
    "à partir du",
    "Ab",
    "desde",
    "début de stage :",
    "1st",
    "15",
    "September",
    "SEPTEMBRE",
    "märz",
    "MÄRZ",
    "Auguſt",
    "1ſt",
    "ſtart",
    "Jänner",
    "2026",
    "09/2026",
    "2026-09-14",
    "Summer",
    "of",
    "\u212aelvin",
    "İ",
    "Wınter",
    "x",
)


def test_start_screen_lets_every_match_of_the_pattern_through():
    from bot.extract.dates import _BODY_START, _BODY_START_KEYS, _BODY_START_LOWER
    from bot.extract.keyscan import CASE_BLIND_ONLY, same_offsets, word_starts

    rng = random.Random(13)
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(_START_PIECES) + rng.choice(["", " ", " ", "\n", ", "]) for _ in range(8))
        lowered = text.lower()
        if any(letter in lowered for letter in CASE_BLIND_ONLY):
            continue  # read by the pattern alone
        source = same_offsets(text, lowered)
        for at in word_starts(lowered, _BODY_START_KEYS):
            expected = _BODY_START.match(source, at)
            if expected is not None:
                twin = _BODY_START_LOWER.match(lowered, at)
                assert twin is not None and twin.span() == expected.span(), (text, at)
                found += 1
    assert found > 300


def test_a_letter_the_regex_folds_apart_still_reads_the_date():
    # The case-blind pattern takes "ſ" for "s" ("1ſt"); its lower-cased twin would not.
    assert _start("Available from 1ſt September 2026.") == StartFacet(
        date="2026-09-01", year=2026, evidence="from 1ſt September 2026", basis="body"
    )


# Ignoring case, Python's patterns take the long s, the dotless and dotted i and the Kelvin sign for s, i, k:
# a month, season or number word written with one is read as the plain word, and never breaks extraction.
_ODD_LETTERS = (("s", "ſ"), ("i", "ı"), ("I", "İ"), ("k", "K"))


@pytest.mark.parametrize(
    "body",
    [
        "Starting [August] 1, 2026, you will join the team.",
        "Start date: [September] 2026.",
        "We start in [summer] 2026 with the cohort.",
        "[Winter]/Spring 2027 internship start.",
        "Beginn: 1. [Oktober] 2026",
        "from 1st [September] 2026",
        "Start date: [spring] 2027",
    ],
)
@pytest.mark.parametrize("plain, odd", _ODD_LETTERS)
def test_odd_letters_in_month_and_season_names_read_as_the_plain_ones(body, plain, odd):
    before, name, after = re.split(r"\[|\]", body)
    expected = _start(before + name + after)
    assert expected is not None and (expected.date or expected.season)
    got = _start(before + name.replace(plain, odd).replace(plain.upper(), odd) + after)
    assert got is not None
    assert (got.date, got.season, got.year) == (expected.date, expected.season, expected.year)


@pytest.mark.parametrize("plain, odd", _ODD_LETTERS)
def test_odd_letters_in_number_words_of_durations(plain, odd):
    expected = _duration("This is a six month internship.")
    assert expected is not None
    got = _duration(f"This is a {'six'.replace(plain, odd).replace(plain.upper(), odd)} month internship.")
    assert got is not None and (got.min_months, got.max_months) == (expected.min_months, expected.max_months)
