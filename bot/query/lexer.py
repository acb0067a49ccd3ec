"""Splitting a query into words, quoted phrases, fields and operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.query.folding import fold
from bot.query.known_words import CAMEL_CASE_NAMES, LEVEL_WORDS, TYPE_WORDS
from bot.query.model import QueryError
from bot.query.titles import TECHNOLOGY_WORDS


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical unit of a query: a word, a quoted phrase, a field, or an operator."""

    kind: Literal["word", "phrase", "field", "and", "or", "not", "dash"]
    text: str  # the word, the phrase, or the field value
    pos: int  # 1-based character position, for messages
    field: str = ""  # for fields: the name as written, "lang!" included
    aside: bool = False  # written in parentheses: "Portuguese (Brazil)", "remote (US)"


# Opening quote → its closing one: English “…”, German „…“ and »…«, French «…», Swedish and Finnish ”…”.
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "»": "«", "”": "”"}
_SINGLE_QUOTES = {"'": "'", "‘": "’"}
_STOP = set(' \t\n+,|;()"“”„«»')
_FIELD = re.compile(r"^([A-Za-z]+!?):(.*)$", re.S)
# "https://boards.example.com/acme/jobs/1", "<https://x.io|x.io>" (Slack's form), "www.acme.com/careers": a
# link pasted with the query, one word to its next space (a link holds "+", "," and ":"), never a field.
URL = re.compile(r"<?(?:https?://|www\.)[^\s]+", re.I)
_AT_LEAST = re.compile(r"^[$€£]?\d[\d,.]*[kK]?$")
# "UTC+1", "GMT+5:30": an offset from universal time, one word, not "UTC" and "1" joined.
_OFFSET = re.compile(r"(?i)(?<![\w+])(?:utc|gmt)\+\d{1,2}(?::?\d{2})?(?=$|[\s,|;()+])")
# "no sales", "without sales", "except senior" exclude as "not" does; upper-case "NO" stays Norway.
_OPERATOR_WORDS: dict[str, Literal["and", "or", "not"]] = {
    "and": "and", "&": "and", "or": "or", "not": "not", "no": "not", "without": "not", "except": "not",
    "excluding": "not", "exclude": "not", "don't": "not", "dont": "not", "doesn't": "not", "doesnt": "not",
    "don’t": "not", "doesn’t": "not",
}  # fmt: skip
# The same in the other languages of the communities that use the bot, in lower case only ("ET" is Ethiopia):
# "Lyon ou Paris", "Berlin oder München", "Paris et Lyon", "sans stage".
_OTHER_OPERATOR_WORDS: dict[str, Literal["and", "or", "not"]] = {
    "ou": "or", "oder": "or", "et": "and", "und": "and", "sans": "not", "ohne": "not", "sin": "not",
    # es, it, pt, pl
    "o": "or", "y": "and", "e": "and", "oppure": "or", "lub": "or", "albo": "or", "oraz": "and",
    "senza": "not", "sem": "not", "bez": "not", "sauf": "not",
}  # fmt: skip
# "anything but sales", "all but senior": the word before "but" says the rest is excluded.
_ALL_BUT = frozenset({"anything", "everything", "all"})
FIELD_NAMES = frozenset({
    "city", "region", "country", "place", "location", "lang", "language", "lang!", "language!", "required",
    "type", "level", "seniority", "workplace", "company", "start", "title", "team", "keyword", "text",
    "degree",
})  # fmt: skip


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
        elif ch in ",|;":
            tokens.append(Token("or", ch, i + 1))
            i += 1
        elif ch in "()":
            i = _lex_aside(text, i, tokens)
        elif ch in _QUOTES:
            i = _lex_phrase(text, i, tokens)
        elif ch in _SINGLE_QUOTES and (close := _single_quoted(text, i)):
            tokens.append(Token("phrase", text[i + 1 : close].strip(), i + 1))  # 'product manager'
            i = close + 1
        elif ch == "-" and i + 1 < n and text[i + 1].isspace() and tokens and tokens[-1].kind != "not":
            tokens.append(Token("dash", "-", i + 1))  # "Remote - Germany": the parser decides what it means
            i += 1
        elif ch in "–—" and (i + 1 >= n or text[i + 1].isspace()) and (i == 0 or text[i - 1].isspace()):
            if not tokens or tokens[-1].kind == "not":
                raise dash_error(i + 1, ch)
            tokens.append(Token("dash", ch, i + 1))  # "Remote — Europe", "Berlin – hybrid": a spaced dash
            i += 1
        elif ch == "-" and (i + 1 >= n or text[i + 1].isspace() or text[i + 1] in "+,|"):
            raise dash_error(i + 1)
        elif ch == "-" or (ch == "!" and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] in _QUOTES)):
            tokens.append(Token("not", ch, i + 1))  # "-sales", and "!sales" as programmers write it
            i += 1
        else:
            i = _lex_word(text, i, tokens)
    return _all_but(tokens)


