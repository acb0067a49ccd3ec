"""When a job starts and how long it lasts.

The title is read first ("Software Engineer Intern (Summer 2026)", "2026 Start", "Internship (6 months)"),
then the body, where a date or season counts only next to a start cue ("starting", "from", "start date:",
"à partir de", "ab", "a partir de", "dal") and a duration only where it describes the job ("6-month
internship", "for 12 months", "durée : 6 mois"), never "6 months of experience".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from bot.extract.keyscan import (
    CASE_BLIND_ONLY,
    CaselessPattern,
    all_starts,
    body_keys,
    key_starts,
    keys_found,
    line_cache,
    lower,
    same_offsets,
    text_cache,
    word_starts,
    words,
)
from bot.models import Basis, DurationFacet, Posting, StartFacet

_EVIDENCE_CHARS = 80

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero gennaio",
        "february feb février fevrier févr februar febrero febbraio",
        "march mar mars märz maerz marzo",
        "april apr avril abril aprile",
        "may mai mayo maggio",
        "june jun juin juni junio giugno",
        "july jul juillet juil juli julio luglio",
        "august aug août aout agosto",
        "september sep sept septembre septiembre settembre",
        "october oct octobre oktober octubre ottobre",
        "november nov novembre noviembre",
        "december dec décembre decembre dezember diciembre dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

# The season words of the languages the bot's communities write, in lower case, accented and not: the one
# table of them. Dates read them beside a year ("Sommer 2026", "lato 2026") or an internship's word ("stage
# d'été", "prácticas de verano", "zomerstage"); the query language reads the same words, folded.
INTERNSHIP_SEASONS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "spring printemps frühling fruehling frühjahr fruehjahr primavera voorjaar wiosna wiosenny "
            "wiosenne wiosenna"
        ),
        "spring",
    ),
    **dict.fromkeys(
        words(
            "summer été ete d'été d'ete sommer sommar zomer verano verão verao estivo estiva estivi estive "
            "estival lato letni letnie letnia férias ferias wakacyjny wakacyjna wakacyjne wakacje"
        ),
        "summer",
    ),
    **dict.fromkeys(
        words(
            "fall autumn automne d'automne herbst herfst najaar otoño otono autunno outono jesień jesien "
            "jesienny jesienne jesienna rentrée rentree"
        ),
        "fall",
    ),
    **dict.fromkeys(
        words("winter hiver d'hiver invierno inverno invernale zima zimowy zimowe zimowa"), "winter"
    ),
}

_ENGLISH_SEASONS = frozenset(words("spring summer fall autumn winter"))
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Words for the summer holidays name a season only beside an internship's word ("estágio de férias"): beside
# a year they are holidays or fairs ("ferias 2026" is Spanish for the 2026 trade fairs). The query reads them
# so too.
SEASON_HOLIDAY_WORDS = frozenset(words("férias ferias wakacyjny wakacyjna wakacyjne wakacje"))
_SEASON_NAME = "|".join(sorted(INTERNSHIP_SEASONS.keys() - SEASON_HOLIDAY_WORDS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

# A date expression right after a start cue. Named groups say which form matched.
_DATE = (
    rf"(?:(?P<iso>{_YEAR})-(?P<iso_m>\d{{1,2}})(?:-(?P<iso_d>\d{{1,2}}))?"
    rf"|(?:(?P<num_d>\d{{1,2}})[./])?(?P<num_m>\d{{1,2}})[./](?P<num_y>{_YEAR})"
    rf"|(?:(?:the |le |el |il |den )?(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?)?"
    rf"(?P<month>{_MONTH_NAME})\.?(?:\s+(?P<day2>\d{{1,2}})(?!\d)(?:st|nd|rd"
    rf"|th)?,?)?(?:\s+(?:de\s+)?(?P<year>{_YEAR})\b"
    # "from January to July 2026": the span's one year is the start's too
    rf"|\s*(?:to|until|till|-|–|bis|au|à|a|al|hasta)\s*(?:{_MONTH_NAME})\.?\s+(?P<span_y>{_YEAR})\b)?"
    rf"|(?P<season>{_SEASON_NAME})(?:\s+(?:of\s+|de\s+|di\s+|de\s+septembre\s+)?(?P<season_y>(?:'"
    rf"|’)?\d{{2}}(?:\d{{2}})?))?)"
)
_START_CUE = (
    r"(?:start(?:ing|s)?(?: date)?|begin(?:ning|s)?|commencing|available from|from|as of"
    r"|à partir (?:du|de)|dès|début|démarrage|date de début|ab(?: dem)?|beginn|startdatum|starttermin"
    r"|eintritt(?:sdatum|stermin)?|einstieg"
    r"|a partir de(?:l)?|desde|inicio|incorporación|dal|da|a partire da(?:l)?|inizio|data di inizio)"
)
# Body patterns are tried only where a key word starts (after a non-letter): cheap on long texts.
_BODY_START = re.compile(
    # "Début de stage : janvier 2027", "start of the internship: June 2027"
    rf"{_START_CUE}(?:\s+(?:de|du|of|des|del|der)\s+(?:the\s+)?(?:stage|internship|contrat|contract|mission"
    rf"|praktikums?|prácticas|tirocinio|placement))?"
    rf"\s*(?:on|in|:|：|le|el|il|im|am|the)?\s*(?:the\s+)?{_DATE}",
    re.IGNORECASE,
)
# ``_BODY_START`` read case-sensitively over the lower-cased body, as ``_SEASON_YEAR_LOWER`` (see there):
# wherever the case-blind pattern matches the text, this one matches the lower-cased text, unless the text
# holds a letter the regex folds apart from lower-casing ("ı", "ſ"). Several times faster: it screens out
# the cue words that no date follows.
_BODY_START_LOWER = re.compile(_BODY_START.pattern)
_BODY_START_KEYS = body_keys(
    "start", "begin", "commenc", "from", "à partir", "a partir", "dès", "début", "démarr", "ab ", "desde",
    "inicio", "incorpora", "dal ", "da ", "inizio", "eintritt", "einstieg",
)  # fmt: skip
_INTERN = body_keys("intern")[0]  # a season internship ("Summer Internship") is read around it
_SEASON_YEAR = re.compile(
    rf"(?P<season>{_SEASON_NAME})\s*,?\s*(?:of\s+|de\s+|di\s+)?(?P<year>(?:'|’)\d{{2}}|{_YEAR})\b"
    rf"|(?P<year2>{_YEAR})\s+(?:start|intake|cohort)\b|start(?:ing)?\s+(?:in\s+)?(?P<year3>{_YEAR})\b"
    rf"|(?P<season2>summer|fall|autumn|spring|winter)\s+(?:internship|intern|co-?op|analyst|associate)\b",
    re.IGNORECASE,
)
# A season internship in other languages names its start with no year: a compound ("Sommerpraktikum",
# "Frühjahrspraktikant", "zomerstage", "sommarpraktik"), an internship's word with the season after it
# ("stage d'été", "prácticas de verano", "estágio de verão", "tirocinio estivo", "staż letni"), or the
# season before it ("letnie praktyki", "Sommer-Praktikum"). The English ones are ``_SEASON_YEAR``'s; after
# the word only the other languages' seasons count ("Stage Fall Protection" is no season), and "stage"
# never follows a season ("Summer Stage" is a venue).
_OTHER_SEASONS = "|".join(
    sorted(
        (w for w in INTERNSHIP_SEASONS if "'" not in w and w not in _ENGLISH_SEASONS), key=len, reverse=True
    )
)
_INTERNSHIP_WORDS = (
    r"pr[aá]cticas|pasant[ií]as?|est[aá]gios?|tirocini[oi]|sta[żz]e?|praktyki|praktik(?:um|a|ant(?:in)?)?"
)
# The seasons that open a compound ("Sommerpraktikum", "voorjaarsstage"): the query reads them too.
SEASON_COMPOUND_WORDS: tuple[str, ...] = words(
    "sommer sommar zomer winter herbst herfst frühjahr fruehjahr frühling fruehling voorjaar najaar"
)
_SEASON_INTERNSHIP = (
    rf"(?P<season3>{'|'.join(SEASON_COMPOUND_WORDS)})s?-?(?:{_INTERNSHIP_WORDS}|stages?)\b"
    rf"|(?:stages?|{_INTERNSHIP_WORDS})\s+(?:de\s+|d['’]\s*|di\s+|du\s+)?(?P<season4>{_OTHER_SEASONS})\b"
    rf"|(?P<season5>{_OTHER_SEASONS})[\s-]+(?:{_INTERNSHIP_WORDS})\b"
)
_SEASON_INTERNSHIP_ONLY = re.compile(rf"\b(?:{_SEASON_INTERNSHIP})", re.IGNORECASE)
# Where such a phrase may be in a body: each holds one of these (lower case), found by the shared key pass.
_SEASON_INTERNSHIP_KEYS = body_keys("stage", "praktik", "práctica", "practica", "pasant", "estági", "estagi",
                                     "tirocin", "staż", "staz", "praktyk")  # fmt: skip
# In a title, a season internship of another language names the start too.
_TITLE_SEASON = re.compile(rf"\b(?:{_SEASON_YEAR.pattern}|{_SEASON_INTERNSHIP})", re.IGNORECASE)
_YEAR_HINT = re.compile(r"20\d\d")  # a literal-led pattern: fast to scan for
# A season right before another that a year follows: "Winter/Spring 2026", "Spring & Summer 2026".
_SEASON_BEFORE = re.compile(rf"\b(?P<first>{_SEASON_NAME})\s*(?:/|&|-|–|or|and|\+)\s*$", re.IGNORECASE)
# A month and year in a title, maybe the first of a span: "ab März 2026", "(Jan-Jun 2026)", "Février 2026".
_TITLE_MONTH = re.compile(
    rf"(?:\b(?P<cue>{_START_CUE})\s+)?(?<!\w)(?P<month>{_MONTH_NAME})\.?(?P<span>\s*[-–]\s*(?:{_MONTH_NAME})\.?)?"
    rf"\s+(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
_ASAP = re.compile(
    r"as soon as possible\b|asap\b|immediate (?:start|availability|joiner)\b|immediately\b"
    r"|dès que possible\b|dès maintenant\b|ab sofort\b|schnellstmöglich|zum nächstmöglichen"
    r"|lo antes posible\b|incorporación inmediata\b|il prima possibile\b|da subito\b",
    re.IGNORECASE,
)
_ASAP_KEYS = body_keys(
    "as soon as",
    "asap",
    "immediate",
    "dès",
    "ab sofort",
    "schnellstmöglich",
    "zum nächstmöglich",
    "lo antes",
    "incorporación inmediata",
    "il prima",
    "da subito",
)
_START_WORDS = ("start", "join", "availab", "begin")
# ``_ASAP`` as its lower-cased twin behind a word screen (same spans, far faster on a title holding none).
_TITLE_ASAP = CaselessPattern(_ASAP)

_UNIT = r"(?:months?|mos?\.?|mois|monate?n?|meses|mes|mesi|mese)"
_WEEKS = r"(?:weeks?|semaines?|wochen|semanas|settimane)"
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
_N = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
# A length ("3–6 months", "at least 3 months", "6-month"); it counts only in a job context (below).
_LENGTH = re.compile(
    rf"(?:(?P<bound>at least|minimum(?: of)?|min\.|mindestens|au moins|minimo|mínimo(?: de)?|no less than"
    rf"|up to|maximum(?: of)?|max\.|bis zu|jusqu(?:'|’)à|hasta)\s+(?:a\s+)?)?"
    rf"\b(?P<a>{_N})(?:\s*(?:[-–—]|to|bis|à|a|y|or)\s*(?P<b>{_N}))?[\s-]*(?P<unit>{_UNIT}|{_WEEKS})\b",
    re.IGNORECASE,
)
_JOB_AFTER = re.compile(
    r"(?:'s?|’s?)?[\s-]+(?:long\s+|paid\s+|full[- ]time\s+|fixed[- ]term\s+)?"
    r"(?:internship|intern\b|contract|fixed[- ]term|assignment|placement|co-?op|stage|praktikum|position|role"
    r"|program|programme|engagement|project|tirocinio|prácticas|apprenticeship|residenc\w*|period|duration)",
    re.IGNORECASE,
)
_CUE_BEFORE = re.compile(
    r"(?:\bfor|\bof|lasting|durée|duration|dauer|durata|duración|length|pour|für|per|durante"
    r"|commit(?:ment)? to"
    r"|available for|availability for|\bde|\bdi|\bvon)\s*[:：]?\s*(?:a\s+(?:period\s+of\s+)?|an?\s+)?$",
    re.IGNORECASE,
)
_NOT_JOB_AFTER = re.compile(
    r"\s+(?:of|in|ago|after|before|experience|d(?:'|’)expérience|berufserfahrung|de experiencia|notice)\b"
    r"|\s+(?:to|-|or)\s+\w+\s+years?\b",
    re.IGNORECASE,
)
# Words just before a length that make it about something else ("after a successful 3-month period").
_NOT_JOB_BEFORE = re.compile(
    r"\b(?:after|within|every|first|last|past|next|previous|prior|completed|experience|cycles?|trial|out of"
    r"|per|each)\b[^.;:]{0,25}$",
    re.IGNORECASE,
)
_WEEK_CONTEXT = ("intern", "co-op", "coop", "program", "stage", "praktik")
_DURATION_KEYS = body_keys(
    "month",
    "mos",
    "mois",
    "monat",
    "meses",
    "mesi",
    "week",
    "semaine",
    "woche",
    "semana",
    "settiman",
)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'’")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[_name_key(text)]


def _match_at(
    pattern: re.Pattern[str], source: str, lowered: str, keys: tuple[str, ...]
) -> re.Match[str] | None:
    """Return the first match of ``pattern`` that starts where a key word starts."""
    for at in word_starts(lowered, keys):
        found = pattern.match(source, at)
        if found:
            return found
    return None


def _name_key(name: str) -> str:
    """The table key of a month or season name the case-blind patterns matched.

    Ignoring case, Python's patterns also take the long s (ſ), the dotless and dotted i (ı, İ) and the
    Kelvin sign for s, i and k ("Auguſt"), which ``lower()`` alone does not turn into the table's letters.
    """
    return name.lower().translate(_ODD_LETTERS)


_ODD_LETTERS = str.maketrans({"ſ": "s", "ı": "i", "\u0307": None})  # "İ".lower() is "i" + a dot above


def _start_from_date(found: re.Match[str], basis: Basis) -> StartFacet | None:
    evidence = found.group(0).strip()[:_EVIDENCE_CHARS]
    groups = found.groupdict()
    if groups.get("iso"):
        month, day = int(groups["iso_m"]), groups.get("iso_d")
        return _dated(int(groups["iso"]), month, int(day) if day else None, evidence, basis)
    if groups.get("num_y"):
        day, month, year = groups.get("num_d"), int(groups["num_m"]), int(groups["num_y"])
        if day and "/" in evidence and int(day) <= 12 and month <= 12:
            return StartFacet(year=year, evidence=evidence, basis=basis)  # 09/01/2026: US or European order?
        return _dated(year, month, int(day) if day else None, evidence, basis)
    if groups.get("month"):
        year = _year(groups.get("year") or groups.get("span_y"))
        day = groups.get("day") or groups.get("day2")
        if year is None:
            return None  # "from March" alone is too vague to be a start date
        return _dated(year, _MONTHS[_name_key(groups["month"])], int(day) if day else None, evidence, basis)
    if groups.get("season"):
        season = INTERNSHIP_SEASONS[_name_key(groups["season"])]
        year = _year(groups.get("season_y"))
        if year is None and groups["season"].lower() not in ("rentrée", "rentree"):
            return None
        return StartFacet(season=season, year=year, evidence=evidence, basis=basis)
    return None


def _dated(year: int, month: int, day: int | None, evidence: str, basis: Basis) -> StartFacet | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return StartFacet(date=date, year=year, evidence=evidence, basis=basis)


def _season_year(found: re.Match[str], basis: Basis) -> StartFacet:
    groups = found.groupdict()
    season_word = next(
        (groups[g] for g in ("season", "season2", "season3", "season4", "season5") if groups.get(g)), None
    )
    year = _year(groups.get("year") or groups.get("year2") or groups.get("year3"))
    season = INTERNSHIP_SEASONS[_name_key(season_word)] if season_word else None
    return StartFacet(season=season, year=year, evidence=found.group(0)[:_EVIDENCE_CHARS], basis=basis)


def extract_start(posting: Posting, body: str) -> StartFacet | None:
    """Return the start date, season/year or "asap": the source's own field, the title, then the body."""
    if posting.hints.start:
        source = _source_start(posting.hints.start)
        if source is not None and not _over_before(source, posting):
            return source
    title = _title_start(posting.title)
    if title is not None:
        return title
    return _body_start(body)


