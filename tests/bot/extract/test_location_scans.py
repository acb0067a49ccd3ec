"""The cheap scans in front of the location regexes find exactly what the regexes find."""

from __future__ import annotations

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


def test_every_trigger_alternative_starts_with_a_key_or_ends_in_our():
    # An alternative added to the trigger pattern needs its first word among the keys.
    for branch in locations._TRIGGER_LOWER.pattern.split("|\\b"):
        words = re.findall(r"[^\W\d_]+", branch.split("\\s")[0])
        first = [w for w in words if w not in ("b", "s", "e", "ion", "ing", "ted")]
        if branch.startswith("(?:in|from|at|to)") or not first:
            continue
        assert any(first[0].startswith(key) or key.startswith(first[0]) for key in locations._TRIGGER_KEYS)


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
        for name in [n.replace(" ?", " ") for n in locations._LABEL_NAMES] + ["Location", "ORT", "Città"]
        for lead, prefix, tail in [
            ("", "", ""),
            ("- ", "work ", ": Paris"),
            ("** ", "", " *"),
            ("", "", "：Lyon"),
        ]
    ]
    lines += ["Support", "Our report", "important", "We sell where", "the location", "Where: Berlin, Germany"]
    body = "\n".join(lines) + "\n\nLocation\nMadrid"
    expected = [m.span() for m in locations._LABEL.finditer(body)]
    assert [m.span() for m in locations._label_matches(body)] == expected
    assert len(expected) > 100
    odd = body + "\nLocationſ"  # a letter the pattern reads as "s" and lower-casing keeps
    assert [m.span() for m in locations._label_matches(odd)] == [
        m.span() for m in locations._LABEL.finditer(odd)
    ]
    assert any(m.group(0) == "Locationſ" for m in locations._label_matches(odd))
