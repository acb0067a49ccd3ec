"""Splitting a query into words, quoted phrases, fields and operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.query.model import QueryError


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical unit of a query: a word, a quoted phrase, a field, or an operator."""

    kind: Literal["word", "phrase", "field", "and", "or", "not", "dash"]
    text: str  # the word, the phrase, or the field value
    pos: int  # 1-based character position, for messages
    field: str = ""  # for fields: the name as written, "lang!" included


_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}
_STOP = set(' \t\n+,|()"“”„«»')
_FIELD = re.compile(r"^([A-Za-z]+!?):(.*)$", re.S)
_OPERATOR_WORDS: dict[str, Literal["and", "or", "not"]] = {"and": "and", "or": "or", "not": "not"}


def lex(text: str) -> list[Token]:
    """Split a query into tokens; raise QueryError at the first character that cannot start one."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "+":
            tokens.append(Token("and", "+", i + 1))
            i += 1
        elif ch in ",|":
            tokens.append(Token("or", ch, i + 1))
            i += 1
        elif ch in "()":
            raise QueryError(
                f"parentheses are not supported (character {i + 1}); alternatives already bind tighter than "
                "AND: 'Paris, Lyon + French' means (Paris or Lyon) and French"
            )
        elif ch in _QUOTES:
            i = _lex_phrase(text, i, tokens)
        elif ch == "-" and i + 1 < n and text[i + 1].isspace() and tokens and tokens[-1].kind != "not":
            tokens.append(Token("dash", "-", i + 1))  # "Remote - Germany": the parser decides what it means
            i += 1
        elif ch == "-" and (i + 1 >= n or text[i + 1].isspace() or text[i + 1] in "+,|"):
            raise dash_error(i + 1)
        elif ch == "-":
            tokens.append(Token("not", "-", i + 1))
            i += 1
        else:
            i = _lex_word(text, i, tokens)
    return tokens


def dash_error(pos: int) -> QueryError:
    """The error for a '-' that excludes nothing."""
    return QueryError(
        f"'-' at character {pos} must be directly followed by the term to exclude, as in -sales (standing "
        "alone it only joins a place, as in 'Remote - Germany')"
    )


def _lex_phrase(text: str, start: int, tokens: list[Token], field: str = "", field_pos: int = 0) -> int:
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
        tokens.append(Token("field", inner, field_pos, field))
    else:
        tokens.append(Token("phrase", inner, start + 1))
    return end + 1


def _lex_word(text: str, start: int, tokens: list[Token]) -> int:
    end = start
    while end < len(text) and text[end] not in _STOP:
        end += 1
    if (
        text.startswith("++", end)
        and text[end - 1].isalnum()
        and (end + 2 == len(text) or text[end + 2] in _STOP)
    ):
        end += 2  # "C++", "Notepad++": a doubled plus closing a word is part of the name, not two joins
    word = text[start:end]
    field = _FIELD.match(word)
    if field is None:
        operator = _OPERATOR_WORDS.get(word.lower())
        tokens.append(Token(operator or "word", word, start + 1))
        return end
    name, value = field.group(1), field.group(2)
    if value:
        tokens.append(Token("field", value, start + 1, name))
        return end
    if end < len(text) and text[end] in _QUOTES:
        return _lex_phrase(text, end, tokens, field=name, field_pos=start + 1)
    raise QueryError(
        f"'{name}:' at character {start + 1} needs a value right after the colon, as in {name}:Paris"
    )