# The last month of a term named by its season: a "Winter 2026" co-op runs January to April.
_SEASON_LAST_MONTH = {"winter": 4, "spring": 6, "summer": 9, "fall": 12}


def _over_before(facet: StartFacet, posting: Posting) -> bool:
    """Whether a source's term ended before the posting was published: a stale tag, not the start.

    A list curated by hand keeps a row's first terms when the company posts the next cycle ("2025 Intern"
    published in October 2024 still tagged "Spring 2024"); such a term cannot be when the job starts.
    """
    posted = posting.posted_at
    if posted is None or facet.date is not None or facet.year is None:
        return False
    if facet.season is None:
        return facet.year < posted.year
    return (facet.year, _SEASON_LAST_MONTH.get(facet.season, 12)) < (posted.year, posted.month)


@text_cache
def _body_start(body: str) -> StartFacet | None:
    """The start date, season/year or "asap" the body names (a text posted again is read once)."""
    lowered = lower(body)
    source = same_offsets(body, lowered)
    starts = word_starts(lowered, _BODY_START_KEYS)
    # Most cue words ("from", "start") are followed by no date: the lower-cased twin tells them fast.
    folds = bool(starts) and any(letter in lowered for letter in CASE_BLIND_ONLY)
    for at in starts:
        if not folds and _BODY_START_LOWER.match(lowered, at) is None:
            continue
        found = _BODY_START.match(source, at)
        facet = _start_from_date(found, "body") if found else None
        if facet is not None:
            return facet
    season = _season_in_body(source, lowered)
    if season is not None:
        return season
    for at in word_starts(lowered, _ASAP_KEYS):
        found = _ASAP.match(source, at)
        if not found:
            continue
        if found.group(0).lower() == "immediately" and not any(
            word in lowered[max(0, at - 30) : at] for word in _START_WORDS
        ):
            continue  # "immediately" alone ("reply immediately") is not a start
        return StartFacet(asap=True, evidence=_around(source, found), basis="body")
    return None


