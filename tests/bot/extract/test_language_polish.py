"""Polish postings: "atut" and "mile widziany" prefer a language, "wymagana" requires it."""

from __future__ import annotations

import pytest

from bot.extract.languages import extract_languages
from bot.models import Posting


def asked(text: str) -> dict[str, bool]:
    found, _ = extract_languages(Posting(id="t:1", title="Inżynier oprogramowania", text=text), text)
    return {req.code: req.required for req in found if req.code != "pl"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wymagania: bardzo dobra znajomość języka angielskiego; znajomość niemieckiego będzie atutem",
            {"en": True, "de": False},
        ),
        ("Znajomość języka niemieckiego będzie dodatkowym atutem.", {"de": False}),
        (
            "Wymagania: znajomość języka angielskiego (B2) jest wymagana, niemiecki mile widziany",
            {"en": True, "de": False},
        ),
    ],
)
def test_polish_requirements_and_preferences(text, expected):
    assert asked(text) == expected
