"""Languages a job title names as the language of the role: "Account Executive (German)", "German Speaker"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract.language_names import scan_names
from bot.models import LanguageRequirement

_NAME_WORD = re.compile(r"[^\W\d_]+")
_CONNECTORS = frozenset({"and", "or", "w", "with", "und", "oder", "et", "ou", "y", "e", "only", "bilingual"})
# Words after a name that keep naming a language: "Haitian Creole".
_VARIETY_WORDS = frozenset({"creole"})
_SPEAKING = re.compile(
    r"^[\s-]*(?:speaking|speaker|speakers|fluency|fluent|native|bilingual|language|sprachig\w*|"
    r"parlant|hablante)\b(?![\s-]+(?:africa|europe|countries|markets?|regions?|world|customers|clients))",
    re.IGNORECASE,
)
# Roles whose work is the language itself: "Spanish Teacher", "German Copywriter", "Dutch Content Moderator",
# one or many ("AI Training for Japanese Writers").
_LANGUAGE_ROLE = re.compile(
    r"^\s+(?:teacher|tutor|instructor|translator|interpreter|copywriter|writer|editor|linguist|proofreader|"
    r"transcriber|annotator|rater|evaluator|moderator|content\s+(?:writer|moderator|reviewer)|voice|"
    r"language|localization|localisation)s?\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"(?:\bfluent|\bnative|\bbilingual|\bw/|\bwith)[\s-]*$", re.IGNORECASE)
# Gender markers ("(m/f/d)", "(all genders)") say nothing about the role and hide a trailing segment.
_GENDER = re.compile(
    r"[(\[]\s*(?:all\s+genders?|[mfwdxh](?:\s*/\s*(?:[mfwdxh]|div|\*))+)\s*[)\]]", re.IGNORECASE
)
_GROUP = re.compile(r"[(\[]([^()\[\]]*)[)\]]|\s[-–—|,/]\s*([^-–—|,()\[\]]+)$")


def title_requirements(title: str) -> Iterator[LanguageRequirement]:
    """Yield each language the title asks for, as required, with the title as evidence."""
    names = scan_names()
    lower = _GENDER.sub(" ", title).lower().rstrip()
    seen: set[str] = set()
    for match in _NAME_WORD.finditer(lower):
        code = names.get(match.group())
        if code is None or code in seen:
            continue
        after, before = lower[match.end() :], lower[: match.start()]
        rest = _skip_names(after)
        if (
            _SPEAKING.match(rest)
            or _LANGUAGE_ROLE.match(rest)
            or _BEFORE.search(before)
            or _alone_in_group(lower, match)
        ):
            seen.add(code)
            yield LanguageRequirement(code=code, required=True, evidence=title.strip()[:200], basis="title")


def _skip_names(after: str) -> str:
    """Skip a list of names ("German, Portuguese or Italian speaker" → " speaker")."""
    names = scan_names()
    pattern = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b)?\s*([^\W\d_]+)")
    rest = after
    while True:
        match = pattern.match(rest)
        if not match or (match.group(1) not in names and match.group(1) not in _VARIETY_WORDS):
            return rest
        rest = rest[match.end() :]


def _alone_in_group(lower: str, match: re.Match[str]) -> bool:
    """Tell whether the name stands in brackets or a trailing title segment with only other names."""
    for group in _GROUP.finditer(lower):
        text = group.group(1) if group.group(1) is not None else group.group(2)
        start = group.start(1) if group.group(1) is not None else group.start(2)
        if not start <= match.start() < start + len(text):
            continue
        words = [w for w in _NAME_WORD.findall(text) if w not in _CONNECTORS | _VARIETY_WORDS]
        return bool(words) and all(w in scan_names() for w in words)
    return False
