"""Less common languages asked for by name, and short texts written in a language other than English."""

from __future__ import annotations

import pytest

from bot.extract.language_names import language_code
from bot.extract.languages import extract_languages
from bot.extract.textlang import detect_language
from bot.models import Posting


def asked(text: str) -> list[tuple[str, bool]]:
    found, _ = extract_languages(Posting(id="t:1", title="Community Nurse", text=text), text)
    return [(req.code, req.required) for req in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fluency in Igbo is required.", [("ig", True)]),
        ("Knowledge of Haitian Creole is a plus.", [("ht", False)]),
        ("Must speak Somali.", [("so", True)]),
        ("Tigrinya speakers preferred.", [("ti", False)]),
        ("Fluent Kinyarwanda required.", [("rw", True)]),
        ("Navajo speakers are strongly preferred.", [("nv", False)]),
        ("Must be fluent in Marshallese or Chamorro.", [("mh", True), ("ch", True)]),
    ],
)
def test_less_common_languages_in_text(text, expected):
    assert asked(text) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [("Igbo", "ig"), ("Haitian Creole", "ht"), ("Kreyòl", "ht"), ("Pashto", "ps"), ("Scottish Gaelic", "gd")],
)
def test_less_common_language_names(name, code):
    assert language_code(name) == code


def test_words_that_only_look_like_language_names():
    assert asked("We serve French fries to Shona and her friends.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Buscamos un desarrollador para nuestro equipo en Madrid.", "es"),
        ("Cerchiamo uno sviluppatore per il nostro team di Milano.", "it"),
        ("Wij zoeken een developer voor ons team.", "nl"),
        ("We are hiring an engineer.", None),
        ("Data Engineer in Amsterdam, de la Vega, en Berlin", None),
        ("Sales rep covering El Paso, Los Angeles and Las Vegas.", None),
    ],
)
def test_short_texts_in_another_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Haitian Creole Speaking Case Manager", [("ht", True)]),
        ("Case Manager (Haitian Creole)", [("ht", True)]),
        # bilingual: Haitian Creole and the posting's own English
        ("Bilingual Haitian Creole Nurse", [("ht", True), ("en", True)]),
    ],
)
def test_haitian_creole_in_a_title(title, expected):
    found, _ = extract_languages(Posting(id="t:1", title=title, text="Join us."), "Join us.")
    assert [(req.code, req.required) for req in found] == expected


@pytest.mark.parametrize(
    "heading",
    ["Ideally, you bring:", "Ideally you have", "What would make you stand out", "Even better if:"],
)
def test_languages_under_an_ideally_heading_are_preferred(heading):
    langs, _ = extract_languages(
        Posting(id="t", title="Engineer"), f"{heading}\n- Native-level German\n- SQL\n"
    )
    assert [(lang.code, lang.required) for lang in langs] == [("de", False)]


@pytest.mark.parametrize(
    "item",
    ["Native-level German is required", "Fluent German (must)", "German is mandatory for this role"],
)
def test_a_line_that_says_required_stays_required_under_a_hedged_heading(item):
    text = f"Ideally, you bring:\n- {item}\n- Spanish\n"
    langs, _ = extract_languages(Posting(id="t", title="Engineer"), text)
    assert {lang.code: lang.required for lang in langs} == {"de": True, "es": False}


def test_a_denied_requirement_under_a_hedged_heading_stays_preferred():
    langs, _ = extract_languages(
        Posting(id="t", title="Engineer"), "Nice to have:\n- German (not required)\n"
    )
    assert [(lang.code, lang.required) for lang in langs] == [("de", False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ideally, you bring native-level German.",
        "Preferably, you speak fluent German.",
        "Ideally: fluent German",
    ],
)
def test_a_hedge_word_before_a_comma_hedges_the_clause_after_it(sentence):
    langs, _ = extract_languages(Posting(id="t", title="Engineer"), sentence)
    assert [(lang.code, lang.required) for lang in langs] == [("de", False)]


@pytest.mark.parametrize(
    "sentence", ["Fluent German required, ideally also French.", "Fluent German, preferably also French."]
)
def test_a_language_right_after_ideally_is_a_preferred_one(sentence):
    langs, _ = extract_languages(Posting(id="t", title="Engineer"), sentence)
    assert [(lang.code, lang.required) for lang in langs] == [("de", True), ("fr", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strong analytical and professional Chinese narrative skills.", [("zh", True)]),
        ("Native-level Korean copy editing skills", [("ko", True)]),
        ("Business-level Japanese narrative and presentation skills", [("ja", True)]),
        ("Professional Spanish presentation skills are a plus.", [("es", False)]),
        ("Excellent written German", [("de", True)]),
        ("Strong Mandarin communication skills", [("zh", True)]),
    ],
)
def test_language_named_as_a_skill_after_a_level_word(text, expected):
    assert asked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Strong German engineering skills.",  # a craft, no level word: not a language
        "We serve Chinese customers and need strong communication skills.",
        "Professional French cooking is our passion.",  # no "skills" after the name
    ],
)
def test_nationality_before_a_skill_is_not_a_language(text):
    assert asked(text) == []


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Loan Counselor [Bilingual Spanish Only]", "Help clients by phone.", [("es", True), ("en", True)]),
        ("Care Coordinator", "You must be bilingual in Spanish.", [("es", True), ("en", True)]),
        ("Care Coordinator", "Bilingual in Dutch/French is a strong plus.", [("nl", False), ("fr", False)]),
        ("Care Coordinator", "Bilingual in French and Dutch is required.", [("fr", True), ("nl", True)]),
        ("Care Coordinator", "We are a bilingual team. German is required.", [("de", True)]),
    ],
)
def test_bilingual_in_one_other_language_also_asks_for_english(title, text, expected):
    found, _ = extract_languages(Posting(id="t:1", title=title, text=text), text)
    assert [(req.code, req.required) for req in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ability to converse in Spanish with customers.", [("es", True)]),
        ("You will speak French with clients every day.", [("fr", True)]),
        ("Most of our customers speak Dutch.", []),  # others speaking it says nothing of the candidate
        ("Our clients want to speak French with a real person.", []),
    ],
)
def test_speaking_a_language_with_customers_is_the_candidates_language(text, expected):
    assert asked(text) == expected
