"""Case- and accent-folding, so query words and posting text compare alike."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Marks that make another letter, not an accent: kana's sound marks (テ + ゛ = デ: "データ" is not "テータ").
_KANA_MARKS = "\u3099\u309a"
# Letters the decomposition took apart that are put back together: kana with those marks, Korean syllables.
_RECOMPOSE = re.compile("[\u3099\u309a\u1100-\u11ff]")


def fold(text: str) -> str:
    """Lower case without accents, for case- and accent-insensitive comparison."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if ch in _KANA_MARKS or not unicodedata.combining(ch)).casefold()
    return unicodedata.normalize("NFC", folded) if _RECOMPOSE.search(folded) else folded


_WORD = re.compile(r"\w+")
# Technology names whose symbols carry the meaning: C++ and C# are not the letter c, .NET is not "net".
# ".net" counts after a space or a slash ("C#/.NET") and in ASP.NET/VB.NET, not in "example.net".
_SEARCH_WORD = re.compile(r"\w+(?:\+\+|#(?!\w))?|(?:(?<![\w.@])|(?<=asp)|(?<=vb))\.net(?!\w)")
# Chinese and Japanese put no space between words: each character of these scripts is a word of its own,
# so "实习" is found in "运营实习生" as the phrase "实 习". (Korean spaces its words.)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_WORD = re.compile(rf"[{_CJK}]|[^{_CJK}]+")
_SPACED_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def words(text: str) -> list[str]:
    """Split ``text`` into folded words, in order (letters and digits only: keys stored in the database)."""
    return _WORD.findall(fold(text))


def search_words(text: str) -> list[str]:
    """Like :func:`words`, keeping technology names whole ("c++", "c#", "f#", ".net") for text search."""
    folded = fold(text)
    if not folded.isascii() and _HAS_CJK.search(folded):
        return [
            piece
            for word in search_words_latin(folded)
            for piece in (_CJK_WORD.findall(word) if _HAS_CJK.search(word) else (word,))
        ]
    return search_words_latin(folded)


def readable(spaced: str) -> str:
    """Folded words joined by spaces as a person writes them: no space between Chinese or Japanese ones."""
    return _SPACED_CJK.sub("", spaced) if not spaced.isascii() else spaced


def search_words_latin(folded: str) -> list[str]:
    """:func:`search_words` of folded text, each run of letters and digits one word."""
    if "++" in folded or "#" in folded or ".net" in folded:
        return _SEARCH_WORD.findall(folded)
    return _WORD.findall(folded)  # most texts name none: the plain split is twice as fast


def phrase_of(text: str) -> str:
    """``text`` as a space-padded folded phrase, so ``' new grad ' in padded_text`` is a whole-word test."""
    return " " + " ".join(search_words(text)) + " "


def company_key(name: str) -> str:
    """Return the key a company compares by: folded letters and digits only ("Tik Tok" = "TikTok")."""
    return "co:" + "".join(words(name))


# Words a company's listed name adds after the name people call it by: legal forms ("Inc", "LLP", "GmbH"),
# and the business or division words of a group's arms ("Deloitte Consulting LLP", "Meta Platforms, Inc.",
# "KPMG US", "Amazon Web Services"). A name is also its shorter form when only such words follow it.
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation", "co",
    "company",
    "gmbh", "ag", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "asa", "oy", "kk", "pty",
    "pte", "pvt", "private", "kg", "mbh", "ug", "kgaa", "sl", "sau", "ltda", "oyj",
})  # fmt: skip
DIVISION_WORDS = frozenset({
    "holdings", "holding", "international", "global", "worldwide", "us", "usa", "uk", "europe",
    "emea", "india", "canada", "germany", "france", "japan", "china", "australia", "consulting", "advisory",
    "services", "service", "solutions", "technologies", "technology", "tech", "platforms", "digital",
    "financial", "tax", "audit", "assurance", "operations", "web", "cloud", "software", "systems",
    "careers", "jobs",
})  # fmt: skip
# Words that are part of a company's name, not an arm of a firm called by the words before: "Meta Group",
# "Acme Labs", "Sequoia Partners" are firms of their own, not Meta, Acme or Sequoia.
NAME_WORDS = frozenset({
    "group", "partners", "labs", "ventures", "enterprises", "associates", "brothers", "bros", "studios",
    "capital",
})  # fmt: skip
COMPANY_SUFFIX_WORDS = LEGAL_FORMS | DIVISION_WORDS | {"the", "and", "of"}

_JOINING = frozenset({"the", "and", "of"})


@lru_cache(maxsize=4096)  # a board's postings share their company's name
def company_forms(name: str) -> tuple[tuple[str, str], ...]:
    """(key, name) of the company and of each shorter form of its name that only suffix words follow.

    "Deloitte Consulting LLP" is also "Deloitte Consulting" and "Deloitte", so a person asking for Deloitte
    (or the Big 4) gets the consulting arm's postings; "Apple Bank" is not Apple (a bank is no suffix), and
    a name made only of such words ("Global Services Inc") keeps its first word.
    """
    forms = [(company_key(name), name)]
    pieces = name.replace(",", " ").split()
    if len(pieces) > 1 and pieces[0].lower() == "the":  # "The Trade Desk" is also "Trade Desk"
        forms += [form for form in company_forms(" ".join(pieces[1:])) if form not in forms]
    folded = [words(piece) for piece in pieces]
    for size in range(len(pieces) - 1, 0, -1):
        rest = [word for part in folded[size:] for word in part]
        if not all(word in COMPANY_SUFFIX_WORDS for word in rest):
            break
        kept = [word for part in folded[:size] for word in part]
        if all(word in COMPANY_SUFFIX_WORDS for word in kept):  # "Global Services Inc" is not "Global"
            break
        if not folded[size - 1] or kept[-1] in _JOINING:  # "McKinsey &", "Bank of": half a name
            continue
        shorter = " ".join(pieces[:size]).rstrip(",.")
        forms.append((company_key(shorter), shorter))
    return tuple(forms)