def _single_quoted(text: str, start: int) -> int:
    """Where the single quote opened at ``start`` closes ('product manager'), or 0 when it is no quote.

    A single quote is an apostrophe as often ("master's", "d'études", "summer '26"): it quotes only when it
    opens a word and a matching one closes a word, with letters between.
    """
    if start > 0 and not (text[start - 1].isspace() or text[start - 1] in "+,|;("):
        return 0
    close = text.find(_SINGLE_QUOTES[text[start]], start + 1)
    while close > 0 and close + 1 < len(text) and not _ends_word(text[close + 1]):
        close = text.find(_SINGLE_QUOTES[text[start]], close + 1)  # "'master's degree'": the last one
    inner = text[start + 1 : close] if close > 0 else ""
    if not inner.strip() or inner[0].isspace() or inner[-1].isspace() or not any(c.isalpha() for c in inner):
        return 0
    if any(inner[k] in _SINGLE_QUOTES and not inner[k - 1 : k + 2].replace(inner[k], "").isalpha()
           for k in range(1, len(inner) - 1)):  # fmt: skip
        return 0  # "summer '26 'data analyst'": the first is an apostrophe; only letters may hold one
    return close


def _ends_word(ch: str) -> bool:
    return ch.isspace() or ch in "+,|;)"


def _all_but(tokens: list[Token]) -> list[Token]:
    """Read "anything but sales" as "not sales": left to the words, it would ask for sales."""
    read: list[Token] = []
    for tok in tokens:
        last = read[-1] if read else None
        but = tok.kind == "word" and tok.text.lower() == "but"
        if but and last is not None and last.kind == "word" and last.text.lower() in _ALL_BUT:
            read[-1] = Token("not", f"{last.text} {tok.text}", last.pos)
            continue
        read.append(tok)
    return read


def _lex_aside(text: str, start: int, tokens: list[Token]) -> int:
    """Read words in parentheses as words set aside: "remote (US)", "Portuguese (Brazil)", "(required)".

    Only words, phrases and alternatives ("(remote, EU)", "(Paris or Lyon)"), which bind tighter than AND
    with or without parentheses; grouping with AND or NOT is refused, as it would mean something else.
    """
    end = text.find(")", start + 1)
    inner = [] if text[start] == ")" or end < 0 else lex(text[start + 1 : end])
    if text[start] == ")" or end < 0 or "(" in text[start + 1 : end]:
        what = "never closed" if text[start] == "(" else "never opened"
        raise QueryError(f"the parenthesis at character {start + 1} is {what}")
    # a spaced dash between words is a title's separator ("(Remote - UK)", pasted), which the parser reads
    dashes = [k for k, tok in enumerate(inner) if tok.kind == "dash"]
    between = all(0 < k < len(inner) - 1 and inner[k - 1].kind == inner[k + 1].kind == "word" for k in dashes)
    if not inner or not between or any(tok.kind not in ("word", "phrase", "or", "dash") for tok in inner):
        raise QueryError(
            f"parentheses (character {start + 1}) only set words aside, as in 'remote (US)'; they do not "
            "group: alternatives already bind tighter than AND: 'Paris, Lyon + French' means (Paris or "
            "Lyon) and French"
        )
    for tok in inner:
        tokens.append(Token(tok.kind, tok.text, tok.pos + start + 1, tok.field, aside=True))
    return end + 1


