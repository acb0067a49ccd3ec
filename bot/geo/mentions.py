"""Place names found in a piece of text, and chains such as "Austin, TX" or "London, England, UK" resolved.

A *mention* is a run of words that names one or more places. A *chain* is a mention followed by the
mentions that qualify it (a region or country that contains it), which picks the right reading: in
"Paris, Texas" the Texan Paris, in "Perth, WA" the Australian one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from bot.geo import tables
from bot.geo.names import WORD, fold, fold_word
from bot.geo.places import (
    Place,
    begins_name,
    lookup_code,
    lookup_name,
    lookup_town,
    misspelt_city,
    misspelt_country,
    place_by_key,
    twin_city,
)

_MAX_WORDS = 6
# A city this likely is what a code short for it means, before a country sharing the code ("LA").
_MAJOR_CITY = 1_000_000
# How many capitalised words after a place may lead to a street or venue word ("Stanford Shopping Center").
_NAME_TAIL = 2
# What may sit between the words of one name ("Île-de-France", "UK & Ireland", "Europe, Middle East").
_INNER_GAP = re.compile(r"[ \t]*[,\-&–][ \t]*|[ \t]+|_")
# Suffixes that end a part of a Chinese or Japanese address: prefecture (都, 道, 府, 県), province (省), city
# (市). Two characters or more must stand before one: "京都" (Kyoto) and "成都" (Chengdu) are names.
_ADDRESS_SUFFIXES = frozenset("都道府県省市")
_ADDRESS_SUFFIX = re.compile(f"[{''.join(sorted(_ADDRESS_SUFFIXES))}]")
_MIN_ADDRESS_CHARS = 5
_BRACKET_GAP = re.compile(r"[ \t]*\(")
# What may sit between a place and its qualifier ("Austin, TX", "Berlin - Germany", "Lehi (UT)").
_QUALIFIER_GAP = re.compile(r"[ \t]*[,،\-–—(/]?[ \t]*")
# A row whose fields were joined by semicolons, not commas ("Aurora; IL; US"): there a semicolon qualifies.
_SPLIT_ROW_GAP = re.compile(r"[ \t]*;[ \t]*")
_MAX_CODE_LEN = 4
# How many words a misspelt country name may have ("Untied Arab Emirates").
_MAX_TYPO_WORDS = 3
# A capitalised word after a code, ending the item: "Morgan" in "JP Morgan - New York".
_INITIALS_WORD = re.compile(r"(?: | [-–—] )([A-Z][a-z]{2,})(?=[ \t]*(?:[,;/|()]|[ \t][-–—][ \t]|$))")
# Words after a code that say where or how, not whose: "NY Only", "CA Statewide".
_LOCATION_WORDS = frozenset({"only", "wide", "statewide", "nationwide", "preferred", "hours", "citizens",
                             "residents", "area", "metro", "region", "office"})  # fmt: skip
# The quadrants a street name may end in ("Peachtree Road NE", "1 Main St. SW").
_QUADRANTS = frozenset({"NE", "NW", "SE", "SW", "N", "S", "E", "W"})
# A word and a comma right before a mention ("Kermit, " in "Kermit, TX").
_AFTER_WORD = re.compile(r"([^\W\d_][\w'’.]*)[ \t]*,[ \t]*$")
_LOOKBEHIND = 40
# What ends an item of a list of codes: a separator, a bracket or the end ("PA, MD, VA").
_LIST_ITEM_END = re.compile(r"[ \t]*(?:[,;/|)]|$)")
# Between two state codes of one list: a separator, or "or" / "and" ("OR or WA", "CA, OR, and WA").
_STATE_LIST_GAP = re.compile(r"[ \t]*(?:[,/&]|,?[ \t]+(?:or|and)[ \t]+)[ \t]*", re.IGNORECASE)
# Words that may end the last state code of a list: "OR or WA State ONLY", "CA, OR, WA only".
_STATE_LIST_TAIL = re.compile(r"[ \t]+(?:state|states|only)\b", re.IGNORECASE)
# A city this likely (population × country prior) is itself meant; a smaller one may be a namesake.
_NAMESAKE_WEIGHT = 500_000
# Words that begin a town's name before another town's ("West Caldwell", "Upper Darby").
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "upper", "lower"})
# A city this likely names the metro or province of a far smaller town before it ("Segrate, Milano").
_METRO_WEIGHT = 2_000_000
_SUBURB_WEIGHT = 200_000
# After a metro's code ("Encino, LA") a town of up to this fraction of the metro's weight is read as in it
_CODE_METRO_RATIO = 10
# How likely (against the first reading) a city's reading in the country of its list must be to replace it.
_CONTEXT_WEIGHT_RATIO = 0.5
# One to three capitalised words: a place's name as written, maybe misspelt ("Sna Francisco").
_NAME_WORDS = r"(?:[A-Z][^\W\d_]*[ \t]+){0,2}[A-Z][^\W\d_]+"
# Such a name and a comma before a qualifier.
_TYPO_WORDS = re.compile(rf"(?:^|(?<=[\s,;/|(]))({_NAME_WORDS})[ \t]*,[ \t]*$")
# Words a location field says a lone state code with: "Fully Remote (must reside in TX)".
_RESIDENCE_WORDS = frozenset({"fully", "must", "reside", "resides", "residing", "live", "living", "in",
                              "based", "only", "within", "from", "the", "state", "of"})  # fmt: skip
# A code or a name we hold no place for between a city and its country: "RM" (Rome's province), "69"
# (Lyon's département), "Uttar Pradesh" (Noida's state).
_UNKNOWN_CODE_GAP = re.compile(
    r"[ \t]*,[ \t]*(?:[A-Z0-9]{2,3}|[A-Z][^\W\d_]+(?:[ \t-][A-Z][^\W\d_]+){0,2})[ \t]*,[ \t]*"
)
# An item of a list that is one to three capitalised words: "Pheonix" in "Denver, Pheonix, Las Vegas".
_LIST_ITEM = re.compile(rf"(?:^|(?<=[,;/|]))[ \t]*({_NAME_WORDS})[ \t]*(?=[,;/|]|$)")
# Where a state can overrule the city before it ("Claremont, NC", not "SF / NY"), and between list items.
# Capitalised words between a name and the comma before its state: the name runs on ("Berlin Heights, OH").
_UNKNOWN_NAME_GAP = re.compile(r"(?:[ \t]+[A-Z][^\W\d_]*){1,2}[ \t]*,[ \t]*")
_COMMA_GAP = re.compile(r"[ \t]*[,،][ \t]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in a text that name places: where they are and what they may mean, most likely first."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]  # readings that stand on their own
    qualifiers: tuple[Place, ...]  # readings only after another place ("TX", "ON", "IT")
    lower: bool  # written in lower case, as prose is ("nice", "reading")
    towns: tuple[Place, ...] = ()  # small towns of that name: places only when a qualifier confirms one


@dataclass(frozen=True, slots=True)
class Chain:
    """A place as the text names it: the chosen reading, and the words it was read from."""

    place: Place
    start: int
    end: int
    evidence: str
    mentions: tuple[Mention, ...]
    others: tuple[Place, ...] = ()  # the other readings the words allow, most likely first


def find_mentions(text: str, *, prose: bool = False) -> list[Mention]:
    """Every run of words in ``text`` that names a place, longest name first, left to right.

    In ``prose`` (running text rather than a location field) lower-case words are not places ("nice",
    "reading") and most upper-case codes only qualify a place before them ("ML", "AI" are not Mali, Anguilla).
    """
    words = _words(text)
    folded = list(map(fold_word, map(itemgetter(2), words)))  # (in C: a long text has a thousand words)
    cased = not prose and text.lower() != text  # a field that capitalises its places, so lower case is prose
    found: list[Mention] = []
    i = 0
    while i < len(words):
        mention = None
        first = i
        if prose and words[i][2][:1].islower():
            i += 1
            continue
        most = min(_MAX_WORDS, len(words) - i)
        # How many words from word i begin some name: a longer run names nothing, unless it is short
        # enough to be a code ("N.Y."), so it needs no look-up. Most words begin no name at all.
        reach, run = 0, folded[i]
        while begins_name(run):
            reach += 1
            if reach == most:
                break
            run += " " + folded[i + reach]
        for n in range(max(reach, _code_words(folded, i, most)), 0, -1):
            if n > 1 and (
                not (_joined(text, words, i, n) or _bracketed(text, words, i, n))
                or _code_list(text, words[i : i + n])
            ):
                continue
            if n > reach and not _written_as_code(text, words[i : i + n]):
                continue  # no name begins with these words (``begins_name``): only a code may be read
            mention = _lookup(text, words[i : i + n], folded[i : i + n], prose=prose)
            if mention is not None:
                i += n
                break
        if mention is None and not prose:
            mention = _misspelt(text, words, folded, i)
            if mention is not None:
                found.append(mention)
                i += len(WORD.findall(mention.text))
                continue
        if mention is None:
            i += 1
            continue
        after = folded[i] if i < len(folded) and _INNER_GAP.fullmatch(text[mention.end : words[i][0]]) else ""
        # "Suffolk County", "Orange Parish": a county is no city of that name ("Belfast, County Antrim" is)
        if after in tables.ADMIN_WORDS and not text[mention.end : words[i][0]].strip():
            i += 1
        elif after in tables.STATE_WORDS and any(p.kind == "region" for p in mention.places):
            found.append(_as_region(mention, words[i][1], text))  # "New York State", "Washington State"
            i += 1
        elif _street_quadrant(text, words, folded, first):
            continue  # "3280 Peachtree Road NE": the street's quadrant, not Niger
        elif _compass_town(text, words, folded, first, mention):
            continue  # "West Caldwell, NJ": a township we do not hold, not Caldwell beside it
        elif _ends_a_longer_name(text, words, first, mention):
            continue  # "Denver Tech Center, CO": the end of a venue's name, not the town called Center
        elif not _starts_a_name(text, words, folded, i, mention.end) and not (cased and _aside(mention)):
            found.append(mention)
    return found if prose else _without_initials(text, found)


def may_start_mention(text: str, pos: int) -> bool:
    """False when no mention that ``find_mentions(text, prose=True)`` finds can start at ``pos``.

    ``pos`` starts a word (no word character just before it). A mention starts at a word that begins a
    name or a town's name (``begins_name``), or at a code short enough to be looked up whole ("NY",
    "U.S."); ``find_mentions`` looks nothing else up from a word, so a longer word that begins no name
    starts no mention. (A Chinese or Japanese address is split into parts first: left to the look-up.)
    """
    word = WORD.match(text, pos)
    if word is None or _is_cjk(word.group()):
        return True
    folded = fold_word(word.group())
    return len(folded) <= _MAX_CODE_LEN or begins_name(folded)


def _words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` with where each starts and ends, Chinese and Japanese addresses split."""
    found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    # Only a word holding an address suffix is split: a text holding none (most) has its words as found,
    # with no look at each of them.
    if text.isascii() or _ADDRESS_SUFFIX.search(text) is None:
        return found
    return [piece for start, _, word in found for piece in _address_parts(start, word)]


