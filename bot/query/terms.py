"""Reading words, phrases and fields into typed terms, by what they name in the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import takewhile
from typing import Literal

from bot.geo import Place, county_names
from bot.geo.tables import QUALIFIED_NOT_PLACES
from bot.models import EMPLOYMENT_TYPES, EmploymentType
from bot.query.areas import Metro, metro_by_key, metro_named
from bot.query.folding import company_key, fold, phrase_of, readable, search_words
from bot.query.help_text import FIELDS_HELP
from bot.query.known_words import (
    AREA_SHORT_FORMS,
    COMPANY_GROUPS,
    DEGREE_LABELS,
    DEGREE_WORDS,
    ENGLISH_HOMOGRAPHS,
    FILLER_WORDS,
    JOB_ABBREVIATIONS,
    LANGUAGE_LEVEL,
    LANGUAGE_TESTS,
    LANGUAGE_VARIETIES,
    LEVEL_LABELS,
    LEVEL_ORDER,
    LEVEL_WORDS,
    LEVELS_ALSO_SEARCHED,
    LOWER_CASE_TYPE_WORDS,
    NAME_ENDINGS,
    NAMES_WITH_PLACES,
    PREFERRED_AFTER,
    PROGRAMMES,
    REQUIRED_AFTER,
    REQUIRED_BEFORE,
    REQUIRED_GLUE,
    SEMESTER_CODES,
    TYPE_LABELS,
    TYPE_SHORT_FORMS,
    TYPE_WORDS,
    TYPES_ALSO_SEARCHED,
    WEAK_LANGUAGE_WORDS,
    WORDS_BEFORE_PLACES,
    WORKPLACE_WORDS,
    WRITTEN_WITH_ACCENTS,
    compound_type,
    month_range,
    month_start,
    quarter_start,
    semester_starts,
    simple_season,
)
from bot.query.lexer import URL, Token
from bot.query.model import QueryError, Term
from bot.query.similar import Lexicon
from bot.query.titles import (
    FIELD_PHRASES,
    JOB_NOUNS,
    JOINED_SPELLINGS,
    SAME_WORDS,
    SHORT_TITLE_OTHERS,
    SHORT_TITLES,
    TECHNOLOGY_WORDS,
    TITLE_MODIFIERS,
    WHOLE_WITH_SLASH,
    german_spellings,
    noun_forms,
    title_value,
)
from bot.query.vocabulary import DefaultVocabulary, Vocabulary, language_tag

_YEAR = re.compile(r"^(20\d\d)$")
_CODE = re.compile(r"^[A-Z]{2,3}$")
_SCORE = re.compile(r"^\d+(?:[.,]\d)?\+?$")  # "HSK 5", "IELTS 7.5"
# "New York State", "Greater Lyon", "Northern Virginia", "Berlin area"
_AROUND = re.compile(
    r"^(?:(?P<name2>.+?) (?:the )?(?P<state>state)"
    r"|(?P<name5>.+?) (?:the )?(?P<country>country|nation)"
    r"|(?P<name6>.+?) (?:the )?(?P<city>city|town)"
    r"|(?P<greater>greater|metro) (?P<name>.+)"
    r"|(?P<dir>(?:north|south|east|west)(?:ern)?|central|upstate|downstate"
    r"|(?:north|south)(?:east|west)(?:ern)?) (?P<name3>.+)"
    r"|(?P<name4>.+) (?P<area>area|metro|metro area|region|metropolitan area))$"
)
_COUNTY = re.compile(r"^(?:[a-z][a-z .'-]* county|county [a-z][a-z .'-]*|co\.? [a-z][a-z .'-]*)$")
_RANGE = re.compile(r"^(\w+)\s*(?:-|–|to|/)\s*(\w+)(?:\s+level)?$")  # "mid-senior", "junior to mid level"
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]")  # a flag's letters: it names a country
# "mid-2026", "early 2027", "Anfang 2027", "fin 2026": a part of a year, which postings do not date finely
_PART_OF_YEAR = re.compile(
    r"^(early|mid|late|end of|beginning of|start of|anfang|mitte|ende|debut|fin|principios de|mediados de"
    r"|finales de|inizio)[\s-]+(20[2-3]\d)$"
)
_COUNTY_NOTE = "a county, which I do not know as a place: write the towns you mean"
_MENTION = re.compile(r"^(?:@[\w.-]+|<[@#!][^>\s]*>)$")
_DOTTED_CODE = re.compile(r"^(?:[A-Za-z]\.){2,3}$")
_MAJOR_CITY = 1_000_000  # a city this large wins over a country sharing its short form ("LA")


def _modifies_language(word: str, side: frozenset[str]) -> bool:
    """True for a word that may stand on that ``side`` of a language asked for ("fluent", "in", "C1")."""
    joins = word in REQUIRED_GLUE or word in WEAK_LANGUAGE_WORDS
    return word in side or joins or bool(LANGUAGE_LEVEL.match(word))


# Around a word, what names nothing: anything but letters and digits, keeping a leading "." (".NET") and a
# closing "+" or "#" ("C++", "C#").
_EDGES = re.compile(r"^[^\w.]+|(?<=\w)[^\w+#]+$|(?<=[+#])[^\w+#]+$")


def _trimmed(text: str) -> str:
    """``text`` without the punctuation and symbols around its words ("remote!!!" → "remote")."""
    return _EDGES.sub("", text.strip()).strip().strip("_")  # "_remote_", as chat apps write italics


def _flag_country(text: str) -> str | None:
    """The ISO code a flag emoji stands for ("🇫🇷" → "FR"), or None."""
    letters = [ord(ch) - 0x1F1E6 for ch in text.strip()]
    if len(letters) == 2 and all(0 <= n < 26 for n in letters):
        return "".join(chr(ord("A") + n) for n in letters)
    return None


def _is_code(text: str) -> bool:
    """True for an upper-case short form such as "ML", "LA", "NYC" (as typed: "la" is a word)."""
    return bool(_CODE.match(text.strip()))


class TermReader:
    """Types one word, phrase or field as a term; ``companies`` maps company keys to their names."""

    def __init__(self, vocabulary: Vocabulary, companies: dict[str, str]) -> None:
        self.vocab = vocabulary
        self.companies = companies

    def bare(
        self, text: str, pos: int, quoted: bool = False, before_number: bool = False, as_keyword: bool = False
    ) -> Term:
        """Type a bare word or a quoted phrase; an unknown unquoted word near a known word gets a hint.

        ``before_number``: the next word is a number, which makes "Stage 0" an English stage, not a stage.
        ``as_keyword``: the words are searched as written, whatever they name.
        """
        term = None if as_keyword else self.named(text)
        if term is not None and term.kind == "employment" and fold(text) in ENGLISH_HOMOGRAPHS:
            if before_number:
                keyword = self._keyword(text, pos, kind="keyword")
                return replace(keyword, also=(f"{term.label}: write type:{text}",))
            return replace(term, also=(f"the English word '{text}': write keyword:{text}",))
        if term is not None:
            return term
        keyword = self._keyword(text, pos, kind="keyword")
        if quoted:  # quotes say "these very words": never second-guessed
            return keyword
        state = self.state_place(keyword)
        if state is not None:  # "NJ" alone is a word ("ME", "OK"), but may well mean New Jersey: say so
            return replace(keyword, also=(f"{state.label}: write {state.label.rsplit(' (', 1)[0]}",))
        if text.strip() in ("us", "usa"):  # "intern us": the word, or the country typed in lower case
            return replace(keyword, also=("United States (US): write US",))
        city = self._city_code(text)
        if city is not None:  # "sf": a word, or San Francisco typed in lower case: say so
            return replace(keyword, also=(f"{city.label}: write {text.strip().upper()}",))
        suggestion = self._suggestion(text)
        return replace(keyword, suggestion=suggestion) if suggestion else keyword

    def named(self, text: str) -> Term | None:
        """Return the term ``text`` names in the vocabulary, or None when it names nothing known.

        Punctuation and symbols around the words do not change what they name ("remote!!!", "French?",
        "🚀 remote"), and a flag names its country ("🇫🇷").
        """
        if _FLAG.search(text) and " " in text.strip():  # "🇩🇪 intern": the flag is a place of its own
            return None
        term = self._named(text)
        if term is None:
            core = _trimmed(text)
            if core and core != text:
                term = self._named(core)
                term = replace(term, text=text) if term is not None else None
        if term is None:
            country = _flag_country(text)
            place = self.vocab.country(country) if country else None
            term = self._place(place, (), text) if place is not None else None
        return term

    def _named(self, text: str) -> Term | None:
        key = fold(text).strip()
        workplace = WORKPLACE_WORDS.get(key)
        if workplace:
            return Term("workplace", f"wp:{workplace}", workplace, text)
        # before types: "new grad" (or "new-grad") is a career level, not "full time"
        level = LEVEL_WORDS.get(key.removesuffix("+")) or LEVEL_WORDS.get(key.replace("-", " "))
        level = level or next(iter(_level_range(key)), None)  # "mid-senior": mid; senior is an alternative
        level = level or LEVELS_ALSO_SEARCHED.get(key)  # "Absolvent": the level, or the word (alternatives)
        if level:
            return _level_term(level, text)
        degree = _degree(key)
        if degree:
            return Term("degree", f"degree:{degree}", DEGREE_LABELS[degree], text)
        # no digits: extraction's table ignores them, and "Stage 0" is not a stage (internship); a season
        # before the type is its start ("summer intern"), which extraction's "summer intern" would swallow
        employment = (
            TYPE_WORDS.get(key)  # only whole codes: "C2H", "1099"
            if any(ch.isdigit() for ch in key)
            else (None if _season_first(key) else self.vocab.employment(text))
            or TYPE_WORDS.get(key)
            or _searched_type(key)
            or (LOWER_CASE_TYPE_WORDS.get(key) if text.strip().islower() else None)
        )
        if employment:
            return Term("employment", f"type:{employment}", TYPE_LABELS[employment], text)
        required = self._required_language(key, text)
        if required is not None:
            return required
        # a bare two-letter word ("de", "IT") is more often a word or a country code than a language
        code = LANGUAGE_VARIETIES.get(key) or (self.vocab.language(text) if len(key) > 2 else None)
        if code:
            return self._language_or_place(code, text, key)
        start = self._start(text)
        if start is not None:
            return start
        group = COMPANY_GROUPS.get(_group_key(key))
        if group is not None:  # "Big 4": its firms, each a company term (the others in alternatives)
            words = f"the words '{text.strip()}' in postings: write keyword:\"{text.strip()}\""
            return Term("company", company_key(group[1][0]), group[1][0], text, (words,))
        programme = PROGRAMMES.get(_group_key(key).replace(".", ""))
        if programme is not None:  # "VIE": its word in the title, or its name in the text
            return Term("title", phrase_of(programme[0]), programme[0], text)
        company = self.companies.get(company_key(text))
        if company:
            return self._company(company, text)
        metro = metro_named(text)
        if metro is not None:  # before the gazetteer, which reads "Bay Area" as San Francisco alone
            return self._metro(metro, text)
        if _is_code(text):
            return self._short_form(text)
        if "&" in text:  # "M&A", "R&D", "FP&A", "AT&T": a name or a field of work, never a place's letters
            return None
        places = self.vocab.places(text)
        county = key in county_names()
        if county:  # the gazetteer reads a county as its nation ("Wiltshire" → England): too wide for a query
            places = [place for place in places if place.kind != "region"]
            if not places:
                return self._county(key, text, known=True)
        # "Bank", "University", "Group": a word that ends a name, before a small town of that name
        small = bool(places) and places[0].kind == "city" and places[0].weight < _MAJOR_CITY
        # a lower-case word the gazetteer knows as a word as well as a town ("man", "forest") is the word
        word = text.islower() and (key in WORDS_BEFORE_PLACES or key in QUALIFIED_NOT_PLACES)
        if places and (word or (small and key in NAME_ENDINGS)):
            keyword = self._keyword(text, 0, "keyword")
            how = f"{text.capitalize()} for the place" if text.islower() else f'city:"{text.strip()}"'
            return replace(keyword, also=(f"{place_label(places[0])}: write {how}",))
        if places:
            term = self._newer(self._place(places[0], places[1:], text), text)
            return replace(term, also=(*term.also, _COUNTY_NOTE)) if county else term
        return self._around(key, text) or self._county(key, text)

    def _city_code(self, text: str) -> Term | None:
        """The city a lower-case short word names in capitals ("sf", "atx"), or None."""
        word = text.strip()
        if not (2 <= len(word) <= 3 and word.isalpha() and word.islower()):
            return None
        term = self._short_form(word.upper())
        return term if term is not None and term.value.startswith(("city:", "metro:")) else None

    def small_towns(self, words: str) -> list[str]:
        """How to write the small towns named ``words`` ("Falls Church"): known only with their state."""
        from bot.geo.names import fold as fold_name
        from bot.geo.places import lookup_town

        if not isinstance(self.vocab, DefaultVocabulary):  # a test's vocabulary has no gazetteer
            return []
        towns = lookup_town(fold_name(words))
        return [f"{p.name}, {p.region}" if p.region else p.name for p in towns[:3]]

    def lower_code_place(self, term: Term) -> Term | None:
        """The place a lower-case code searched as a word names ("us", "sf", "ny"), or None."""
        word = term.text.strip()
        if term.kind != "keyword" or term.suggestion or not (word.isalpha() and word.islower()):
            return None
        if word in ("us", "usa"):
            country = self.vocab.country("US")
            return self._place(country, (), word) if country is not None else None
        city = self._city_code(word)
        return replace(city, text=word, also=()) if city is not None else None

    def word_for_place(self, term: Term) -> Term | None:
        """The word a capitalised place read so is when beside a job ("Mobile developer"), else None.

        "Mobile", "Reading", "Split" are towns and words; by a job's words they qualify the job.
        """
        key = fold(term.text).strip()
        if term.kind != "place" or not (key in WORDS_BEFORE_PLACES or key in QUALIFIED_NOT_PLACES):
            return None
        keyword = self._keyword(term.text, 0, "keyword")
        return replace(keyword, also=(f'{term.label}: write city:"{term.text.strip()}"',))

    def _county(self, key: str, text: str, known: bool = False) -> Term | None:
        """A county the areas do not list ("Wayne County", "Wiltshire"): its words, saying it is no place."""
        shire = key.endswith("shire") and " " not in key and len(key) > 6 and text[:1].isupper()
        if not (known or shire or _COUNTY.match(key)):
            return None
        keyword = self._keyword(text, 0, "keyword")
        return replace(keyword, also=(_COUNTY_NOTE,))

    def alternatives(self, term: Term) -> tuple[Term, ...]:
        """What else a term's words ask for, OR'd with it so that no posting it means is missed.

        A type word postings are not read for ("PFE", "Sommerpraktikum") is searched as itself too.
        """
        key = fold(_trimmed(term.text)).strip()
        if term.kind == "employment" and _searched_type(key) and not self.vocab.employment(term.text):
            return (self._keyword(term.text, 0, "keyword"),)
        # "zomerstage": extraction reads "Sommerpraktikum" for its season, not the Dutch compound; or the word
        if (
            term.kind == "start"
            and " " not in key
            and key.endswith(("stage", "stages"))
            and _searched_type(key)
        ):
            return (self._keyword(term.text, 0, "keyword"),)
        if term.kind == "start" and (semester := semester_starts(key)) is not None:  # "WS 2026/27": or winter
            return tuple(self._season_term(season, year, term.text) for season, year in semester[1:])
        if term.kind == "start" and (span := month_range(key)) is not None:  # "June–September": or fall
            return tuple(self._season_term(season, span[1], term.text) for season in span[0][1:])
        if term.kind == "level" and key in LEVELS_ALSO_SEARCHED:  # "Absolvent": or the word where written
            return (self._keyword(term.text, 0, "keyword"),)
        if term.kind == "level" and key.endswith("+"):  # "senior+": senior or any level above it
            above = LEVEL_ORDER[LEVEL_ORDER.index(term.value.removeprefix("level:")) + 1 :]
            return tuple(_level_term(level, term.text) for level in above)
        if term.kind == "level":  # "mid-senior", "junior to mid": each level of the range
            return tuple(_level_term(level, term.text) for level in _level_range(key)[1:])
        if term.kind == "company" and _group_key(key) in COMPANY_GROUPS:  # "Big 4": Deloitte, PwC, EY, KPMG
            names = COMPANY_GROUPS[_group_key(key)][1][1:]
            return tuple(Term("company", company_key(name), name, term.text) for name in names)
        programme = PROGRAMMES.get(_group_key(key).replace(".", "")) if term.kind == "title" else None
        if programme is not None and term.label == programme[0]:  # "VIE" (not title:vie): or its name
            return tuple(Term("keyword", phrase_of(words), words, term.text) for words in programme[1])
        if term.kind == "job_title":  # "Software Entwickler": "Softwareentwickler", "Softwareentwicklerin"
            return self._german_forms(" ".join(search_words(term.text)), term.text)
        if term.kind != "keyword":
            return ()
        words = " ".join(search_words(term.text))
        german = self._german_forms(words, term.text)
        if german:
            return german
        if words in SHORT_TITLES:  # "SWE": a software engineer, named in words
            slots = SHORT_TITLES[words]
            label = (
                " ".join(slot[0] for slot in slots[:-1])
                + " "
                + "/".join(dict.fromkeys(form.removesuffix("s") for form in slots[-1]))
            )
            also = (SHORT_TITLE_OTHERS[words],) if words in SHORT_TITLE_OTHERS else ()
            return (Term("job_title", title_value(list(slots)), label, term.text, also),)
        initials = _initials_joined(words) if words in _NAMED_WORDS else ()  # "J.P. Morgan": "jpmorgan" too
        if initials:
            return tuple(Term("keyword", phrase_of(form), form, term.text) for form in initials)
        spellings = JOINED_SPELLINGS.get(words, ()) or _other_spellings(words, term.text)
        return tuple(Term("keyword", phrase_of(form), form, term.text) for form in spellings)

    @staticmethod
    def _german_forms(words: str, text: str) -> tuple[Term, ...]:
        """A German compound job word's other spellings, each a keyword ("Datenanalyst": "Datenanalystin")."""
        return tuple(Term("keyword", phrase_of(form), form, text) for form in german_spellings(words))

    def compound_start(self, text: str) -> Term | None:
        """The start a German compound's first word names: "Sommerpraktikum" starts in summer; else None."""
        written = _trimmed(text).strip()
        found = compound_type(fold(written))
        prefix = found[0] if found else ""
        if len(fold(written)) == len(written):  # as typed: the season table knows "Frühjahr", not "fruhjahr"
            prefix = written[: len(prefix)]
        season = self.vocab.season(prefix) or self.vocab.season(prefix[:-1]) if len(prefix) > 2 else None
        if not season or season[0] is None or season[1] is not None:
            return None
        return Term("start", f"season:{season[0]}", season[0], text)

    def _metro(self, metro: Metro, text: str) -> Term:
        """An area of towns, naming the towns of its very name ("Kent": Kent, Washington) and how to ask."""
        name = fold(text).strip()
        towns = [p for p in self.vocab.places(text) if p.kind == "city" and fold(p.name) == name][:3]
        also = tuple(
            f"{place_label(p, detailed=True)}: write {p.name}, {p.region}" if p.region else place_label(p)
            for p in towns
        )
        return Term("place", metro.key, metro.label, text, also)

    def _newer(self, term: Term, text: str) -> Term:
        """Name the state that adds "New" to a place's name: "Jersey" may well mean New Jersey."""
        if " " in text.strip() or term.kind != "place":
            return term
        states = [p for p in self.vocab.places(f"New {text.strip()}") if p.kind == "region"]
        if not states:
            return term
        return replace(term, also=(*term.also, f"{place_label(states[0])}: write New {text.strip()}"))

    def _around(self, key: str, text: str) -> Term | None:
        """A place named with words around it: "New York State", "Berlin area", "Northern Virginia".

        The areas people name most are metros (:mod:`bot.query.areas`); any other "X area" is the town X,
        and "northern X" all of X, each saying so rather than requiring the words "area" or "northern".
        """
        found = _AROUND.match(" ".join(key.replace("-", " ").split()))
        if found is None:
            return None
        state, area, direction = found["state"], found["area"] or found["greater"], found["dir"]
        country, city = found["country"], found["city"]
        name = next((found[g] for g in ("name", "name2", "name3", "name4", "name5", "name6") if found[g]), "")
        kinds = (
            ("region",) if state else ("country",) if country else ("city",) if area or city
            else ("region", "country", "area")
        )  # fmt: skip
        metro = metro_named(name) if area and name else None
        if metro is not None:  # "DMV area", "Bay Area region": the area itself
            return self._metro(metro, name)
        places = [p for p in self.vocab.places(name) if p.kind in kinds] if name else []
        if not places and found["area"] and name:  # "DACH region", "Nordics area": the area is its own
            wide = [p for p in self.vocab.places(name) if p.kind in ("area", "country", "region")]
            return self._place(wide[0], wide[1:], text) if wide else None
        if not places:
            return None
        term = replace(self._place(places[0], places[1:], text), label=place_label(places[0], detailed=True))
        if state or country or city:  # "Georgia (country)", "Washington state", "Paris the city"
            return term
        if area:
            return replace(term, also=(*term.also, f"{term.label} itself: I do not know the towns around it"))
        return replace(term, also=(*term.also, f"all of {term.label}: I cannot tell its {direction} part"))

    def says_nothing(self, word: str, shouting: bool = False) -> bool:
        """True for a word that names nothing a posting is matched on: "for", "a", "role", an emoji.

        An upper-case short word may be a code ("IN", "AT"), unless the whole query is in capitals.
        """
        if _MENTION.match(word) or URL.fullmatch(word):  # "@here", "<@U024BE7LH>", a link: pasted with it
            return True
        code = 2 <= len(word) <= 3 and word.isupper() and not shouting  # "I" is a word, never a code
        if fold(_trimmed(word)) in FILLER_WORDS and not code:
            return True
        return not search_words(word) and self.named(word) is None

    def state_place(self, term: Term) -> Term | None:
        """The state or province an upper-case code read as a word names ("TX", "ON", "NSW"), or None.

        Only a code that names no country or city of its own, and only states: "AI" stays a word.
        """
        code = term.text.strip()
        if term.kind != "keyword" or not _is_code(code) or self.vocab.places(code):
            return None
        named = self.vocab.qualifiers(code)
        states = [p for p in named if p.kind == "region"]
        if not states or len(states) != len(named):
            return None
        return self._place(states[0], states[1:], code)

    def code_place(self, term: Term) -> Term | None:
        """The place an upper-case short form read as a field of work names ("AE"), or None."""
        code = term.text.strip()
        if term.kind != "keyword" or not _is_code(code):
            return None
        places = [p for p in self.vocab.places(code) if p.kind in ("country", "region", "area")]
        return self._place(places[0], (), code) if places else None

    def _company(self, company: str, text: str) -> Term:
        """A known company's name, unless it is also a well-known place; either way the other is noted.

        "TikTok" is the company; "Paris" stays the city even if a company called Paris has postings, and a
        small town of a company's name ("Ramp") does not take the company's place.
        """
        term = Term("company", company_key(company), company, text)
        metro = metro_named(text)
        if metro is not None:
            place = Term("place", metro.key, metro.label, text)
        else:
            places = self.vocab.places(text)
            if not places:
                return term
            place = self._place(places[0], places[1:], text)
            if places[0].kind == "city" and places[0].weight < _MAJOR_CITY:
                field = f'city:"{text}"'
                return replace(term, also=(f"location {place.label}: write {field}",))
        return replace(place, also=(*place.also, f'the company {company}: write company:"{company}"'))

    def _short_form(self, text: str) -> Term | None:
        """Read an upper-case short form ("ML", "LA", "NA", "CA") by what it means in a job search.

        Country codes collide with the short forms people type: "ML" (machine learning) is not Mali, "LA" is
        Los Angeles before Laos, "NA" is North America; every other reading is named, never dropped.
        """
        code = text.strip().upper()
        countries = [p for p in self.vocab.places(code) if p.kind == "country"]
        regions = [p for p in self.vocab.qualifiers(code) if p.kind == "region"]
        if code in JOB_ABBREVIATIONS:
            keyword = self._keyword(text, 0, "keyword")
            also = [f"{place_label(p)}: write country:{code}" for p in countries]
            also += [f"{place_label(p)}: write {p.name}" for p in regions]
            return replace(keyword, also=tuple(dict.fromkeys(also)))
        area = AREA_SHORT_FORMS.get(code)
        places = list(self.vocab.places(area)) if area else []
        if not places:
            places = list(self.vocab.places(text))
            cities = [p for p in places if p.kind == "city" and p.weight >= _MAJOR_CITY]
            if cities and places[0].kind == "country":  # "LA": Los Angeles, the city the code is short for
                places = [cities[0], *(p for p in places if p is not cities[0])]
            states = [p for p in regions if p.country == "US"]
            if states and places and places[0].small_country:  # "PA", "NC": the state, as postings read it
                places = [states[0], *places]
        shorthand = TYPE_SHORT_FORMS.get(code)
        town = places[0] if places and not area else None
        if (
            town is not None
            and town.kind == "city"
            and town.weight < _MAJOR_CITY
            and fold(town.name) == fold(code)
            and not countries
            and not regions
        ):  # "MAN", "CAT": a word in capitals, not the small town spelled so; the town is one word away
            keyword = self._keyword(text, 0, "keyword")
            return replace(keyword, also=(f'{place_label(town)}: write city:"{town.name}"',))
        if not places:
            if shorthand:  # "FT": full time
                return Term("employment", f"type:{shorthand}", TYPE_LABELS[shorthand], text)
            return None
        term = self._place(places[0], [], text)
        also = [
            place_label(p, detailed=True) + (f": write country:{code}" if p.key == f"country:{code}" else "")
            for p in places[1:3]
            if p.key != places[0].key
        ]
        shown = {p.key for p in places[:3]}
        also += [f"{place_label(p)}: write {p.name}" for p in regions if p.key not in shown]
        if code in SEMESTER_CODES:  # "WS": Samoa, or the German winter semester with its year
            which = "winter" if code == "WS" else "summer"
            also.append(f"the German {which} semester: write '{code} 2026' or 'ab {code}'")
        if shorthand:  # "PT": Portugal, or part time as job boards write it
            also.append(f"{TYPE_LABELS[shorthand]}: write {TYPE_LABELS[shorthand].replace(' ', '-')}")
        return replace(term, also=tuple(dict.fromkeys(also)))

    def code_names(self, code: str) -> str:
        """Name what an upper-case code may stand for after a town: "California, Canada"."""
        names = [p.name for p in self.vocab.qualifiers(code)]
        return ", ".join(dict.fromkeys(names)) or "no place I know"

    def _required_language(self, key: str, text: str) -> Term | None:
        """Read "fluent French", "French required", "speaks Japanese", "German C1" as French *required*.

        The words before the language must all be from REQUIRED_BEFORE, those after from REQUIRED_AFTER,
        each side may hold joining words ("fluent in", "business level") and language levels ("C1", "N2"),
        and at least one word must say more than join. "conversational Spanish" and "Spanish preferred" are
        Spanish, not required.
        """
        parts = key.replace("-", " ").split()
        test = LANGUAGE_TESTS.get(parts[0]) if parts else None
        if test is not None and all(LANGUAGE_LEVEL.match(w) or _SCORE.match(w) for w in parts[1:]):
            return self._language(test, text, required_only=True)
        if len(parts) < 2:
            return None
        before = list(takewhile(lambda w: _modifies_language(w, REQUIRED_BEFORE), parts))
        rest = parts[len(before) :]
        after = list(
            takewhile(lambda w: _modifies_language(w, REQUIRED_AFTER | PREFERRED_AFTER), reversed(rest))
        )
        if after == ["working"]:  # "German working student": the job's words; "working German" is the level
            return None
        name = " ".join(rest[: len(rest) - len(after)])
        modifiers = [w for w in before + after if w not in REQUIRED_GLUE]
        if not name or not modifiers or len(name) <= 2:
            return None
        written = text.replace(
            "-", " "
        ).split()  # as typed: the language table knows "français", not "francais"
        if len(written) == len(parts):
            name = " ".join(written[len(before) : len(parts) - len(after)])
        code = LANGUAGE_VARIETIES.get(fold(name)) or self.vocab.language(name)
        if code is None:
            return None
        weak = all(w in WEAK_LANGUAGE_WORDS or w in PREFERRED_AFTER for w in modifiers)
        return self._language(code, text, required_only=not weak)

    def _suggestion(self, text: str) -> str:
        """The known word an unknown word is one typo away from ("Frnech" → French), else ""."""
        return _suggestion(self.vocab, text)

    def qualify(self, head: Term, qualifier: Term, written: str, after_comma: bool = False) -> Term | None:
        """Read "Cambridge, MA", "Paris, Texas", "Cambridge UK" as one place: the head's namesake inside.

        None when the second term does not qualify the first ("Paris, London" stays two places). After a
        comma a two-letter code counts in lower case too ("cambridge, ma"); joined by a space it must be
        upper case, as "in" or "on" are words.
        """
        if head.kind != "place":
            return None
        readings = self.qualifier_places(qualifier, after_comma)
        metro = metro_by_key(head.value)
        if metro is not None and any(_holds(place, metro) for place in readings):  # "Orange County, CA"
            return replace(head, text=written, also=())
        found = self._inside(head.text, readings, written)
        if found is None and after_comma:
            # A town under 15,000 people is known only with its state or country ("Brisbane, CA").
            return self.town(written, readings)
        return found

    def qualifier_places(self, qualifier: Term, after_comma: bool = False) -> list[Place]:
        """The regions and countries ``qualifier`` may name after a place ("MA", "Texas", "U.K."), or []."""
        code = qualifier.text.strip()
        if _DOTTED_CODE.match(code):  # "Washington, D.C.", "Cambridge, U.K.": the code with its dots
            code = code.replace(".", "").upper()
        if after_comma and len(code) == 2 and code.isalpha():
            code = code.upper()
        if not (qualifier.kind == "place" or _is_code(code)):
            return []
        readings: list[Place] = list(self.vocab.places(qualifier.text)) if qualifier.kind == "place" else []
        if _is_code(code):
            readings += self.vocab.qualifiers(code)
        return [p for p in readings if p.kind in ("region", "country")]

    def town(self, written: str, readings: list[Place]) -> Term | None:
        """The town "Kermit, TX" names: a place the gazetteer knows only with its state or country."""
        name, comma, code = written.rpartition(",")
        if not comma:  # "falls church va", typed in lower case without the comma
            name, _, code = written.rpartition(" ")
        if name.strip() and len(code.strip()) == 2 and code.strip().isalpha():
            return self._inside(f"{name.strip()}, {code.strip().upper()}", readings, written)
        return self._inside(written, readings, written)

    def _inside(self, name: str, readings: list[Place], written: str) -> Term | None:
        """The place ``name`` may mean that lies inside one of ``readings``, labelled with its region."""
        inside = [p for p in self.vocab.places(name) if any(q.contains(p) for q in readings)]
        if not inside:
            return None
        term = self._place(inside[0], inside[1:], written)
        return replace(term, label=place_label(inside[0], detailed=True))

    def _language_or_place(self, code: str, text: str, key: str) -> Term:
        """Read a word that names a language, unless it names a place and is not the language's own name."""
        language = self._language(code, text, required_only=False)
        places = self.vocab.places(text)
        if not places:
            return language
        # "Polish" is the language even if some town is called Polish; "Hindi", "日本語" are languages, not a
        # town one of whose other names they are. "Georgia" and "Francia" are countries before languages.
        by_other_name = places[0].kind == "city" and fold(places[0].name) != key
        if key == fold(language.label) or by_other_name:
            return replace(language, also=(place_label(places[0]),))
        place = self._place(places[0], places[1:], text)  # "Georgia" is a place before it is Georgian
        return replace(place, also=(*place.also, f"the {language.label} language"))

    @staticmethod
    def _season_term(season: str, year: int | None, text: str, label: str = "") -> Term:
        if year:
            return Term("start", f"start:{season}-{year}", label or f"{season} {year}", text)
        return Term("start", f"season:{season}", label or season, text)

    def month(self, text: str) -> Term | None:
        """The start a month names after a word saying from when ("from May", "ab Mai 2027"), else None."""
        dated = month_start(text, any_month=True) is not None or semester_starts(text) is not None
        return self._start(text, any_month=True) if dated else None

    def _start(self, text: str, any_month: bool = False) -> Term | None:
        semester = semester_starts(text)
        code = text.strip().rstrip(".") in SEMESTER_CODES  # "WS" alone is Samoa, "ab WS" the semester
        if semester is not None and (any_month or not code):
            season, year = semester[0]
            which = "winter" if season == "fall" else "summer"
            months = "October to February" if which == "winter" else "April to July"
            label = (
                f"{season} {year or ''} (the German {which} semester, {text.strip()}: {months}, "
                "matched by season)"
            ).replace("  ", " ")
            return self._season_term(season, year, text, label)
        part = _PART_OF_YEAR.match(fold(text).strip())
        if part is not None:  # "mid-2026", "early 2027": the year; which part of it is not read
            year = part.group(2)
            label = f"{year} (any time in it: '{part.group(1)}' is not read)"
            return Term("start", f"year:{year}", label, text)
        span = month_range(text)
        if span is not None:  # "June–August": the seasons of its months, the first here, the others OR'd
            seasons, number = span
            first = f"{seasons[0]} {number}" if number else seasons[0]
            said = f"{first} (the seasons of {text.strip()}: months are matched by season)"
            return self._season_term(seasons[0], number, text, said)
        month = month_start(text, any_month=any_month)
        quarter = quarter_start(text) if month is None else None
        if month is not None or quarter is not None:  # "September 2026": the season it falls in, said
            season, number = month or quarter  # type: ignore[misc]  # one of them is set
            when = f"{season} {number}" if number else season
            what = "months" if month is not None else "quarters"
            most = "" if month is not None else "most of "
            label = f"{when} (the season of {most}{text.strip()}: {what} are matched by season)"
            key = f"start:{season}-{number}" if number else f"season:{season}"
            return Term("start", key, label, text)
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
        """A place term naming the other places the words could mean: namesakes, not aliases or twins.

        "Milan" does not note Syracuse (one of whose old names it is), nor "Singapore" the city inside the
        country of the same name; when a namesake is in the same country, the chosen place says its region.
        """
        names = {fold(text).strip(), fold(place.name)}
        rivals = [p for p in others if p.key != place.key and fold(p.name) in names and not _twins(place, p)][
            :3
        ]
        same_country = any(p.country == place.country for p in rivals)
        label = place_label(place, detailed=same_country)
        also = [place_label(p, detailed=True) for p in rivals]
        return Term("place", place.key, label, text, tuple(dict.fromkeys(also)))

    @staticmethod
    def _keyword(text: str, pos: int, kind: Literal["keyword", "title", "team"]) -> Term:
        words = search_words(text)
        if not words:
            raise QueryError(f"'{text}' at character {pos} has no letters or digits to search for")
        return Term(kind, phrase_of(text), readable(" ".join(words)), text)

    # ---- fields

    def field(self, tok: Token) -> Term:
        name, value, pos = tok.field.lower(), tok.text.strip(), tok.pos
        if name in ("city", "region", "country", "place", "location"):
            return self._place_field(name, value, pos)
        if name in ("lang", "language", "lang!", "language!", "required"):
            code = self.vocab.language(value) or language_tag(value)
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
        if name in ("level", "seniority"):
            level = LEVEL_WORDS.get(fold(value)) or (fold(value) if fold(value) in LEVEL_LABELS else None)
            if level is None:
                raise QueryError(
                    f"'{value}' in {tok.field}: at character {pos} is not a career level; use one of "
                    "intern, entry (new grad, junior), mid, senior, lead, principal, director"
                )
            return _level_term(level, value)
        if name == "degree":
            degree = _degree(fold(value)) or (fold(value) if fold(value) in DEGREE_LABELS else None)
            if degree is None:
                raise QueryError(
                    f"'{value}' in degree: at character {pos} is not a degree; use one of bachelor, master, "
                    "phd"
                )
            return Term("degree", f"degree:{degree}", DEGREE_LABELS[degree], value)
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
        metro = metro_named(value) if name in ("region", "place", "location") else None
        if metro is not None:
            return Term("place", metro.key, metro.label, value)
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