_ISO_START = re.compile(r"\s*(?P<iso>(?:19|20)\d\d)-(?P<iso_m>\d\d)(?:-(?P<iso_d>\d\d))?(?!\d)")


@line_cache
def _source_start(field: str) -> StartFacet | None:
    """The start a source's field names: a date ("2026-09-01"), or a term ("Summer 2025", "2026 Fall")."""
    found = _ISO_START.match(field)
    if found:
        return _start_from_date(found, "source")
    found = _TITLE_SEASON.search(field)
    if found:
        facet = _first_season(_season_year(found, "source"), field, found)
        year = re.search(rf"\b{_YEAR}\b", field) if facet.year is None else None
        # "2026 Summer Internship": the season is read after the year, which still belongs to it
        return (
            replace(facet, year=_year(year.group()), evidence=field.strip()[:_EVIDENCE_CHARS])
            if year
            else facet
        )
    term = season_term(field)
    if term is None or term == (None, None):
        return None
    season, year = term
    return StartFacet(season=season, year=year, evidence=field.strip()[:_EVIDENCE_CHARS], basis="source")


@line_cache
def _title_start(title: str) -> StartFacet | None:
    """The start a title names (titles recur: remembered).

    A season and year ("Intern (Summer 2026)", "2026 Summer Analyst", "Fall Co-op 2026"), a month and year
    ("Praktikum ab März 2026", "Intern (Jan-Jun 2026)"), or "ab sofort".
    """
    found = _title_season(title)
    if found:
        facet = _first_season(_season_year(found, "title"), title, found)
        if facet.year is None:
            # the title's one year is the season's: "Fall Co-op 2026", "2026 Summer Internship"
            years = {_year(y) for y in re.findall(rf"\b{_YEAR}\b", title)}
            if len(years) == 1:
                facet = replace(facet, year=years.pop())
        return facet
    # Every match of ``_TITLE_MONTH`` holds a year, which starts "19" or "20": most titles hold neither.
    dated = _TITLE_MONTH.search(title) if "19" in title or "20" in title else None
    if dated and (dated.group("cue") or dated.group("span")):
        # a bare "… - July 2026" may be when the job ends or a cohort: only a start or a span's first month
        return _start_from_date(dated, "title")
    asap = _TITLE_ASAP.search(title)
    return StartFacet(asap=True, evidence=title[asap.start() : asap.end()], basis="title") if asap else None


