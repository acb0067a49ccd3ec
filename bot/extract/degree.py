"""The degree level a posting asks for: bachelor, master, PhD (in EN/FR/DE/ES/IT).

Bare abbreviations are read only where they plainly name a degree ("BS/MS", "MS in Computer Science",
"MSc"), never "MS Office"; "master" only as a degree ("Master's degree", "Master in …"), never "master
the craft" or "Scrum Master". Levels come out in order, lowest first: the lowest is the entry bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.extract.keyscan import KeySet, body_keys, keys_found, line_cache, lower, same_offsets, text_cache
from bot.models import Basis, Degree, DegreeFacet, Posting

_EVIDENCE_CHARS = 80
_ORDER: tuple[Degree, ...] = ("bachelor", "master", "phd")

# A bare "BS", "BA" or "MS" names a degree before a degree word, or before another degree in a list ("BS/MS",
# "BA or BSc"): "Senior BA, Payments" and "BA / QA Engineer" are business analysts.
_OTHER_DEGREE = (
    r"(?:b\.?s|b\.?a|m\.?s|m\.?a|ph\.?\s?d|b\.?sc|m\.?sc|b\.?eng|m\.?eng|mba|master|bachelor|doct)"
)
_DEGREE_BEFORE = re.compile(rf"\b{_OTHER_DEGREE}\.?$")
_ABBREVIATION_CONTEXT = (
    r"(?=\s*(?:in\b|degree|level|student|candidate|required|preferred|or\s+(?:an?\s+)?equivalent"
    rf"|(?:/|or\b|and\b|,|\+|&)\s*(?:(?:or|and)\s+)?{_OTHER_DEGREE}))"
)
_LEVELS: tuple[tuple[Degree, re.Pattern[str]], ...] = (
    (
        "bachelor",
        re.compile(
            r"\bbachelor(?:'s|’s|s)?\b|\bundergraduate degree\b|\bb\.?sc\b|\bb\.?eng\b|\bb\.s\."
            r"|\bb\.a\.(?!\w)"
            rf"|\b(?:bs|ba)\b{_ABBREVIATION_CONTEXT}|(?<=bs/|ba/|ms/|ma/|hd/|sc/|ng/)bs\b|(?<=, )bs(?=\))"
            r"|\bbac\s*\+\s*[34]\b"
            r"|\blicence(?= (?:en|ou|professionnelle|pro)\b)|\b(?:niveau|une|diplôme de) licence\b"
            r"|\blicence\s*/\s*master"
            r"|\blicenciatura\b|\bgrado(?= (?:en|universitario)\b)|\btitulaci[oó]n de grado\b"
            r"|\blaurea triennale\b"
            r"|\blaurea (?:di primo livello|breve)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "master",
        re.compile(
            r"\bmaster(?:'s|’s|s)?\b(?=\s*(?:degree|in\b|of (?:science|arts|engineering|business)|en\b|ou\b"
            r"|/|or\b"
            r"|\(|student|program|level|diploma|1|2|ii|abschluss|studium|\+|,))"
            r"|(?<=bachelor's or )master|(?<=bachelor’s or )master|(?<=bachelor or )master"
            r"|\bmasters?-?(?:abschluss|studium|degree)\b|\bm\.?sc\b|\bm\.?eng\b|\bmba\b|\bm\.s\."
            r"|\bm\.a\.(?!\w)"
            rf"|\bms\b{_ABBREVIATION_CONTEXT}|(?<=bs/|ba/|ms/|ma/|hd/|sc/|ng/)ms\b|(?<=, )ms(?=\))"
            r"|\bbac\s*\+\s*5\b|\bbac\s*\+\s*4\s*/\s*5\b"
            r"|\bmáster\b|\blaurea magistrale\b|\blaurea specialistica\b|\bdiplom(?:-\w+)?\b(?!a)"
            r"|\bgrande [ée]cole\b|\bécole d(?:'|’)ing[ée]nieurs?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "phd",
        re.compile(
            r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b|\bdoktor(?:and|arbeit|at)?\b"
            r"|\bdoctorat\b|\bdottorato\b|\bdoctorado\b|\bd\.?phil\b",
            re.IGNORECASE,
        ),
    ),
)
_BACHELOR_OR = re.compile(
    r"(?:bachelor(?:'s|’s|s)?|licence|b\.?sc|bs|ba|grado|laurea(?: triennale)?)\s*(?:or|ou|oder|o|/|and"
    r"|,)\s*$",
    re.IGNORECASE,
)
_BARE_MASTER = re.compile(r"master(?:'s|’s|s)?\b", re.IGNORECASE)

# Where a degree word can start (lowercased text); the full patterns are tried only there. One
# alternation scanned once is much cheaper than a find per key on long postings.
_HINT = re.compile(  # branches start with distinct letters, so the scan skips most positions
    r"b(?:achelor|ac\s*\+|\.?sc\b|s/|s\b|\.s\.|a/|a\b|\.a\.|\.?eng\b)"
    r"|m(?:aster|áster|ba\b|\.?sc\b|s/|s\b|\.s\.|\.a\.|\.?eng\b)|ph\.?\s?d|d(?:oct|okt|ottorato|iplom"
    r"|\.?phil)"
    r"|l(?:icen[cs]|aurea)|grado|titulaci|/ms|école|grande|undergrad"
)

# Every match of _HINT starts with one of these (each branch's letters up to where it branches or stops
# being plain letters): the regex is tried only where one starts. In a body they are read from the shared
# pass over it (no key overlaps itself, so that pass finds every occurrence); in a title, by their own.
_HINT_KEYS = body_keys(
    *("ba", "bs", "b.sc", "b.s.", "b.a.", "b.eng", "beng"),
    *("master", "máster", "mba", "ms", "m.sc", "m.s.", "m.a.", "m.eng", "meng", "ph"),
    *("doct", "dokt", "dottorato", "diplom", "dphil", "d.phil", "licenc", "licens", "laurea"),
    *("grado", "titulaci", "/ms", "école", "grande", "undergrad"),
)
_HINT_STARTS = KeySet(_HINT_KEYS)


def _hints(lowered: str, *, shared: bool) -> Iterator[re.Match[str]]:
    """The matches of ``_HINT.finditer(lowered)``: tried at each place a hint may start, past the last.

    ``shared``: ``lowered`` is the lower-cased body, whose keys the shared pass has found.
    """
    if shared:
        starts = sorted({at for _, found in keys_found(lowered, _HINT_KEYS) for at in found})
    else:
        starts = _HINT_STARTS.starts(lowered)
    end = 0
    for at in starts:
        if at >= end:
            hint = _HINT.match(lowered, at)
            if hint is not None:
                yield hint
                end = hint.end()


def _levels(text: str, basis: Basis) -> DegreeFacet | None:
    lowered = lower(text)
    source = same_offsets(text, lowered)
    found: dict[Degree, re.Match[str]] = {}
    for hint in _hints(lowered, shared=basis == "body"):
        at = hint.start()
        if lowered.startswith("/", at):
            if not _DEGREE_BEFORE.search(lowered, max(0, at - 8), at):
                continue  # "Apps/MS Office", "QA/BS": no degree before the slash
            at += 1  # "PhD/MS": the hint starts at the slash, the degree after it
        elif at and lowered[at - 1].isalpha():
            continue
        for level, pattern in _LEVELS:
            if level not in found:
                match = pattern.match(source, at) or _after_bachelor(level, source, at)
                if match:
                    found[level] = match
    if not found:
        return None
    levels = tuple(level for level in _ORDER if level in found)
    first = min(found.values(), key=lambda match: match.start())
    last = max(found.values(), key=lambda match: match.end())
    close = last.end() - first.start() <= _EVIDENCE_CHARS
    evidence = source[first.start() : last.end()] if close else first.group(0)
    return DegreeFacet(levels, evidence.strip(), basis)


def _after_bachelor(level: Degree, source: str, at: int) -> re.Match[str] | None:
    """Match a bare "Master" right after a bachelor word ("Licence ou Master", "Bachelor or Master")."""
    if level != "master" or not _BACHELOR_OR.search(source, max(0, at - 30), at):
        return None
    return _BARE_MASTER.match(source, at)


def extract_degree(posting: Posting, body: str) -> DegreeFacet | None:
    """Return the degree levels named: the title first ("Intern (BS/MS)"), then the body."""
    return _title_levels(posting.title) or _body_levels(body)


@text_cache
def _body_levels(body: str) -> DegreeFacet | None:
    return _levels(body, "body")


@line_cache
def _title_levels(title: str) -> DegreeFacet | None:
    return _levels(title, "title")
