"""Onsite, hybrid or remote, and where remote work is allowed.

The source's own field wins ("workplaceType": "Hybrid", "isRemote": true); then the location text
("Remote - US", "Hybrid - London"), the title ("… (Remote)"), and last the body, where the job's own
arrangement ("this role is hybrid", "in-office attendance required") outranks how the company works
("we are a remote-first company").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.extract.keyscan import (
    AlternativesPattern,
    AsciiKeys,
    KeySet,
    LinePattern,
    all_starts,
    body_keys,
    line_cache,
    lower,
    text_cache,
)
from bot.extract.locations import location_chains
from bot.geo.places import Place
from bot.models import Basis, Posting, Workplace, WorkplaceFacet

_VENDOR_WORDS: dict[str, Workplace] = {
    "remote": "remote", "fully remote": "remote", "remote only": "remote", "telecommute": "remote",
    "telecommuting": "remote",
    "hybrid": "hybrid", "flexible": "hybrid", "partially remote": "hybrid", "partly remote": "hybrid",
    "partial remote": "hybrid",
    "onsite": "onsite", "on-site": "onsite", "on site": "onsite", "office": "onsite", "in office": "onsite",
    "in-office": "onsite", "in person": "onsite", "in-person": "onsite",
}  # fmt: skip

# Location text and titles: short strings where the bare word is the arrangement ("Remote - US").
_SHORT_REMOTE = re.compile(
    r"\b(?:remote|anywhere|work from home|wfh|télétravail|teletrabajo|remoto|fernarbeit|"
    r"telecommut(?:e|ing))\b",
    re.I,
)
# Words that say remote only where a place is expected ("Virtual", "Home-based"); a title such as
# "Virtual Assistant" names the work, not where it is done.
_LOCATION_REMOTE = re.compile(r"\b(?:virtual|home[- ]based)\b", re.I)
# "Partially remote" is some days at home and some in the office: hybrid.
_SHORT_HYBRID = re.compile(
    r"\b(?:hybrid|hybride|híbrid[oa]|ibrid[oa]|(?:partial(?:ly)?|partly|semi)[- ]remote"
    r"|teletrabajo parcial|télétravail partiel)\b",
    re.I,
)
# "Hybrid" in a title says how the work is done only beside a word for it or in a segment of its own:
# "Hybrid Cloud Architect" and "Hybrid Powertrain Engineer" name the work.
_TITLE_HYBRID = re.compile(
    r"\bhybrid(?:e[nrsm]?)?\s+(?:work(?:ing)?|arbeits\w*|arbeiten|role|position|model|set-?up|schedule)\b"
    r"|(?:^|[(\[,/|–—]|\s-)\s*hybrid(?:e)?\s*(?=$|[)\],/|–—]|-\s)",
    re.I,
)
_SHORT_ONSITE = re.compile(
    r"\b(?:on-?site|in[- ]office|in[- ]person|office|hq|headquarters|présentiel|presencial|presenziale"
    r"|vor ort|sur site)\b",
    re.I,
)
# Home working in a location field, in German, English and Dutch usage ("Home Office", "Thuiswerken").
_HOME_OFFICE = re.compile(r"\b(?:home[- ]?office|home[- ]?based|thuiswerk\w*)\b", re.I)
# ... as an option or a part of the week: hybrid ("Homeoffice möglich", "teilweise Home Office").
_HOME_OFFICE_PART = re.compile(r"möglich|moeglich|optional|teilweise|anteilig|\d\s*(?:tage?|days?)\b", re.I)
# In a title: the words that say on site wherever they stand, or "office"/"HQ" as a segment of its own.
_TITLE_ONSITE = re.compile(
    r"\b(?:on-?site|in[- ]office|in[- ]person|office[- ]based|présentiel)\b"
    r"|(?:^|[-–—(|,/:\[]\s*)(?:office|hq|headquarters)\s*(?:$|[-–—)|,/\]])",
    re.I,
)
_LABEL_VALUE = re.compile(
    r"^[ \t*#•\-]*(?:job |work |office )?(?:location|locations|workplace|work ?model|work type|remote|"
    r"modalidad|modalità(?: di lavoro)?|modalité(?: de travail)?|arbeitsmodell|werkmodel|modelo de trabajo|"
    r"regime(?: de trabalho)?)[ \t*]*"
    r"[:：][ \t*]*(?P<value>[^\n]{1,80})$",
    re.IGNORECASE | re.MULTILINE,
)
_LABEL_VALUE_LINES = LinePattern(_LABEL_VALUE)  # the same matches, looked for only on lines holding a colon
# Words the body rules cannot match without; the rules only run on the text around them.
_KEYWORDS = body_keys(
    "remote", "hybrid", "office", "on-site", "onsite", "on site", "in-person", "in person", "présentiel",
    "presencial", "télétravail", "remoto", "híbrid", "ibrid", "anywhere", "#li-", "sur site", "sur place",
    "vor ort", "woche", "mobiles arbeiten", "in sede", "home office", "homeoffice", "teletrabajo",
    "telecommut",
)  # fmt: skip
# The posting's raw text is scanned for them alone: no other module reads it, and the shared body pass
# (every module's keys) would cost it twice as much.
_KEYWORD_SCAN = KeySet(_KEYWORDS)
# Most raw texts hold no letter of the keys beyond ASCII ("é" of "télétravail", "í" of "híbrid") in either
# case: their ASCII keys are then found in the text's case-folded bytes, with no lower-cased copy of the
# long raw text, which nothing else reads (``str.lower`` of a text that is not all ASCII is slow).
_ASCII_KEYWORD_SCAN = AsciiKeys(key for key in _KEYWORDS if key.isascii())
_KEYWORD_LETTERS = tuple(
    sorted({case for key in _KEYWORDS for c in key if not c.isascii() for case in (c, c.upper())})
)
_WINDOW = 90
_OR_REMOTE = re.compile(r"\bor\s+remote\b|\bremote\s+or\b|\bremote\s+possible\b|\bremote\s+ok\b", re.I)

# Body phrases by tier: a hybrid statement wins ("on site, with one remote day a week", "five days on site
# for three months, then hybrid"), then an on-site one, then a remote one: a statement about this job names
# the office or the days in it, while "remote-first" often describes only the company.
_N = r"(?:[1-4]|one|two|three|four)"
_BODY_RULES: tuple[tuple[Workplace, re.Pattern[str]], ...] = (
    (
        "hybrid",
        re.compile(
            r"\bhybrid(?!\s+(?:work(?:ing)?\s+)?opportunit)(?=\s*[:(,.;)\u2013-]|\s*$|\s+(?:work|working|role|"
            r"position|job|model|policy|arrangement|schedule|setup|environment|basis|company|team|culture)\b)|"
            r"(?<!\w)#LI-Hybrid\b|\b(?:role|position|job|internship)\s+is\s+hybrid\b|"
            rf"\b{_N}(?:\s*(?:-|to|or)\s*{_N})?\s+(?:remote|home[- ]?office|wfh|flex)\s+days?\b|"
            rf"\b{_N}(?:\s*(?:-|to|or)\s*{_N})?\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at|from|on)\s+"
            r"(?:the\s+|our\s+)?(?:\w+\s+)?(?:office|hq|studio|site|lab|premises)\b|"
            rf"\b(?:office|on[- ]?site|in[- ]person|hq)\b[^.\n]{{0,40}}?\b{_N}(?:\s*(?:-|to|or)\s*{_N})?"
            r"\s+days?\s+(?:a|per|each)\s+week\b|"
            rf"\b{_N}\s+days?\s+(?:(?:a|per)\s+week\s+)?(?:on[- ]?site|in[- ]office|in\s+the\s+office)\b|"
            r"\b(?:einen|zwei|drei|vier|[1-4])\s+Tage?\s+(?:pro|die|in\s+der)\s+Woche\s+(?:mobil|im\s+Home\s*office|"
            r"remote|von\s+zu\s+Hause)|\b(?:hybrides|mobiles)\s+Arbeiten\b|\bhybride\b|"
            r"\b(?:[1-4]|un|une|deux|trois)\s+jours?\s+de\s+télétravail\b|\btélétravail\s+partiel\b|"
            r"\bhíbrid[oa]\b|\bibrid[oa]\b|\b(?:partial(?:ly)?|partly|semi)[- ]remote\b|"
            r"\bhome\s*office\s+an\s+(?:[1-4]|einem|zwei|drei|vier)\s+Tag(?:en)?\b",
            re.I,
        ),
    ),
    (
        "onsite",
        re.compile(
            r"\b(?:not|isn't|is not|cannot be)\s+(?:a\s+)?(?:fully\s+)?remote\b|\bno\s+remote\b|"
            r"\bin[- ]office\s+attendance\s+(?:is\s+)?required\b|\b(?:fully|100%)\s+(?:on-?site|in[- ]office|"
            r"in[- ]person)\b|\b(?:five|5)\s+days\s+(?:a|per)\s+week\s+in\s+(?:the|our)\s+office\b|"
            # "expected to be in-office 5 days a week", "five days a week on-site"; not "4-5 days", and not
            # "in the office five days", which is as often lunch or what many people choose
            r"\b(?:on[- ]?site|in[- ]office|in[- ]person)\s+(?:five|5)\s+days\b|"
            r"(?<!\d-)(?<!\d–)\b(?:five|5)\s+days\s+(?:a|per)\s+week\s+"
            r"(?:on[- ]?site|in[- ]office|in[- ]person)\b|"
            r"\b(?:role|position|job|internship)\s+is\s+(?:an?\s+|fully\s+)?(?:on[- ]?site|in[- ]office|"
            r"in[- ]person|office[- ]based)\b|"
            r"\b(?:on-?site|in[- ]office|in[- ]person|office[- ]based)\s+(?:role|position|job)\b|"
            r"\b(?:on[- ]?site|in[- ]person)\s+(?:in|at)\s+(?:our|the)\b|"
            r"\b(?:working|work|based)\s+on[- ]?site\b|"
            r"\bwork(?:ing)?\s+(?:from|in|at)\s+our\s+(?:\w+\s+){0,2}(?:office|lab|studio|hq)\b|"
            r"(?<!\w)#LI-Onsite\b|\bsur\s+(?:site|place)\b|\bvor\s+Ort\b|\bpresencial\b|"
            r"\b100\s*%\s*(?:en\s+)?présentiel\b|\bin\s+sede\b",
            re.I,
        ),
    ),
    (
        "remote",
        re.compile(
            r"\b(?:fully|100%|completely|entirely|truly|permanently)\s+remote\b|\bremote[- ](?:first|only)\b|"
            r"\bremote(?:-friendly)?\s+(?:role|position|job|opportunity|internship)\b|"
            r"\b(?:role|position|job|internship)\s+is\s+(?:fully\s+)?remote\b|\bwork\s+from\s+anywhere\b|"
            r"\bwork\s+remotely\s+from\b|\bremote\s+work\s+(?:within|from)\b|\b100\s*%\s*(?:en\s+)?télétravail\b|"
            r"\btotalmente\s+remoto\b|\b100\s*%\s*(?:en\s+)?remot[oa]\b|\b(?:100\s*%\s*)?teletrabajo\s+total\b|"
            r"\b100\s*%\s*teletrabajo\b|\bvollständig\s+remote\b|(?<!\w)#LI-Remote\b|"
            r"\btelecommut(?:e|ing)\s+(?:role|position|job|opportunity)\b|"
            r"\b(?:role|position|job)\s+is\s+(?:a\s+|100%\s+|fully\s+)?telecommut",
            re.I,
        ),
    ),
)


_BODY_RULES_LOWER = tuple((value, re.compile(rule.pattern.lower())) for value, rule in _BODY_RULES)
# Each lower-case rule with its search, which runs only the alternatives whose words the windows hold (no
# separate screen: the search's one pass finding those words is one). A tuple, not a dict keyed by the
# rule: hashing a compiled pattern hashes its whole code each time.
_BODY_CHECKS = tuple((value, AlternativesPattern(rule)) for value, rule in _BODY_RULES_LOWER)


def extract_workplace(posting: Posting, body: str) -> WorkplaceFacet | None:
    """The workplace arrangement, or None when the posting does not say."""
    hints = posting.hints
    texts = [t for t in (posting.location_text, *hints.location_texts) if t and t.strip()]
    vendor = _VENDOR_WORDS.get((hints.workplace or "").strip().lower().replace("_", " "))
    if vendor is None and hints.is_remote is True:
        # "isRemote" is a yes/no that vendors set for hybrid roles too: a title or location text that says
        # hybrid ("Tax Manager – Vollzeit / hybrides Arbeitsmodell") is the more precise of the two
        for text in texts:
            if _short_text_value(text) == "hybrid":
                return WorkplaceFacet("hybrid", evidence=text.strip(), basis="location")
        said = _TITLE_HYBRID.search(posting.title)
        if said:
            return WorkplaceFacet("hybrid", evidence=said.group().strip(" ()[],/|–—-"), basis="title")
        vendor = "remote"
    if vendor is not None:
        countries, areas = _remote_scope(texts) if vendor == "remote" else ((), ())
        return WorkplaceFacet(
            vendor, countries, areas, evidence=hints.workplace or "isRemote", basis="source"
        )
    for text in texts:
        value = _home_value(text) or _short_text_value(text)
        value = value or ("remote" if _LOCATION_REMOTE.search(text) else None)
        if value is not None:
            return _facet(value, text, "location", texts)
    value = _title_value(posting.title)
    if value is not None:
        return _facet(value, posting.title, "title", texts)
    for label in _LABEL_VALUE_LINES.finditer(body):
        value = _short_text_value(label.group("value"))
        if value is not None:
            return _facet(value, label.group(0), "body", [*texts, label.group("value")])
    # The job's own text first; then the company's ("a fully remote team", "100% remote work" perks),
    # which another module strips as boilerplate but which still says how everyone there works.
    for full in (body, posting.text):
        text = _keyword_windows(full, shared=full is body)
        found = _body_rule(text)
        if found is not None:
            value, start, end = found
            return _facet(value, text[start:end], "body", texts, body_scope=_sentence(text, start, end))
    if hints.is_remote is False:
        return WorkplaceFacet("onsite", evidence="isRemote: false", basis="source")
    return None


@line_cache
def _body_rule(text: str) -> tuple[Workplace, int, int] | None:
    """The first body rule that matches the windows ``text``, and where (windows of one employer recur)."""
    low = text.lower()
    # The rules are compiled lower-case: a case-blind regex is several times slower. Offsets agree unless
    # lower-casing changed the length (a rare letter such as "İ"); then the case-blind rules run instead.
    if len(low) != len(text):
        for value, rule in _BODY_RULES:
            if (match := rule.search(text)) is not None:
                return value, match.start(), match.end()
        return None
    for value, search in _BODY_CHECKS:
        if (match := search.search(low)) is not None:
            return value, match.start(), match.end()
    return None


@text_cache
def _keyword_windows(text: str, *, shared: bool) -> str:
    """The stretches of ``text`` around workplace words: the body rules only ever match there (and fast).

    ``shared``: ``text`` is the body, whose keys the shared body pass finds for every module at once.
    """
    found: Iterable[list[int]] | None = None
    if not shared and not any(letter in text for letter in _KEYWORD_LETTERS):
        ascii_hits = _ASCII_KEYWORD_SCAN.hits(text)  # None for a text holding "İ" (two letters lowered)
        found = None if ascii_hits is None else ascii_hits.values()
    if found is None:
        low = lower(text)  # str.find on lower-cased text: far faster than a case-blind regex over the text
        found = all_starts(low, _KEYWORDS) if shared else _KEYWORD_SCAN.hits(low).values()
    hits = [at for starts in found for at in starts]
    spans: list[tuple[int, int]] = []
    for at in sorted(hits):
        start, end = max(0, at - _WINDOW), at + _WINDOW
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return "\n".join(text[a:b] for a, b in spans)


def _home_value(text: str) -> Workplace | None:
    """Work from home as a location field says it: "Home Office" is remote, "Homeoffice möglich" hybrid.

    Read only in location fields: in a title "Home Office" is as often the UK's ministry.
    """
    if not _HOME_OFFICE.search(text):
        return None
    return "hybrid" if _HOME_OFFICE_PART.search(text) or _SHORT_HYBRID.search(text) else "remote"


def _title_value(title: str) -> Workplace | None:
    """The arrangement a title states: as a location text does, but "Office" only in a segment of its own.

    "Office Manager", "Back Office Executive" and "Founder's Office Associate" name the work, not where it
    is done; "Analyst (Office)", "Engineer - HQ" and "On-site" say where.
    """
    value = _short_text_value(title)
    if value == "onsite" and not _TITLE_ONSITE.search(title):
        return None
    return value


def _short_text_value(text: str) -> Workplace | None:
    if _SHORT_REMOTE.search(text) and not re.search(r"\bnon[- ]?remote\b", text, re.I):
        if _SHORT_HYBRID.search(text) and not _OR_REMOTE.search(text):
            return "hybrid"
        return "remote"
    if _SHORT_HYBRID.search(text):
        return "hybrid"
    if _SHORT_ONSITE.search(text):
        return "onsite"
    return None


def _facet(
    value: Workplace, evidence: str, basis: Basis, texts: list[str], body_scope: str = ""
) -> WorkplaceFacet:
    countries: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    if value == "remote":
        countries, areas = _remote_scope([t for t in texts if _SHORT_REMOTE.search(t)] or texts)
        if not (countries or areas) and body_scope:
            countries, areas = _remote_scope([body_scope], prose=True)
    return WorkplaceFacet(value, countries, areas, evidence=evidence.strip(), basis=basis)


def _remote_scope(texts: list[str], *, prose: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The countries and areas a remote posting's location texts allow ("Remote (US | Canada)", "EMEA")."""
    countries: list[str] = []
    areas: list[str] = []
    for text in texts:
        for chain in location_chains(text, prose=prose):
            place = chain.place
            if place.kind == "area":
                areas.append(place.key.removeprefix("area:"))
            elif place.country and (
                place.kind == "country" or _names_country(chain.mentions[0].places, place)
            ):
                countries.append(place.country)
    return tuple(dict.fromkeys(countries)), tuple(dict.fromkeys(areas))


def _names_country(readings: tuple[Place, ...], place: Place) -> bool:
    """True when a city-state's name was written ("Remote - Singapore" allows the country)."""
    return any(r.kind == "country" and r.country == place.country for r in readings)


def _sentence(text: str, match_start: int, match_end: int) -> str:
    start = max(text.rfind(".", 0, match_start), text.rfind("\n", 0, match_start)) + 1
    ends = [i for i in (text.find(".", match_end), text.find("\n", match_end)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]