def dash_error(pos: int, dash: str = "-") -> QueryError:
    """The error for a '-' that excludes nothing."""
    return QueryError(
        f"'{dash}' at character {pos} must be directly followed by the term to exclude, as in -sales "
        "(standing alone between two terms it separates them, as in 'Remote - Germany' or "
        "'Backend Engineer - Go - Berlin')"
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


_JOINED_TAG = re.compile(r"^([^\W\d_]{3,}?)(jobs?|20\d\d)$", re.IGNORECASE)  # "#remotejobs", "#summer2027"
_CAMEL_CASE = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # "DataScience"; not "NYC", "iOS" or "SaaS"
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")


def _one_name(word: str) -> bool:
    """True for a camel-case word that is one name: "JavaScript", "GitHub", "NewGrad" (a known word)."""
    key = fold(word)
    return any(key in words for words in (CAMEL_CASE_NAMES, TECHNOLOGY_WORDS, LEVEL_WORDS, TYPE_WORDS))


def _lex_word(text: str, start: int, tokens: list[Token]) -> int:
    if link := URL.match(text, start):
        tokens.append(Token("word", link.group(), start + 1))
        return link.end()
    end = start
    while end < len(text) and text[end] not in _STOP:
        end += 1
    if end == start:  # a character that ends words but starts nothing: refused, not read as an empty word
        raise QueryError(f"the {text[start]!r} at character {start + 1} cannot start a term")
    while (  # "C++/Rust": a slash after the name goes on to the next one
        text.startswith("++/", end) and end > start and text[end - 1].isalnum() and end + 3 < len(text)
    ):
        end += 3
        while end < len(text) and text[end] not in _STOP:
            end += 1
    if (
        text.startswith("++", end)
        and end > start
        and text[end - 1].isalnum()
        and (end + 2 == len(text) or text[end + 2] in _STOP)
    ):
        end += 2  # "C++", "Notepad++": a doubled plus closing a word is part of the name, not two joins
    elif text.startswith("+", end) and (offset := _OFFSET.match(text, start)):
        end = offset.end()
    elif (
        text.startswith("+", end)
        and (_AT_LEAST.match(text[start:end]) or fold(text[start:end]) in LEVEL_WORDS)
        and (end + 1 == len(text) or text[end + 1].isspace())
    ):
        end += 1  # "3+ years", "100k+", "senior+": a plus closing a number or level means "or more"
    word = text[start:end]
    if word.startswith("#") and len(word) > 1 and word[1].isalpha():  # "#remote", "#SWE": a hashtag's word
        start, word = start + 1, word[1:]
        if _CAMEL_CASE.match(word) and not _one_name(word):  # "#DataScience": the words "data science"
            tokens.append(Token("phrase", " ".join(_CAMEL_PART.findall(word)), start + 1))
            return end
        joined = _JOINED_TAG.match(word)
        if joined:  # "#remotejobs", "#internship2027": the word, and "jobs" or the year after it
            tokens.append(Token("word", joined[1], start + 1))
            tokens.append(Token("word", joined[2], start + 1 + len(joined[1])))
            return end
    field = _FIELD.match(word)
    if field is None:
        operator = (
            None if word == "NO" else _OPERATOR_WORDS.get(word.lower()) or _OTHER_OPERATOR_WORDS.get(word)
        )
        tokens.append(Token(operator or "word", word, start + 1))
        return end
    name, value = field.group(1), field.group(2)
    if value.lower() in ("in", "innen") and name.lower() not in FIELD_NAMES:
        tokens.append(Token("word", word, start + 1))  # "Entwickler:in": a German gender form, not a field
        return end
    if value:
        tokens.append(Token("field", value, start + 1, name))
        return end
    if end < len(text) and text[end] in _QUOTES:
        return _lex_phrase(text, end, tokens, field=name, field_pos=start + 1)
    if name.lower() not in FIELD_NAMES:  # "Remote: US", "Paris:": a colon after a word, not a field
        tokens.append(Token("word", word, start + 1))
        return end
    raise QueryError(
        f"'{name}:' at character {start + 1} needs a value right after the colon, as in {name}:Paris"
    )