def _first_season(facet: StartFacet, text: str, found: re.Match[str]) -> StartFacet:
    """The first season of a run that shares one year: "Winter/Spring 2026" starts in winter."""
    season_at = found.start("season") if found.group("season") else -1
    before = _SEASON_BEFORE.search(text, 0, season_at) if season_at > 0 else None
    if before is None:
        return facet
    season = INTERNSHIP_SEASONS[_name_key(before.group("first"))]
    return replace(
        facet, season=season, evidence=text[before.start() : found.end()].strip()[:_EVIDENCE_CHARS]
    )


@line_cache
def _title_duration(title: str) -> DurationFacet | None:
    return _duration(title, "title")


def _season_in_body(source: str, lowered: str) -> StartFacet | None:
    """Return a season with a year ("Summer 2026", "2026 start") or a season internship."""
    for year in _YEAR_HINT.finditer(lowered):
        found = _season_search(source, lowered, max(0, year.start() - 25), year.end() + 12)
        if found and not source[found.start() - 1 : found.start()].isalpha():
            return _season_year(found, "body")
    for at in key_starts(lowered, _INTERN):
        found = _season_search(source, lowered, max(0, at - 12), at + 10)
        if found and found.group("season2") and not source[found.start() - 1 : found.start()].isalpha():
            return _season_year(found, "body")
    return _season_internship_in_body(source, lowered)


