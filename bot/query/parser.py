"""Parsing a query: operators, negation and alternatives around the terms, into AND-of-OR clauses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.query.folding import company_key
from bot.query.lexer import Token, dash_error, lex
from bot.query.model import MAX_QUERY_CHARS, MAX_TERMS, Clause, Query, QueryError, Term
from bot.query.terms import TermReader
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


@dataclass(frozen=True, slots=True)
class _Unit:
    term: Term
    pos: int
    negated: bool


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
        tokens = lex(stripped)
        groups: list[list[_Unit]] = []
        pending: Token | None = None  # the operator waiting for its right-hand term
        negate: Token | None = None
        dash: Token | None = None  # a free-standing "-": joins a place ("Remote - Germany"), else an error
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if self._state_or(tokens, i, pending):  # "Portland, OR": Oregon, not a second "or"
                tok = tokens[i] = Token("word", tok.text, tok.pos)
            if tok.kind == "dash":
                if pending is not None or negate is not None or dash is not None or not groups:
                    raise dash_error(tok.pos)
                dash = tok
                i += 1
                continue
            if dash is not None and tok.kind != "word":
                raise dash_error(dash.pos)
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
            if dash is not None and units[0][0].kind != "place":
                raise dash_error(dash.pos)
            for number, (term, pos) in enumerate(units):
                unit = _Unit(term, pos, negated=negate is not None and number == 0)
                joins_or = number == 0 and pending is not None and pending.kind == "or"
                if not unit.negated and self._qualifies(groups, unit, joins_or):
                    continue
                if joins_or:
                    if negate is not None and unit.negated:
                        raise _negated_alternative(negate)
                    groups[-1].append(unit)
                else:
                    groups.append([unit])
            pending = negate = dash = None
        if negate is not None:
            raise QueryError(f"'{negate.text}' at character {negate.pos} has no term after it to exclude")
        if pending is not None:
            raise QueryError(f"'{pending.text}' at character {pending.pos} has no term after it")
        if dash is not None:
            raise dash_error(dash.pos)
        count = sum(len(group) for group in groups)
        if count > MAX_TERMS:
            raise QueryError(f"the query has {count} terms; the limit is {MAX_TERMS}")
        clauses = tuple(
            Clause(tuple(unit.term for unit in group), negated=group[0].negated) for group in groups
        )
        return Query(stripped, clauses, _both_places(clauses))

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
        merged = self.reader.qualify(head.term, unit.term, written, after_comma=joins_or)
        if merged is not None:
            groups[-1][-1] = _Unit(merged, head.pos, head.negated)
            return True
        code = unit.term.text.strip()
        if (
            joins_or
            and head.term.value.startswith("city:")
            and not unit.term.value.startswith("city:")
            and len(code) == 2
            and code.isupper()
            and self.reader.vocab.qualifiers(code)
        ):  # "Brisbane, CA": a state or country code after a town qualifies it; it is not a second place
            town = head.term.text
            raise QueryError(
                f"'{written}' at character {head.pos}: I know no {town} in {code} "
                f"({self.reader.code_names(code)}). For either place write '{town} | country:{code}'; "
                "for a town I do not know, write its state or country in full, or search it as a keyword "
                "with quotes"
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

    def _units(self, tokens: list[Token], i: int) -> tuple[list[tuple[Term, int]], int]:
        """Read the terms at ``tokens[i]``: one for a phrase or field, greedy names for a run of words."""
        tok = tokens[i]
        if tok.kind == "phrase":
            return [(self.reader.bare(tok.text, tok.pos, quoted=True), tok.pos)], i + 1
        if tok.kind == "field":
            return [(self.reader.field(tok), tok.pos)], i + 1
        run: list[Token] = []
        while i < len(tokens) and tokens[i].kind == "word":
            run.append(tokens[i])
            i += 1
        units: list[tuple[Term, int]] = []
        j = 0
        while j < len(run):
            for size in range(min(_MAX_SPAN_WORDS, len(run) - j), 1, -1):
                span = " ".join(t.text for t in run[j : j + size])
                term = self.reader.named(span)
                if term is not None:
                    units.append((term, run[j].pos))
                    j += size
                    break
            else:
                numbered = j + 1 < len(run) and run[j + 1].text.isdigit()
                units.append((self.reader.bare(run[j].text, run[j].pos, before_number=numbered), run[j].pos))
                j += 1
        return units, i


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


def parse(text: str, vocabulary: Vocabulary | None = None, companies: Iterable[str] = ()) -> Query:
    """Parse ``text``; raise QueryError naming the first problem. ``companies``: names read as companies."""
    return _Parser(vocabulary or default_vocabulary(), _company_table(tuple(companies))).parse(text)


@lru_cache(maxsize=16)
def _company_table(names: tuple[str, ...]) -> dict[str, str]:
    """Map each company key to its name; cached because a caller passes the same list for every query."""
    known = {company_key(name): name for name in names}
    known.pop("co:", None)
    return known