def _code_words(folded: list[str], i: int, most: int) -> int:
    """How many words from word ``i`` (``most`` at most) are together short enough to be a code ("N.Y.")."""
    letters = n = 0
    while n < most:
        letters += len(folded[i + n])
        if letters > _MAX_CODE_LEN:
            break
        n += 1
    return n


def _address_parts(start: int, word: str) -> list[tuple[int, int, str]]:
    """A word as found, or a Chinese or Japanese address written without spaces split into its parts.

    "大阪府大阪市" is Osaka prefecture, then Osaka city; "广东省深圳市南山区" a province, a city and a
    district. A part ends at a prefecture's, province's or city's suffix, with two characters or more on
    each side, so that "四日市市" and "市川市" stay whole.
    """
    if len(word) < _MIN_ADDRESS_CHARS or not _is_cjk(word):
        return [(start, start + len(word), word)]
    parts: list[tuple[int, int, str]] = []
    begin = 0
    for k, ch in enumerate(word):
        if ch in _ADDRESS_SUFFIXES and k - begin >= 2 and len(word) - k - 1 >= 2:
            parts.append((start + begin, start + k + 1, word[begin : k + 1]))
            begin = k + 1
    parts.append((start + begin, start + len(word), word[begin:]))
    return parts


def _without_initials(text: str, found: list[Mention]) -> list[Mention]:
    """The mentions bar a company's initials and the small town its name shares ("AT Kearney")."""
    dropped: set[int] = set()
    for mention in found:
        named = _initials(text, mention, found)
        if named is not None:
            dropped.add(mention.start)
            if named.places and all(p.kind == "city" and p.weight < _NAMESAKE_WEIGHT for p in named.places):
                dropped.add(named.start)
    return [m for m in found if m.start not in dropped]