def _season_internship_in_body(source: str, lowered: str) -> StartFacet | None:
    """A season internship of another language in the body ("un stage d'été", "ein Sommerpraktikum")."""
    if len(source) != len(lowered):
        source = lowered  # lower-casing moved the offsets: read the lower-cased text
    # Each key where a find loop resuming after each hit finds it, read from the shared pass over the body
    # (eleven finds over a long body cost more than that whole pass).
    for key, starts in keys_found(lowered, _SEASON_INTERNSHIP_KEYS):
        for at in starts:
            # the phrase's words lie around its key: a compound's season before it, a season after it
            start, end = max(0, at - 12), at + len(key) + 24
            found = _season_search(
                source, lowered, start, end, _SEASON_INTERNSHIP_ONLY, _SEASON_INTERNSHIP_LOWER
            )
            if found is not None and found.start() <= at < found.end():
                return _season_year(found, "body")
    return None


# ``_SEASON_YEAR`` read case-sensitively over the lower-cased body: its letters are lower case already
# (bar the "P" of its group names), so wherever the case-blind pattern matches the text, this one matches
# the lower-cased text, unless the case-blind pattern took a letter for one it does not lower-case to:
# "ı" for "i", "ſ" for "s" (the other letters the regex folds apart from lower-casing are not in it).
# About three times faster, and most windows around a year hold no season: it screens them out.
_SEASON_YEAR_LOWER = re.compile(_SEASON_YEAR.pattern)
# The same for a season internship of another language: its letters are lower case too, and the case-blind
# regex takes only "ı" and "ſ" for some of them (the windows around "stage" in "early-stage" are many).
_SEASON_INTERNSHIP_LOWER = re.compile(_SEASON_INTERNSHIP_ONLY.pattern)
# And for a title, where both are read (most titles name no season: the twin tells that fast).
_TITLE_SEASON_LOWER = re.compile(_TITLE_SEASON.pattern)