@lru_cache(maxsize=4096)  # subscriptions repeat their words: each is checked once per vocabulary
def _suggestion(vocab: Vocabulary, text: str) -> str:
    accented = fold(text) != text.lower()  # "stágio": another language's word, its first letter typo'd too
    near = _OWN_WORDS.closest(text, max_distance=1, any_first=accented) or vocab.similar_language(text)
    if near and fold(text).strip() in (fold(near) + "s", fold(near) + "es"):
        return ""  # "Leads" is the plural of a word it knows ("lead"), a word of its own, not a typo
    key = fold(text).strip()
    if not near and len(key) >= _MIN_JOB_TYPO and key not in _NEAR_JOB_WORDS:  # "sofware", "pyhton"
        near = _JOB_WORDS.closest(text, max_distance=1, substitutions=False)
        near = near if near and _job_typo(key, near) else None
    if near and key in (fold(near) + "s", fold(near) + "es"):
        return ""
    if near:  # written as typed: "Sneior Developer" is "Senior Developer"
        return near.capitalize() if near.islower() and text[:1].isupper() and not text.isupper() else near
    # places only for a capitalized word: lower-case words are searched ("finance" is not France)
    if text[:1].isupper() and not text.isupper():
        return vocab.similar_place(text) or ""
    return ""


