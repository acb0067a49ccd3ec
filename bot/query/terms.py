"""Reading words, phrases and fields into typed terms, by what they name in the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from bot.geo import Place
from bot.models import EMPLOYMENT_TYPES
from bot.query.folding import company_key, fold, phrase_of, words
from bot.query.help_text import FIELDS_HELP
from bot.query.known_words import TYPE_LABELS, TYPE_WORDS, WORDS_BEFORE_PLACES, WORKPLACE_WORDS
from bot.query.lexer import Token
from bot.query.model import QueryError, Term
from bot.query.vocabulary import Vocabulary

_YEAR = re.compile(r"^(20\d\d)$")


class TermReader:
    """Types one word, phrase or field as a term; ``companies`` maps company keys to their names."""

    def __init__(self, vocabulary: Vocabulary, companies: dict[str, str]) -> None:
        self.vocab = vocabulary
        self.companies = companies

    def bare(self, text: str, pos: int) -> Term:
        term = self.named(text)
        if term is not None:
            return term
        return self._keyword(text, pos, kind="keyword")

    def named(self, text: str) -> Term | None:
        """Return the term ``text`` names in the vocabulary, or None when it names nothing known."""
        key = fold(text).strip()
        workplace = WORKPLACE_WORDS.get(key)
        if workplace:
            return Term("workplace", f"wp:{workplace}", workplace, text)
        employment = self.vocab.employment(text) or TYPE_WORDS.get(key)
        if employment:
            return Term("employment", f"type:{employment}", TYPE_LABELS[employment], text)
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
        if places and text.islower() and key in WORDS_BEFORE_PLACES:
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

    def field(self, tok: Token) -> Term:
        name, value, pos = tok.field.lower(), tok.text.strip(), tok.pos
        if name in ("city", "region", "country", "place", "location"):
            return self._place_field(name, value, pos)
        if name in ("lang", "language", "lang!", "language!", "required"):
            code = self.vocab.language(value)
            if code is None:
                raise QueryError(f"'{value}' in {tok.field}: at character {pos} is not a language I know")
            return self._language(code, value, required_only=name.endswith("!") or name == "required")
        if name == "type":
            employment = self.vocab.employment(value) or TYPE_WORDS.get(fold(value))
            if employment is None and value.lower().replace("-", "_") in EMPLOYMENT_TYPES:
                employment = value.lower().replace("-", "_")  # type: ignore[assignment]
            if employment is None:
                raise QueryError(
                    f"'{value}' in type: at character {pos} is not an employment type; use one of "
                    "intern, full time, part time, contract, temporary, apprenticeship"
                )
            return Term("employment", f"type:{employment}", TYPE_LABELS[employment], value)
        if name == "workplace":
            workplace = WORKPLACE_WORDS.get(fold(value))
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