def _season_search(
    source: str,
    lowered: str,
    start: int,
    end: int,
    pattern: re.Pattern[str] = _SEASON_YEAR,
    twin: re.Pattern[str] = _SEASON_YEAR_LOWER,
) -> re.Match[str] | None:
    """``pattern.search(source, start, end)``, skipped where its lower-cased ``twin`` finds nothing."""
    if source is not lowered:  # else lower-casing changed the text's length: ``source`` is ``lowered``
        window = lowered[start:end]
        folds = not window.isascii() and any(letter in window for letter in CASE_BLIND_ONLY)
        if not folds and twin.search(lowered, start, end) is None:
            return None
    return pattern.search(source, start, end)


def _title_season(title: str) -> re.Match[str] | None:
    """``_TITLE_SEASON.search(title)``, skipped where its lower-cased twin finds nothing."""
    lowered = title.lower()
    if len(lowered) != len(title):  # offsets moved: no screen
        return _TITLE_SEASON.search(title)
    return _season_search(title, lowered, 0, len(title), _TITLE_SEASON, _TITLE_SEASON_LOWER)


def _around(source: str, found: re.Match[str]) -> str:
    """Return the match with a little text before it ("available to start immediately")."""
    start = found.start()
    if found.group(0).lower() == "immediately":
        start = max(0, source.rfind(" ", 0, max(0, start - 20)) + 1)
    return source[start : found.end()][:_EVIDENCE_CHARS]