_OWN_WORDS = Lexicon(
    {
        w: WRITTEN_WITH_ACCENTS.get(w, w)
        for table in (WORKPLACE_WORDS, LEVEL_WORDS, TYPE_WORDS)
        for w in table
        if " " not in w
    }
)


# The words of job titles, fields and technologies, for typos in them: a letter left out, added or swapped
# ("sofware", "machine lerning", "pyhton"), in words long enough not to be other words ("unit", "unity").
_MIN_JOB_TYPO = 5
# Words of their own one letter from a job word: other languages' ("chef de projet", "système", "programa")
# and English ones ("leaning", "layer").
_NEAR_JOB_WORDS = frozenset({
    "projet", "projets", "systeme", "systemes", "programa", "programas", "leaning", "playable", "layer",
    "layers", "pricing", "seller", "sellers", "contrat", "contrats",
})  # fmt: skip
_JOB_WORDS = Lexicon(
    {
        word: word
        for word in (
            *JOB_NOUNS,
            *(noun_forms(noun)[-1] for noun in JOB_NOUNS),
            *TITLE_MODIFIERS,
            *TECHNOLOGY_WORDS,
            *(word for phrase in FIELD_PHRASES for word in phrase.split()),
        )
        if " " not in word and len(word) >= _MIN_JOB_TYPO
    }
)


