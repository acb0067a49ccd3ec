"""Sentences cut into clauses, and the lists of language names inside them ("Spanish, French, or German").

A clause is the scope of a cue or a hedge: in "Fluent in English, German is a plus" the hedge governs
German only. Lists of bare names and brackets holding only names or levels are not cut.
"""

from __future__ import annotations

import re

from bot.extract.keyscan import CaselessPattern
from bot.extract.language_cues import CLAUSE_BREAK
from bot.extract.language_names import scan_names

_CLAUSE_BREAK = CaselessPattern(CLAUSE_BREAK)  # read by span only: its lower-cased twin is faster

_NAME_WORD = re.compile(r"[^\W\d_]+")
_LIST_WORDS = frozenset(
    {
        "and",
        "or",
        "both",
        "either",
        "und",
        "oder",
        "et",
        "ou",
        "y",
        "o",
        "e",
        "en",
        "only",
        "g",
        "eg",
        "ie",
        "i",
    }
    | {"such", "as", "like", "including", "especially", "particularly", "ideally", "preferably"}
)
_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_LEVEL_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a b c level native fluent fluency business professional min minimum at least or higher above "
        "equivalent written spoken verbal cefr jlpt n hsk advanced intermediate basic",
    )
)
_BARE_ITEM_WORDS = 4


def split_clauses(unit: str) -> list[tuple[int, int]]:
    """Return the spans of ``unit`` cut at clause breaks.

    A comma-separated run of bare names stays with the clause it belongs to ("Spanish, French, or German
    is a plus"), and brackets that hold only names or levels ("Bilingual (Spanish/English)", "German (B2)
    nice to have") do not cut.
    """
    kept = [
        (m.start(), m.end())
        for m in _BRACKETS.finditer(unit)
        if only_names(m.group(1), levels=True, empty=True)
    ]
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _CLAUSE_BREAK.finditer(unit):
        if not any(a <= cut.start() < b for a, b in kept):
            spans.append((start, cut.start()))
            start = cut.end()
    spans.append((start, len(unit)))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if not unit[span[0] : span[1]].strip():
            continue
        if merged and _joins(unit, merged[-1], span):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _joins(unit: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Tell whether two comma-separated spans belong together because one of them is only names.

    "Spanish, French, or German is a plus" and "Fluent English, German or French" are one list; in
    "Fluent written and spoken German, French is a plus" the left side is a whole requirement of its own.
    """
    if unit[left[1] : right[0]].strip() != ",":
        return False
    left_text, right_text = unit[left[0] : left[1]], unit[right[0] : right[1]]
    return only_names(left_text) or only_names(right_text, levels=True)


def only_names(fragment: str, *, levels: bool = False, empty: bool = False) -> bool:
    """Tell whether ``fragment`` is a list of language names (and, with ``levels``, level words)."""
    names = scan_names()
    words = [w for w in _NAME_WORD.findall(fragment.lower()) if w not in _LIST_WORDS]
    if levels:
        words = [w for w in words if w not in _LEVEL_WORDS]
    return (empty or bool(words)) and all(w in names for w in words)


def is_bare_item(unit: str) -> bool:
    """Tell whether a list item is only names and levels: "- German (C1)", "- English & French"."""
    words = [w for w in _NAME_WORD.findall(unit.lower()) if w not in _LIST_WORDS and w not in _LEVEL_WORDS]
    return bool(words) and len(words) <= _BARE_ITEM_WORDS and all(w in scan_names() for w in words)