def _months(count: int, unit: str) -> int:
    lowered = unit.lower()
    if lowered.startswith(("week", "semaine", "woche", "semana", "settiman")):
        return max(1, round(count / 4.345))
    return count


def _unit_starts(lowered: str) -> list[int]:
    """Offsets of month/week words (where a length can end)."""
    starts = [at for found in all_starts(lowered, _DURATION_KEYS) for at in found]
    starts.sort()
    return starts


def _in_job_context(source: str, found: re.Match[str], basis: Basis) -> bool:
    """Tell whether a length describes the job: "6-month internship", "for 12 months", "(6 months)"."""
    start, end = found.span()
    if _NOT_JOB_BEFORE.search(source, max(0, start - 40), start) or _NOT_JOB_AFTER.match(source, end):
        return False
    unit = found.group("unit").lower()
    if unit.startswith(("week", "semaine", "woche", "semana", "settiman")):
        nearby = source[max(0, start - 80) : end + 80].lower()
        if not any(word in nearby for word in _WEEK_CONTEXT):
            return False  # "a 5-week sabbatical", "paid work trial (1-2 weeks)"
    if _JOB_AFTER.match(source, end):
        return True
    if source[start - 1 : start] == "(" and source[end : end + 1] == ")":
        return basis == "title"
    return bool(found.group("bound") or _CUE_BEFORE.search(source, max(0, start - 40), start))