def _job_typo(key: str, near: str) -> bool:
    """True when ``key`` looks mistyped for the job word ``near``, not another word or form of it.

    "Node.js" is nodejs spelled with its dot; "trade", "advisory", "operation" are words of their own that
    end where the job word does not ("trader", "advisor", "operations").
    """
    letters = "".join(ch for ch in key if ch.isalnum())
    if letters == near or letters.startswith(near) or near.startswith(letters):
        return False
    return len(letters) >= _MIN_JOB_TYPO + 1 or len(near) >= _MIN_JOB_TYPO + 1


_JS = re.compile(r"^(\w+)\.js$", re.IGNORECASE)  # "React.js", "Node.js"


def _other_spellings(words: str, text: str) -> tuple[str, ...]:
    """How postings also write a name typed with a dot, a hyphen or a slash, else ().

    "React.js" is also "reactjs" and "react"; "e-commerce" also "ecommerce"; two short forms around a slash
    ("AI/ML", "UI/UX") are either, in any order, and what each stands for.
    """
    typed = text.strip()
    js = _JS.match(typed)
    if js:
        name = fold(js[1])
        return (f"{name}js", *((name,) if name in TECHNOLOGY_WORDS else ()))
    parts = words.split()
    if "-" in typed and " " not in typed and len(parts) == 2 and len(parts[0]) <= 3 and parts[0].isalpha():
        return ("".join(parts),)
    halves = typed.split("/")
    whole = fold(typed) in WHOLE_WITH_SLASH  # "CI/CD", "AR/VR": one name
    if len(halves) == 2 and not whole and all(_short_or_field(half) for half in halves):
        # "SWE/SRE": each half and what it stands for, "SWE" as "software engineer" too
        forms = [form for half in halves for form in (*_half_forms(fold(half)),)]
        return tuple(dict.fromkeys(form for form in forms if form != words))
    return ()


