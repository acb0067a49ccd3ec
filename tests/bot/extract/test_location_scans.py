"""The cheap scans in front of the location regexes find exactly what the regexes find."""

from __future__ import annotations

import random
import re

import pytest

from bot.extract import locations

_PHRASES = (
    "based in Paris", "located at  HQ", "situated within Spain", "remote from Lisbon", "hired out of Oslo",
    "office in Rome", "studio at Leeds", "hub in Austin", "site at Delft", "campus in Lyon", "in our Madrid",
    "from\tour Berlin", "at our Prague", "to   our Vienna", "work from Porto", "working in Graz",
    "role is in Turin", "position at Bern", "jobs in Milan", "internship in Nice", "opportunity at Kiel",
    "opening in Gent", "team in Cork", "vacancy at Bath", "relocate to Zurich", "relocation to Basel",
    "basée à Lyon", "basés en France", "située à Nantes", "ubicadas en Bilbao", "con sede en Sevilla",
    "nuestra oficina de Valencia", "Standort in Köln", "unserem Büro in Bonn", "sede di Napoli",
    "resides in Ohio", "residing within Texas", "live in Utah", "living anywhere in Maine",
    "hiring from Peru", "candidates in Chile", "applicants from Chad", "authorized to work in the UK",
    "authorised to work in Ireland", "eligible to work in Canada", "right to work in the EU",
    "permitted to work in Japan", "salary range (US)", "pay in Germany", "compensation bands in Spain",
    "wages in Italy", "x1in our", "_based in", "unbased in Paris", "in\nour office",
)  # fmt: skip


@pytest.mark.parametrize("shared", [True, False])  # the shared body pass, or the module's own keys
@pytest.mark.parametrize("joiner", [" ", ". ", "\n", ", and "])
def test_trigger_scan_gives_the_regex_matches(joiner: str, shared: bool):
    low = joiner.join(_PHRASES).lower()
    expected = [m.span() for m in locations._TRIGGER_LOWER.finditer(low)]
    assert [m.span() for m in locations._trigger_matches(low, shared=shared)] == expected
    assert len(expected) > 40


def test_every_trigger_phrase_starts_with_one_of_its_own_keys_or_ends_in_our():
    # A phrase is tried only where one of its keys starts: each alternative needs its first word among them.
    for keys, phrase in locations._TRIGGER_PHRASES:
        for branch in phrase.lower().split("|\\b"):
            words = re.findall(r"[^\W\d_]+", branch.removeprefix("\\b").split("\\s")[0])
            first = [w for w in words if w not in ("b", "s", "e", "ion", "ing", "ted")]
            if not keys:
                assert branch.startswith("\\b(?:in|from|at|to)") and branch.endswith("our\\b")
                continue
            assert any(first[0].startswith(key) for key in keys.split()), branch


def test_no_trigger_key_begins_another():
    # Two keys never start at one offset, so one key's phrases are all that may match there.
    keys = locations._TRIGGER_KEYS
    assert not [(a, b) for a in keys for b in keys if a != b and b.startswith(a)]
    # Nor where "in/at/to/from our" starts: no key begins such a word, nor holds a space after one.
    leads = locations._OUR_LEADS
    assert not [key for key in keys if key.split() != [key] or any(lead.startswith(key) for lead in leads)]


@pytest.mark.parametrize(
    "text",
    [
        "We hire US-based applicants. Paris.",
        "UK candidates only",
        "U.S. citizenship required",
        "Must be a US Citizen",
        "Germany based team members welcome",
        "Applicants from anywhere; only the best.",
        "Our team is based in Berlin, candidates only need a laptop.",
        "",
    ],
)
def test_residents_screen_never_rules_out_a_match(text: str):
    if locations._RESIDENTS.search(text):
        assert locations._may_name_residents(text)


