"""Parsing a query: operators, negation and alternatives around the terms, into AND-of-OR clauses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise, takewhile

from bot.query.folding import (
    DIVISION_WORDS,
    LEGAL_FORMS,
    NAME_WORDS,
    company_forms,
    company_key,
    fold,
    readable,
    search_words,
)
from bot.query.known_words import (
    COMMON_WORD_SHORT_FORMS,
    COMPANY_GROUPS,
    CURRENCY_SIGNS,
    DISTANCE,
    FILLER_WORDS,
    HOLIDAY_WORDS,
    JOB_ABBREVIATIONS,
    KEYWORD_PHRASES,
    LANGUAGE_LEVEL,
    LANGUAGE_MEMBERS,
    LANGUAGE_VARIETIES,
    LEVEL_ORDER,
    NAME_ENDINGS,
    NAMES_WITH_AMPERSAND,
    NAMES_WITH_PLACES,
    NO_FILTER_WORDS,
    SEARCHED_ONLY,
    START_FROM,
    START_NOW,
    TYPE_LABELS,
    TYPE_SHORT_FORMS,
    month_range,
    month_start,
    quarter_start,
    semester_starts,
)
from bot.query.lexer import Token, dash_error, lex
from bot.query.model import MAX_QUERY_CHARS, MAX_TERMS, TEXT_KINDS, Clause, Query, QueryError, Term
from bot.query.terms import TermReader
from bot.query.titles import (
    ABBREVIATED,
    FIELD_PHRASES,
    JOINED_SPELLINGS,
    NEEDS_SMALL_WORD,
    NOUN_SHORT_FORMS,
    NOUNS_FIRST,
    SAME_WORDS,
    SMALL_WORDS,
    TECHNOLOGY_WORDS,
    TITLE_MODIFIERS,
    WHOLE_WITH_SLASH,
    job_noun,
    noun_forms,
    short_label,
    title_value,
    word_forms,
)
from bot.query.vocabulary import Vocabulary, default_vocabulary

# Characters no person types into a query, and that the lookups behind it (the place trie, language tags)
# cannot take: C0/C1 controls (NUL among them; tab and newline are spaces) and lone UTF-16 surrogates.
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_MAX_SPAN_WORDS = 5  # longest run of unquoted words tried as one name ("San Francisco Bay Area")


def _negated_alternative(negate: Token) -> QueryError:
    return QueryError(
        f"'{negate.text}' at character {negate.pos} negates one alternative only; put it before the first "
        "alternative to exclude all of them ('-sales, marketing'), or make it its own term ('Paris + -sales')"
    )


# Lower-case two-letter short forms of fields people type beside a type ("ds intern"): said, not guessed.
_FIELD_SHORT_WORDS = {"ds": "data science", "de": "data engineering", "da": "data analytics"}


@dataclass(frozen=True, slots=True)
class _Unit:
    term: Term
    pos: int
    negated: bool
    extra: bool = False  # an alternative the words ask for besides what they name ("PFE" searched as a word)


class _Parser:
    def __init__(self, vocabulary: Vocabulary, companies: dict[str, str]) -> None:
        self.reader = TermReader(vocabulary, companies)
        self._text = ""

    def parse(self, text: str) -> Query:
        stripped = text.strip()
        if not stripped:
            raise QueryError("the query is empty: say what to look for, e.g. 'Paris + French'")
        if len(stripped) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is {len(stripped)} characters long; the limit is {MAX_QUERY_CHARS}")
        _readable(stripped)
        self._text = stripped
        self._notes: list[str] = []
        self._left_out: list[str] = []
        self._notes_before_terms = 0  # the notes said before reading terms (not why words were left out)
        self._named_firms: list[tuple[int, str, str]] = []  # (where, the firm's name, the note saying so)
        self._extra: dict[int, tuple[Term, ...]] = {}  # alternatives of the term at a place, read with it
        self._listed: dict[int, list[str]] = {}  # companies written side by side, by the first one's place
        self._criteria = False  # a "," or "|" was read as AND: the list is one of criteria ("Paris, intern")
        # "JOBS IN US": typed in capitals, "IN" is a word; "ME" alone is still mechanical engineering
        self._shouting = not any(ch.islower() for ch in stripped) and bool(_LONG_CAPITALS.search(stripped))
        tokens = self._shared_words(self._reshape(lex(stripped)))
        self._split_titles: set[int] = set()  # the "or"s a note already says cut a title
        self._note_split_titles(tokens)
        self._notes_before_terms = len(self._notes)
        self._aside = {tok.pos for tok in tokens if tok.aside}
        self._as_written = {tok.pos for tok in tokens if tok.kind in ("phrase", "field")}  # quoted, fields
        groups: list[list[_Unit]] = []
        pending: Token | None = None  # the operator waiting for its right-hand term
        negate: Token | None = None
        dash: Token | None = None  # a free-standing "-": joins a place ("Remote - Germany"), else an error
        i = 0
        trailing = False  # the last words read were all left out
        while i < len(tokens):
            tok = tokens[i]
            if self._state_or(tokens, i, pending):  # "Portland, OR": Oregon, not a second "or"
                tok = tokens[i] = Token("word", tok.text, tok.pos)
            if tok.kind == "dash":
                if pending is not None or negate is not None or dash is not None or not groups:
                    raise dash_error(tok.pos, tok.text)
                dash = tok
                i += 1
                continue
            if dash is not None and tok.kind not in ("word", "phrase", "field"):
                raise dash_error(dash.pos, dash.text)
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
            units, i = self._units(tokens, i, keep=negate is not None)
            trailing = not units
            if not units:  # only words that name nothing ("for a"): the operators wait for the next term
                continue
            if negate is not None and pending is None and self._language_not_required(negate, units, groups):
                units, negate = units[1:], None  # "German not required": the language's clause is negated
                if not units:
                    continue
            if negate is not None:
                self._not_required(negate, units)
                if negate.text.isalpha() and _degree_word(units[0][0]):  # "no degree": what it leaves out
                    self._notes.append(
                        f"'{negate.text} {units[0][0].text}' read as: leave out postings that mention "
                        f"{units[0][0].text}; whether a posting needs no degree cannot be told from it"
                    )
                units = self._phrase_after_word(negate, units)
            word = self.reader.word_for_place(units[0][0]) if dash is not None else None
            if word is not None and any(_role(u.term) for u in groups[-1]):
                units[0] = (word, units[0][1])  # "Sales Representative - Enterprise": the segment, no town
            if dash is not None and units[0][0].kind in TEXT_KINDS:
                place = self.reader.code_place(units[0][0])  # "Remote - AE": after a dash, codes are places
                field = fold(units[0][0].text).strip() in ABBREVIATED
                if place is not None and field and any(u.term.kind in TEXT_KINDS for u in groups[-1]):
                    place = None  # "Thesis student - ML", "Sales - BD": after words, a field's short form
                elif place is not None and field:  # "Remote - ML": the country, and the field said
                    code = units[0][0].text.strip()
                    self._notes.append(
                        f"'{code}' after '{dash.text}' taken as {place.label} (also: the field {code}: write "
                        f"keyword:{code})"
                    )
                if place is not None:
                    units[0] = (place, units[0][1])
                else:  # "Backend Engineer - Go - Berlin": a separator copied from a title, said so
                    self._note_dash(dash, units[0][0])
            joined = pending is None and negate is None  # the words follow the last term directly
            previous: Term | None = groups[-1][-1].term if groups and joined else None
            for number, (term, pos) in enumerate(units):
                unit = _Unit(term, pos, negated=negate is not None and number == 0)
                if term.kind == "language":
                    self._note_variety(term)
                if term.kind == "language" and not unit.negated and fold(term.text).split()[-1] == "optional":
                    unit = self._not_asked(unit)  # "French optional": French need not be required
                if self._variety(previous, pos, term):
                    continue
                previous = term
                joins_or = number == 0 and pending is not None and pending.kind == "or"
                if self._listed_company(groups, unit, number > 0 or joined):
                    joins_or = True  # "PwC Deloitte KPMG": a posting is from one company, so any of them
                if joins_or and pending is not None and pending.text == ",":
                    unit = self._state_code(unit)  # "sales, TX": after a comma TX is Texas
                    unit = self._type_code(groups, unit)  # "london, PT, student": part-time
                if not unit.negated and self._qualifies(groups, unit, joins_or):
                    continue
                joiner = pending if number == 0 else None
                if groups and (joiner is None or joiner.text != "+") and not unit.negated:
                    unit = self._share_strength(groups[-1], unit)
                listed = joins_or and pending is not None and pending.text in ",|;"
                word = self.reader.word_for_place(unit.term) if listed else None
                if word is not None and all(_role(u.term) for u in groups[-1] if not u.extra):
                    unit = replace(unit, term=word)  # "UX Designer, Mobile": the job's kind, not the town
                if listed and self._other_kind(groups[-1], unit, pending):
                    joins_or = False  # "Remote, Germany", "Designer | London": criteria, not alternatives
                if joins_or and pending is not None and pending.text == "/" and _bilingual(groups[-1], unit):
                    joins_or = False  # "bilingual English/French" speaks both
                unit, named = self._common_word(unit)  # "IT", "Go": in the title, or their names in the text
                # "PFE": the type, or the word itself where postings are not read for it; "ML": or its words
                others = [
                    _Unit(alt, unit.pos, False, extra=True)
                    for alt in (
                        *named,
                        *self.reader.alternatives(unit.term),
                        *self._short_forms(unit),
                        *self._extra.get(unit.pos, ()),
                    )
                ]
                if joins_or:
                    if negate is not None and unit.negated:
                        raise _negated_alternative(negate)
                    for one in (unit, *others):
                        if all(u.term.value != one.term.value for u in groups[-1]):  # "intern/co-op": once
                            groups[-1].append(one)
                elif not any(_same(group, unit) for group in groups):  # "Tokyo 東京", "intern internship"
                    groups.append([unit, *others])
                else:  # "stage PFE": the type said twice, and the word searched too
                    group = next(group for group in groups if _same(group, unit))
                    group.extend(o for o in others if all(u.term.value != o.term.value for u in group))
            pending = negate = dash = None
        if negate is not None:
            raise QueryError(f"'{negate.text}' at character {negate.pos} has no term after it to exclude")
        if pending is not None and not trailing:  # "Lyon + 50 km": the join's term was left out, and named
            raise QueryError(f"'{pending.text}' at character {pending.pos} has no term after it")
        if dash is not None:
            raise dash_error(dash.pos, dash.text)
        count = sum(len(group) for group in groups)
        if count > MAX_TERMS:
            raise QueryError(f"the query has {count} terms; the limit is {MAX_TERMS}")
        if not groups:
            words = ", ".join(f"'{word}'" for word in self._left_out)
            why = "; ".join(self._notes[self._notes_before_terms :])
            said = f"{words}: nothing a posting is matched on" if words else ""
            said = "; ".join(part for part in (why, said) if part) or "nothing a posting is matched on"
            raise QueryError(
                f"the query names nothing to look for ({said}); say what to look for, e.g. 'Paris + French'"
            )
        groups = [self._shared_year(self._word_towns_by_jobs(group, groups)) for group in groups]
        self._codes_by_places(groups)
        self._short_words_by_types(groups)
        self._note_small_towns(groups)
        self._southern_seasons(groups)
        self._note_grouped_or(tokens, groups)
        self._note_listed()
        clauses = tuple(
            Clause(tuple(unit.term for unit in group), negated=group[0].negated) for group in groups
        )
        if self._left_out:
            words = ", ".join(f"'{word}'" for word in dict.fromkeys(self._left_out))
            self._notes.append(f"left out {words}: nothing a posting is matched on")
        return Query(stripped, clauses, (*_both_places(clauses), *_one_of_each(clauses), *self._notes))

    def _listed_company(self, groups: list[list[_Unit]], unit: _Unit, direct: bool) -> bool:
        """True for a company written right after another ("Google Meta Apple"): they are alternatives.

        No posting is from two companies, so reading them as all required would match nothing; a person
        listing firms means any of them. Said in a note, with how to ask for both words instead.
        """
        if not direct or unit.negated or unit.term.kind != "company" or not groups or groups[-1][0].negated:
            return False
        last = groups[-1]
        if not all(u.term.kind == "company" for u in last) or any(
            u.term.value == unit.term.value for u in last
        ):
            return False
        first = next(u for u in last if not u.extra)
        self._listed.setdefault(first.pos, [first.term.text]).append(unit.term.text)
        return True

    def _note_listed(self) -> None:
        for names in self._listed.values():
            said = ", ".join(f"'{name}'" for name in names)
            both = " + ".join(f"keyword:{_quoted(name)}" for name in names)
            self._notes.append(
                f"{said} written side by side read as any of these companies (a posting is from one); for "
                f"postings naming all of them, write {both}"
            )

    def _note_dash(self, dash: Token, term: Term) -> None:
        """Say that a spaced dash before words joins them, and how to exclude them instead."""
        written = term.text.strip()
        excluded = f'-"{written}"' if " " in written else f"-{written}"
        self._notes.append(
            f"'{dash.text}' at character {dash.pos} read as a separator (AND), as titles use it; to leave "
            f"out postings with '{written}', write {excluded}"
        )

    def _shared_words(self, tokens: list[Token]) -> list[Token]:
        """Read a named word written on both sides of an "or" once ("US remote or Canada remote"), said.

        "US remote or Canada remote" is (US or Canada) and remote, "remote US or remote Canada" too.
        Alternatives bind tighter than a space, so as written the "or" would offer "remote" or "Canada" and
        ask for both of the others; a person repeating the word means it of each alternative. Only words
        that each name something (a place, a workplace, a level): a job title's words stay as they are.
        """
        i = 2
        while i < len(tokens) - 2:
            tok, window = tokens[i], tokens[i - 2 : i + 3]
            words = [t for j, t in enumerate(window) if j != 2]
            if tok.kind != "or" or tok.text in ",;" or any(t.kind != "word" for t in words):
                i += 1
                continue
            first, second, third, fourth = (fold(t.text) for t in words)
            if second == fourth and len({first, second, third}) == 3:  # "US remote or Canada remote"
                shared, either, drop = words[1], (words[0], words[2]), i - 1
            elif first == third and len({first, second, fourth}) == 3:  # "remote US or remote Canada"
                shared, either, drop = words[0], (words[1], words[3]), i + 1
            else:
                i += 1
                continue
            if any(self.reader.named(t.text) is None for t in (shared, *either)):
                i += 1
                continue
            tokens = [*tokens[:drop], *tokens[drop + 1 :]]
            self._notes.append(
                f"'{shared.text}' written on both sides of '{tok.text}' read once: '{either[0].text}' or "
                f"'{either[1].text}', and '{shared.text}'"
            )
            i += 1
        return tokens

    def _note_split_titles(self, tokens: list[Token]) -> None:
        """Say that "Data Analyst or Business Analyst" offers only "Analyst" or "Business".

        Alternatives bind tighter than words joined by a space, so a title of several words on each side of
        an "or" is cut; the reading shows it, and this note says how to ask for either title.
        """
        for i, tok in enumerate(tokens):
            if tok.kind != "or" or tok.text in ",;":  # "Berlin, Munich" lists; a comma after a title is rare
                continue
            left = list(takewhile(self._plain, reversed(_words_before(tokens[:i]))))[::-1]
            right = list(takewhile(self._plain, _words_after(tokens, i + 1)))
            if len(left) < 2 or len(right) < 2:
                continue
            before, after = " ".join(t.text for t in left), " ".join(t.text for t in right)
            if self.reader.named(before) is not None or self.reader.named(after) is not None:
                continue
            if _whole_at_end(left) and _whole_at_start(right):  # "Data Analyst or Business Analyst"
                continue
            self._split_titles.add(tok.pos)
            self._notes.append(
                f"'{tok.text}' joins only '{left[-1].text}' and '{right[0].text}' (alternatives bind tighter "
                f'than a space); for either title, quote each: "{before}" or "{after}"'
            )

    def _note_grouped_or(self, tokens: list[Token], groups: list[list[_Unit]]) -> None:
        """Say that "junior in Berlin or senior in Munich" is not read as two groups of criteria.

        A query is all of its clauses, each a list of alternatives, and an "or" joins only the terms beside
        it, so criteria written on both sides of an "or" (besides the two it joins) are all asked for:
        junior and (Berlin or senior) and Munich. A person means either whole side; the reading says the
        grouping is not understood and how to ask for it with two subscriptions, never meaning it silently.
        """
        operators = [tok.pos for tok in tokens if tok.kind in ("and", "or")]
        for tok in tokens:
            if tok.kind != "or" or fold(tok.text) != "or" or tok.pos in self._split_titles:
                continue
            lo = max((pos for pos in operators if pos < tok.pos), default=-1)
            hi = min((pos for pos in operators if pos > tok.pos), default=len(self._text) + 1)
            left = any(all(lo < u.pos < tok.pos for u in group) for group in groups)
            right = any(all(tok.pos < u.pos < hi for u in group) for group in groups)
            # the two terms it joins are of one kind ("remote Python or Java Berlin"): alternatives, as read
            joined = next((g for g in groups if g[0].pos < tok.pos < g[-1].pos), [])
            kinds = (
                {u.term.kind for u in joined if u.pos < tok.pos},
                {u.term.kind for u in joined if u.pos > tok.pos},
            )
            if not (left and right) or kinds[0] & kinds[1]:
                continue
            # positions count from 1
            start = next((t.pos - 1 + len(t.text) for t in tokens if t.pos == lo), 0)
            before = self._text[start : tok.pos - 1].strip()
            after = self._text[tok.pos - 1 + len(tok.text) : hi - 1].strip()
            # each subscription keeps the criteria written around the group ("Python + ... + remote")
            around = self._text[:start].rstrip(), self._text[hi - 1 :].lstrip()
            one, two = (" ".join(filter(None, (around[0], side, around[1]))) for side in (before, after))
            self._notes.append(
                f"the grouping '({before}) {tok.text} ({after})' is not understood: '{tok.text}' joins only "
                f"the words beside it and all the others are asked for; for either group, make two "
                f"subscriptions: '{one}' and '{two}'"
            )

    def _plain(self, tok: Token) -> bool:
        """True for a word that names nothing known, so is searched as a keyword."""
        return self.reader.named(tok.text) is None

    def _searched_only(self, run: list[Token], j: int) -> str:
        """The words at ``run[j]`` naming what postings are not read for ("6 months", "3+ years", "$100k").

        They are searched as one phrase, and noted; "" when the words name nothing of the kind.
        """
        words, what = _searched_span(run, j)
        if words:
            self._notes.append(f"'{words}' is searched as words in the text: I do not read {what}")
        return words

    def _reshape(self, tokens: list[Token]) -> list[Token]:
        """Split the words that hold several terms: "non-senior", "remote-US", "Berlin/Munich".

        A negation word that starts a name stays a word: "no experience" is a career level.
        """
        tokens = _semesters(_ampersand_names(tokens))
        split: list[Token] = []
        for number, tok in enumerate(tokens):
            gendered = _GENDER_SUFFIX.match(tok.text) if tok.kind == "word" else None
            if gendered:  # "Entwickler*in", "Entwickler:in": the job, whoever does it
                tok = Token("word", gendered[1], tok.pos, aside=tok.aside)
            if tok.kind == "word" and tok.text.lower() == "w/":  # "engineer w/ Python": "with"
                self._left_out.append(tok.text)
                continue
            if self._gender_marker(tokens, number):  # "(m/w/d)", "(H/F)": pasted with a title, says nothing
                self._left_out.append(tok.text)
                continue
            if tok.kind == "not" and tok.text.isalpha() and self._starts_name(tok, tokens[number + 1 :]):
                tok = Token("word", tok.text, tok.pos, aside=tok.aside)
            after_tok = tokens[number + 1] if number + 1 < len(tokens) else None
            if (
                tok.kind == "word"
                and fold(tok.text) == "non"
                and after_tok is not None
                and after_tok.kind == "word"
                and self._typed(after_tok.text)
            ):  # "non senior": spaced as "non-senior" is hyphened, it excludes
                tok = Token("not", tok.text, tok.pos, aside=tok.aside)
            years = _YEAR_RANGE.match(tok.text) if tok.kind == "word" else None
            short = _SHORT_RANGE.match(tok.text) if tok.kind == "word" and split else None
            if (
                short
                and int(short[2]) == int(short[1]) + 1
                and self._short_year(split[-1], Token("word", short[1], 0))
            ):
                years = _YEAR_RANGE.match(f"20{short[1]}/{short[2]}")  # "intern 26/27": 2026 or 2027
            if years:  # "2026/27", "2026-2027": an academic year, either year a job may start in
                second = years[2] if len(years[2]) == 4 else years[1][:2] + years[2]
                split += [
                    Token("word", years[1], tok.pos, aside=tok.aside),
                    Token("or", "/", tok.pos + 4),
                    Token("word", second, tok.pos + 5, aside=tok.aside),
                ]
                continue
            after = tokens[number + 1].text if number + 1 < len(tokens) else ""
            if split and tok.kind == "word" and not _UNIT.match(after) and self._short_year(split[-1], tok):
                year = f"20{tok.text}"  # "intern 26": after a type or season word, the year 2026
                self._notes.append(f"'{tok.text}' after '{split[-1].text}' read as the year {year}")
                tok = Token("word", year, tok.pos, aside=tok.aside)
            split.extend(self._split_word(tok) if tok.kind == "word" else [tok])
        return self._or_titles(self._slashes(_year_lists(_month_ranges(split))))

    def _short_year(self, before: Token, tok: Token) -> bool:
        """True for two digits that can be a year (20 to 39) after a job type or season word ("intern 26")."""
        if not (_SHORT_YEAR.match(tok.text) and before.kind == "word"):
            return False
        term = self.reader.named(before.text)
        if term is None:
            return False
        season = term.kind == "start" and term.value.startswith("season:")
        return term.kind == "employment" or season or term.value == "level:entry"  # "new grad 26"

    def _common_word(self, unit: _Unit) -> tuple[_Unit, tuple[Term, ...]]:
        """A short form that is a common word ("IT", "Go") as a title word or what it stands for, noted.

        What such a short form stands for, typed ("golang"), is also the short form in the title; a job
        noun's short form ("dev", "eng") is also the nouns postings write whole.

        Other units, and words quoted or in a field ("keyword:IT"), are returned as they are.
        """
        term = unit.term
        key = fold(term.text).strip()
        typed = unit.pos not in self._as_written
        words = " ".join(search_words(term.text))
        if term.kind == "keyword" and typed and words in NOUN_SHORT_FORMS:  # "frontend dev": or "developer"
            forms = NOUN_SHORT_FORMS[words]
            return unit, tuple(Term("keyword", f" {form} ", form, term.text) for form in forms)
        short = _SHORT_FORM_OF.get(words)
        if term.kind == "keyword" and typed and short is not None:  # "golang": also "Go" in the title
            word = self.reader.bare(short, unit.pos, quoted=True, as_keyword=True)
            self._notes.append(f"'{term.text}' also searched as the word '{short}' in the title")
            return unit, (Term("title", word.value, word.label, term.text),)
        if term.kind != "keyword" or key not in COMMON_WORD_SHORT_FORMS or not typed:
            return unit, ()
        if key == "ti" and term.text.strip() != key.upper():  # "ti" is a word in lower case ("para ti")
            return unit, ()
        # "it job in warsaw": lower-case "it" as a term of its own is the field; as the pronoun it would be
        # in nearly every posting, so searched as a word it would filter nothing
        names = " or ".join(f"'{name}'" for name in COMMON_WORD_SHORT_FORMS[key])
        self._notes.append(
            f"'{term.text}' searched in the title, or as {names} in the text: the word '{key}' is in "
            f"{'most postings' if key != 'ti' else 'many (Spanish, Italian: you)'}; for the word anywhere, "
            f"write keyword:{term.text}"
        )
        forms = COMMON_WORD_SHORT_FORMS[key]
        named = tuple(Term("keyword", f" {words} ", words, term.text) for words in forms)
        return replace(unit, term=Term("title", term.value, term.label, term.text)), named

    def _shared_year(self, group: list[_Unit]) -> list[_Unit]:
        """Seasons listed before one year share it: "summer/fall 2026" is summer 2026 or fall 2026."""
        first, last = group[0].term, group[-1].term
        if len(group) > 1 and first.value.startswith("start:") and _years_only(group[1:]):
            season = first.value.removeprefix("start:").rsplit("-", 1)[0]  # "summer 2026/2027": summer either
            read = [group[0]]
            for unit in group[1:]:
                year = unit.term.value.removeprefix("year:")
                term = Term("start", f"start:{season}-{year}", f"{season} {year}", unit.term.text)
                read.append(replace(unit, term=term))
            self._notes.append(
                f"'{readable(last.text)}' read as {season} {year}, the season of '{first.text}'"
            )
            return read
        if len(group) > 1 and first.value.startswith("start:") and _seasons_only(group[1:]):
            year = first.value.rsplit("-", 1)[1]  # "2026 summer or fall": fall 2026 too
            read = [group[0]]
            for unit in group[1:]:
                season = unit.term.value.removeprefix("season:")
                term = Term("start", f"start:{season}-{year}", f"{season} {year}", unit.term.text)
                read.append(replace(unit, term=term))
            said = ", ".join(f"'{unit.term.text}'" for unit in group[1:])
            self._notes.append(f"{said} read with the year of '{first.text}' ({year}), as listed together")
            return read
        if len(group) < 2 or last.kind != "start" or not last.value.startswith("start:"):
            return group
        year = last.value.rsplit("-", 1)[1]
        if not all(unit.term.value.startswith("season:") for unit in group[:-1]):  # only starts have one
            return group
        read = []
        for unit in group[:-1]:
            season = unit.term.value.removeprefix("season:")
            term = Term("start", f"start:{season}-{year}", f"{season} {year}", unit.term.text)
            read.append(replace(unit, term=term))
        said = ", ".join(f"'{unit.term.text}'" for unit in group[:-1])
        self._notes.append(f"{said} read with the year of '{last.text}' ({year}), as listed together")
        return [*read, group[-1]]

    @staticmethod
    def _gender_marker(tokens: list[Token], number: int) -> bool:
        """True for the gender marker of a pasted title: "m/w/d", "(f/m/x)", "(H/F)", "(all genders)"."""
        tok = tokens[number]
        if tok.kind != "word":
            return False
        if _GENDER_MARKER.match(fold(tok.text)):
            return True
        if not tok.aside:  # "(gn)", "(all genders)" only set aside: "gender" alone may well be searched
            return False
        words = [t.text.lower() for t in tokens if t.aside and abs(t.pos - tok.pos) < _GENDER_SPAN]
        return fold(tok.text) in _GENDER_ASIDE and all(fold(word) in _GENDER_ASIDE for word in words)

    def _starts_name(self, word: Token, after: list[Token]) -> bool:
        run = _words_after(after, 0)
        return any(
            self._typed(" ".join(t.text for t in [word, *run[:size]])) for size in range(len(run), 0, -1)
        )

    def _language_not_required(
        self, negate: Token, units: list[tuple[Term, int]], groups: list[list[_Unit]]
    ) -> bool:
        """Read "German not required" as leaving out postings that require German; True when it was that.

        Left alone, "not required" would exclude the word "required" and keep asking for German.
        """
        last = groups[-1] if groups else []
        if not (negate.text.isalpha() and len(last) == 1 and not last[0].negated):
            return False
        if fold(units[0][0].text) not in _NOT_ASKED:
            return False
        written = f"{last[0].term.text} {negate.text} {units[0][0].text}"
        if last[0].term.kind != "language":  # "degree not required": no posting says it asks for none
            degree = _degree_word(last[0].term)
            raise _not_required_error(written, last[0].pos, last[0].term.text, degree=degree)
        last[0] = self._not_asked(last[0], written)
        return True

    def _not_asked(self, unit: _Unit, written: str = "") -> _Unit:
        """The language of ``unit`` excluded as *required*: postings that merely prefer it still match."""
        term = _required(unit.term)
        code = term.value.removeprefix("lang!:")
        self._notes.append(
            f"'{written or unit.term.text}' read as: leave out postings that require {term.label} "
            f"(-lang!:{code}); postings that do not mention it, or only prefer it, still match"
        )
        return _Unit(term, unit.pos, negated=True)

    def _note_variety(self, term: Term) -> None:
        """Say that "Cantonese" or "Brazilian Portuguese" is matched as its whole language."""
        said = f" {' '.join(fold(term.text).replace('-', ' ').split())} "
        variety = next((v for v in LANGUAGE_VARIETIES if f" {v} " in said), None)
        tag = term.text.strip()
        tagged = _REGION_SUBTAG.match(tag) or tag.lower() in LANGUAGE_MEMBERS  # "pt-BR", "yue"
        if variety is not None or tagged:
            self._notes.append(
                f"'{term.text}' taken as {term.label}: postings do not say which variety of {term.label} "
                "they need, so any posting asking for it matches"
            )

    def _not_required(self, negate: Token, units: list[tuple[Term, int]]) -> None:
        """Refuse "no degree required": that a posting does not ask for something is not read from it."""
        words = [term.text for term, _ in units]
        if negate.text.isalpha() and len(words) > 1 and fold(words[-1]) in _NOT_ASKED:
            asked = " ".join(words[:-1])
            degree = any(_degree_word(term) for term, _ in units[:-1])
            raise _not_required_error(f"{negate.text} {' '.join(words)}", negate.pos, asked, degree=degree)

    def _phrase_after_word(self, negate: Token, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """After a spelled-out negation, the keywords that follow are one phrase: "no cold calling".

        "-sales engineer" keeps excluding "sales" alone, as search engines read it.
        """
        count = len(list(takewhile(lambda unit: unit[0].kind == "keyword" and not unit[0].also, units)))
        if not negate.text.isalpha() or count < 2:
            return units
        start, pos = units[0][1], units[count - 1][1]
        last = units[count - 1][0].text
        written = self._text[start - 1 : pos - 1 + len(last)]
        return [(self.reader.bare(written, start, quoted=True), start), *units[count:]]

    def _split_word(self, tok: Token) -> list[Token]:
        text = tok.text
        if semester_starts(text) is not None:  # "WS 26/27", joined by _semesters: one start
            return [tok]
        negated = _NON.match(text)
        if negated and self._typed(negated.group(1)):  # "non-senior"; "non-profit" stays a word
            rest = Token("word", negated.group(1), tok.pos + 4, aside=tok.aside)
            return [Token("not", text[:4], tok.pos), rest]
        if "/" in text.strip("/") and "//" not in text:
            return _parts(tok, "/", Token("or", "/", 0))
        if "-" in text.strip("-") and "--" not in text and self.reader.named(text) is None:
            parts = _parts(tok, "-")
            kinds = [self._kind(part.text) for part in parts]
            # "remote-US", "Berlin-based": words of different kinds, each naming something or nothing
            if all(kinds) and (len(set(kinds)) > 1):
                return parts
        return [tok]

    def _slashes(self, tokens: list[Token]) -> list[Token]:
        """Read "/" as "or" between typed terms ("SF/NYC", "New York/San Francisco", "French/German").

        Between other words it stays inside one keyword ("CI/CD", "AI/ML", "24/7"), unless spaced out as a
        separator is ("DevOps / SRE").
        """
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not (tok.text == "/" and tok.kind in ("or", "word")):
                out.append(tok)
                i += 1
                continue
            left = _words_before(out)
            right = _words_after(tokens, i + 1)
            spaced = (
                self._text[tok.pos - 2 : tok.pos - 1].isspace()
                and self._text[tok.pos : tok.pos + 1].isspace()
            )
            # "Python/Django", "React/Node": two technologies are either, not the phrase "python django"
            tools = bool(left and right) and _technologies(left[-1].text, right[0].text)
            if left and right and job_noun(fold(left[-1].text)) and job_noun(fold(right[0].text)):
                # "data engineer/analyst": two job nouns share the words before them, either title
                shared = self._title_words_before(left[:-1])
                out.append(Token("or", "/", tok.pos))
                out += [Token("word", t.text, right[0].pos, aside=t.aside) for t in shared]
                i += 1
                continue
            within = self._remote_within(left[-1].text, right[0].text) if left and right else None
            if within is not None:
                # "remote/us", "remote/europe": remote work within the place, as "remote US" reads
                self._notes.append(
                    f"'{left[-1].text}/{right[0].text}' read as remote within {within.label}: both; for "
                    f"either, write '{left[-1].text} OR {right[0].text}'"
                )
                i += 1
                continue
            field = _field_before_noun(right) if left else 0
            if left and (field or (tools and _job_words(left[-1].text, right))):
                # "AI/machine learning engineer", "iOS/Mobile engineer": either word before one job noun
                before = out.pop()
                last = right[(field or 1) - 1]
                both = f"{before.text}/{' '.join(t.text for t in right[: field or 1])}"
                end = last.pos + len(last.text)  # "Mobile / iOS": placed to end where the words do
                out.append(Token("word", both, end - len(both), aside=before.aside))
                i += 1 + (field or 1)
                continue
            if (
                left
                and right
                and (
                    spaced
                    or tools
                    or _field_after(right)
                    or (self._names_typed(left, end=True) and self._names_typed(right, end=False))
                    or (self._code_or_place(left[-1].text) and self._code_or_place(right[0].text))
                )
            ):
                out.append(Token("or", "/", tok.pos))
                i += 1
            elif left and right:
                before = out.pop()
                out.append(Token("word", f"{before.text}/{right[0].text}", before.pos, aside=before.aside))
                i += 2
            else:
                out.append(Token("or", "/", tok.pos))  # a "/" at an end: the parser says what is missing
                i += 1
        return out

    def _remote_within(self, left: str, right: str) -> Term | None:
        """True for "remote" then a country or a wider area ("remote/us", "remote/EMEA"): remote there.

        A city after "remote" ("remote/NYC") stays either: remote, or on site in the city.
        """
        work = self.reader.named(left)
        if work is None or work.value != "wp:remote":
            return None
        place = self.reader.named(right) or self.reader.lower_code_place(Term("keyword", right, right, right))
        if place is None or place.kind != "place" or place.value.startswith(("city:", "metro:")):
            return None
        return place

    def _code_or_place(self, text: str) -> bool:
        """True for a place, a workplace or a lower-case place code ("sf", "ny"): "nyc/sf/la" are places."""
        term = self.reader.named(text)
        if term is not None:
            return term.kind in ("place", "workplace")  # "remote/us": either, as "remote/Europe"
        return self.reader.lower_code_place(Term("keyword", text, text, text)) is not None

    def _or_titles(self, tokens: list[Token]) -> list[Token]:
        """Read "frontend or backend developer" as either title: one word, "or", a word and a job noun.

        "or" joins the words beside it, so "backend developer" would be one alternative and "frontend" the
        other; a single word before "or" and a job's word after it share the job noun ("frontend/backend
        developer"). Two technologies stay either word beside the noun ("python or java developer").
        """
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            four = tokens[i : i + 4]
            if (
                len(four) == 4
                and [t.kind for t in four] == ["word", "or", "word", "word"]
                and four[1].text.lower() == "or"
                and (not out or out[-1].kind != "word" or self._typed(out[-1].text))
                and (len(tokens) == i + 4 or tokens[i + 4].kind != "word" or self._typed(tokens[i + 4].text))
                and self._shares_noun(four[0].text, four[2].text, four[3].text)
            ):
                if all(company_key(t.text) in _GROUP_FIRMS for t in (four[0], four[2])):
                    out += [four[0], four[2]]  # "google or meta engineer": as listed side by side
                    i += 3
                    continue
                both = f"{four[0].text}/{four[2].text}"
                end = four[2].pos + len(four[2].text)  # placed to end where the second word does, by the noun
                out.append(Token("word", both, end - len(both), aside=tok.aside))
                i += 3
                continue
            out.append(tok)
            i += 1
        return out

    def _shares_noun(self, one: str, two: str, noun: str) -> bool:
        """True for two words of a job's field before its noun: "frontend", "backend", "developer"."""
        words = [fold(one).strip(), fold(two).strip()]
        return (
            job_noun(fold(noun).strip())
            and all(word.isalpha() and not job_noun(word) and not self._typed(word) for word in words)
            and not _technologies(one, two)
            and not any(self.reader.says_nothing(word) for word in words)
            and self._typed(f"{two} {noun}") is False
        )

    def _title_words_before(self, run: list[Token]) -> list[Token]:
        """The words of a title before its noun at the end of ``run`` ("senior data"), at most two."""
        shared: list[Token] = []
        for tok in reversed(run):
            word = fold(tok.text)
            if len(shared) == 2 or job_noun(word) or self._typed(tok.text) or self.reader.says_nothing(word):
                break
            shared.insert(0, tok)
        return shared

    def _names_typed(self, run: list[Token], end: bool) -> bool:
        """True when the words at the end (or the start) of ``run`` name a typed term, not a keyword."""
        for size in range(min(_MAX_SPAN_WORDS, len(run)), 0, -1):
            words = run[len(run) - size :] if end else run[:size]
            if self._typed(" ".join(t.text for t in words)):
                return True
        return False

    def _typed(self, text: str) -> bool:
        term = self.reader.named(text)
        return term is not None and term.kind not in TEXT_KINDS

    def _kind(self, text: str) -> str:
        """What a part of a hyphenated word names: a term's kind, "nothing" for a filler, else ""."""
        if self.reader.says_nothing(text, self._shouting):
            return "nothing"
        term = self.reader.named(text)
        return term.kind if term is not None and term.kind not in TEXT_KINDS else ""

    @staticmethod
    def _share_strength(group: list[_Unit], unit: _Unit) -> _Unit:
        """Languages listed together share a requirement said once ("fluent English and French").

        "bilingual English/French" and "German and English fluent" ask for both as required too; "+"
        separates criteria, so "fluent French + English" leaves English as it is.
        """
        last = group[-1]
        if last.negated or last.term.kind != "language" or unit.term.kind != "language":
            return unit
        if _said_required(last.term) and unit.term.value.startswith("lang:"):
            return _Unit(_required(unit.term), unit.pos, unit.negated)
        if _said_required(unit.term) and last.term.value.startswith("lang:"):
            group[-1] = _Unit(_required(last.term), last.pos, last.negated)
        return unit

    def _variety(self, previous: Term | None, pos: int, term: Term) -> bool:
        """A country in parentheses after a language names its variety: "Portuguese (Brazil)"."""
        if previous is None or previous.kind != "language" or term.kind != "place" or pos not in self._aside:
            return False
        self._notes.append(
            f"'({term.text})' taken as the variety of {previous.label}, which postings do not tell apart; "
            f"for postings in {term.label}, write '{previous.text} + {term.text}'"
        )
        return True

    def _other_kind(self, group: list[_Unit], unit: _Unit, mark: Token) -> bool:
        """After "," or "|", a term of another kind than the alternatives before it starts a new criterion.

        Lists of criteria are written so ("Remote, Germany", "Designer | London | Hybrid"); the word "or"
        alone joins things of different kinds as alternatives.
        """
        kinds = {_text_kind(u.term.kind) for u in group}
        same = _text_kind(unit.term.kind) in kinds
        before = group[-1].term.text
        words = unit.term.kind in TEXT_KINDS and all(u.term.kind in TEXT_KINDS for u in group)
        if same and not _role_and_skill(group, unit):
            if not (self._criteria and (unit.negated or (words and not _skill(unit.term)))):
                if self._criteria and words:  # "remote, python, django": either technology, said
                    self._notes.append(
                        f"'{mark.text}' between '{before}' and '{unit.term.text}' read as OR (either "
                        f"technology); for both write '{before} + {unit.term.text}'"
                    )
                return False
            # "Madrid, Spanish, internship, 6 months, marketing": a list of criteria goes on with words
            self._notes.append(
                f"'{mark.text}' between '{before}' and '{unit.term.text}' read as AND (a list of criteria); "
                f"for either of them write '{before} or {unit.term.text}'"
            )
            return True
        self._criteria = True
        why = "a job and a word about it, as titles are written" if same else "different kinds of thing"
        self._notes.append(
            f"'{mark.text}' between '{before}' and '{unit.term.text}' read as AND ({why}); for either of "
            f"them write '{before} or {unit.term.text}'"
        )
        return True

    @staticmethod
    def _state_or(tokens: list[Token], i: int, pending: Token | None) -> bool:
        """True when ``tokens[i]`` is "OR" closing "Town, OR": after a comma, before the end or an operator.

        Before a word ("Paris, or London") it stays the operator, and the empty alternative is an error.
        """
        tok = tokens[i]
        last = i + 1 == len(tokens) or tokens[i + 1].kind in ("and", "or", "not", "dash")
        return (
            tok.kind == "or"
            and tok.text.lower() == "or"
            and pending is not None
            and pending.text == ","
            and last
        )

    def _qualifies(self, groups: list[list[_Unit]], unit: _Unit, joins_or: bool) -> bool:
        """Fold ``unit`` into the place before it when it says where that place is ("Paris, Texas").

        Joined by AND ("Cambridge UK") only a place standing alone is narrowed: in "Paris, Austin + Texas"
        Texas narrows the alternatives as a whole, so it stays a term of its own.
        """
        if not groups or groups[-1][0].negated or not (joins_or or len(groups[-1]) == 1):
            return False
        head = groups[-1][-1]
        written = self._text[head.pos - 1 : unit.pos - 1 + len(unit.term.text)]
        # "arlington va", "cambridge ma": in a query typed all in lower case, a state's code after a town
        code = unit.term.text.strip()
        lower = len(code) == 2 and code.isalpha() and self._text == self._text.lower() and not unit.negated
        merged = self.reader.qualify(head.term, unit.term, written, after_comma=joins_or or lower)
        if merged is not None:
            groups[-1][-1] = _Unit(merged, head.pos, head.negated)
            return True
        if (joins_or or lower) and self._town(groups, unit):
            return True
        code = unit.term.text.strip()
        if (
            joins_or
            and head.term.value.startswith("city:")
            and not unit.term.value.startswith("city:")
            and len(code) == 2
            and code.isupper()
            and self.reader.vocab.qualifiers(code)
            and code not in TYPE_SHORT_FORMS  # "london, PT, student": part-time, in a list of criteria
        ):  # "Brisbane, CA": a state or country code after a town qualifies it; it is not a second place
            town = head.term.text
            raise QueryError(
                f"'{written}' at character {head.pos}: I know no {town} in {code} "
                f"({self.reader.code_names(code)}). For either place write '{town} | country:{code}'; "
                "for a town I do not know, write its state or country in full, or search it as a keyword "
                "with quotes"
            )
        return False

    def _type_code(self, groups: list[list[_Unit]], unit: _Unit) -> _Unit:
        """The type "PT" or "FT" names after a comma and a town it does not qualify, not a second place.

        "Lisbon, PT" is Lisbon in Portugal; in "london, PT, student" PT is part-time, as recruiters write it.
        """
        code = unit.term.text.strip()
        kind = TYPE_SHORT_FORMS.get(code)
        if kind is None or unit.term.kind != "place" or unit.negated or not groups or len(groups[-1]) != 1:
            return unit
        head = groups[-1][-1].term
        if not head.value.startswith("city:"):
            return unit
        written = self._text[groups[-1][-1].pos - 1 : unit.pos - 1 + len(unit.term.text)]
        if self.reader.qualify(head, unit.term, written, after_comma=True) is not None:
            return unit
        self._notes.append(
            f"'{code}' after '{head.text}' read as {TYPE_LABELS[kind]}, as recruiters write it (no "
            f"{head.text} in {unit.term.label}); for the place write country:{code}"
        )
        return _Unit(Term("employment", f"type:{kind}", TYPE_LABELS[kind], unit.term.text), unit.pos, False)

    def _state_code(self, unit: _Unit) -> _Unit:
        """A state's or province's code after a comma as the state ("intern, TX"), else ``unit`` as it is.

        Alone, "TX" or "ME" is a word; after a comma it says where. Codes that also name a country ("CA",
        "DE") are read as places already.
        """
        state = self.reader.state_place(unit.term)
        return _Unit(state, unit.pos, unit.negated) if state is not None else unit

    def _town(self, groups: list[list[_Unit]], unit: _Unit) -> bool:
        """Read "Kermit, TX" or "Watkins Glen, New York" as the town: words then, after a comma, its state.

        The words were read as keywords, since alone they name no place we know; with the state or country
        after them they may. When they name none there (a town too small for the gazetteer, or "sales, TX"),
        they stay words searched in postings of that state, and a state after a town says so.
        """
        readings = self.reader.qualifier_places(unit.term, after_comma=True)
        run: list[_Unit] = []  # the keywords before the comma, each a group of its own, spaced like a name
        for group in reversed(groups):
            (word,) = group if len(group) == 1 else (None,)
            after = run[0].pos if run else None
            if word is None or word.negated or word.term.kind != "keyword":
                break
            if after is not None and self._text[word.pos - 1 + len(word.term.text) : after - 1].strip():
                break
            run.insert(0, word)
        if not readings or not run:
            return False
        for start, first in enumerate(run):  # the longest name first: "Watkins Glen" before "Glen"
            written = self._text[first.pos - 1 : unit.pos - 1 + len(unit.term.text)]
            town = self.reader.town(written, readings)
            if town is not None:
                del groups[len(groups) - len(run) + start :]
                groups.append([_Unit(town, first.pos, False)])
                return True
        name = self._text[run[0].pos - 1 : run[-1].pos - 1 + len(run[-1].term.text)]
        if name[:1].isupper() and unit.term.value.startswith("region:"):  # "Zorbleton, TX": a town's name?
            self._notes.append(
                f"'{name}' is no town I know in {unit.term.label}: searched as words in postings there"
            )
        return False

    @staticmethod
    def _check_operator(tok: Token, pending: Token | None, negate: Token | None, have_term: bool) -> None:
        if negate is not None:
            raise QueryError(
                f"'{negate.text}' at character {negate.pos} is followed by '{tok.text}', not a term"
            )
        if pending is not None:
            if pending.kind == tok.kind == "or":
                state = f"; if '{tok.text}' is Oregon, end the place with + ('Portland, OR + intern')"
                raise QueryError(
                    f"empty alternative between '{pending.text}' at character {pending.pos} and "
                    f"'{tok.text}' at character {tok.pos}" + (state if tok.text == "OR" else "")
                )
            raise QueryError(
                f"'{tok.text}' at character {tok.pos} follows '{pending.text}' at character {pending.pos} "
                "with no term between them"
            )
        if not have_term:
            raise QueryError(f"'{tok.text}' at character {tok.pos} has no term before it")

    def _note_no_filter(self, words: list[Token], why: str) -> None:
        """Leave ``words`` out, saying why they are no filter."""
        said = " ".join(token.text for token in words)
        self._notes.append(f"left out '{said}': {why}")

    def _units(self, tokens: list[Token], i: int, keep: bool = False) -> tuple[list[tuple[Term, int]], int]:
        """Read the terms at ``tokens[i]``: one for a phrase or field, greedy names for a run of words.

        Words that name nothing a posting is matched on ("looking for a", an emoji) are left out and
        noted, unless ``keep`` (a negation waits for a term) and the word stands alone.
        """
        tok = tokens[i]
        if tok.kind == "phrase":
            return self._note_degrees([(self.reader.bare(tok.text, tok.pos, quoted=True), tok.pos)]), i + 1
        if tok.kind == "field":
            return self._field(tokens, i)
        run: list[Token] = []
        while i < len(tokens) and tokens[i].kind == "word":
            run.append(tokens[i])
            i += 1
        units: list[tuple[Term, int]] = []
        j = 0
        while j < len(run):
            size = _phrase_at(run, j, START_NOW, self._shouting)
            if size:  # "ASAP": no posting says it in words that can be read
                self._note_no_filter(
                    run[j : j + size],
                    "how soon a job starts is no filter I can apply; postings rarely say it in words, so "
                    "searched it would leave out most of them",
                )
                j += size
                continue
            size = _phrase_at(run, j, NO_FILTER_WORDS, self._shouting)
            name = run[j].text[:1].isupper() and j + size < len(run) and run[j + size].text[:1].isupper()
            if size and not (name and fold(run[j + size].text) not in FILLER_WORDS):  # "Hot Topic": a name
                self._note_no_filter(
                    run[j : j + size],
                    "how sought-after or new a job is is no filter I can apply; each new posting that "
                    "matches is sent as it comes",
                )
                j += size
                continue
            size = _phrase_at(run, j, START_FROM, self._shouting)
            if size:  # "ab Mai 2027", "à partir de septembre": the month after says the start
                self._left_out.append(" ".join(t.text for t in run[j : j + size]))
                j += size
                month = self._month_after(run, j)
                if month is not None:
                    units.append((month[0], run[j].pos))
                    j += month[1]
                continue
            distance = _distance(run, j)
            if distance:  # "within 50km of Lyon": matched on Lyon
                self._left_out.append(" ".join(t.text for t in run[j : j + distance]))
                j += distance
                continue
            if _anywhere_in(run, j):  # "internship anywhere in Europe": in Europe, not remote work
                self._left_out.append(f"{run[j].text} {run[j + 1].text}")
                j += 2
                continue
            if fold(run[j].text) == "non" and j + 1 < len(run) and self._plain(run[j + 1]):
                written = f"{run[j].text}-{run[j + 1].text}"  # "non technical": as "non-technical" is read
                units.append((self.reader.bare(written, run[j].pos, quoted=True), run[j].pos))
                j += 2
                continue
            searched = self._searched_only(run, j)
            if searched:
                units.append((self.reader.bare(searched, run[j].pos, quoted=True), run[j].pos))
                j += len(searched.split())
                continue
            for size in range(min(_MAX_SPAN_WORDS, len(run) - j), 1, -1):
                span = " ".join(t.text for t in run[j : j + size])
                known = self.reader.companies.get(company_key(span))  # a company with postings stays one
                # "Ohio State" is the university, "Ohio state" the state
                state = fold(span).endswith(" state") and not span.split()[-1][:1].isupper()
                state = state and self._place_before(span) != ""
                if fold(span) in NAMES_WITH_PLACES and not known and not state:  # "Georgia Tech"
                    units.append((self._name_phrase(span, run[j].pos), run[j].pos))
                    j += size
                    break
                term = (
                    self.reader.bare(span, run[j].pos, quoted=True)
                    if fold(span) in KEYWORD_PHRASES or fold(span) in FIELD_PHRASES
                    else self.reader.named(span)
                )
                if term is not None and term.kind == "start" and self._type_after(run, j + size - 1):
                    continue  # "2027 summer analyst": the year, then the bank's internship
                if term is not None:
                    units.append((term, run[j].pos))
                    j += size
                    break
            else:
                word = run[j].text
                if word.strip() and all(ch in CURRENCY_SIGNS for ch in word.strip()):  # "€", "$"
                    self._notes.append(f"left out '{word}': I do not read pay, which postings seldom state")
                    j += 1
                    continue
                postal = self._postal_code(units, run, j)
                if postal:  # "Paris 75008", "London EC1A 1BB": matched on the town
                    j += postal
                    continue
                # "prácticas de verano": a small word between two others joins them; alone, "de" is a word
                small = word in SMALL_WORDS and 0 < j < len(run) - 1
                if (small or self.reader.says_nothing(word, self._shouting)) and not (keep and len(run) == 1):
                    self._left_out.append(word)
                    j += 1
                    continue
                # "Stage 0" is an English word; "stage 6 mois" an internship of six months
                numbered = (  # a year after it is when: "stage 2027"
                    j + 1 < len(run)
                    and run[j + 1].text.isdigit()
                    and not _FULL_YEAR.match(run[j + 1].text)
                    and not _searched_span(run, j + 1)[0]
                )
                units.append((self.reader.bare(word, run[j].pos, before_number=numbered), run[j].pos))
                start = self.reader.compound_start(word) if units[-1][0].kind == "employment" else None
                if start is not None:  # "Sommerpraktikum": an internship starting in summer
                    units.append((start, run[j].pos))
                j += 1
        skip = 1 if keep else 0
        units = _listed_firms(self._subject_languages(units))
        named = self._company_names(self._names_after_places(self._words_by_jobs(units)), skip)
        titled = self._job_titles(self._nouns_first(named, skip), skip)
        read = self._season_words(self._one_type(self._one_level(titled, skip), skip))
        read = self._programme_words(self._holidays(read))
        self._optional_degree(read)
        return self._note_degrees(self._southern_holidays(self._season_and_year(read, skip))), i

    def _field(self, tokens: list[Token], i: int) -> tuple[list[tuple[Term, int]], int]:
        """Read a field, with the words after it when they make one name: "country:United Kingdom".

        Unquoted, a field's value ends at a space; a place or start of several words takes the longest run
        of words after it that names one. When none does, the error says to quote the name.
        """
        tok = tokens[i]
        start = tok.pos + len(tok.field)  # where the value starts, unquoted
        run = _words_after(tokens, i + 1) if tok.field.lower() in _NAME_FIELDS else []
        if not self._text.startswith(tok.text, start):
            run = []  # a quoted value says where the name ends
        for size in range(len(run), 0, -1):
            last = run[size - 1]
            value = self._text[start : last.pos - 1 + len(last.text)]
            try:
                term = self.reader.field(Token("field", value, tok.pos, tok.field))
            except QueryError:
                continue
            return [(term, tok.pos)], i + 1 + size
        try:
            return [(self.reader.field(tok), tok.pos)], i + 1
        except QueryError as error:
            if not run:
                raise
            more = " ".join(t.text for t in run[:2])
            raise QueryError(
                f'{error}; for a name of several words, quote it: {tok.field}:"{tok.text} {more}"'
            ) from None

    def _job_titles(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """Read plain words ending in a job noun as one job title: "software engineer", "ML engineer".

        Only words that are keywords join (places, levels, known companies, technology names stay what they
        are), at most two before the noun, the farther only when it often starts a title ("data platform
        engineer"); a capitalised name before a title stays a keyword, noted. The first ``skip`` units stay
        alone: "-sales engineer" excludes "sales" as search engines read it.
        """
        read: list[tuple[Term, int]] = []
        for number, (term, pos) in enumerate(units):
            if number < skip or not _noun(term):
                read.append((term, pos))
                continue
            joined: list[tuple[Term, int]] = []
            start = pos
            for before, before_pos in reversed(read[skip:]):
                between = self._text[self._end((before, before_pos)) : start - 1]
                if len(joined) == 2 or not _joinable(before) or between.strip():
                    break
                joined.insert(0, (before, before_pos))
                start = before_pos
            if joined and _looks_like_name(joined[0][0], term, joined[0][1]):
                name = self._name_before(read, len(read) - len(joined))
                joined.pop(0)
                field = f'company:"{name}"' if " " in name else f"company:{name}"
                what = "keywords of their own" if " " in name else "a keyword of its own"
                self._notes.append(
                    f"'{name}' read as {what}, not part of a job title (it looks like a name); "
                    f"for the company write {field}"
                )
            if len(joined) == 2 and not _title_modifier(joined[0][0]):
                joined.pop(0)
            if not joined:
                read.append((term, pos))
                continue
            del read[len(read) - len(joined) :]
            read.append((self._job_title([*joined, (term, pos)]), joined[0][1]))
        return read

    def _note_small_towns(self, groups: list[list[_Unit]]) -> None:
        """Say so when words searched as keywords name a small town known only with its state.

        "Falls Church" alone is two words; "Falls Church, VA" is the town. A single word counts only when
        capitalised and alone ("Kermit"), as most small towns' one-word names are words too ("Citadel").
        """
        words = [g[0] for g in groups if len(g) == 1 and not g[0].negated and g[0].term.kind == "keyword"]
        runs: list[list[_Unit]] = []
        for unit in words:
            last = runs[-1][-1] if runs else None
            if last is not None and not self._text[self._end((last.term, last.pos)) : unit.pos - 1].strip():
                runs[-1].append(unit)
            else:
                runs.append([unit])
        for run in runs:
            text = self._text[run[0].pos - 1 : self._end((run[-1].term, run[-1].pos))]
            alone = len(groups) == 1 and text[:1].isupper() and not text.isupper()  # "Kermit", not "NGO"
            if len(run) > 3 or (len(run) == 1 and not alone):
                continue
            towns = self.reader.small_towns(text)
            if towns:
                ways = " or ".join(f"'{town}'" for town in towns)
                self._notes.append(
                    f"'{text}' searched as words; it may be a small town I know only with its state or "
                    f"country: for the town write {ways}"
                )

    def _codes_by_places(self, groups: list[list[_Unit]]) -> None:
        """Read a lower-case place code as the place when the query names places: "remote us", "ny or sf".

        Alone, "us" or "sf" may be a word; among places or "remote" it says where.
        """
        where = [u for g in groups for u in g if u.term.kind in ("place", "workplace")]
        codes = [u for g in groups for u in g if self.reader.lower_code_place(u.term) is not None]
        if not where and len(codes) < 2:  # "ny or sf": two codes say where of each other
            return
        for group in groups:
            for k, unit in enumerate(group):
                place = self.reader.lower_code_place(unit.term)
                if place is None or unit.extra:
                    continue
                group[k] = _Unit(place, unit.pos, unit.negated)
                self._notes.append(
                    f"'{unit.term.text}' taken as {place.label} among places; for the word, write "
                    f'keyword:"{unit.term.text}"'
                )

    def _short_words_by_types(self, groups: list[list[_Unit]]) -> None:
        """Name what a lower-case two-letter word beside a type may mean: "ds intern", "de intern".

        Searched as the word, it finds little; a person may mean a field (data science), a country's code
        (Germany) or a language's (German). The word stays searched, and each reading is said with how to
        write it, as no single one can be told from the word.
        """
        if not any(u.term.kind in ("employment", "level") and not u.negated for g in groups for u in g):
            return
        for group in groups:
            for k, unit in enumerate(group):
                word = unit.term.text.strip()
                if (
                    unit.term.kind != "keyword"
                    or unit.term.also
                    or unit.term.suggestion
                    or unit.extra
                    or unit.pos in self._as_written
                    or not (len(word) == 2 and word.isascii() and word.isalpha() and word.islower())
                    or word in ABBREVIATED  # "ml": searched as "machine learning" too, and said
                    or any(other.pos == unit.pos for other in group[:k] + group[k + 1 :])  # "pm": a title too
                ):
                    continue
                readings = []
                if word in _FIELD_SHORT_WORDS:
                    readings.append(f'{_FIELD_SHORT_WORDS[word]}: write "{_FIELD_SHORT_WORDS[word]}"')
                country = self.reader.vocab.country(word.upper())
                if country is not None:
                    readings.append(f"{country.name} ({word.upper()}): write country:{word.upper()}")
                code = self.reader.vocab.language(word)
                if code == word:
                    name = self.reader.vocab.language_name(code)
                    readings.append(f"{name} (the language): write {name}")
                if readings:
                    group[k] = replace(unit, term=replace(unit.term, also=tuple(readings)))

    def _southern_seasons(self, groups: list[list[_Unit]]) -> None:
        """Add the northern name of a season asked for in the southern hemisphere ("summer intern Sydney").

        Postings' starts are read by month, as the northern seasons: an Australian summer internship starts
        in December to February, which is winter so read. The season asked for stays, the other is added,
        and the reading says so.
        """
        places = [u.term for g in groups if not g[0].negated for u in g if u.term.kind == "place"]
        south = [t for t in places if _SOUTHERN_LABEL.search(t.label)]
        if south and len(south) < len(places):  # "summer intern Sydney or London": said, not guessed
            seasons = [u.term.text for g in groups if not g[0].negated for u in g if _season(u.term)]
            for text in dict.fromkeys(seasons):
                self._notes.append(
                    f"'{text}' read as the northern season: in {south[0].label}, south of the equator, the "
                    "seasons are the other way round; for its season, make a subscription of its own"
                )
            return
        if not places or len(south) < len(places):
            return
        for group in groups:
            if group[0].negated or not all(u.term.kind == "start" for u in group):
                continue
            have = {u.term.value for u in group}
            added = []
            for unit in list(group):
                if unit.pos in self._as_written:  # start:summer: the season as written
                    continue
                value = unit.term.value
                season = value.removeprefix("season:").removeprefix("start:").split("-")[0]
                if season not in _OPPOSITE_SEASONS or not value.startswith(("season:", "start:")):
                    continue
                other = _OPPOSITE_SEASONS[season]
                year = value.rsplit("-", 1)[1] if value.startswith("start:") else ""
                term = (
                    Term("start", f"start:{other}-{year}", f"{other} {year}", unit.term.text)
                    if year
                    else Term("start", f"season:{other}", other, unit.term.text)
                )
                if term.value not in have:
                    have.add(term.value)
                    group.append(_Unit(term, unit.pos, False, extra=True))
                    added.append((unit.term.text, other))
            for text, other in added:
                self._notes.append(
                    f"'{text}' also read as {other}: in {places[0].label}, south of the equator, the seasons "
                    f"are the other way round, and postings' starts are read by month as the northern ones; "
                    f"for the northern {other} only, write start:{other}"
                )

    def _word_towns_by_jobs(self, group: list[_Unit], groups: list[list[_Unit]]) -> list[_Unit]:
        """A town named like a word among the kinds of a job is the word: "Mobile / iOS engineer"."""
        keywords = [u for u in group if u.term.kind in TEXT_KINDS]
        job = any(_role(u.term) for other in groups if other is not group for u in other)
        if not keywords or not job:
            return group
        read = []
        for unit in group:
            word = self.reader.word_for_place(unit.term)
            read.append(replace(unit, term=word) if word is not None else unit)
        return read

    def _words_by_jobs(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """A town named like a word, right before a job's words, is the word: "Mobile developer"."""
        read = list(units)
        for k in range(len(read) - 1):
            word = self.reader.word_for_place(read[k][0])
            after = read[k + 1][0]
            # the job's noun next, or after one more word of the title ("Mobile Software Engineer")
            job = _noun(after) or (_joinable(after) and any(_noun(t) for t, _ in read[k + 2 : k + 3]))
            if word is not None and job and not self._gap(read[k], read[k + 1]):
                read[k] = (word, read[k][1])
        return read

    def _subject_languages(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """A language before a job that teaches or translates it is the job's subject: "English teacher".

        Nearly every posting is in English: read as a language asked for, "English teacher" would find any
        teacher. The language is then a word of the job title, and the explanation says how to ask for it.
        """
        read = list(units)
        for k in range(len(read) - 1):
            (term, pos), (noun, _) = read[k], read[k + 1]
            said = " ".join(fold(term.text).split()[-1:])
            teaches = noun.kind == "keyword" and fold(noun.text).strip() in _SUBJECT_NOUNS
            if term.kind != "language" or not teaches:
                continue
            if term.value.startswith("lang!:") or said != fold(term.label) or self._gap(read[k], read[k + 1]):
                continue
            read[k] = (Term("keyword", f" {said} ", said, term.text), pos)
            code = term.value.split(":", 1)[1]
            self._notes.append(
                f"'{term.text} {noun.text}' read as a job: {term.label} is what it teaches; "
                f"for postings asking for {term.label}, write lang:{code}"
            )
        return read

    def _name_before(self, read: list[tuple[Term, int]], at: int) -> str:
        """The name ending with the capitalised keyword ``read[at]``: "Acme Robotics" before "software"."""
        first = at
        while first > 0:
            before, after = read[first - 1], read[first]
            between = self._text[self._end(before) : after[1] - 1]
            if before[0].kind != "keyword" or not _capitalised(before[0]) or between.strip():
                break
            first -= 1
        return self._text[read[first][1] - 1 : self._end(read[at])].strip()

    def _nouns_first(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """Read a noun that starts a title and the field after it as one title: "ingeniero de software".

        French, Spanish, Italian and Portuguese put the noun first; a small word between ("de", "del")
        belongs to the phrase. Only a keyword joins, as in English titles.
        """
        read: list[tuple[Term, int]] = []
        k = 0
        while k < len(units):
            term, pos = units[k]
            found = self._noun_first_at(units, k) if k >= skip else None
            if found is None:
                read.append((term, pos))
                k += 1
                continue
            title, used = found
            read.append((title, pos))
            k += used
        return read

    def _noun_first_at(self, units: list[tuple[Term, int]], k: int) -> tuple[Term, int] | None:
        noun, pos = units[k]
        folded = fold(noun.text.strip())
        if noun.kind != "keyword" or noun.suggestion or folded not in NOUNS_FIRST:
            return None
        if k + 1 >= len(units):
            return None
        gap = self._gap(units[k], units[k + 1])
        small, field_at = gap, k + 1  # "del", "du" between: left out as small words, yet part of the title
        after = units[k + 2] if k + 2 < len(units) else None
        if (
            not gap
            and after is not None
            and units[k + 1][0].kind == "keyword"
            and not self._gap(units[k + 1], after)
        ):
            word = fold(units[k + 1][0].text.strip())
            small, field_at = (word, k + 2) if word in SMALL_WORDS else ("", k + 1)  # "de" read as a word
        field, field_pos = units[field_at]
        if (gap and gap not in SMALL_WORDS) or (folded in NEEDS_SMALL_WORD and not small):
            return None
        if not _joinable(field) or _noun(field) or fold(field.text.strip()) in NOUNS_FIRST | SMALL_WORDS:
            return None
        slots = [noun_forms(folded), *([(small,)] if small else []), _slot(field.text)]
        marks = ("=", *(("?",) if small else ()), "")
        written = self._text[pos - 1 : self._end((field, field_pos))]
        if gap:
            self._left_out[:] = [w for w in self._left_out if fold(w) != gap]
        label = readable(" ".join(fold(written.replace("'", " ").replace("’", " ")).split()))
        return Term("job_title", title_value(slots, marks), label, written, field.also), field_at - k + 1

    def _gap(self, first: tuple[Term, int], second: tuple[Term, int]) -> str:
        """The words left out between two units, folded ("del" in "ingegnere del software"), or ""."""
        return fold(self._text[self._end(first) : second[1] - 1].strip().rstrip("'’"))

    @staticmethod
    def _end(unit: tuple[Term, int]) -> int:
        """Where the words of ``unit`` end in the query text (an index after the last character)."""
        return unit[1] - 1 + len(unit[0].text)

    def _job_title(self, units: list[tuple[Term, int]]) -> Term:
        """One job-title term of the words of ``units``, the last a job noun."""
        *words, (noun, _) = units
        slots = [_slot(term.text) for term, _ in words]
        slots.append(noun_forms(fold(noun.text.strip())))
        written = self._text[units[0][1] - 1 : self._end(units[-1])]
        joined = " ".join(term.text.strip() for term, _ in units)
        if search_words(written) != search_words(joined):  # "AI / machine learning engineer": as one word
            written = joined
        said = [fold(term.text.strip()) for term, _ in units]
        shown = [short_label(word, noun=number == len(said) - 1) for number, word in enumerate(said)]
        label = readable(" ".join(shown))  # "data engineer/engineering", "engineering manager"
        also = tuple(dict.fromkeys(a for term, _ in units for a in term.also))
        return Term("job_title", title_value(slots), label, written, also)

    def _name_phrase(self, written: str, pos: int, place: str = "") -> Term:
        """``written`` as one searched phrase, noted: a name that starts with a place ("Washington Post")."""
        place = place or self._place_before(written)
        rest = written[len(place) :].strip() if place else ""
        either = f"; for jobs in {place}, write '{place} + \"{rest}\"'" if rest else ""
        if fold(rest) == "state":
            named = self.reader.named(place)
            state = named is not None and named.value.startswith("region:")  # "Ohio State"; "Kent State" not
            either = (
                f"; for the state, write '{place}'" if state else f"; for jobs in {place}, write '{place}'"
            )
        said = f"'{written}' read as one name, searched as a phrase, not a place and words"
        self._notes.append(said + either)
        return self.reader.bare(written, pos, quoted=True, as_keyword=True)

    def _place_before(self, written: str) -> str:
        """The longest words ``written`` starts with that name a place ("New York" in "New York Times")."""
        words = written.split()
        for size in range(len(words) - 1, 0, -1):
            start = " ".join(words[:size])
            term = self.reader.named(start)
            if term is not None and term.kind == "place" and fold(words[size - 1]) not in NAME_ENDINGS:
                return start
        return ""

    def _names_after_places(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Read a capitalised place and the capitalised words after it that end a name as one name.

        "Boston Consulting Group" is the firm, "Washington Post" the paper and "University of Toronto" the
        school, not places and some words; "Boston consulting" and "Paris Sales" stay a place and a keyword.
        """
        read: list[tuple[Term, int]] = []
        k = 0
        while k < len(units):
            term, pos = units[k]
            end = k + 1
            while (
                end < len(units)
                and _capitalised(units[end][0])
                and (units[end][0].kind == "keyword" or _name_ending(units[end][0]))
            ):
                end += 1
            ending = next((m for m in range(end - 1, k, -1) if _name_ending(units[m][0])), None)
            place = term.kind == "place" and _capitalised(term)
            if place and ending is not None:  # "Boston Consulting Group"
                written = self._text[pos - 1 : self._end(units[ending])]
                read.append((self._name_phrase(written, pos, place=term.text), pos))
                k = ending + 1
                continue
            after = units[k + 1] if k + 1 < len(units) else None
            between = self._text[self._end(units[k]) : after[1] - 1] if after else ""
            if _name_ending(term) and after and after[0].kind == "place" and _OF.match(between):
                written = self._text[pos - 1 : self._end(after)]  # "University of Toronto"
                for small in between.split():  # "of", "the": part of the name now, not left out
                    if small in self._left_out:
                        self._left_out.remove(small)
                read.append((self._name_phrase(written, pos), pos))
                k += 2
                continue
            read.append((term, pos))
            k += 1
        return read

    def _season_words(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Read a season beside an ordinary keyword as a word: "Spring developer" asks for the framework.

        "summer intern", "Summer 2027" and "summer research intern" keep the season: a job type beside it
        (or a year in it) says it is when the job starts.
        """
        if any(term.kind in ("employment", "level") for term, _ in units):
            return units
        read: list[tuple[Term, int]] = []
        for number, (term, pos) in enumerate(units):
            beside = [units[k][0] for k in (number - 1, number + 1) if 0 <= k < len(units)]
            season = term.value.startswith("season:") and " " not in term.text.strip()
            keyword = next((t for t in beside if t.kind in ("keyword", "job_title")), None)
            dated = month_start(term.text) is not None or quarter_start(term.text) is not None
            if season and keyword is not None and not dated:
                word = self.reader.bare(term.text, pos, quoted=True, as_keyword=True)
                self._notes.append(
                    f"'{term.text}' read as a keyword beside '{keyword.text}' (a season beside a word is "
                    f"often part of a name, like the Spring framework); for jobs starting in {term.label}, "
                    f"write start:{term.label}"
                )
                term = word
            read.append((term, pos))
        return read

    def _season_and_year(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """One season and one year apart in a run are one start: "fall internship 2026" is fall 2026."""
        seasons = [k for k, (t, _) in enumerate(units) if k >= skip and t.value.startswith("season:")]
        years = [k for k, (t, _) in enumerate(units) if k >= skip and t.value.startswith("year:")]
        if len(seasons) != 1 or len(years) != 1:
            return units
        (season, pos), (year, _) = units[seasons[0]], units[years[0]]
        name, number = season.value.removeprefix("season:"), year.value.removeprefix("year:")
        term = Term("start", f"start:{name}-{number}", f"{name} {number}", f"{season.text} {year.text}")
        self._notes.append(f"'{season.text}' and '{year.text}' read together as {name} {number}")
        return [(term, pos) if k == seasons[0] else unit for k, unit in enumerate(units) if k != years[0]]

    def _one_level(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """Read levels typed side by side as one, the highest: "Senior Staff" is staff, as titles are read.

        A posting has one level, the highest its title names, so "senior" AND "staff" would match nothing.
        """

        def highest(last: tuple[Term, int], unit: tuple[Term, int]) -> list[tuple[Term, int]]:
            higher = max(last[0], unit[0], key=lambda t: LEVEL_ORDER.index(t.value.removeprefix("level:")))
            written = self._text[last[1] - 1 : self._end(unit)]
            self._notes.append(
                f"'{written}' read as one career level, the higher ({higher.label}): a posting's level is "
                "the highest its title names"
            )
            return [(replace(higher, text=written), last[1])]

        return _side_by_side(units, skip, "level", highest)

    def _one_type(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """Read types typed side by side as the most specific, the other's words searched: "part-time intern".

        A posting has one type, the most specific its title names ("Part-time Intern" is an internship), so
        part time AND internship would match nothing; "part time" is searched in the text instead.
        """

        def most_specific(last: tuple[Term, int], unit: tuple[Term, int]) -> list[tuple[Term, int]]:
            pair = (last[0], unit[0])
            kept, other = sorted(pair, key=lambda t: _TYPE_ORDER.index(t.value.removeprefix("type:")))
            at = last[1] if other is last[0] else unit[1]
            words = (self.reader.bare(other.text, at, quoted=True, as_keyword=True), at)
            self._notes.append(
                f"'{other.text}' beside '{kept.text}' searched as words in the text: a posting has one type, "
                f"the most specific its title names ({kept.label})"
            )
            return [words, (kept, unit[1])] if other is last[0] else [last, words]

        return _side_by_side(units, skip, "employment", most_specific)

    def _short_forms(self, unit: _Unit) -> tuple[Term, ...]:
        """A short form's words, or the words' short form ("ML", "machine learning"), searched alike, said.

        A job title's slots hold both already; a keyword gets the other spelling as an alternative. Quoted
        words and fields are searched as written.
        """
        term = unit.term
        if term.kind not in ("keyword", "job_title") or unit.pos in self._as_written:
            return ()
        words = f" {' '.join(search_words(term.text))} "
        found = [form for form in ABBREVIATED if f" {form} " in words]
        found = [f for f in found if not any(f != other and f" {f} " in f" {other} " for other in found)]
        whole = words.strip()
        typed = term.text.strip()
        if term.kind == "keyword" and "/" not in term.text:  # "AI/ML" is either, each in its spellings
            found = [whole] if whole in ABBREVIATED and whole not in JOINED_SPELLINGS else []
            found = found if " " in typed or typed.isupper() or typed.islower() else []  # "Bi": a name
        for form in sorted(found, key=lambda f: words.index(f" {f} ")):
            others = " or ".join(f"'{other}'" for other in SAME_WORDS[form] if other != form)
            shown = typed if fold(typed) == form else form  # as typed when it is the whole term: "ML"
            self._notes.append(f"'{shown}' also searched as {others}: a short form and its words mean alike")
        if " " not in typed and not (typed.isupper() or typed.islower()):  # "Bi": a name, not "BI"
            return ()
        if term.kind != "keyword" or whole not in ABBREVIATED or whole in JOINED_SPELLINGS:
            return ()
        return tuple(
            Term("keyword", f" {form} ", form, term.text) for form in SAME_WORDS[whole] if form != whole
        )

    def _month_after(self, run: list[Token], j: int) -> tuple[Term, int] | None:
        """The start a month names after a word saying from when ("ab Mai 2027"), and its word count.

        Not the first word of a longer place's name: "from Mar del Plata" is the town.
        """
        for size in (3, 2):
            named = (
                self.reader.named(" ".join(t.text for t in run[j : j + size]))
                if j + size <= len(run)
                else None
            )
            if named is not None and named.kind == "place":
                return None
        for size in (2, 1):
            if j + size <= len(run):
                term = self.reader.month(" ".join(t.text for t in run[j : j + size]))
                if term is not None:
                    return term, size
        return None

    def _postal_code(self, units: list[tuple[Term, int]], run: list[Token], j: int) -> int:
        """How many words at ``run[j]`` are a postal code after a place ("Paris 75008", "London EC1"), noted.

        Postings are matched on the town, and searched as a word the code would leave out every posting
        that does not print it.
        """
        if not units or units[-1][0].kind != "place" or self._gap(units[-1], (units[-1][0], run[j].pos)):
            return 0
        word = run[j].text.strip(",.")
        level = LANGUAGE_LEVEL.match(fold(word))  # "B2" after a place may well be a language's level
        code = _POSTAL_CODE.match(word) or _DISTRICT.match(fold(run[j].text))
        size = 1 if code and not _FULL_YEAR.match(word) and not level else 0
        after = run[j + 1].text if j + 1 < len(run) else ""
        if size and _UK_OUTWARD.match(word) and _UK_INWARD.match(after):
            size = 2  # "EC1A 1BB": the whole code
        if size and word.isdigit() and len(word) == 4 and re.fullmatch("[A-Z]{2}", after):
            size = 2  # "1012 AB": a Dutch code
        if size:
            code = " ".join(t.text for t in run[j : j + size])
            self._notes.append(
                f"left out '{code}' after '{units[-1][0].text}': a postal code or district; postings are "
                "matched on the town, not its district"
            )
        return size

    def _company_names(self, units: list[tuple[Term, int]], skip: int) -> list[tuple[Term, int]]:
        """Read the words after a capitalised name by what they add to it: "Siemens AG", "Meta Group".

        A legal form ("AG", "GmbH", "Inc") is left out: postings name the firm without it, and "AG" is no
        Antigua. A word of a name ("Group", "Labs", "Partners") or a division ("Consulting", "Cloud") makes
        one name with the words before: "Meta Group" is another firm than Meta, "Deloitte Consulting" the
        arm of Deloitte; each is said, with how to ask for the other reading.
        """
        read: list[tuple[Term, int]] = []
        merged_at: set[int] = set()  # where a name read so goes on ("Amazon Web Services")
        for number, (term, pos) in enumerate(units):
            last = read[-1] if read and number > skip else None
            written = term.text.strip().rstrip(",.")
            word = fold(written)
            if (
                last is None
                or not (_company_name(last[0]) or last[1] in merged_at)
                or self._gap(last, (term, pos))
            ):
                read.append((term, pos))
                continue
            # "SE", "SA" upper-case are software engineer and solutions architect too: they stay as read
            if word in LEGAL_FORMS and written in JOB_ABBREVIATIONS:  # "Airbus SE": or software engineer
                self._notes.append(
                    f"'{written}' after '{last[0].text}' searched as a word; if it is the company's legal "
                    "form, leave it out"
                )
            elif word in LEGAL_FORMS and written[:1].isupper():
                self._notes.append(
                    f"left out '{written}' after '{last[0].text}': a company's legal form, which postings "
                    "leave out of its name"
                )
                continue
            ending = word in NAME_WORDS or word in DIVISION_WORDS
            after = units[number + 1][0] if number + 1 < len(units) else None
            titled = after is not None and (after.kind == "job_title" or _noun(after))  # "Software Engineer"
            if not ending or titled or not written[:1].isupper() or term.kind not in ("keyword", "company"):
                read.append((term, pos))
                continue
            first = next((n for n in self._named_firms if n[0] == last[1]), None)
            name = first[1] if first else last[0].text.strip()
            whole = self._text[last[1] - 1 : self._end((term, pos))]
            known = self.reader.companies.get(company_key(whole))
            if word in NAME_WORDS:
                said = f"a firm of its own, not {name}"
            else:
                said = f"{name}'s {whole[len(name) :].strip().lower()} arm, or a firm of that name"
            if first is not None:  # the note for the shorter name is replaced by the whole one's
                self._notes.remove(first[2])
                self._named_firms.remove(first)
            note = f"'{whole}' read as one name ({said}); for any {name} job, write company:{_quoted(name)}"
            self._notes.append(note)
            self._named_firms.append((last[1], name, note))
            merged_at.add(last[1])
            if known:
                merged = Term("company", company_key(known), known, whole)
            else:  # the words, or a posting listed under that name
                merged = self.reader.bare(whole, last[1], quoted=True, as_keyword=True)
                self._extra[last[1]] = (Term("company", company_key(whole), whole, whole),)
            read[-1] = (merged, last[1])
        return read

    def _type_after(self, run: list[Token], last: int) -> bool:
        """True when the word at ``last`` and the next name a type together ("summer analyst")."""
        if last + 1 >= len(run):
            return False
        term = self.reader.named(f"{run[last].text} {run[last + 1].text}")
        return term is not None and term.kind == "employment"

    def _programme_words(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Leave out "program" after a type or level ("internship program", "summer analyst programme").

        A posting offering an internship need not call it a programme; searched, the word would leave out
        most of them.
        """
        read: list[tuple[Term, int]] = []
        for term, pos in units:
            last = read[-1] if read else None
            word = fold(term.text.strip())
            if (
                last is not None
                and last[0].kind in ("employment", "level")
                and term.kind == "keyword"
                and word in _PROGRAMME_WORDS
                and not self._gap(last, (term, pos))
            ):
                self._left_out.append(term.text)
                continue
            read.append((term, pos))
        return read

    def _southern_holidays(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Read "estágio de férias" as summer or winter: Brazil's long school holidays are its summer.

        Portugal's "férias" fall in July and August, Brazil's in December to February (and July), which
        postings date as winter; read as summer alone, a Brazilian holiday internship would be missed.
        """
        for term, pos in units:
            words = fold(term.text).split()
            if term.kind != "start" or not any(w in _SOUTHERN_HOLIDAYS for w in words):
                continue
            year = term.value.rsplit("-", 1)[1] if term.value.startswith("start:") else ""
            winter = (
                Term("start", f"start:winter-{year}", f"winter {year}", term.text)
                if year
                else Term("start", "season:winter", "winter", term.text)
            )
            self._extra[pos] = (*self._extra.get(pos, ()), winter)
            self._notes.append(
                f"'{term.text}' read as summer or winter: Portuguese is spoken on both sides of the equator, "
                "and Brazil's summer holidays run from December to February, which postings date as "
                "winter; for one of them, write start:summer or start:winter"
            )
        return units

    def _holidays(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Read a holiday word alone as a word: "férias" is any holiday; beside an internship, summer's."""
        if any(term.kind == "employment" for term, _ in units):
            return units
        read: list[tuple[Term, int]] = []
        for term, pos in units:
            if term.kind == "start" and fold(term.text.strip()) in HOLIDAY_WORDS:
                self._notes.append(
                    f"'{term.text}' read as a word: alone it names holidays, not when a job starts; beside "
                    "an internship it is the summer break's ('estágio de férias'); for jobs starting in "
                    "summer, write start:summer"
                )
                term = self.reader.bare(term.text, pos, quoted=True, as_keyword=True)
            read.append((term, pos))
        return read

    def _optional_degree(self, units: list[tuple[Term, int]]) -> None:
        """Refuse "degree optional", "PhD optional": that a posting asks for none is not read from it."""
        for (term, pos), (after, _) in pairwise(units):
            if _degree_word(term) and fold(after.text.strip()) == "optional":
                raise _not_required_error(f"{term.text} {after.text}", pos, term.text)

    def _note_degrees(self, units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
        """Say that "PhD" or "master's" is read as the degree a posting asks for, not as the word."""
        for term, _ in units:
            if term.kind == "degree":
                self._notes.append(
                    f"'{term.text}' read as the degree: postings that name a {term.label} (among the degrees "
                    f'they ask for or accept); for the word itself, write keyword:"{term.text}"'
                )
        return units


def _ampersand_names(tokens: list[Token]) -> list[Token]:
    """Join a name whose spaced "&" is part of it into one word: "Ernst & Young", "M & A" (not AND)."""

    def joined(left: Token, middle: Token, right: Token) -> str | None:
        text = f"{left.text} & {right.text}"
        return text if middle.text == "&" and fold(text) in NAMES_WITH_AMPERSAND else None

    return _joined_words(tokens, joined)


def _joined_words(tokens: list[Token], joined: Callable[[Token, Token, Token], str | None]) -> list[Token]:
    """``tokens`` with each word, separator, word that ``joined`` reads as one word (its text) made one."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        three = tokens[i : i + 3]
        text = None
        if len(three) == 3 and three[0].kind == three[2].kind == "word":
            text = joined(*three)
        if text is not None:
            out.append(Token("word", text, three[0].pos, aside=three[0].aside))
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def _semesters(tokens: list[Token]) -> list[Token]:
    """Join a German semester and its year into one word: "WS 26/27", "SoSe 2027" (not Samoa and 26 or 27)."""
    read: list[Token] = []
    for tok in tokens:
        last = read[-1] if read else None
        if (
            last is not None
            and last.kind == tok.kind == "word"
            and semester_starts(last.text) is not None
            and " " not in last.text
            and semester_starts(f"{last.text} {tok.text}") is not None
        ):
            read[-1] = Token("word", f"{last.text} {tok.text}", last.pos, aside=last.aside)
            continue
        read.append(tok)
    return read


def _technologies(left: str, right: str) -> bool:
    """True for two technology names around a slash ("Python/Django"), not one name ("TCP/IP")."""
    one, two = fold(left).strip(), fold(right).strip()
    if f"{one}/{two}" in WHOLE_WITH_SLASH or not (one in TECHNOLOGY_WORDS or two in TECHNOLOGY_WORDS):
        return False
    # the other a name of at least two letters: "Swift/SwiftUI", "Java/J2EE", "SQL/NoSQL"
    parts = [part for part in (one, two) if len(part) >= 2 or part in TECHNOLOGY_WORDS]
    names = [part.lstrip(".").rstrip("+#") for part in parts]
    return len(names) == 2 and all(name.isalnum() and name[0].isalpha() for name in names)  # "C/C++"


def _field_before_noun(run: list[Token]) -> int:
    """How many words a field's phrase after a slash has when a job noun follows it, else 0.

    "AI/machine learning engineer" is an AI engineer or a machine learning engineer.
    """
    head = [fold(t.text) for t in run]
    for size in (3, 2):
        if len(head) > size and " ".join(head[:size]) in FIELD_PHRASES and job_noun(head[size]):
            return size
    return 0


def _job_words(left: str, run: list[Token]) -> bool:
    """True for a technology and a field word around a slash before a job noun: "iOS/Mobile engineer"."""
    names = [fold(left).strip(), fold(run[0].text).strip()]
    return (
        len(run) > 1
        and job_noun(fold(run[1].text))
        and not all(name in TECHNOLOGY_WORDS for name in names)
        and all(name.isalpha() for name in names)
    )


def _field_after(run: list[Token]) -> bool:
    """True when the words after a slash start with a field's phrase, not a title: "ML/Data Science intern".

    The slash then offers the field whole ("ML" or "data science"), not "ML/Data" and "Science".
    """
    head = [fold(t.text) for t in run]
    for size in (3, 2):
        if len(head) >= size and " ".join(head[:size]) in FIELD_PHRASES:
            return not (len(head) > size and job_noun(head[size]))
    return False


def _whole_at_end(run: list[Token]) -> bool:
    """True when the words end with a job noun or a field's phrase, which are read whole."""
    tail = [fold(t.text) for t in run]
    return job_noun(tail[-1]) or any(" ".join(tail[-size:]) in FIELD_PHRASES for size in (2, 3))


def _whole_at_start(run: list[Token]) -> bool:
    """True when the words start a job title (a job noun follows) or a field's phrase."""
    head = [fold(t.text) for t in run]
    return any(job_noun(word) for word in head[1:3]) or any(
        " ".join(head[:size]) in FIELD_PHRASES for size in (2, 3)
    )


# The firms of the named groups ("Big 4", "FAANG"), by company key: well-known companies, read as such when
# listed side by side even before the store has their postings ("PwC Deloitte KPMG").
_GROUP_FIRMS = {company_key(name): name for _, names in COMPANY_GROUPS.values() for name in names}


def _listed_firms(units: list[tuple[Term, int]]) -> list[tuple[Term, int]]:
    """Read the words naming a group's firm as the company when beside another company ("Deloitte KPMG").

    Alone, "Apple" or "Amazon" may be a word a posting uses; listed with other firms it names a company.
    """

    def firm(term: Term) -> bool:
        return term.kind == "keyword" and company_key(term.text) in _GROUP_FIRMS

    def company(term: Term) -> bool:
        return term.kind == "company" or firm(term)

    read = list(units)
    for k, (term, pos) in enumerate(units):
        beside = [units[j][0] for j in (k - 1, k + 1) if 0 <= j < len(units)]
        if firm(term) and any(company(other) for other in beside):
            name = _GROUP_FIRMS[company_key(term.text)]
            read[k] = (Term("company", company_key(name), name, term.text), pos)
    return read


_POSTAL_CODE = re.compile(
    r"^(?:\d{4,5}|\d{2}-\d{3}|\d{4}[A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$"
)
_DISTRICT = re.compile(r"^\d{1,2}(?:e|er|eme|ᵉ|\.)$")  # "Paris 8e", "Lyon 3ème", "Wien 1."
_UK_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_UK_INWARD = re.compile(r"^\d[A-Z]{2}$")
_DEGREE_NAMES = frozenset({"degree", "degrees", "diploma", "university degree", "college degree"})


def _degree_word(term: Term) -> bool:
    return term.kind == "degree" or fold(term.text.strip()) in _DEGREE_NAMES


def _not_required_error(written: str, pos: int, asked: str, *, degree: bool = True) -> QueryError:
    """Refuse asking for postings that do not require ``asked`` ("no degree required"): not told by one."""
    said = f"'{written}' at character {pos} asks for postings that do not require {asked}"
    if not degree:
        return QueryError(
            f"{said}, which I cannot tell from a posting (only languages: write -lang!:fr); to leave out "
            f'postings that mention it, write -"{asked}"'
        )
    return QueryError(
        f"{said}, which I cannot tell from a posting: postings say which degrees they ask for, not that they "
        "need none (reading it as a degree would ask for the opposite); leave the degree out of the query, "
        f'or, to leave out postings that mention one, write -"{asked}"'
    )


def _phrase_at(run: list[Token], j: int, phrases: frozenset[str], shouting: bool = False) -> int:
    """How many words at ``run[j]`` make one of ``phrases`` (folded, end punctuation aside), else 0.

    A word typed as a short code stays one ("AB" is Alberta, not German "ab"), unless all is in capitals.
    """
    code = 2 <= len(run[j].text) <= 3 and run[j].text.isupper() and not shouting
    for size in range(min(4, len(run) - j), 1 if code else 0, -1):
        words = fold(" ".join(t.text for t in run[j : j + size])).rstrip("!.,?")
        if words in phrases or words.replace("'", " ").replace("’", " ") in phrases:
            return size
    return 0


def _company_name(term: Term) -> bool:
    """True for words that may be a firm's name: a company, or a capitalised word naming nothing else."""
    text = term.text.strip()
    if term.kind == "company":
        return True
    if term.kind != "keyword" or term.suggestion or not all(word[:1].isupper() for word in text.split()):
        return False
    folded = fold(text)
    known = (TITLE_MODIFIERS, TECHNOLOGY_WORDS, FIELD_PHRASES)
    return not (job_noun(folded) or any(folded in words for words in known))


def _skill(term: Term) -> bool:
    words = search_words(term.text)
    return term.kind == "keyword" and bool(words) and all(word in TECHNOLOGY_WORDS for word in words)


def _role(term: Term) -> bool:
    return term.kind == "job_title" or _noun(term)


def _role_and_skill(group: list[_Unit], unit: _Unit) -> bool:
    """True for a job and a skill either side of a comma ("data analyst, SQL"): both asked for.

    A job then any other word is the job's qualifier, as titles are written ("Product Manager, SaaS",
    "Software Engineer, Backend"): a word does not stand in for a job, so it is asked for too.
    """
    terms = [u.term for u in group if not u.extra]
    if unit.term.kind in ("keyword", "job_title") and not _role(unit.term) and all(_role(t) for t in terms):
        return True
    return (_role(unit.term) and all(_skill(t) for t in terms)) or (
        _skill(unit.term) and all(_role(t) for t in terms)
    )


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text else text


def _seasons_only(group: list[_Unit]) -> bool:
    return all(unit.term.kind == "start" and unit.term.value.startswith("season:") for unit in group)


def _years_only(group: list[_Unit]) -> bool:
    return all(unit.term.kind == "start" and unit.term.value.startswith("year:") for unit in group)


def _text_kind(kind: str) -> str:
    """A job title is a keyword of several words, as far as listing alternatives goes."""
    return "keyword" if kind == "job_title" else kind


def _noun(term: Term) -> bool:
    text = term.text.strip()
    return term.kind == "keyword" and not term.suggestion and " " not in text and job_noun(fold(text))


def _joinable(term: Term) -> bool:
    """True for a keyword that may be part of a job title: a plain word, a short form, a field's phrase."""
    text = term.text.strip()
    if term.kind != "keyword" or term.suggestion or not text:
        return False
    if "/" in text and fold(text) not in WHOLE_WITH_SLASH:  # "AI/machine learning", "iOS/Mobile": either
        parts = [" ".join(fold(part).split()) for part in text.split("/")]
        return all(part and (" " not in part or part in FIELD_PHRASES) for part in parts) and not all(
            part in TECHNOLOGY_WORDS for part in parts
        )
    if " " in text:
        return " ".join(fold(text).split()) in FIELD_PHRASES
    words = search_words(text)
    if not words or any(word in TECHNOLOGY_WORDS for word in words) or fold(text) in WHOLE_WITH_SLASH:
        return False
    if text.isupper() and len(text) > 1:  # "ML", "QA", "AI/ML" join; other codes ("NJ", "FAANG") stay words
        return all(part in JOB_ABBREVIATIONS or fold(part) in SAME_WORDS for part in text.split("/"))
    return True


def _title_modifier(term: Term) -> bool:
    folded = " ".join(fold(term.text).split())
    return folded in TITLE_MODIFIERS or folded in FIELD_PHRASES or term.text.strip().isupper()


def _looks_like_name(term: Term, noun: Term, pos: int) -> bool:
    """True for a capitalised word before a title that is likely a company's name ("McKinsey analyst").

    "McKinsey" (a capital inside) always; "Acme business analyst" when the title after it is in lower case
    and the word is not the query's first (a sentence starts with a capital).
    """
    text = term.text.strip()
    folded = fold(text)
    if not text[:1].isupper() or text.isupper() or folded in TITLE_MODIFIERS or " " in text or "/" in text:
        return False  # "Product/UX designer": either title, not a name
    inner = any(ch.isupper() for ch in text[1:]) and not folded.endswith("ops")
    return inner or (pos > 1 and noun.text[:1].islower())


def _slot(text: str) -> tuple[str, ...]:
    """The spellings of one word of a title: "ML" → ml, machine learning; "frontend/backend" → either."""
    folded = fold(text.strip())
    parts = [folded] if "/" not in folded or folded in WHOLE_WITH_SLASH else folded.split("/")
    forms = [form for part in parts for form in word_forms(" ".join(search_words(part)))]
    return tuple(dict.fromkeys(form for form in forms if form))


def _searched_span(run: list[Token], j: int) -> tuple[str, str]:
    """The longest words at ``run[j]`` naming what postings are not read for, and what; or ("", "")."""
    for size in range(min(5, len(run) - j), 0, -1):
        words = " ".join(t.text for t in run[j : j + size])
        what = next((what for pattern, what in SEARCHED_ONLY if pattern.match(fold(words))), None)
        if what is not None and search_words(words):
            return words, what
    return "", ""


def _month_ranges(tokens: list[Token]) -> list[Token]:
    """Join two months either side of a spaced dash into one range: "June – August" is "June–August"."""

    def joined(left: Token, middle: Token, right: Token) -> str | None:
        if middle.kind != "dash" or month_range(f"{left.text}-{right.text}") is None:
            return None
        return f"{left.text}–{right.text}"

    return _joined_words(tokens, joined)


def _year_lists(tokens: list[Token]) -> list[Token]:
    """Years written one after another, or either side of a dash, are alternatives (a job starts in one).

    "intern 2026 2027" and "summer 2026 - 2027" ask for either year.
    """
    out: list[Token] = []
    for number, tok in enumerate(tokens):
        before = out[-1] if out else None
        after = tokens[number + 1] if number + 1 < len(tokens) else None
        if tok.kind == "dash" and _is_year(before) and _is_year(after):
            out.append(Token("or", "/", tok.pos))
            continue
        if tok.kind == "word" and _is_year(tok) and _is_year(before):
            out.append(Token("or", "/", tok.pos - 1))
        out.append(tok)
    return out


def _is_year(tok: Token | None) -> bool:
    return tok is not None and tok.kind == "word" and _FULL_YEAR.match(tok.text) is not None


def _anywhere_in(run: list[Token], j: int) -> bool:
    """True at "anywhere in" before a place's words: where the job may be, not that it is remote."""
    return (
        j + 2 < len(run)
        and fold(run[j].text) in ("anywhere", "everywhere")
        and fold(run[j + 1].text) in ("in", "across", "within", "throughout", "around")
    )


def _distance(run: list[Token], j: int) -> int:
    """How many words at ``run[j]`` give a distance ("50km", "50 km"), else 0."""
    for size in (2, 1):
        if j + size <= len(run) and DISTANCE.match(fold(" ".join(t.text for t in run[j : j + size]))):
            return size
    return 0


def _bilingual(group: list[_Unit], unit: _Unit) -> bool:
    """True for the second language of "bilingual English/French": a person who speaks both."""
    last = group[-1].term
    return (
        len(group) == 1
        and last.kind == unit.term.kind == "language"
        and fold(last.text).split()[:1] == ["bilingual"]
    )


def _said_required(term: Term) -> bool:
    """A language asked for as required in words ("fluent English", "JLPT"), not by a field."""
    return term.value.startswith("lang!:") and (
        " " in term.text.strip() or "-" in term.text or term.text.isupper()
    )


def _required(term: Term) -> Term:
    return replace(term, value="lang!:" + term.value.removeprefix("lang:"))


def _same(group: list[_Unit], unit: _Unit) -> bool:
    """True when ``group`` asks only what ``unit`` alone asks: a criterion said twice."""
    named = {u.term.value for u in group if not u.extra}
    return group[0].negated == unit.negated and named == {unit.term.value}


# What a short form that is a common word stands for, to the short form: "golang" is also "Go" in a title.
_SHORT_FORM_OF: dict[str, str] = {}
for _short, _forms in COMMON_WORD_SHORT_FORMS.items():  # the first short form listed: "IT" before "TI"
    for _words in _forms:
        _SHORT_FORM_OF.setdefault(_words, _short)
_LONG_CAPITALS = re.compile(r"[A-Z]{4,}")
_YEAR_RANGE = re.compile(r"^(20[2-3]\d)\s*[/\-–]\s*(20[2-3]\d|[2-3]\d)$")
_SHORT_YEAR = re.compile(r"^[23]\d$")
_FULL_YEAR = re.compile(r"^20[2-3]\d$")
_SHORT_RANGE = re.compile(r"^([23]\d)\s*[/\-–]\s*([23]\d)$")
# Words after a number that make it an amount, not a year: "intern 20 hours/week", "stage 24 semaines"
_UNIT = re.compile(
    r"(?i)^(?:h|hrs?|hours?|std|stunden|heures|horas|weeks?|wks?|wochen|semaines?|semanas?|months?|mos?|"
    r"monate?n?|mois|mese?s|days?|tage?n?|jours?|d[ií]as|years?|yrs?|jahre?n?|ans?|a[nñ]os|k|%|x)(?:\W|$)"
)
_OF = re.compile(r"^\s+of(?:\s+the)?\s+$", re.IGNORECASE)


def _capitalised(term: Term) -> bool:
    return term.text[:1].isupper()


def _name_ending(term: Term) -> bool:
    """True for a capitalised word that ends an organisation's name: "Group", "Post", "University"."""
    return _capitalised(term) and fold(term.text).strip(".,") in NAME_ENDINGS


# Fields whose value may be a name of several words typed without quotes ("country:United Kingdom").
_NAME_FIELDS = frozenset({"city", "region", "country", "place", "location", "start"})
# Employment types from the most specific, as extraction reads a title (bot.extract.employment).
_TYPE_ORDER = ("intern", "apprenticeship", "part_time", "temporary", "contract", "full_time")
_REGION_SUBTAG = re.compile(r"^[A-Za-z]{2,3}[-_][A-Za-z0-9]{2,4}$")
_NOT_ASKED = frozenset({"required", "needed", "necessary", "mandatory"})
# A title's gender marker, in German ("m/w/d", "w/m/d", "m/w/x"), French ("H/F", "F/H"), English ("m/f/d")
_GENDER_MARKER = re.compile(r"^[mwfdhx](?:\s*/\s*[mwfdhx]){1,2}\*?$")
_GENDER_SUFFIX = re.compile(r"^(\w{3,}?)(?:[*:/_]in(?:nen)?|\(in\))$")
_GENDER_ASIDE = frozenset({"gn", "all", "genders", "alle", "geschlechter", "d", "divers"})
_GENDER_SPAN = 16  # characters around a word set aside that may belong to the same marker
# Jobs whose language before them is their subject: "English teacher". A translator or a copywriter works
# in the language, which their postings ask for: "Spanish translator" stays the language and the word.
_SUBJECT_NOUNS = frozenset({
    "teacher", "teachers", "tutor", "tutors", "instructor", "instructors", "lecturer", "professor",
    "trainer", "coach", "teaching", "tutoring",
})  # fmt: skip
_NON = re.compile(r"(?i)^non-(\w.*)$")
# Portuguese words for the summer break, which in Brazil falls in December to February
_SOUTHERN_HOLIDAYS = frozenset({"ferias", "verao"})
# Countries south of the equator (or most of whose people live there), by the code a place's label ends with
_SOUTHERN_LABEL = re.compile(r"\b(?:AU|NZ|AR|CL|UY|PY|ZA|BR|NA|BW|LS|SZ)\)$")


def _season(term: Term) -> bool:
    """True for a start term naming a season ("summer", "summer 2027")."""
    season = term.value.removeprefix("season:").removeprefix("start:").split("-")[0]
    return term.kind == "start" and season in _OPPOSITE_SEASONS


_OPPOSITE_SEASONS = {"summer": "winter", "winter": "summer", "spring": "fall", "fall": "spring"}
_PROGRAMME_WORDS = frozenset({"program", "programs", "programme", "programmes", "scheme", "schemes"})


def _parts(tok: Token, sep: str, between: Token | None = None) -> list[Token]:
    """The parts of a word split at ``sep``, each at its own position, with ``between`` between them."""
    parts: list[Token] = []
    at = tok.pos
    for number, part in enumerate(tok.text.split(sep)):
        if number and between is not None:
            parts.append(Token(between.kind, between.text, at - 1))
        parts.append(Token("word", part, at, aside=tok.aside))
        at += len(part) + 1
    return parts


def _words_before(tokens: list[Token]) -> list[Token]:
    run: list[Token] = []
    for tok in reversed(tokens):
        if tok.kind != "word" or len(run) == _MAX_SPAN_WORDS:
            break
        run.insert(0, tok)
    return run


def _words_after(tokens: list[Token], start: int) -> list[Token]:
    run: list[Token] = []
    for tok in tokens[start : start + _MAX_SPAN_WORDS]:
        if tok.kind != "word" or tok.text == "/":
            break
        run.append(tok)
    return run


def _readable(text: str) -> None:
    """Refuse a query holding a control character or a broken (lone surrogate) character, saying where."""
    found = UNREADABLE.search(text)
    if found is not None:
        what = "a broken character" if "\ud800" <= found.group() <= "\udfff" else "a control character"
        raise QueryError(
            f"the query holds {what} (U+{ord(found.group()):04X}) at position {found.start() + 1}; "
            "type it again without it"
        )


def _both_places(clauses: tuple[Clause, ...]) -> tuple[str, ...]:
    """Note two towns joined by AND ("Berlin Munich"): only a posting listing both matches, rarely meant."""
    towns = [
        clause.terms[0]
        for clause in clauses
        if not clause.negated
        and len(clause.terms) == 1
        and clause.terms[0].value.startswith(("city:", "metro:"))
    ]
    if len(towns) < 2:
        return ()
    names = " and ".join(term.label for term in towns)
    either = ", ".join(term.text for term in towns)
    return (f"a posting must be in {names} at once (AND); for any of them write '{either}'",)


def _one_of_each(clauses: tuple[Clause, ...]) -> tuple[str, ...]:
    """Note two levels, types or companies joined by AND ("senior + staff"): a posting has one of each."""
    found: list[str] = []
    for kind, what in (("level", "career level"), ("employment", "type"), ("company", "company")):
        asked = [
            clause.terms
            for clause in clauses
            if not clause.negated and all(term.kind == kind for term in clause.terms)
        ]
        if len(asked) > 1 and not set.intersection(*({term.value for term in terms} for terms in asked)):
            either = ", ".join(dict.fromkeys(term.text.strip() for terms in asked for term in terms))
            found.append(
                f"a posting has one {what}, so no posting has all of these (AND); for any, write '{either}'"
            )
    return tuple(found)


def parse(text: str, vocabulary: Vocabulary | None = None, companies: Iterable[str] = ()) -> Query:
    """Parse ``text``; raise QueryError naming the first problem. ``companies``: names read as companies."""
    return _Parser(vocabulary or default_vocabulary(), _company_table(tuple(companies))).parse(text)


@lru_cache(maxsize=16)
def _company_table(names: tuple[str, ...]) -> dict[str, str]:
    """Map each company key to its name; cached because a caller passes the same list for every query."""
    known = {company_key(name): name for name in names}
    for name in names:  # "Deloitte" names the company listed as "Deloitte Consulting LLP"
        for key, shorter in company_forms(name)[1:]:
            known.setdefault(key, shorter)
    known.pop("co:", None)
    return known


def _side_by_side(
    units: list[tuple[Term, int]],
    skip: int,
    kind: str,
    merge: Callable[[tuple[Term, int], tuple[Term, int]], list[tuple[Term, int]]],
) -> list[tuple[Term, int]]:
    """``units`` with two different ``kind`` terms side by side replaced by what ``merge`` reads them as.

    The first ``skip`` units are never merged with the one after them: after a negation, the first word alone
    is excluded ("-senior staff" excludes senior).
    """
    read: list[tuple[Term, int]] = []
    for number, (term, pos) in enumerate(units):
        last = read[-1][0] if read and number > skip else None
        if last is None or last.kind != kind or term.kind != kind or last.value == term.value:
            read.append((term, pos))
            continue
        read[-1:] = merge(read[-1], (term, pos))
    return read