def _short_or_field(half: str) -> bool:
    """True for a short job form ("SWE", "QA") or a word with another spelling ("backend", "DevOps")."""
    return half.upper() in JOB_ABBREVIATIONS or (len(half) > 3 and fold(half) in SAME_WORDS)


def _half_forms(half: str) -> tuple[str, ...]:
    """A slashed half's spellings: "sre" → sre, site reliability; "swe" → swe, software engineer."""
    title = SHORT_TITLES.get(half)
    if title is not None:
        return (half, " ".join(slot[0] for slot in title))
    return SAME_WORDS.get(half, (half,))


_NAMED_WORDS = frozenset(" ".join(search_words(name)) for name in NAMES_WITH_PLACES)


def _initials_joined(words: str) -> tuple[str, ...]:
    """A name's other spellings when it starts with initials: "j p morgan" → jp morgan, jpmorgan; else ()."""
    parts = words.split()
    head = [part for part in takewhile(lambda part: len(part) <= 2, parts)]
    rest = parts[len(head) :]
    if not head or not rest or len(rest[0]) < 3 or len(parts) > 4:
        return ()
    joined = "".join(head)
    forms = [f"{' '.join(head)} {' '.join(rest)}", f"{joined} {' '.join(rest)}", f"{joined}{rest[0]}"]
    return tuple(dict.fromkeys(form for form in forms if form != words))