_KIND_RANK = {"range": 0, "min": 1, "exact": 2, "max": 3}
# The bound phrases of ``_LENGTH``, lower-cased, or their first letters ("jusqu'à", "mínimo").
_BOUND_KEYS = (
    "at least",
    "min",
    "mín",
    "au moins",
    "no less than",
    "up to",
    "max",
    "bis zu",
    "jusqu",
    "hasta",
)
# Letters the case-blind regex matches as other ASCII letters ("ſ" as "s"), which lower-casing keeps apart.
_FOLD_LETTERS = ("ſ", "ı", "İ", "K")
# Where a length's number may start: a digit, or a number word's first letter ("ſix"), starting a word.
_NUMBER_START = re.compile(r"\b[\dotfsenOTFSENſ]")


def _lengths(source: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``_LENGTH.finditer(source, start, end)``, tried only where a number starts a word.

    The case-blind regex, with its optional bound phrase in front, is slow to try at every position.
    Where the stretch holds no bound phrase, every match starts with its number: a digit or a number
    word, at the start of a word. Those starts are tried in order, each from the end of the match before,
    as ``finditer`` goes. (A stretch holding a letter that lower-casing does not fold as the regex does
    is searched by the regex itself.)
    """
    window = source[start:end]
    if not window.isascii() and any(letter in window for letter in _FOLD_LETTERS):
        yield from _LENGTH.finditer(source, start, end)
        return
    lowered = window.lower()
    if any(bound in lowered for bound in _BOUND_KEYS):
        yield from _LENGTH.finditer(source, start, end)
        return
    after = start
    for number in _NUMBER_START.finditer(source, start, end):
        if number.start() >= after:
            found = _LENGTH.match(source, number.start(), end)
            if found is not None:
                after = found.end()
                yield found


def _duration(text: str, basis: Basis) -> DurationFacet | None:
    lowered = lower(text)
    source = same_offsets(text, lowered)
    best: tuple[int, DurationFacet] | None = None
    for at in _unit_starts(lowered):
        for found in _lengths(source, max(0, at - 45), at + 12):
            if not _in_job_context(source, found, basis):
                continue
            unit = found.group("unit")
            low = _months(_number(found.group("a")), unit)
            high = _months(_number(found.group("b")), unit) if found.group("b") else low
            if not 0 < low <= high <= 48:
                continue
            evidence = found.group(0)[:_EVIDENCE_CHARS]
            bound = (found.group("bound") or "").lower()
            if bound.startswith(("up", "max", "bis", "jusqu", "hasta")):
                kind, facet = "max", DurationFacet(max_months=high, evidence=evidence, basis=basis)
            elif bound:
                kind, facet = "min", DurationFacet(min_months=low, evidence=evidence, basis=basis)
            else:
                kind, facet = ("range" if low < high else "exact"), DurationFacet(low, high, evidence, basis)
            if best is None or _KIND_RANK[kind] < best[0]:
                best = (_KIND_RANK[kind], facet)
    return best[1] if best else None


def extract_duration(posting: Posting, body: str) -> DurationFacet | None:
    """Return the duration in months: the title first ("Internship (6 months)"), then the body."""
    return _title_duration(posting.title) or _body_duration(body)


@text_cache
def _body_duration(body: str) -> DurationFacet | None:
    return _duration(body, "body")


def season_term(text: str) -> tuple[str | None, int | None] | None:
    """Return a query's season and/or year ("2026", "summer 2026", "fall", "Sommer 2026"), or None."""
    words = text.strip().lower().replace("’", "'").split()
    if not 1 <= len(words) <= 2:
        return None
    season: str | None = None
    year: int | None = None
    for word in words:
        if word in INTERNSHIP_SEASONS and season is None:
            season = INTERNSHIP_SEASONS[word]
        elif re.fullmatch(r"(?:19|20)\d{2}|'\d{2}", word) and year is None:
            year = _year(word)
        else:
            return None
    return season, year