def _initials(text: str, mention: Mention, found: list[Mention]) -> Mention | None:
    """The word after a two-letter code that is a company's initials: "JP Morgan", "AT Kearney", "TD Bank".

    Returns the mention of that word (empty when it names no place), or None when the code is no initials.
    The code stands before one capitalised word that ends the item and is no location word, nor a place
    the code holds ("TX Austin", "UK - London"); after " - " only a city counts ("GM - Detroit"). The
    codes people write in running text (US, UK) are left alone: "US Remote", "UK Wide".
    """
    if not (_is_code(mention) and len(mention.text) == 2) or mention.text in tables.PROSE_CODES:
        return None
    if _qualifies_before(text, mention, found):
        return None  # "O'Fallon, IL Odenton, MD": IL is O'Fallon's state, then a second place follows
    word = _INITIALS_WORD.match(text, mention.end)
    if word is None or fold_word(word.group(1)) in _NO_NAME_WORDS:
        return None
    dashed = word.start(1) > mention.end + 1
    named = next((m for m in found if m.start == word.start(1)), None)
    if named is None or not named.places:
        return None if dashed else Mention(word.start(1), word.end(1), word.group(1), (), (), False)
    if any(q.contains(p) for q in (*mention.places, *mention.qualifiers) for p in named.places):
        return None
    if dashed and (named.places[0].kind != "city" or any(q.kind == "region" for q in mention.qualifiers)):
        return None  # "NY - Boston" is a list of two places; "GM - Detroit" a company and its city
    return named


# Words after a code that make it a place, not initials ("US Remote", "UK Wide"); a word that names a town
# only where qualified ("Bank", "Delta") can still be a company's name after its initials ("TD Bank").
_NO_NAME_WORDS = (tables.NOT_PLACES - tables.QUALIFIED_NOT_PLACES) | _LOCATION_WORDS


def _qualifies_before(text: str, mention: Mention, found: list[Mention]) -> bool:
    """Tell whether a code qualifies the place before it, after a comma: "IL" in "O'Fallon, IL …"."""
    before = next((m for m in reversed(found) if m.end <= mention.start), None)
    if before is None or not _COMMA_GAP.fullmatch(text[before.end : mention.start]):
        return False
    holders = (*mention.places, *mention.qualifiers)
    return any(q.contains(p) for q in holders for p in (*before.places, *before.towns))


def _aside(mention: Mention) -> bool:
    """Tell whether a lower-case word in a capitalised field is prose that only an alias of a place matches.

    "part" in "Chicago (Hybrid: part virtual)" is an old name of Perth, not the place's own name.
    """
    if not mention.lower:
        return False
    written = " ".join(fold_word(w) for w in WORD.findall(mention.text))
    return all(fold(p.name) != written for p in (*mention.places, *mention.towns))


def _starts_a_name(text: str, words: list[tuple[int, int, str]], folded: list[str], i: int, end: int) -> bool:
    """Tell whether the place name ending at ``end`` begins a street's or a venue's name.

    "150 Folsom St.", "1 Pennsylvania Plaza", "Highland Farms", "Stanford Shopping Center": the words that
    follow (capitalised, joined by spaces) end in a street or venue word, so no city of that name is meant.
    """
    for k in range(i, min(i + _NAME_TAIL, len(words))):
        if text[end : words[k][0]].strip(" ") or not words[k][2][:1].isupper():
            return False
        if folded[k] in tables.NAME_END_WORDS:
            return True
        end = words[k][1]
    return False


def _misspelt(text: str, words: list[tuple[int, int, str]], folded: list[str], i: int) -> Mention | None:
    """A country name misspelt by one letter in a location field ("United Kingdon"), read as the country."""
    if not words[i][2][:1].isupper():
        return None
    for n in range(min(_MAX_TYPO_WORDS, len(words) - i), 0, -1):
        run = words[i : i + n]
        if (n > 1 and not _joined(text, words, i, n)) or not all(w.isalpha() for _, _, w in run):
            continue
        country = misspelt_country(" ".join(folded[i : i + n]))
        if country is not None:
            start, end = run[0][0], run[-1][1]
            return Mention(start, end, text[start:end], (country,), (), False)
    return None


def _street_quadrant(text: str, words: list[tuple[int, int, str]], folded: list[str], i: int) -> bool:
    """Tell whether word ``i`` is a compass quadrant right after a street word ("Peachtree Road NE")."""
    return (
        i > 0
        and words[i][2] in _QUADRANTS
        and folded[i - 1] in tables.NAME_END_WORDS
        and words[i - 1][2][:1].isupper()
        and not text[words[i - 1][1] : words[i][0]].strip(" .")
    )


def _compass_town(
    text: str, words: list[tuple[int, int, str]], folded: list[str], i: int, mention: Mention
) -> bool:
    """Tell whether a small town's name ends a longer name that a compass word begins ("West Caldwell").

    The gazetteer holds the towns of 1,000 people, so "West Caldwell" not found whole is a township it does
    not hold, next to Caldwell but not Caldwell. Before a big city the word names a part of it: "West
    London", "South Boston" stay the city.
    """
    if i == 0 or folded[i - 1] not in _COMPASS_WORDS or not _after_capitalised(text, words, i):
        return False
    readings = (*mention.places, *mention.towns)
    return bool(readings) and all(p.kind == "city" and p.weight < _NAMESAKE_WEIGHT for p in readings)


def _ends_a_longer_name(text: str, words: list[tuple[int, int, str]], i: int, mention: Mention) -> bool:
    """Tell whether a word that is a place only when qualified ends a longer capitalised name.

    "Center", "Union", "Republic" are towns only in "Center, CO"; after another capitalised word and a
    space ("Denver Tech Center, CO", "Credit Union") they end some other name.
    """
    if mention.places or mention.qualifiers or not mention.towns or i == 0:
        return False
    return _after_capitalised(text, words, i)