def _group_key(key: str) -> str:
    """Folded words as group and programme names are keyed: a hyphen as a space ("big-4" is "big 4")."""
    return " ".join(key.replace("-", " ").split())


def _level_term(level: str, text: str) -> Term:
    """The career level ``level`` (a key of ``LEVEL_LABELS``), as ``text`` typed it."""
    return Term("level", f"level:{level}", LEVEL_LABELS[level], text)


def _level_range(key: str) -> tuple[str, ...]:
    """The levels a range names, lowest first: "mid-senior" → mid, senior; "junior to mid"; else ()."""
    found = _RANGE.match(key)
    low, high = (LEVEL_WORDS.get(found[1]), LEVEL_WORDS.get(found[2])) if found else (None, None)
    if low is None or high is None or LEVEL_ORDER.index(low) >= LEVEL_ORDER.index(high):
        return ()
    return LEVEL_ORDER[LEVEL_ORDER.index(low) : LEVEL_ORDER.index(high) + 1]


def _searched_type(key: str) -> EmploymentType | None:
    """The type a word names that postings are not read for: "PFE", "Sommerpraktikum"; else None."""
    compound = compound_type(key) if " " not in key else None
    return TYPES_ALSO_SEARCHED.get(key) or (compound[1] if compound else None)


def _season_first(key: str) -> bool:
    """True for words that start with a season and go on: "summer intern"."""
    first, _, rest = key.partition(" ")
    found = simple_season(first) if rest else None
    return found is not None and found[0] is not None


