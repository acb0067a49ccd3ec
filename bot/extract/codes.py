"""Job codes / requisition ids and the team a posting belongs to.

Source fields first. In the text, a job code is read only from a labelled field ("Job Code: A88273",
"Req ID: 12345", "Reference: …") and must hold a digit; a team only where the posting plainly names one
("About the team: The EU LIVE Creator Strategy Team is …", "Team: Payments"), never a guess.
"""

from __future__ import annotations

import re

from bot.extract.keyscan import LinePattern, body_keys, key_starts, lower, same_offsets
from bot.models import Posting, TextFacet

_CODE_KEYS = body_keys(
    "code", "req", "ref", "réf", "job id", "jobid", "kennziffer", "código", "codice", "posting id"
)
_CODE = re.compile(
    r"(?:job|position|posting|vacancy)?\s*(?:code|id|number|no\.?|#)"
    r"|req(?:uisition)?\.?\s*(?:id|#|number|no\.?|code)?|referenz(?:nummer)?"
    r"|ref(?:erence)?\.?\s*(?:code|number|no\.?|id|#)?|réf(?:érence)?|kennziffer|código(?: de (?:oferta"
    r"|referencia))?|codice(?: annuncio)?",
    re.IGNORECASE,
)
_CODE_VALUE = re.compile(r"[ \t]*[:#：]\s*#?\s*([A-Z0-9][A-Z0-9_./-]{2,24})\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

_TEAM_LABEL = re.compile(
    r"^[ \t]*(?:team|department|abteilung|équipe|equipo|dipartimento)[ \t]*[:：][ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
_TEAM_LABEL_LINES = LinePattern(_TEAM_LABEL)  # the same matches, looked for only on lines holding a colon
_LEADING_FILLER = re.compile(r"^(?:[\w.&-]+(?:'s|’s)\s+)?(?:[a-z][\w-]*\s+)*")
_TEAM_VALUE = re.compile(r"([^\n.;:]{2,50}?)[ \t]*(?:\n|$)")
_TEAM_LABEL_KEYS = body_keys(
    "team:",
    "team :",
    "department:",
    "abteilung:",
    "équipe :",
    "équipe:",
    "equipo:",
    "dipartimento:",
)
_ABOUT_TEAM_KEYS = body_keys(
    "about the team",
    "about our team",
    "propos de l",
    "über das team",
    "sobre el equipo",
    "il team",
)
_ABOUT_TEAM = re.compile(
    r"about (?:the|our) team|(?:à|a) propos de l(?:'|’)équipe|über das team|sobre el equipo"
    r"|il (?:nostro )?team",
    re.IGNORECASE,
)
# "The EU LIVE Creator Strategy Team is …", "the Monetization Strategy and Operations team": a capitalised
# name of at most seven words that ends in "team".
_TEAM_NAME = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Jj]oin)\s+((?:[A-Z][\w&'’/-]*|\([A-Z]{2,8}\))(?:\s+(?:[A-Z][\w&'’/-]*"
    r"|\([A-Z]{2,8}\)|and|&|of"
    r"|[a-z][\w-]*)){0,6}?\s+[Tt]eam)\b"
)
_FIRST_SENTENCES_CHARS = 400
_MAX_TEAM_CHARS = 60
_MAX_TEAM_WORDS = 6


def extract_job_code(posting: Posting, body: str) -> TextFacet | None:
    """Return the job code or requisition id ("A88273"): the source first, then a labelled field."""
    if posting.hints.job_code:
        return TextFacet(posting.hints.job_code, posting.hints.job_code, "source")
    lowered = lower(body)
    source = same_offsets(body, lowered)
    for key in _CODE_KEYS:
        for at in key_starts(lowered, key):
            if at and lowered[at - 1].isalpha():  # "postcode", "barcode"
                continue
            begin = _label_start(lowered, at)
            if not _starts_line(lowered, begin):
                continue  # a label starts its line ("Job Code: …"), not the middle of a sentence
            label = _CODE.match(source, begin)
            value = _CODE_VALUE.match(source, label.end()) if label and label.end() > at else None
            if value and _DIGIT.search(value.group(1)):
                evidence = source[label.start() : value.end()].strip()
                return TextFacet(value.group(1), _one_line(evidence), "body")
    return None


def _label_start(lowered: str, at: int) -> int:
    """Where the label holding ``at`` begins: back over "job "/"position " so "Job Code" is read whole."""
    for word in ("job ", "position ", "posting ", "vacancy "):
        if lowered.startswith(word, at - len(word)):
            return at - len(word)
    return at


def _starts_line(lowered: str, at: int) -> bool:
    line_start = lowered.rfind("\n", 0, at) + 1
    return not lowered[line_start:at].strip(" \t-•·|*")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def extract_team(posting: Posting, body: str) -> TextFacet | None:
    """Return the team or department: the source first, then a team the text plainly names."""
    team = posting.hints.team or posting.hints.department
    if team:
        return TextFacet(team, team, "source")
    lowered = lower(body)
    labelled = (
        _TEAM_LABEL_LINES.search(body) if any(key_starts(lowered, key) for key in _TEAM_LABEL_KEYS) else None
    )
    if labelled:
        value = _TEAM_VALUE.match(body, labelled.end())
        if value and len(value.group(1).split()) <= _MAX_TEAM_WORDS:
            name = value.group(1).strip()
            return TextFacet(name, _one_line(body[labelled.start() : value.end()]), "body")
    starts = [hits[0] for key in _ABOUT_TEAM_KEYS if (hits := key_starts(lowered, key))]
    about = _ABOUT_TEAM.search(same_offsets(body, lowered), min(starts)) if starts else None
    if about:
        window = body[about.end() : about.end() + _FIRST_SENTENCES_CHARS]
        named = _TEAM_NAME.search(window)
        name = _team_name(named.group(1), posting.company) if named else None
        if named and name:
            return TextFacet(name, _one_line(named.group(0)), "body")
    return None


def _team_name(phrase: str, company: str) -> str | None:
    """Return the team's own name from "Acme's dynamic Revenue team"; None for "the Acme team"."""
    name = _LEADING_FILLER.sub("", phrase)
    words = name.split()
    if len(words) < 2 or len(name) > _MAX_TEAM_CHARS:
        return None
    if company and words[0].casefold() == company.casefold() and len(words) == 2:
        return None
    return name