def test_label_lines_give_the_regex_matches():
    lines = [
        f"{lead}{prefix}{name}{tail}"
        for name in [n.replace(" ?", " ") for n in locations._LABEL_NAMES]
        + ["Location", "ORT", "Città", "CITTÀ", "LOCALIZAÇÃO", "Ubicación", "WORK PLACE"]
        for lead, prefix, tail in [
            ("", "", ""),
            ("- ", "work ", ": Paris"),
            ("** ", "", " *"),
            ("", "", "：Lyon"),
        ]
    ]
    lines += ["Support", "Our report", "important", "We sell where", "the location", "Where: Berlin, Germany"]
    body = "\n".join(lines) + "\n\nLocation\nMadrid"
    expected = [(m.span(), m.groupdict()) for m in locations._LABEL.finditer(body)]
    assert [(m.span(), m.groupdict()) for m in locations._label_matches(body)] == expected
    assert len(expected) > 100
    odd = body + "\nLocationſ"  # a letter the pattern reads as "s" and lower-casing keeps
    assert [m.span() for m in locations._label_matches(odd)] == [
        m.span() for m in locations._LABEL.finditer(odd)
    ]
    assert any(m.group(0) == "Locationſ" for m in locations._label_matches(odd))


_OUR_WORDS = (
    "in",
    "at",
    "to",
    "from",
    "of",
    "join",
    "x",
    "in_",
    "1n",
    "our",
    "ours",
    "your",
    "team",
    "based",
)


@pytest.mark.parametrize("shared", [True, False])
def test_trigger_scan_gives_the_regex_matches_around_our(shared: bool):
    # "our" after every kind of word and gap: only "in/at/to/from our" starts a phrase of its own.
    rng = random.Random(9)
    for _ in range(400):
        parts = [rng.choice(_OUR_WORDS + _PHRASES) for _ in range(rng.randint(1, 12))]
        low = "".join(part + rng.choice([" ", "  ", "\n", "\t", "", ", "]) for part in parts).lower()
        expected = [m.span() for m in locations._TRIGGER_LOWER.finditer(low)]
        assert [m.span() for m in locations._trigger_matches(low, shared=shared)] == expected, low


_BENEFIT_PIECES = (
    "401(k)", "401 (K)", "401k", "x401k", "4010", "401", "medical, dental and vision",
    "Medical,\n DENTAL, & Vision", "medical,dental and vision", "dental", "medıcal, dental and vision",
    "medical, dental, and vision",
    "Medical, Dental", " ", "\n", "é", "İ", "K", "the team", "medical,", "and vision",
)  # fmt: skip


def test_us_benefits_are_found_as_a_search_of_the_whole_text_finds_them():
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(_BENEFIT_PIECES) + rng.choice(["", " ", "  ", "\n"]) for _ in range(12))
        match = locations._US_BENEFITS.search(text)
        expected = (match.group(0),) if match and any(k in text.lower() for k in ("401", "dental")) else ()
        assert tuple(loc.evidence for loc in locations._benefits_country(text)) == expected, text
        found = locations._US_BENEFITS.search(text, locations._benefits_from(text, text.lower()))
        assert (found and found.span()) == (match and match.span()), text


_RESIDENT_PIECES = (
    "US", "U.S.", "UK", "New York", "EU", "Élan", "Big_Co", "X2", "uS", "the", "we hire", "Remote",
    "-based", " based", "based", "based applicants", "based team members", "-based residents",
    "candidates only", "applicants  only", "residents\nonly", "citizens only", "Citizen", "citizens",
    "citizenship", "Citizenship", "xcitizen", "candidates", "only", ".", ",", "(", "-", "_", "  ", " ", "\n",
    "\t", "é", "7",
)  # fmt: skip


def test_residents_scan_gives_the_regex_matches():
    rng = random.Random(9)
    for _ in range(4000):
        text = "".join(
            rng.choice(_RESIDENT_PIECES) + rng.choice(["", " ", " ", "  ", "\n", "-"]) for _ in range(10)
        )
        expected = [m.span() for m in locations._RESIDENTS.finditer(text)]
        assert [m.span() for m in locations._residents_matches(text)] == expected, text
