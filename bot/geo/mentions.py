"""Place names found in a piece of text, and chains such as "Austin, TX" or "London, England, UK" resolved.

A *mention* is a run of words that names one or more places. A *chain* is a mention followed by the
mentions that qualify it (a region or country that contains it), which picks the right reading: in
"Paris, Texas" the Texan Paris, in "Perth, WA" the Australian one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.geo import tables
from bot.geo.names import WORD, fold_word
from bot.geo.places import Place, lookup_code, lookup_name, twin_city

_MAX_WORDS = 6
# What may sit between the words of one name ("Île-de-France", "UK & Ireland", "Europe, Middle East").
_INNER_GAP = re.compile(r"[ \t]*[,\-&–][ \t]*|[ \t]+")
# What may sit between a place and its qualifier ("Austin, TX", "Berlin - Germany", "Lehi (UT)").
_QUALIFIER_GAP = re.compile(r"[ \t]*[,\-–—(/]?[ \t]*")
_MAX_CODE_LEN = 4


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in a text that name places: where they are and what they may mean, most likely first."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]  # readings that stand on their own
    qualifiers: tuple[Place, ...]  # readings only after another place ("TX", "ON", "IT")
    lower: bool  # written in lower case, as prose is ("nice", "reading")


@dataclass(frozen=True, slots=True)
class Chain:
    """A place as the text names it: the chosen reading, and the words it was read from."""

    place: Place
    start: int
    end: int
    evidence: str
    mentions: tuple[Mention, ...]


def find_mentions(text: str, *, prose: bool = False) -> list[Mention]:
    """Every run of words in ``text`` that names a place, longest name first, left to right.

    In ``prose`` (running text rather than a location field) lower-case words are not places ("nice",
    "reading") and most upper-case codes only qualify a place before them ("ML", "AI" are not Mali, Anguilla).
    """
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    folded = [fold_word(w) for _, _, w in words]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        mention = None
        if prose and words[i][2][:1].islower():
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            if n > 1 and not _joined(text, words, i, n):
                continue
            mention = _lookup(text, words[i : i + n], folded[i : i + n], prose=prose)
            if mention is not None:
                i += n
                break
        if mention is None:
            i += 1
        else:
            found.append(mention)
    return found


def _joined(text: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
    return all(_INNER_GAP.fullmatch(text[words[k][1] : words[k + 1][0]]) for k in range(i, i + n - 1))


def _lookup(
    text: str, words: list[tuple[int, int, str]], folded: list[str], *, prose: bool
) -> Mention | None:
    start, end = words[0][0], words[-1][1]
    raw = text[start:end].rstrip(".")
    lower = words[0][2][:1].islower()
    places: list[Place] = []
    qualifiers: list[Place] = []
    letters = "".join(folded)
    if raw.replace(".", "").replace(" ", "").isupper() and len(letters) <= _MAX_CODE_LEN:
        code = letters.upper()
        places = lookup_code(code) if not prose or code in tables.PROSE_CODES else []
        qualifiers = [p for p in lookup_code(code, qualifier=True) if p not in places]
    if not places and not qualifiers:
        if len(folded) == 1 and folded[0] in tables.NOT_PLACES:
            return None
        if len(letters) <= 2:  # two letters are a code or nothing ("in", "de", "la")
            return None
        places = lookup_name(" ".join(folded))
    if not places and not qualifiers:
        return None
    return Mention(start, end, text[start:end], tuple(places), tuple(qualifiers), lower)


def chain_mentions(text: str, mentions: list[Mention]) -> list[Chain]:
    """Group each place with the places after it that qualify it, and pick each group's reading."""
    chains: list[Chain] = []
    head: list[Place] = []
    group: list[Mention] = []
    for mention in mentions:
        if group and _QUALIFIER_GAP.fullmatch(text[group[-1].end : mention.start]):
            narrowed = _narrow(head, mention)
            if narrowed:
                head = narrowed
                group.append(mention)
                continue
        if group:
            chains.append(_chain(text, head, group))
        head, group = list(mention.places), [mention]
        if not head:  # a qualifier code with nothing to qualify ("HR", "IT")
            group = []
    if group:
        chains.append(_chain(text, head, group))
    return chains


def _narrow(head: list[Place], mention: Mention) -> list[Place]:
    """The readings of ``head`` that ``mention`` qualifies (or refines), or [] when it does neither."""
    readings = (*mention.places, *mention.qualifiers)
    inside = [h for h in head if any(q.contains(h) for q in readings)]
    if inside:
        return inside
    # A country first and its city second ("Germany - Berlin"): the city refines the head.
    return [p for p in mention.places if any(h.contains(p) for h in head)]


def _chain(text: str, head: list[Place], group: list[Mention]) -> Chain:
    place = head[0]
    if len(group) == 1 and place.kind == "country":
        place = twin_city(place) or place
    start, end = group[0].start, group[-1].end
    return Chain(place, start, end, text[start:end], tuple(group))


def resolve_text(text: str) -> list[Place]:
    """The places a short location text names, in order, each group read in the light of its qualifiers."""
    return [chain.place for chain in chain_mentions(text, find_mentions(text))]