def _degree(key: str) -> str | None:
    """The degree level folded words name ("phd", "master’s", "undergrad"), or None."""
    return DEGREE_WORDS.get(" ".join(key.replace("’", "'").replace("-", " ").split()))


def place_label(place: Place, detailed: bool = False) -> str:
    """Name a place for a person: "Paris (FR)", "Paris (Texas, US)" when detailed, "France (FR)", "Europe"."""
    if place.kind == "area" or not place.country:
        return place.name
    if detailed and place.region and place.kind == "city":
        return f"{place.name} ({place.region}, {place.country})"
    if detailed and place.kind == "region":
        return f"{place.name} ({'state' if place.country == 'US' else 'region'}, {place.country})"
    return f"{place.name} ({place.country})"


def _holds(place: Place, metro: Metro) -> bool:
    """True when ``place`` (a country or region) holds the area ``metro``: "CA" holds Orange County."""
    if place.country != metro.country:
        return False
    regions = {fold(name) for name in (*metro.regions, metro.region or "")}
    return place.kind == "country" or (place.kind == "region" and fold(place.name) in regions)


def _twins(a: Place, b: Place) -> bool:
    """A city-state and its city ("Singapore"): one place to a person, not two meanings."""
    return {a.kind, b.kind} == {"city", "country"} and a.country == b.country and fold(a.name) == fold(b.name)
