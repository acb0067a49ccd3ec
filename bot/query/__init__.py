"""The subscription/search language: parse, validate, explain.

``Madrid, Barcelona + Spanish + intern`` means (Madrid OR Barcelona) AND Spanish AND intern:

- ``+``, ``and``, ``&`` or a space joins terms; ``,``, ``|`` or ``or`` gives alternatives (they bind
  tighter), and so does ``/`` between named things (``Berlin/Munich``, not ``CI/CD``); a ``,`` or ``|``
  between different kinds of thing lists criteria (``Remote, Germany``), and the explanation says so, as it
  does when an ``or`` cuts titles of several words (``Data Analyst or Business Analyst``);
- ``-term``, ``!term``, ``not``, ``no``, ``without``, ``except``, ``don't``, ``anything but`` or ``non-``
  (before a named thing) excludes;
  before the first of several alternatives it excludes them all;
- words in parentheses are read as if written without them (``remote (US)``, ``(remote, EU)``), except a
  country after a language, which is its variety (``Portuguese (Brazil)``, said in the explanation); AND or
  NOT inside them is refused, as they never group; a title's gender marker (``(m/w/d)``) is left out;
- a dash standing alone separates terms as titles use it (``Backend Engineer - Go - Berlin``), said;
- words that name nothing a posting is matched on (``for``, ``in``, ``only``, ``role``, ``trabajo``, an
  emoji, a pasted link, ``#hiring``) are left out, and the explanation names them; a hashtag is its word
  (``#remote``, ``#SWE``), a camel-case one its words as a phrase (``#DataScience``) unless one known
  name (``#GitHub``); a named word on both sides of an ``or`` is read once (``US remote or Canada
  remote``), said; criteria on both sides of an ``or`` (``junior in Berlin or senior in Munich``) are
  said not to be understood as two groups, with the two subscriptions to make instead;
- ``"new grad"`` (or ``'new grad'``) quotes a phrase; unquoted words are joined greedily when together they
  name a place, a language, a type or a season (``New York``, ``summer 2026``);
- a bare term is typed by what it names (workplace, career level, employment type, language, year/season,
  known company, metro area, place), else it is a keyword searched whole-word in title and text, with
  technology names kept whole (``C++``, ``C#``, ``.NET``);
- keywords that end in a job noun are one job title (``software engineer``, ``ML engineer``,
  ``frontend/backend engineer``): its words together in the title or text (the noun singular in the text),
  or each in the title; fields of work are one phrase (``machine learning``); places, levels, companies,
  technologies and seasons around it stay what they are (:mod:`bot.query.titles`);
- a place followed by what qualifies it is one place (``Cambridge, MA``, ``Paris, Texas``, ``Cambridge UK``);
  upper-case short forms mean what they mean in a job search (``ML`` machine learning, ``LA`` Los Angeles,
  ``NA`` North America, ``PA`` Pennsylvania rather than Panama), the country codes they collide with named
  in the explanation;
- fields force a meaning: ``city: country: region: lang: lang!: type: level: workplace: company: team:
  title: start: keyword:``. ``lang!:fr`` (or ``required:fr``, ``fluent French``, ``French required``) asks
  for French as a *required* language; a plain language term matches required or preferred;
- words naming what postings are not read for (years of experience, pay, time zones like ``EST`` or
  ``UTC+1``, level codes like ``L4``, visa sponsorship, days in the office) are searched as one phrase, and
  the explanation says so; "Cantonese" or "Brazilian Portuguese" are matched as their language, said too;
  ``French preferred`` is French, and ``German not required`` (or ``German optional``) leaves out postings
  that require German;
- an unknown word one typo from a known one is still searched as written, but carries a suggestion
  (:func:`corrected` gives the corrected query) so a person is asked before it is saved.

Words come from a :class:`Vocabulary`, so tests can pass a small fake and the bot passes the gazetteer and
the extraction tables (:class:`DefaultVocabulary`).
"""

from bot.query.areas import metro_keys
from bot.query.explanation import describe_term, explain, notes, to_dict
from bot.query.folding import company_forms, company_key, fold, phrase_of, readable, search_words, words
from bot.query.help_text import FIELDS_HELP, QUERY_HELP
from bot.query.model import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    TEXT_KINDS,
    Clause,
    Meaning,
    Query,
    QueryError,
    Term,
    TermKind,
    meaning,
)
from bot.query.parser import parse
from bot.query.rewrite import corrected, pinned
from bot.query.terms import place_label
from bot.query.vocabulary import DefaultVocabulary, Vocabulary, default_vocabulary

__all__ = [
    "FIELDS_HELP",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "QUERY_HELP",
    "TEXT_KINDS",
    "Clause",
    "DefaultVocabulary",
    "Meaning",
    "Query",
    "QueryError",
    "Term",
    "TermKind",
    "Vocabulary",
    "company_forms",
    "company_key",
    "corrected",
    "default_vocabulary",
    "describe_term",
    "explain",
    "fold",
    "meaning",
    "metro_keys",
    "notes",
    "parse",
    "phrase_of",
    "pinned",
    "place_label",
    "readable",
    "search_words",
    "to_dict",
    "words",
]