def _after_capitalised(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """Tell whether word ``i`` follows a capitalised word and one space: the two may be one name."""
    return words[i - 1][2][:1].isupper() and text[words[i - 1][1] : words[i][0]] == " "


def _as_region(mention: Mention, end: int, text: str) -> Mention:
    regions = tuple(p for p in mention.places if p.kind == "region")
    return Mention(mention.start, end, text[mention.start : end], regions, (), mention.lower)


def _code_list(text: str, words: list[tuple[int, int, str]]) -> bool:
    """Tell whether the words are codes in a comma list ("MA, PA" is two states, not a town called Mapa)."""
    return "," in text[words[0][1] : words[-1][0]] and all(
        w.isupper() and len(w) <= _MAX_CODE_LEN for _, _, w in words
    )


def _bracketed(text: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """Tell whether two words are a name and the word in brackets after it: "Frankfurt (Oder)"."""
    return (
        n == 2
        and bool(_BRACKET_GAP.fullmatch(text[words[i][1] : words[i + 1][0]]))
        and text.startswith(")", words[i + 1][1])
    )


def _joined(text: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
    return all(_INNER_GAP.fullmatch(text[words[k][1] : words[k + 1][0]]) for k in range(i, i + n - 1))


def _lookup(
    text: str, words: list[tuple[int, int, str]], folded: list[str], *, prose: bool
) -> Mention | None:
    start, end = words[0][0], words[-1][1]
    lower = words[0][2][:1].islower()
    places: list[Place] = []
    qualifiers: list[Place] = []
    towns: list[Place] = []
    letters = "".join(folded)
    if len(letters) <= _MAX_CODE_LEN and _written_as_code(text, words):
        code = letters.upper()
        places = lookup_code(code) if not prose or code in tables.PROSE_CODES else []
        qualifiers = [p for p in lookup_code(code, qualifier=True) if p not in places]
        if code in tables.ZONE_CODES:
            places, qualifiers = [], [*places, *qualifiers]
        big = [p for p in places if p.kind == "city" and p.weight >= _MAJOR_CITY]
        if big and places[0].kind == "country":  # "LA" alone is Los Angeles, the city it is short for
            places = [*big, *(p for p in places if p not in big)]
    if not places and not qualifiers:
        if len(folded) == 1 and folded[0] in tables.NOT_PLACES:
            if folded[0] not in tables.QUALIFIED_NOT_PLACES:
                return None
            # "Independence, MO": the word names a place only where a qualifier confirms one
            named = [p for p in lookup_name(folded[0]) if p.kind == "city"]
            towns = [*named, *(t for t in lookup_town(folded[0]) if t not in named)]
            return Mention(start, end, text[start:end], (), (), lower, tuple(towns)) if towns else None
        if len(letters) <= 2 and not _is_cjk(letters):  # two letters are a code or nothing ("in", "de", "la")
            return None
        name = " ".join(folded)
        places = lookup_name(name)
        # A town is one plain name ("Glen Allen", not "Salisbury, North"); a region's namesake only in
        # another country ("Ontario", Ohio), a country's only where a state follows ("Denmark, WI"; see
        # _narrow).
        if "," not in text[start:end] and all(p.kind in ("city", "region", "country") for p in places):
            towns = lookup_town(name)
    if not places and not qualifiers and not towns:
        return None
    return Mention(start, end, text[start:end], tuple(places), tuple(qualifiers), lower, tuple(towns))


def _written_as_code(text: str, words: list[tuple[int, int, str]]) -> bool:
    """Tell whether the words are written in capitals, as a code is ("NY", "U.S.", "N Y")."""
    raw = text[words[0][0] : words[-1][1]].rstrip(".")
    return raw.replace(".", "").replace(" ", "").isupper()


def _is_cjk(letters: str) -> bool:
    return "\u3040" <= letters[:1] <= "\u9fff"


def chain_mentions(text: str, mentions: list[Mention]) -> list[Chain]:
    """Group each place with the places after it that qualify it, and pick each group's reading."""
    mentions = _without_local_codes(text, mentions)
    chains: list[Chain] = []
    head: list[Place] = []
    group: list[Mention] = []
    went_on = 0  # where the group's name ends when it goes on in words we do not hold ("Wells Fargo")
    for i, mention in enumerate(mentions):
        gap = text[went_on or group[-1].end : mention.start] if group else ""
        if group and (
            _QUALIFIER_GAP.fullmatch(gap)
            or _local_code_gap(gap, group, mention)
            or ("," not in text and _SPLIT_ROW_GAP.fullmatch(gap))
        ):
            narrowed = _narrow(head, group, mention, gap)
            # "Wells Fargo, CA": the town we do not hold is in the state, not a namesake of its first word
            # that only the code's country reading (Canada) confirms
            unknown_town = bool(went_on and narrowed) and _state_code_misses(mention, narrowed)
            if narrowed and not unknown_town:
                head = narrowed
                group.append(mention)
                continue
            if len(group) == 1 and not mention.places and not mention.qualifiers and head[0].kind == "city":
                # "Guadalajara, Jalisco", "London Bridge": a word we only know as a far-away town is a
                # region or a part of a name we do not hold, not a second place
                if _COMMA_GAP.fullmatch(gap):
                    group.append(mention)
                continue
            if _local_code(gap, group, head, mention):
                continue  # "Bogotá D.C.": a code of the city's own country we do not hold, not Washington
            if _name_goes_on(gap, group, head, mention):
                if mention.places[0].weight < max(_NAMESAKE_WEIGHT, head[0].weight):
                    went_on = mention.end
                    continue  # "Tysons Green": the name of a place we do not hold, not Green, Ohio
                group = []  # "Acme Minsk": a name (a company's) that a small town shares, then the city
            comma = bool(_COMMA_GAP.fullmatch(gap))
            overruled = comma and (unknown_town or _overruled(text, head, group, mention))
            if overruled:
                group = []  # "Claremont, NC": no Claremont we know is in NC, so the state is all we know
            # "Greater St. Louis, IL": a state code after a place in its country is the state, not Israel
            state = overruled or (comma and _state_of(text, mention, head[0].country))
        elif group and _name_runs_on(text, head, group, mention, gap):
            in_state = [p for p in head if _in_states(mention, p)]
            if in_state:  # "Toronto Heights, OH": a part of Toronto, Ohio, not Toronto and then Ohio
                head = in_state
                group.append(mention)
                continue
            group, state = [], True  # "Berlin Heights, OH": a town we do not hold, not Berlin and Ohio
        else:
            state = False
        if group:
            chains.extend(_chain(text, head, group))
        head, group = _readings(text, mentions, i, overruled=state), [mention]
        went_on = 0
        if not head:  # a qualifier code with nothing to qualify ("HR", "IT")
            group = []
    if group:
        chains.extend(_chain(text, head, group))
    return in_context(_shared_names_read(text, _codes_read_alike(chains)))


def _name_runs_on(text: str, head: list[Place], group: list[Mention], mention: Mention, gap: str) -> bool:
    """Tell whether a lone city's name runs on to a state's code that its likeliest reading is not in.

    In "Berlin Heights, OH" and "Toronto Heights, OH" the name goes on in capitalised words up to the
    code: a town of Ohio (one we do not hold, or a part of Toronto, Ohio), not a city abroad and then Ohio.
    Where the likeliest reading is in the state ("Needham Heights, MA", "Woodland Hill, CA"), the city and
    its state are read as before (a typo may be corrected later).
    """
    if len(group) != 1 or not _UNKNOWN_NAME_GAP.fullmatch(gap) or not _is_state_code(mention):
        return False
    if not _LIST_ITEM_END.match(text, mention.end) or any(p.kind != "city" for p in head):
        return False
    return not _in_states(mention, head[0])


def _in_states(mention: Mention, place: Place) -> bool:
    """Tell whether ``place`` lies in a state the code ``mention`` names."""
    return any(q.kind == "region" and q.contains(place) for q in mention.qualifiers)


def _state_code_misses(mention: Mention, readings: list[Place]) -> bool:
    """Tell whether a state's code confirms none of ``readings``: only its country reading did ("CA")."""
    states = [q for q in mention.qualifiers if q.kind == "region"]
    return _is_code(mention) and bool(states) and not any(q.contains(p) for q in states for p in readings)


def _shared_name(chain: Chain) -> bool:
    """Tell whether the chain's one mention is a name a country and a foreign city share (see below)."""
    return fold(chain.mentions[0].text) in tables.COUNTRY_OR_CITY_NAMES


def _shared_names_read(text: str, chains: list[Chain]) -> list[Chain]:
    """The chains, with a name a country and a foreign city share read as the text decides, else dropped.

    "عمان، الأردن" is already Amman (its country qualifies it). A lone "عمان" is Amman beside another place
    in Jordan or after a word for "city", Oman beside a place in Oman or after "سلطنة"; with nothing to
    decide, neither: a wrong country is worse than none.
    """
    if not any(len(c.mentions) == 1 and c.others and _shared_name(c) for c in chains):
        return chains
    out = []
    for chain in chains:
        if len(chain.mentions) != 1 or not chain.others or not _shared_name(chain):
            out.append(chain)
            continue
        city = next((p for p in (chain.place, *chain.others) if p.kind == "city"), None)
        country = next((p for p in (chain.place, *chain.others) if p.kind == "country"), None)
        before = text[max(0, chain.start - _LOOKBEHIND) : chain.start].split()
        word = fold_word(before[-1]) if before else ""
        around = {c.place.country for c in chains if c is not chain}
        if city is not None and (word in tables.CITY_SENSE_WORDS or city.country in around):
            chosen = city
        elif country is not None and (word in tables.COUNTRY_SENSE_WORDS or country.country in around):
            chosen = country
        else:
            continue
        others = tuple(p for p in (chain.place, *chain.others) if p is not chosen)
        out.append(Chain(chosen, chain.start, chain.end, chain.evidence, chain.mentions, others))
    return out


def _codes_read_alike(chains: list[Chain]) -> list[Chain]:
    """The chains, where a lone code is read as the state the same code qualifies elsewhere in the text.

    In "San Francisco, CA & Remote CA (PT)" the second "CA" is California, as the first is, not Canada.
    """
    states: dict[str, Place] = {}
    for chain in chains:
        for mention in chain.mentions[1:]:
            for q in mention.qualifiers if _is_code(mention) else ():
                if q.kind == "region" and (q.contains(chain.place) or q == chain.place):
                    states.setdefault(mention.text, q)
    if not states:
        return chains
    out = []
    for chain in chains:
        state = states.get(chain.mentions[0].text) if len(chain.mentions) == 1 else None
        if state is not None and chain.place.kind == "country" and _is_code(chain.mentions[0]):
            chain = Chain(state, chain.start, chain.end, chain.evidence, chain.mentions, (chain.place,))
        out.append(chain)
    return out


def _local_code_gap(gap: str, group: list[Mention], mention: Mention) -> bool:
    """Tell whether a code or name no place has sits between a place and a country ("Roma, RM, Italy")."""
    return (
        len(group) == 1
        and bool(_UNKNOWN_CODE_GAP.fullmatch(gap))
        and any(p.kind == "country" for p in (*mention.places, *mention.qualifiers))
    )


def _without_local_codes(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with a local code between a city and its country read as part of the city's words.

    Provinces and departments are written by codes we do not hold (Milan's "MI", Turin's "TO"); read on
    their own they are US states or countries. A code between a city and a country that holds the city,
    when the code names no region of that country, is such a code.
    """
    kept = list(mentions)
    for i in range(len(mentions) - 2, 0, -1):
        before, code, after = mentions[i - 1], mentions[i], mentions[i + 1]
        if not (_is_code(code) and _COMMA_GAP.fullmatch(text[before.end : code.start])):
            continue
        if not _QUALIFIER_GAP.fullmatch(text[code.end : after.start]):
            continue
        countries = {p.country for p in (*after.places, *after.qualifiers) if p.kind == "country"}
        cities = {p.country for p in (*before.places, *before.towns) if p.kind == "city"}
        regions = {q.country for q in (*code.places, *code.qualifiers) if q.kind == "region"}
        if countries & cities and not countries & regions and code.places[:1] != after.places[:1]:
            # the city's words take the code in, so that the country after still qualifies the city
            words = text[before.start : code.end]
            kept[i - 1 : i + 1] = [
                Mention(
                    before.start,
                    code.end,
                    words,
                    before.places,
                    before.qualifiers,
                    before.lower,
                    before.towns,
                )
            ]
    return kept


def _local_code(gap: str, group: list[Mention], head: list[Place], mention: Mention) -> bool:
    """Tell whether a code right after a lone foreign city, with only a space between, is that city's own.

    Lists separate their items ("SF / NY", "Boston, DC"); a code that follows a city with a space and does
    not qualify it ("Bogotá D.C.", Colombia's capital district) is a local code the gazetteer does not hold,
    not a place of its own. Only a city outside the code's countries is read so: "Austin TX" qualifies.
    A code written with dots may follow a comma too ("Bogotá, D.C."): lists write a place's code bare.
    """
    dotted_comma = "." in mention.text and bool(_COMMA_GAP.fullmatch(gap))
    if not gap or (gap.strip(" ") and not dotted_comma) or len(group) != 1:
        return False
    if head[0].kind != "city" or not _is_code(mention):
        return False
    if len(mention.text.replace(".", "")) != 2:
        return False  # "London NYC": a longer code is a city's own ("NYC", "SFO") and makes a list
    return all(p.country != head[0].country for p in (*mention.places, *mention.qualifiers))


def _name_goes_on(gap: str, group: list[Mention], head: list[Place], mention: Mention) -> bool:
    """Tell whether a city name right after a lone city, with only a space between, goes on its name.

    Lists separate their places ("Berlin / Munich", "Boston, New York"); two city names side by side are
    one name the gazetteer does not hold ("Tysons Green"), not a second place; or the first is a company's
    name that a small town shares ("Acme Minsk"): the second counts only when it is a big city.
    """
    return (
        bool(gap)
        and not gap.strip(" ")
        and len(group) == 1
        and head[0].kind == "city"
        and not _is_code(mention)
        and not mention.lower
        and bool(mention.places)
        and all(p.kind == "city" for p in mention.places)
    )


def in_context(chains: list[Chain]) -> list[Chain]:
    """Each ambiguous city read in the country its list is in: "Kettering, Corby & Northampton" is in England.

    A city whose name is as likely in two countries ("Kettering" in Ohio or England, "Richmond, CA" in
    California or British Columbia) takes the reading in the one country every other place of the text is
    in, when that reading is not much less likely.
    """
    if len(chains) < 2 or all(not c.others for c in chains):
        return chains
    out = []
    for chain in chains:
        if chain.others and chain.place.kind == "city":
            chain = _read_among(chain, [c.place for c in chains if c is not chain])
        elif chain.others and chain.place.kind == "region":
            chain = _country_among(chain, [c.place for c in chains if c is not chain])
        out.append(chain)
    return out


def _country_among(chain: Chain, around: list[Place]) -> Chain:
    """A state read as the country of its name in a list of other countries ("Armenia, Georgia").

    Every other place must be a country or an area outside the state's country, or lie in that country:
    "Georgia; Ontario" keeps the state, "Georgia, Armenia, Azerbaijan" and "Tbilisi; Georgia" do not.
    """
    country = next((p for p in chain.others if p.kind == "country"), None)
    if country is None or country.country == chain.place.country:
        return chain
    state_country = place_by_key(f"country:{chain.place.country}")
    for p in around:
        inside = p.country == country.country and p.kind != "area"
        foreign = p.kind in ("country", "area") and p.country != chain.place.country
        if not inside and not (foreign and not (state_country and p.contains(state_country))):
            return chain
    return Chain(country, chain.start, chain.end, chain.evidence, chain.mentions, chain.others)


def _read_among(chain: Chain, around: list[Place]) -> Chain:
    areas = [p.countries for p in around if p.kind == "area"]
    countries = {p.country for p in around if p.kind != "area"}

    def fits(country: str | None) -> bool:
        if countries:
            return len(countries) == 1 and country in countries and all(country in a for a in areas)
        return bool(areas) and all(country in a for a in areas)

    if fits(chain.place.country):
        return chain
    other = next((p for p in chain.others if p.kind == "city" and fits(p.country)), None)
    if other is None or other.weight < _CONTEXT_WEIGHT_RATIO * chain.place.weight:
        return chain
    return Chain(other, chain.start, chain.end, chain.evidence, chain.mentions, chain.others)


def _readings(text: str, mentions: list[Mention], i: int, *, overruled: bool = False) -> list[Place]:
    """What mention ``i`` may mean when it opens a group: its places, then towns a qualifier may confirm.

    A state code after a word we do not know ("Kermit, TX", "Armonk, NY", "Exton, PA") or in a list of
    state codes ("CO, FL, GA") is the state: the word is a town too small for the gazetteer, not a city or
    country sharing the code (Texas, not New York City, Panama or Gabon).
    """
    mention = mentions[i]
    readings = [*mention.places, *mention.towns]
    regions = [q for q in mention.qualifiers if q.kind == "region"]
    if regions and (
        overruled
        or _after_unknown_word(text, mentions, i)
        or _in_state_list(text, mentions, i)
        or _lone_state_code(text, mentions)
    ):
        readings = [*regions, *(p for p in readings if p not in regions)]
    elif readings[:1] and readings[0].kind == "city" and _after_unknown_word(text, mentions, i):
        # "Long Island, New York", "Zorbleton, Washington": after a town we do not know, the state
        named = [p for p in readings if p.kind == "region" and p.name == readings[0].region]
        readings = [*named, *(p for p in readings if p not in named)]
    return readings


def _lone_state_code(text: str, mentions: list[Mention]) -> bool:
    """Tell whether the text is only a US state's code, besides workplace words ("NC", "Remote - PA").

    Alone, "PA", "GA" or "MD" is the state rather than Panama, Gabon or Moldova: a country that small is
    seldom named by its code alone. Big countries keep their code ("CA", "DE", "CO"). Words of residence
    count as workplace words: "Fully Remote (must reside in TX)". A province's or state's code of another
    country that names nothing else is that region too beside a workplace word ("Remote, ON").
    """
    words = tables.WORKPLACE_WORDS | _RESIDENCE_WORDS
    codes = [m for m in mentions if m.places or m.qualifiers or fold(m.text) not in words]  # not "Fully"
    if len(codes) != 1 or not _is_state_code(codes[0]):
        return False
    mention = codes[0]
    regions = {q.country for q in mention.qualifiers if q.kind == "region"}
    # another country's region only by a code no place, country or other country's region has ("HR" is
    # Croatia's code and human resources before it is Haryana)
    other = mention.places or any(q.kind != "region" for q in mention.qualifiers) or len(regions) != 1
    if "US" not in regions and other:
        return False
    if not all(p.small_country for p in mention.places):
        return False
    if any(q.kind == "country" and not q.small_country for q in mention.qualifiers):
        return False  # "IN", "ID": India and Indonesia, which a location field names by code, not Indiana
    rest = [fold_word(w) for w in WORD.findall(f"{text[: mention.start]} {text[mention.end :]}")]
    # another country's region code alone is more often an abbreviation ("WB", "UP"): only with a
    # workplace word ("Remote, ON")
    return all(w in words for w in rest) and ("US" in regions or bool(rest))


def _state_of(text: str, mention: Mention, country: str | None) -> bool:
    """Tell whether a code is a state of ``country`` that names no city and ends a list item.

    "IL" after St. Louis is Illinois; "LA", "DC" and "NY" also name cities, and "OR" in "CA, OR Anywhere"
    is a word.
    """
    return (
        _is_state_code(mention)
        and bool(_LIST_ITEM_END.match(text, mention.end))
        and any(q.kind == "region" and q.country == country for q in mention.qualifiers)
    )


def _after_unknown_word(text: str, mentions: list[Mention], i: int) -> bool:
    mention = mentions[i]
    word = _AFTER_WORD.search(text, max(0, mention.start - _LOOKBEHIND), mention.start)
    if word is None or fold_word(word.group(1)) in tables.WORKPLACE_WORDS:
        return False
    previous = mentions[i - 1] if i else None
    # the word is no mention, or a mention of towns only that nothing confirmed ("Crystal City, VA")
    return previous is None or previous.end < word.end(1) or bool(previous.towns and not previous.places)


def _in_state_list(text: str, mentions: list[Mention], i: int) -> bool:
    """Tell whether mention ``i`` is a code in a list of one country's state codes ("GA, FL", "OR or WA")."""
    end = mentions[i].end
    ended = bool(_LIST_ITEM_END.match(text, end) or _STATE_LIST_TAIL.match(text, end))
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions):
            left, right = sorted((mentions[i], mentions[j]), key=lambda m: m.start)
            # "CA, OR Anywhere in the U.S.": "OR" ends no list item, so it is a word
            if (
                (ended or left is mentions[i])
                and _STATE_LIST_GAP.fullmatch(text[left.end : right.start])
                # "CA, NY": a code that also names a city (NY, DC) is a state beside a code that names none
                and (_is_state_code(mentions[j]) or (_is_code(mentions[j]) and _is_state_code(mentions[i])))
                and _state_countries(mentions[i]) & _state_countries(mentions[j])
            ):
                return True
    return False


def _state_countries(mention: Mention) -> set[str | None]:
    """The countries whose state the code may be ("SC": the US and Brazil)."""
    return {q.country for q in mention.qualifiers if q.kind == "region"}


def _is_state_code(mention: Mention) -> bool:
    """A code that is a state and no city ("MD", "PA"; not "NY", "DC" or "LA", which also name cities)."""
    return (
        _is_code(mention)
        and any(q.kind == "region" for q in mention.qualifiers)
        and all(p.kind != "city" for p in mention.places)
    )


def _is_code(mention: Mention) -> bool:
    return mention.text.replace(".", "").isupper() and len(mention.text.replace(".", "")) <= _MAX_CODE_LEN


def _overruled(text: str, head: list[Place], group: list[Mention], mention: Mention) -> bool:
    """Tell whether a state code right after a lone named city rules that city out ("Claremont, NC").

    The city reading was a namesake elsewhere of a town the gazetteer does not hold. Only a state code
    overrules: "London, Germany" and "New York City, Connecticut" are lists, and so is "DC, NY". A big
    city is overruled only by a code that names no city and ends the item ("Central Coast, CA"), not by
    one that is an item of a list of cities ("Boston, LA, DC") or a word ("London, OR Paris").
    """
    if len(group) != 1 or _is_code(group[0]) or any(p.kind != "city" for p in head):
        return False
    if not (_is_code(mention) and any(q.kind == "region" for q in mention.qualifiers)):
        return False
    if all(p.weight <= _NAMESAKE_WEIGHT for p in head):
        return True
    states = {q.country for q in mention.qualifiers if q.kind == "region"}
    # a namesake abroad, not a metro across a state line; small towns of the name that the state did not
    # confirm are no metro ("Berlin, CT": the Berlins of New Hampshire and Wisconsin do not keep Germany's)
    towns = {p.key for p in group[0].towns}
    far = all(p.country not in states for p in head if p.key not in towns)
    return far and _is_state_code(mention) and bool(_LIST_ITEM_END.match(text, mention.end))


def _narrow(head: list[Place], group: list[Mention], mention: Mention, gap: str) -> list[Place]:
    """The readings of ``head`` that ``mention`` qualifies (or refines), or [] when it does neither.

    A town is confirmed only by a state or region, or by a country after a comma or bracket: in
    "Boston, New York" the list of two cities wins over Boston, NY, and "Continental U.S." is no town.
    """
    towns = {p.key for m in group for p in m.towns}
    readings = (*mention.places, *mention.qualifiers, *_namesake_regions(mention))
    named_city = not _is_code(mention) and mention.places and mention.places[0].kind == "city"
    town_qualifiers = [q for q in readings if q.kind in ("region", "country")]
    if named_city and group[0].places:
        town_qualifiers = []  # "Boston, New York" is two cities, but "Pelham Manor, New York" one town
    country_named = any(h.kind == "country" for h in group[0].places)
    word_town = fold(group[0].text) in tables.QUALIFIED_NOT_PLACES
    if word_town and (_COMMA_GAP.fullmatch(gap) or _BRACKET_GAP.fullmatch(gap)):
        # "Como, Italy", "Gap (France)": right after the word, a country qualifies it as a state does,
        # but not after a dash ("Remote Opportunity - United States")
        word_town = False
    if not gap.strip() or country_named or word_town:
        # a state confirms "Union, NJ"; a country does not confirm "Remote Opportunity - United States",
        # nor "Mexico, United States" (two countries), but "Mexico, MO" and "Denmark, WI" are towns
        town_qualifiers = [q for q in town_qualifiers if q.kind == "region"]
    if country_named and any(h in readings for h in group[0].places):
        town_qualifiers = []  # "Malta, MT": the country's own code restates it
    if any(h.kind == "region" and q.country == h.country for h in head for q in town_qualifiers):
        # "Virginia, Minnesota" is two states; "Ontario, Ohio" is a town in Ohio. A state's code after a
        # state's name is the town's state, as codes follow towns: "Wyoming, MN", "Indiana, PA".
        town_qualifiers = [q for q in town_qualifiers if q.kind == "region" and _is_code(mention)]
    inside = [
        h for h in head if any(q.contains(h) for q in (town_qualifiers if h.key in towns else readings))
    ]
    if inside and _is_code(mention):
        # "Richmond, CA", "Ontario, CA": a code after a city is a US state before it is a country
        in_state = [
            h for h in inside if any(q.kind == "region" and q.contains(h) for q in mention.qualifiers)
        ]
        inside = [*in_state, *(h for h in inside if h not in in_state)]
    if inside:
        return inside
    suburbs = _suburbs_of(head, group, mention, gap)
    if suburbs:
        return suburbs
    # "Hong Kong, China", "San Juan, Puerto Rico, USA": a territory's sovereign qualifies it
    sovereigns = {q.country for q in readings if q.kind == "country"}
    held = [h for h in head if any(h.country in tables.TERRITORIES.get(c or "", ()) for c in sovereigns)]
    if held:
        return held
    if gap == "-" and _is_code(mention):
        # Workday's "US-CA-San Jose", "USA-MA-Boston": a state's code right after its country is the state
        states = [q for q in mention.qualifiers if q.kind == "region" and any(h.contains(q) for h in head)]
        if states:
            return states
    # A country first and its city second ("Germany - Berlin", "千葉県 柏市"): the city refines the head.
    refining = mention.places or [t for t in mention.towns if any(h.kind != "area" for h in head)]
    return [
        p for p in refining if any(h.contains(p) for h in head if h.kind != "area" or p in mention.places)
    ]


def _suburbs_of(head: list[Place], group: list[Mention], mention: Mention, gap: str) -> list[Place]:
    """The readings of a lone town that a big city after a comma places, as a province or metro would.

    Addresses name a town's province or metro after it, often by its big city's name: "Segrate, Milano",
    "Levallois-Perret, Paris". That is one place, the town, as "Town, Region" is. Only a
    town far smaller than a city of this size in the same region is read so: "Cambridge, London" and
    "Barcelona, Madrid" stay lists of two cities. A city's own code does so too ("Encino, LA", "Irving,
    DFW"), where no namesake of the town is in the state the code also names (that reading comes first).
    """
    if len(group) != 1 or not _COMMA_GAP.fullmatch(gap) or not mention.places:
        return []
    metro = mention.places[0]
    if metro.kind != "city" or metro.weight < _METRO_WEIGHT:
        return []
    # the name's likeliest reading only ("Boston, New York" is a list), and no small town the gazetteer holds
    # only for its qualifiers: many of those are parts of the city ("Century City, Los Angeles")
    towns = group[0].places[:1]
    # a city's own code says metro more plainly than its name: a bigger district counts ("Hollywood, LA")
    most = metro.weight / _CODE_METRO_RATIO if _is_code(mention) else _SUBURB_WEIGHT
    return [
        h
        for h in head
        if h in towns and h.kind == "city" and h.region_key == metro.region_key and h.weight < most
    ]


def _namesake_regions(mention: Mention) -> list[Place]:
    """The regions named like a city the mention names: "Chiba" after "Kashiwa, " is the prefecture."""
    found: list[Place] = []
    for city in mention.places:
        region = place_by_key(city.region_key) if city.kind == "city" and city.region_key else None
        if region is not None and region.name == city.name and region not in found:
            found.append(region)
    return found


def _chain(text: str, head: list[Place], group: list[Mention]) -> list[Chain]:
    """The group as one chain, or none when it is only a town that nothing after it confirmed."""
    if group[0].towns and all(not m.places and not m.qualifiers for m in group[1:]):
        towns = {p.key for p in group[0].towns}
        head = [p for p in head if p.key not in towns]
        if not head:
            return []
    place = head[0]
    if place.kind == "country" and all(p.kind == "country" for m in group[1:] for p in m.places[:1]):
        place = twin_city(place) or place
    start, end = group[0].start, group[-1].end
    return [Chain(place, start, end, text[start:end], tuple(group), tuple(head[1:]))]


def with_typos_corrected(text: str, chains: list[Chain]) -> list[Chain]:
    """The chains, where a misspelt big city before its state or country, or in a list, is read as that city.

    In "Sna Francisco, CA" and "Londno, UK" the name is no place, and the qualifier alone was all the text
    named; a city inside that qualifier whose name is one letter off is what was meant. In "Woodland Hill,
    CA" the first word alone is a smaller city. In "Denver, Pheonix, Las Vegas" the list's other cities
    say the country to look in.
    """
    out: list[Chain] = []
    for chain in chains:
        words = _TYPO_WORDS.search(text, out[-1].end if out else 0, chain.start)
        if words is not None and chain.place.kind in ("region", "country"):
            written = _typo_words(words.group(1))
            if written:
                city = misspelt_city(written, chain.place)
                start = words.start(1)
                before = out[-1] if out else None
                if city is None and before is not None and _goes_on(text, before, start):
                    # the city's name with a word more, misspelt: "Woodland Hill" for Woodland Hills
                    city = misspelt_city(f"{fold(before.evidence)} {written}", chain.place)
                    if city is not None:
                        start = out.pop().start
                if city is not None:
                    chain = Chain(city, start, chain.end, text[start : chain.end], chain.mentions)
        out.append(chain)
    return _list_typos_corrected(text, out)


def _typo_words(words: str) -> str:
    """Words that may misspell a city, folded, or "" when one of them is a workplace word or no place."""
    written = " ".join(fold_word(w) for w in WORD.findall(words))
    return "" if set(written.split()) & (tables.WORKPLACE_WORDS | tables.NOT_PLACES) else written


def _goes_on(text: str, chain: Chain, start: int) -> bool:
    """Tell whether a lone city's name runs on, after a space only, into the words at ``start``."""
    return (
        chain.place.kind == "city"
        and len(chain.mentions) == 1
        and chain.end < start
        and not text[chain.end : start].strip(" \t")
    )


def _list_typos_corrected(text: str, chains: list[Chain]) -> list[Chain]:
    """The chains, with a misspelt big city among the items of a list of one country's places added."""
    countries = {c.place.country for c in chains if c.place.kind != "area"}
    if len(countries) != 1 or not any(c.place.kind == "city" for c in chains):
        return chains
    within = place_by_key(f"country:{next(iter(countries))}")
    if within is None:
        return chains
    added: list[Chain] = []
    for item in _LIST_ITEM.finditer(text):
        start, end = item.span(1)
        if any(c.start < end and start < c.end for c in chains):
            continue
        written = _typo_words(item.group(1))
        city = misspelt_city(written, within) if written else None
        if city is not None:
            mention = Mention(start, end, text[start:end], (city,), (), False)
            added.append(Chain(city, start, end, text[start:end], (mention,)))
    return sorted([*chains, *added], key=lambda c: c.start) if added else chains


def resolve_text(text: str) -> list[Place]:
    """The places a short location text names, in order, each group read in the light of its qualifiers."""
    return [chain.place for chain in chain_mentions(text, find_mentions(text))]
