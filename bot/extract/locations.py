"""Where a posting is: cities, regions and countries resolved against the gazetteer.

The most trusted evidence wins: the source's structured locations, then its location text, then the
title, then the body. In the body a place only counts where the words around it make it the job's place
("based in our Madrid office", "Location: Paris", a line that is only a place); a paragraph that lists a
company's offices or headquarters is about the company, not the job. Where nothing names a place at all,
US-only benefits ("401(k) match") say the job hires in the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.extract.keyscan import (
    CASE_BLIND_ONLY,
    AlternativesPattern,
    KeySet,
    body_keys,
    key_starts,
    keys_found,
    line_cache,
    lower,
    marked_lines,
    text_cache,
)
from bot.geo.mentions import (
    Chain,
    chain_mentions,
    find_mentions,
    in_context,
    may_start_mention,
    with_typos_corrected,
)
from bot.geo.names import fold
from bot.geo.places import Place, lookup_code, lookup_name, lookup_town, resolve_place
from bot.geo.tables import NOT_PLACES
from bot.models import Basis, Location, Posting

# Words a location field or title segment may carry besides places ("Remote - US", "Hybrid (London)").
_FILLER = re.compile(
    r"\b(?:remote|hybrid|on-?site|in-?office|office|offices|hq|headquarters|based|in|or|and|only|the|of|"
    r"anywhere|from|home|work|flexible|full|fully|partially|partly|within|near|area|metro|greater|region|"
    r"city|time ?zones?|timezone|multiple|locations?|preferred|required|distributed|any|first|team|"
    r"télétravail|teletrabajo|remoto|hybride|híbrido|ibrido|homeoffice)\b|[\W\d_]+",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s[-–—|/]\s|[(),:|\[\]]|\s@\s|\bin\b|\bbased\b")
# Clinical credentials a title lists ("NP, PA, CNM, or MD/DO", "RN - OR"): where one is named, the codes
# that are also a state's (PA, MD, MA, CT; OR, the operating room) are credentials or wards too.
_CREDENTIALS = frozenset({"RN", "LPN", "LVN", "CNA", "NP", "CNM", "CRNA", "APRN", "DNP", "FNP", "PMHNP",
                          "DO", "MD", "PA", "PA-C", "MA", "CMA", "LCSW", "LPC", "LMFT", "BCBA", "OT", "SLP",
                          "CT", "OR"})  # fmt: skip
# A title's words about a state licence ("Texas RN license required", "Licensed in California").
_LICENCE = re.compile(r"\blicen[cs](?:e[ds]?|ure|ing)\b", re.IGNORECASE)
# The words between a state and its licence word ("Florida RN License", "Texas-licensed", "NY State license").
_LICENCE_LEAD = re.compile(
    r"(?:[\s-]+|\b(?:RN|LPN|LVN|nursing|state|professional|active|valid|current)\b)*$", re.IGNORECASE
)
# After a licence word, the state it is in: "licensed in California", "license for the state of Ohio".
_LICENCE_IN = re.compile(r"\s+(?:in|for)\s+(?:the\s+state\s+of\s+)?", re.IGNORECASE)
_TRAILING_CODE = re.compile(r"(?:^|[\s(/,-])([A-Z]{2})$")
_LEADING_CODE = re.compile(r"([A-Z]{2})\b")
_CODE_WORDS = re.compile(r"\b[A-Z]{2,5}(?:-C)?\b")
_INITIALS_WORDS = re.compile(r"[^\W\d_]+")

# A label whose value is the job's place: "Location: Paris", "Standort: Berlin", "Lieu : Lyon".
_LABEL_NAMES = (
    "location", "locations", "based in", "lieu", "lieu de travail", "localisation", "localización",
    "lugar de trabajo", "ubicación", "ubicacion", "standort", "arbeitsort", "einsatzort", "ort", "sede",
    "sede di lavoro", "luogo di lavoro", "città", "localização", "localizacao", "local de trabalho",
    "locatie", "werklocatie", "werkplek", "standplaats", "miejsce pracy", "lokalizacja", "arbetsort",
    "work ?place", "where",
)  # fmt: skip
_LABEL = re.compile(
    r"^[ \t*#•\-]*(?:job |work |office |primary |role |position )?(?:" + "|".join(_LABEL_NAMES) + ")"
    r"[ \t*]*(?:[:：]|(?P<heading>$))[ \t*]*(?P<value>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
# A label with no colon is a heading line that ends with the label's name ("Location"): those names are
# found by the shared body pass, so the label pattern runs on few lines instead of the whole body. (The
# pass finds a name as ``str.find`` does, passing over one that overlaps the same name just before it; a
# label's name starts its line after decoration, so no name of it overlaps another there.)
# The same pattern matched case by case: its letters are all lower case, so over the lower-cased body it
# matches where the case-blind one matches over the body, several times faster.
_LABEL_LOWER = re.compile(_LABEL.pattern, re.MULTILINE)
_LINE_END = re.compile(r"[ \t*]*(?:\n|\Z)")  # r"[ \t*]*$" in _LABEL, tried where a name ends
_LABEL_ENDS = body_keys(*dict.fromkeys(name.replace(" ?", sep) for name in _LABEL_NAMES for sep in ("", " ")))

# Phrases after which a place is where the job is ("based in", "in our … office", "basé à"), each with the
# words (lower case) it starts with, bar "in/from/at/to our", found from its "our". Scanning a long text
# with the whole alternation is slow; ``str.find`` on these keys is not, and a phrase is matched only
# where one of its keys starts.
_TRIGGER_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "based located situated remote hired",
        r"\b(?:based|located|situated|remote|hired)\s+(?:in|at|out\s+of|from|within)\b",
    ),
    ("office studio hub site campus", r"\b(?:office|studio|hub|site|campus)\s+(?:in|at)\b"),
    ("", r"\b(?:in|from|at|to)\s+our\b"),
    ("work", r"\bwork(?:ing)?\s+(?:from|in|at)\b"),
    (
        "role position job internship opportunity opening team vacancy",
        r"\b(?:role|position|job|jobs|internship|opportunity|opening|team|vacancy)\s+(?:is\s+)?(?:in|at)\b",
    ),
    ("relocat", r"\brelocat(?:e|ion)\s+to\b"),
    ("commut distance", r"\b(?:commut(?:e|ing|able)\s+)?distance\s+(?:of|to|from)\b"),
    ("basé", r"\bbasée?s?\s+(?:à|a|en|au|aux)\b"),
    ("situé", r"\bsituée?\s+(?:à|en)\b"),
    ("ubicad", r"\bubicad[oa]s?\s+en\b"),
    ("con", r"\bcon\s+sede\s+(?:en|a|in)\b"),
    ("nuestra", r"\bnuestra\s+oficina\s+(?:de|en)\b"),
    ("standort", r"\bStandort\s+in\b"),
    ("unserem", r"\bunserem\s+Büro\s+in\b"),
    ("sede", r"\bsede\s+di\b"),
    ("basat", r"\bbasat[oa]\s+(?:a|in)\b"),
    ("ufficio", r"\bufficio\s+(?:di|a|in)\b"),
    ("notre équipe bureau", r"\b(?:notre\s+)?(?:équipe|bureau)\s+(?:à|de)\b"),
    ("kantoor", r"\bkantoor\s+in\b"),
    ("baseado baseada localizad", r"\b(?:baseado|baseada|localizad[oa])\s+em\b"),
    ("escritório", r"\bescritório\s+(?:em|de)\b"),
    # Who may apply: "must reside in the US", "remote work within Canada", "authorized to work in the UK".
    (
        "resid liv located remote work hiring candidates applicants",
        r"\b(?:reside|resides|residing|live|living|located|remote|work|working|hiring|candidates|applicants)\s+"
        r"(?:\w+\s+)?(?:in|within|from)\b",
    ),
    (
        "authori eligible right permit",
        r"\b(?:authori[sz]ed|eligible|right|permit(?:ted)?)\s+to\s+work\s+in\b",
    ),
    # Where the pay applies: "Salary range (United States)", "the estimated pay in the United States".
    (
        "salary pay compensation wage",
        r"\b(?:salary|pay|compensation|wages?)(?:\s+(?:ranges?|bands?|scales?))?\s*(?:\(|in\b)",
    ),
)  # fmt: skip
_TRIGGER = re.compile("|".join(phrase for _, phrase in _TRIGGER_PHRASES), re.IGNORECASE)
_TRIGGER_LOWER = re.compile(_TRIGGER.pattern.lower())
_TRIGGER_KEYS = body_keys(*dict.fromkeys(key for keys, _ in _TRIGGER_PHRASES for key in keys.split()))
# Each key's phrases, in the pattern's order: where a key starts, the phrases that start with another key
# cannot match (no key is the beginning of another, so no two keys start at one offset), and the first of
# its own that matches there is the whole pattern's match.
_TRIGGER_BY_KEY = {
    key: re.compile("|".join(phrase.lower() for keys, phrase in _TRIGGER_PHRASES if key in keys.split()))
    for key in _TRIGGER_KEYS
}
_TRIGGER_OUR = re.compile(next(phrase for keys, phrase in _TRIGGER_PHRASES if not keys))  # "in our"
_OUR = body_keys("our")[0]
# The whole text (boilerplate kept) is scanned for the trigger keys alone: no other module reads it, and
# the shared body pass (every module's keys) would cost it twice as much.
_TRIGGER_SCAN = KeySet((*_TRIGGER_KEYS, _OUR))
_OUR_LEADS = ("in", "at", "to", "from")  # the words before "our" that make a trigger phrase
# Who may apply, named by the place before the words: "US-based applicants", "UK candidates only",
# "U.S. citizenship required".
_RESIDENTS = re.compile(
    r"(?P<place>\b[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})(?:[- ]based\s+(?:applicants|candidates|employees|hires|"
    r"team\s+members|residents|contractors)|\s+(?:candidates|applicants|residents|citizens)\s+only|"
    r"\s+[Cc]itizen(?:s|ship)?)\b"
)
# Every match of _RESIDENTS holds one of these (its tail), and each is found far faster than the whole.
_RESIDENTS_BASED = re.compile(
    r"based\s+(?:applicants|candidates|employees|hires|team\s+members|residents|contractors)\b"
)
_RESIDENTS_ONLY = re.compile(r"(?:candidates|applicants|residents|citizens)\s+only\b")
# The words that a _RESIDENTS match holds one of (three tails), looked for first.
_RESIDENTS_WORDS = body_keys("itizen", "based", "only")
# Sentences about the company's footprint: offices, headquarters, hubs, markets, customers.
_FOOTPRINT = re.compile(
    r"\b(?:offices|headquarter(?:s|ed)?|hubs|locations|countries|markets|customers|clients|users|"
    r"presence|subsidiar(?:y|ies)|founded|backed|investors?|worldwide|globally|around the world|across)\b|"
    r"\b(?:we have|our)\s+(?:\w+\s+)?(?:people|employees|team ?members|colleagues|teammates|staff)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:non|not\s+(?:(?:eligible|available|hiring)\s+)?in|outside(?:\s+of)?|except|excluding|ex)"
    r"(?:\s+the)?[\s-]*$",
    re.IGNORECASE,
)
# Between the places of a list that a negation opens: "excluding CA, NY and WA" rules all three out.
_RULED_OUT_GAP = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b)\s*(?:(?:or|and)\s+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s|\n")
_LIST_GAP = re.compile(r"\s*(?:,|/|\bor\b|\band\b|&|\(|\))*\s*(?:or\s+)?", re.IGNORECASE)
_LEAD_WORDS = re.compile(
    r"[\s():,]*(?:(?:our|the|a|an|any|one\s+of\s+our|either|beautiful|sunny|central|downtown|vibrant|"
    r"continental|contiguous|mainland|one\s+of\s+the\s+following\s+(?:states|countries|cities|locations)\s*:|"
    r"nuestra\s+oficina\s+de|notre\s+bureau\s+de)\s+){0,2}",
    re.IGNORECASE,
)
# Benefits only US employers offer, in US words: a "401(k)" plan, "medical, dental and vision" cover. A
# remote posting that names no place but offers them hires in the United States.
_US_BENEFITS = re.compile(
    r"\b401\s?\(k\)|\b401k\b|\bmedical,\s+dental,?\s+(?:and|&)\s+vision\b", re.IGNORECASE
)
_US_BENEFIT_KEYS = ("401", "dental")
# Pay in a country's own dollars: evidence of where a posting hires, as its benefits are.
# Searched by alternative from where each may start ("USD", "US"): opening with "\b", the patterns alone
# would be tried at every position of a long text.
_MONEY_US = AlternativesPattern(re.compile(r"\bUSD\b|\bUS\s?\$"))
_MONEY_CA = AlternativesPattern(re.compile(r"\bCAD\b|\bC\$|\bCA\$"))
# How likely, against the first reading of a name, another must be for the posting's evidence to choose it.
_EVIDENCE_RATIO = 0.05
# A location text that rules places out ("Remote (non-U.S.)", "anywhere except the US") forbids guessing.
_RULES_OUT = re.compile(r"\b(?:non|outside|except|excluding)\b", re.IGNORECASE)
_WINDOW = 90
_ITEMS = re.compile(r"[;,()|/]|\s[-–—]\s")  # the items of a location field ("Exton, Remote")
_QUALIFIER_ROOM = 40  # how far after a town's name its state or country may be written
_WELL_KNOWN = 100_000.0  # a city's weight (about its people) from which it counts outside the job's text
_MAX_LINE_PLACE = 60
_TOP_LINES = 25


def extract_locations(posting: Posting, body: str, whole: str = "") -> tuple[Location, ...]:
    """The posting's locations, structured source fields first, then the location text, then the body.

    ``whole``: the text before boilerplate was stripped. Where nothing else names a place, a phrase there
    that places the job ("a new office situated on the AI Campus in Berlin", under "What we offer") does.
    """
    normalized = [_normalize_source(loc) for loc in posting.hints.locations]
    # A source "location" with no country the gazetteer can confirm is free text in a structured field
    # (JSON-LD addressLocality "Remote (Germany | Austria)"): read it as a location string instead.
    loose = [", ".join(p for p in (loc.city, loc.region) if p) for loc in normalized if not loc.country]
    given = [t for t in (posting.location_text, *_more_texts(posting)) if t and t.strip()]
    trusted = [found for loc in normalized if loc.country for found in _read_locality(loc)]
    if trusted:
        read = (found for text in loose for found in parse_location_text(text, "source"))
        found = _dedupe([*trusted, *read])
        if all(loc.city is None and loc.region is None for loc in found):
            # a country alone ("France") made precise by the location text ("Paris, France")
            found = _refine(found, _dedupe(loc for t in given for loc in parse_location_text(t)))
        return found
    texts = [*given, *(t for t in loose if t.strip())]
    chains = in_context([chain for text in texts for chain in location_chains(text)])
    chains = _read_by_evidence(chains, body, whole or body)
    found = _dedupe(_to_location(c, "location") for c in chains if c.place.kind != "area")
    if not found:
        found = _dedupe(_towns_named_again(texts, whole or body))
    if not found:
        found = _dedupe(_towns_by_evidence(texts, body, whole or body))
    # "Remote - Europe": the title or body may name the place, but only one inside the area.
    areas = [c.place.countries for c in chains if c.place.kind == "area"]
    within = frozenset().union(*areas) if areas else None
    # "Registered Nurse - Texas licence": the state whose licence the job needs is where it is
    licensed = licence_states(posting.title) if "icen" in posting.title else []
    if not found:
        # "Licensed in New York or New Jersey": the state whose licence it is, not the city of its name
        named = {loc.evidence for loc in licensed}
        titled = [loc for loc in _title_locations(posting.title) if loc.evidence not in named]
        found = _within(_dedupe([*titled, *licensed]), within)
    elif licensed and all(loc.city is None and loc.region is None for loc in found):
        found = _refine_states(found, licensed)  # "USA - Remote" and "NC Licensed Clinician"
    if not found or all(loc.city is None for loc in found):
        from_body = _within(body_locations(body), within)
        found = _refine(found, from_body) if found else from_body
    if not found and whole and whole != body:
        # Outside the job's own text a small town's name is more often something else ("every team in
        # the Solana ecosystem"): only countries, regions and cities of some size count there.
        found = _within(_dedupe(_triggered(whole, least=_WELL_KNOWN, shared=False)), within)
    if not found and not any(_RULES_OUT.search(text) for text in texts):
        found = _within(_benefits_country(whole or body), within)
    return found


def _read_by_evidence(chains: list[Chain], body: str, whole: str) -> list[Chain]:
    """Each lone ambiguous name read in the country the rest of the posting gives, where it allows one.

    "Halle" is Halle (Saale) unless the body places the job in Belgium; "New Brunswick" is the New Jersey
    city unless the body places the job in Canada. A lone code that is a country and a state is the state
    where the body or the pay does: "Remote, CA" is Canada unless the posting pays in US dollars or offers
    US-only benefits (California). Pay and benefits are written for every country a company hires in, so
    they choose a code's reading only, never a city's. Only a reading not far less likely than the first
    counts, and no small town the gazetteer holds only for its qualifiers ("London" is never London, KY).
    """
    ambiguous = [c for c in chains if _alternatives(c) or _states(c)]
    if not ambiguous:
        return chains
    placed = _body_countries(body)
    paid = _pay_countries(whole) if any(_states(c) for c in ambiguous) else frozenset()
    if not placed and not paid:
        return chains
    out = []
    for chain in chains:
        if chain in ambiguous:
            by_place = _reread(chain, _alternatives(chain), placed)
            chain = by_place or _reread(chain, _states(chain), placed | paid) or chain
        out.append(chain)
    return out


def _reread(chain: Chain, readings: list[Place], countries: frozenset[str]) -> Chain | None:
    """The chain read as the first of ``readings`` in ``countries``; None where its own reading is in one."""
    if chain.place.country in countries:
        return None
    other = next((p for p in readings if p.country in countries), None)
    if other is None:
        return None
    others = tuple(p for p in (chain.place, *chain.others) if p != other)
    return Chain(other, chain.start, chain.end, chain.evidence, chain.mentions, others)


def _alternatives(chain: Chain) -> list[Place]:
    """The other cities or regions a lone name may be, at least ``_EVIDENCE_RATIO`` as likely as the first."""
    if len(chain.mentions) != 1 or chain.place.kind == "area":
        return []
    towns = {p.key for p in chain.mentions[0].towns}
    least = _EVIDENCE_RATIO * chain.place.weight
    return [
        p for p in chain.others if p.kind in ("city", "region") and p.key not in towns and p.weight >= least
    ]


def _states(chain: Chain) -> list[Place]:
    """The states a lone code read as a country also names ("CA": California, after Canada)."""
    if len(chain.mentions) != 1 or chain.place.kind != "country" or not chain.mentions[0].text.isupper():
        return []
    return [q for q in chain.mentions[0].qualifiers if q.kind == "region"]


def _body_countries(body: str) -> frozenset[str]:
    """The countries of the places the body names as the job's place, else the one country it names."""
    countries = {loc.country for loc in body_locations(body) if loc.country}
    if not countries:
        # written out: a code in prose is too often an abbreviation or a word ("the U.S. Department of
        # Energy", "PROVE US WRONG")
        named = {
            c.place.country
            for c in location_chains(body, prose=True)
            if c.place.kind == "country" and not c.evidence.replace(".", "").isupper()
        }
        countries = named if len(named) == 1 else set()
    return frozenset(c for c in countries if c)


def _pay_countries(whole: str) -> frozenset[str]:
    """The countries whose benefits or money the posting offers: the US (401(k), USD), Canada (CAD)."""
    countries = set()
    if _benefits_country(whole) or _MONEY_US.search(whole):
        countries.add("US")
    if _MONEY_CA.search(whole):
        countries.add("CA")
    return frozenset(countries)


def _more_texts(posting: Posting) -> tuple[str, ...]:
    """The source's other location strings, bar the items its location text already joins.

    Simplify's "Aurora; IL; US" is one place split in three: read alone, "IL" is Israel and "Aurora" the
    bigger one in Colorado. The joined text reads each item in the light of the others.
    """
    items = {part.strip() for part in posting.location_text.split(";")}
    return tuple(t for t in posting.hints.location_texts if t.strip() not in items)


def _benefits_country(text: str) -> tuple[Location, ...]:
    """The United States, when the posting offers benefits only US employers offer ("401(k) match").

    Used only where nothing names a place: a remote posting's benefits are then the one clue to where it
    hires. Benefits are boilerplate, so ``text`` is the whole text, before boilerplate was stripped.
    """
    low = lower(text)
    if not any(key in low for key in _US_BENEFIT_KEYS):
        return ()
    match = _US_BENEFITS.search(text, _benefits_from(text, low))
    return (Location(country="US", evidence=match.group(0), basis="body"),) if match else ()


def _benefits_from(text: str, low: str) -> int:
    r"""Where ``_US_BENEFITS`` may first match in ``text``: searching from there finds the same match.

    The case-blind regex tries every position of a long text (slow); every match starts at a "401", or
    8 characters ("medical,") before the run of spaces that ends at a "dental". Offsets in ``low`` are
    those of ``text`` when lower-casing kept its length (no letter became two). ``search(text, pos)``
    still reads ``text`` before ``pos`` for its ``\b``, as a search from 0 does.
    """
    if len(low) != len(text):
        return 0
    starts = [low.find("401")]
    dental = low.find("dental")  # the first: a later one's "medical," starts after it
    if dental != -1:
        while dental and text[dental - 1].isspace():  # r"\s+" before "dental"
            dental -= 1
        starts.append(max(0, dental - len("medical,")))
    return min((start for start in starts if start != -1), default=len(text))


def _towns_named_again(texts: list[str], text: str) -> Iterator[Location]:
    """Small towns the location field names alone ("Fort Meade") and the text names with their state.

    A town's name alone is more often a word or a namesake than the town, so it counts only where the
    posting itself qualifies it ("In person in Fort Meade, Maryland"); the location field then says which
    of the town's mentions is the job's place.
    """
    for item in {part.strip() for t in texts for part in _ITEMS.split(t)}:
        folded = fold(item)
        if not item[:1].isupper() or _FILLER.fullmatch(item):  # "Home", "Remote": words, not towns
            continue
        if lookup_name(folded) or not lookup_town(folded):
            continue
        for match in re.finditer(rf"\b{re.escape(item)}\s*[,(]", text):
            window = text[match.start() : match.end() + _QUALIFIER_ROOM].split("\n", 1)[0]
            chains = location_chains(window)
            towns = [c for c in chains if c.start == 0 and c.place.kind == "city"]
            towns = [c for c in towns if fold(c.place.name) == folded]
            if towns:
                yield _to_location(towns[0], "location")
                break


def _towns_by_evidence(texts: list[str], body: str, whole: str) -> Iterator[Location]:
    """Small towns the location field names alone, placed in the one country the posting's evidence gives.

    "Walldorf" alone is a word to the gazetteer; with a body that places the job in Germany it is the
    biggest Walldorf there. The evidence is the body's place for the job or the one country it names, or
    US-only benefits and pay in US dollars: the same as for a lone ambiguous name.
    """
    items = [item for item in {part.strip() for t in texts for part in _ITEMS.split(t)} if _lone_town(item)]
    if not items:
        return
    countries = _body_countries(body) or _pay_countries(whole)
    if len(countries) != 1:
        return
    for item in sorted(items):
        towns = [p for p in lookup_town(fold(item)) if p.country in countries]
        if towns:
            yield towns[0].to_location(evidence=item, basis="location")


def _lone_town(item: str) -> bool:
    """Tell whether a location field's item is only the name of small towns, no word or bigger place."""
    folded = fold(item)
    if not item[:1].isupper() or _FILLER.fullmatch(item) or folded in NOT_PLACES:
        return False
    return not lookup_name(folded) and bool(lookup_town(folded))


def _within(locations: tuple[Location, ...], countries: frozenset[str] | None) -> tuple[Location, ...]:
    if countries is None:
        return locations
    return tuple(loc for loc in locations if loc.country in countries)


def parse_location_text(text: str, basis: Basis = "location") -> list[Location]:
    """Locations named by a location string: "Paris, France; Bordeaux", "Remote (US | Canada)", "SF / NY"."""
    return [_to_location(chain, basis) for chain in location_chains(text) if chain.place.kind != "area"]


def location_chains(text: str, *, prose: bool = False) -> list[Chain]:
    """Every place a location string names, areas included, each read in the light of its qualifiers.

    A place the text rules out ("Remote (non-U.S.)", "outside the EU") is left out.
    """
    return list(_chains(text, prose))


@line_cache
def _chains(text: str, prose: bool) -> tuple[Chain, ...]:
    """``location_chains``, remembered: location strings, titles and short lines recur across postings."""
    chains = chain_mentions(text, find_mentions(text, prose=prose))
    if not prose:  # a location field, where "Londno, UK" is a typo; prose has too many other words
        chains = with_typos_corrected(text, chains)
    kept: list[Chain] = []
    ruled_out: Chain | None = None
    for chain in chains:
        if _NEGATION.search(text, max(0, chain.start - 20), chain.start) or (
            ruled_out is not None and _RULED_OUT_GAP.fullmatch(text, ruled_out.end, chain.start)
        ):
            ruled_out = chain
        else:
            kept.append(chain)
    return tuple(kept)


def _title_locations(title: str) -> list[Location]:
    """Places a title names in a segment of its own ("Account Manager - Paris", "Engineer (Remote, US)")."""
    found: list[Location] = []
    start = 0
    joined_until = -1  # a segment already read with the one before it ("Paris, TX")
    separators = [*_TITLE_SEPARATORS.finditer(title), None]
    for i, separator in enumerate(separators):
        end = separator.start() if separator else len(title)
        segment = title[start:end]
        chains = location_chains(segment, prose=True)
        if (
            start > joined_until
            and chains
            and _only_places(segment, chains)
            and not _acronym(title, start, segment)
        ):
            chains, end_read = _with_qualifier(title, start, separator, separators[i + 1 : i + 2], chains)
            joined_until = end_read
            found.extend(_to_location(c, "title") for c in chains if c.place.kind != "area" and _titled(c))
        start = separator.end() if separator else end
    return found or _trailing_country(segment)  # the last segment, its places read just above


def licence_states(title: str) -> list[Location]:
    """The states whose licence a title asks for: a licence is a state's to give, so the job is there.

    "Registered Nurse - Texas licence", "NC Licensed Clinician", "Rhode Island-Licensed Therapist",
    "Active Florida RN License", "Pharmacist (licensed in CA)". Each state of a list counts: "Licensed in
    NY or NJ", "NY/NJ Licensed Therapist".
    """
    found: list[Location] = []
    for match in _LICENCE.finditer(title):
        before = _LICENCE_LEAD.sub("", title[: match.start()])
        after = _LICENCE_IN.match(title, match.end())
        places = _states_before(before) or (_states_after(title[after.end() :]) if after else [])
        found.extend(place for place in places if place not in found)
    return found


# Between the states of a list: "NY or NJ", "NY/NJ", "NY, NJ, or CT", "New York & New Jersey".
_STATE_LIST_GAP = r"\s*(?:,\s*(?:or|and)\b|,|/|&|\bor\b|\band\b)\s*"
_STATE_LIST_NEXT = re.compile(_STATE_LIST_GAP)
_STATE_LIST_BEFORE = re.compile(f"(?:{_STATE_LIST_GAP})$")


def _states_before(text: str) -> list[Location]:
    """The states a list ending ``text`` names, in their order ("NY/NJ" before "Licensed")."""
    found: list[Location] = []
    while (state := _state_at_end(text)) is not None:
        place, start = state
        found.insert(0, place)
        gap = _STATE_LIST_BEFORE.search(text, 0, start)
        if gap is None:
            break
        text = text[: gap.start()]
    return found


def _states_after(text: str) -> list[Location]:
    """The states a list starting ``text`` names ("NY or NJ" after "Licensed in")."""
    found: list[Location] = []
    at = 0
    while (state := _state_at_start(text[at:])) is not None:
        place, end = state
        found.append(place)
        gap = _STATE_LIST_NEXT.match(text, at + end)
        if gap is None or gap.end() == len(text):
            break
        at = gap.end()
    return found


def _state_at_end(text: str) -> tuple[Location, int] | None:
    """The state ``text`` ends with, by name ("Texas") or by a US state's code ("NC"), and where it starts."""
    code = _TRAILING_CODE.search(text)
    if code is not None:
        states = [
            p for p in lookup_code(code.group(1), qualifier=True) if p.kind == "region" and p.country == "US"
        ]
        evidence = code.group(1)
        return (states[0].to_location(evidence=evidence, basis="title"), code.start(1)) if states else None
    chains = location_chains(text, prose=True)
    last = chains[-1] if chains else None
    state = _licence_state(last) if last is not None and last.end == len(text) else None
    return (state, last.start) if state is not None and last is not None else None


def _state_at_start(text: str) -> tuple[Location, int] | None:
    """The state ``text`` starts with, by name or by a US state's code ("in CA", "in Texas"), and its end."""
    code = _LEADING_CODE.match(text)
    if code is not None:
        state = _state_at_end(code.group(1))
        return (state[0], code.end()) if state else None
    chains = location_chains(text, prose=True)
    first = chains[0] if chains else None
    state = _licence_state(first) if first is not None and first.start == 0 else None
    return (state, first.end) if state is not None and first is not None else None


def _licence_state(chain: Chain) -> Location | None:
    """The region ``chain`` names, or the US state a city's name also is ("licensed in New York")."""
    if chain.place.kind == "region":
        return _to_location(chain, "title")
    if len(chain.mentions) != 1:
        return None
    state = next((p for p in chain.others if p.kind == "region" and p.country == "US"), None)
    return state.to_location(evidence=chain.evidence, basis="title") if state is not None else None


def _with_qualifier(
    title: str,
    start: int,
    separator: re.Match[str] | None,
    following: list[re.Match[str] | None],
    chains: list[Chain],
) -> tuple[list[Chain], int]:
    """A title's place segment read together with the one after a comma, as a location string reads it.

    "Engineer - Paris, TX" and "Nurse (Portland, ME)" name one town each, and "Analyst (Bogotá, D.C.)"
    Colombia's capital only: split at the comma, each half is read alone (Paris, France, and Texas).
    Returns the chains and where the text they were read from ends.
    """
    if separator is None or separator.group() != "," or not following:
        return chains, -1
    nxt = following[0]
    end = nxt.start() if nxt else len(title)
    after = title[separator.end() : end]
    more = location_chains(after, prose=True)
    if not more or not _only_places(after, more):
        return chains, -1
    joined = location_chains(title[start:end], prose=True)
    if joined and len(joined) < len(chains) + len(more):
        return joined, separator.end()
    return chains, -1


# Country names that are as often a person's name or a word at the end of a title ("… Jordan").
_NAME_COUNTRIES = frozenset({"jordan", "chad", "israel", "georgia", "turkey", "niger", "guinea", "jersey"})


def _trailing_country(title: str) -> list[Location]:
    """The country a title's last segment ends with, no separator setting it apart ("Strategist Japan").

    Boards that build titles from slugs drop the dash before the place. Only a country after words of the
    role counts, written in full or by a code prose keeps ("UK", "USA"; not "AI", "IT"): a city there is
    more often a product, team or name, and so are the few country names that are given names too. A
    segment naming more places than the one is a market or an account, not where the job is.
    """
    end = len(title.rstrip(" .)"))
    chains = location_chains(title, prose=True)
    last = chains[-1] if len(chains) == 1 else None  # "Sales Manager, Walmart US and Canada": an account
    if last is None or last.end != end or last.place.kind != "country" or not title[: last.start].strip():
        return []
    if fold(last.evidence) in _NAME_COUNTRIES:
        return []
    return [_to_location(last, "title")]


def _acronym(title: str, start: int, segment: str) -> bool:
    """Tell whether a title's segment is a code that is no place: a credential, or the words before it.

    "Physician Assistant (PA)" and "Medical Assistant - MA" spell the words before the code; in "RN - OR"
    and "(NP, PA, CNM, or MD/DO)" the title lists clinical credentials, among which PA and MD are too.
    """
    code = segment.strip()
    if not (code.isupper() and code.isalpha() and 2 <= len(code) <= 5):
        return False
    words = _INITIALS_WORDS.findall(title[:start])[-len(code) :]
    if len(words) == len(code) and "".join(w[0] for w in words).upper() == code:
        return True
    others = {m.group() for m in _CODE_WORDS.finditer(title)} - {code}
    return code in _CREDENTIALS and bool(others & _CREDENTIALS)


def _titled(chain: Chain) -> bool:
    """True when a place a title names counts: a small city alone is more often a product or a project.

    "Staking Growth (Solana)" is no job in Solana, Philippines: only a well-known city, or one a region or
    country qualifies in the same segment, counts in a title.
    """
    return chain.place.kind != "city" or len(chain.mentions) > 1 or chain.place.weight >= _WELL_KNOWN


def _only_places(text: str, chains: list[Chain]) -> bool:
    """True when ``text`` holds nothing but the chained places and filler words ("Remote", "or")."""
    rest = text
    for chain in reversed(chains):
        rest = rest[: chain.start] + " " + rest[chain.end :]
    return not _FILLER.sub("", rest).strip()


@text_cache
def body_locations(body: str) -> tuple[Location, ...]:
    """Places the body names as the job's place: a location label, a trigger phrase, or a lone place line."""
    for finder in (_labelled, _triggered, _lone_lines):
        found = _dedupe(finder(body))
        if found:
            return found
    return ()


def _labelled(body: str) -> Iterable[Location]:
    for match in _label_matches(body):
        value = match.group("value").strip()
        if not value:  # "Location:" with the value on the next non-empty line
            following = body[match.end() :].lstrip("\n \t").split("\n", 1)[0]
            value = following.strip()
        value = value[: _MAX_LINE_PLACE * 2]
        chains = [c for c in location_chains(value, prose=True) if c.place.kind != "area"]
        if match.group("heading") is not None and not (
            len(value) <= _MAX_LINE_PLACE and _only_places(value, chains)
        ):
            continue  # a "Location" heading counts only before a line that is nothing but places
        yield from (_to_location(c, "body") for c in chains)


def _label_matches(body: str) -> Iterator[re.Match[str]]:
    """The matches of ``_LABEL.finditer(body)``: on lines holding a colon, or ending with a label's name."""
    low = lower(body)
    if len(low) != len(body) or any(extra in low for extra in CASE_BLIND_ONLY):
        yield from _LABEL.finditer(body)  # offsets or letters differ in the lower-cased text
        return
    starts = set(marked_lines(body))
    for key, found in keys_found(low, _LABEL_ENDS):
        for at in found:
            if _LINE_END.match(low, at + len(key)):
                starts.add(low.rfind("\n", 0, at) + 1)
    for start in sorted(starts):
        if _LABEL_LOWER.match(low, start) and (match := _LABEL.match(body, start)) is not None:
            yield match


def _triggered(body: str, least: float = 0.0, *, shared: bool = True) -> Iterable[Location]:
    """Places after trigger phrases; ``shared``: ``body`` is the body the shared key pass reads."""
    low = lower(body)
    # A case-blind regex is ~3x slower than the same regex over lower-cased text; the offsets agree unless
    # lower-casing changed the text's length (a rare letter such as "İ").
    matches = _trigger_matches(low, shared=shared) if len(low) == len(body) else _TRIGGER.finditer(body)
    for match in matches:
        window = body[match.end() : match.end() + _WINDOW].split("\n", 1)[0]
        chains = [c for c in _leading_places(window) if c.place.kind != "city" or c.place.weight >= least]
        if chains and not _FOOTPRINT.search(_sentence_before(body, match.start())):
            yield from (_to_location(c, "body") for c in chains)
    yield from _residents(body, least, shared=shared)


def _trigger_matches(low: str, *, shared: bool = True) -> Iterator[re.Match[str]]:
    """The matches of ``_TRIGGER_LOWER.finditer(low)``, tried only where a trigger phrase may start.

    ``shared``: the keys are read from the shared body pass; else from this module's own pass.
    """
    if shared:
        found = keys_found(low, _TRIGGER_KEYS)
        ours = key_starts(low, _OUR)
    else:
        hits = _TRIGGER_SCAN.hits(low)
        found = [(key, hits[key]) for key in _TRIGGER_KEYS if key in hits]
        ours = hits.get(_OUR, [])
    phrases: dict[int, re.Pattern[str]] = {}  # where a phrase may start → the phrases that may start there
    for key, starts in found:
        pattern = _TRIGGER_BY_KEY[key]
        for at in starts:
            if at == 0 or not low[at - 1].isalpha():  # the key starts a word
                phrases[at] = pattern
    for at in ours:
        gap = at
        while gap and low[gap - 1].isspace():
            gap -= 1
        # "in our", "from  our": the phrase starts at the word before the spaces, where that word is one of
        # the leads: any other start there ("of our", "join our") is either no trigger, or a trigger key's
        # own word start, which ``phrases`` already holds.
        if gap < at and low.endswith(_OUR_LEADS, 0, gap):
            begin = gap - len(next(lead for lead in _OUR_LEADS if low.endswith(lead, 0, gap)))
            # no key starts with a lead and a space; were one to, the whole pattern is tried
            phrases[begin] = _TRIGGER_LOWER if begin in phrases else _TRIGGER_OUR
    end = 0
    for start in sorted(phrases):
        if start >= end:
            match = phrases[start].match(low, start)
            if match is not None:
                end = match.end()
                yield match


def _may_name_residents(body: str, *, shared: bool = True) -> bool:
    """False when no match of _RESIDENTS can be in ``body``: none of its tails is there.

    ``shared``: ``body`` is the body the shared key pass reads; where its words are is read from that pass
    (three finds over a long body cost more), else found in ``body`` itself.
    """
    low = lower(body) if shared else ""
    if len(low) != len(body):  # not shared, or lower-casing moved the offsets
        return (
            "itizen" in body
            or _RESIDENTS_BASED.search(body) is not None
            or ("only" in body and _residents_only(body))
        )
    # Each word where the lower-cased body holds it, kept where the body writes it so (lower case).
    citizen, based, only = (
        [at for at in key_starts(low, word) if body.startswith(word, at)] for word in _RESIDENTS_WORDS
    )
    return (
        bool(citizen)
        or any(_RESIDENTS_BASED.match(body, at) is not None for at in based)  # each match opens "based"
        or _residents_only(body, only)
    )


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (which cannot overlap itself) occurs in ``text``, in order."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + len(word))


def _residents_only(body: str, only: Iterable[int] | None = None) -> bool:
    """``_RESIDENTS_ONLY.search(body) is not None``, read back from each "only" (faster than the regex).

    ``only``: where "only" occurs in ``body``, when known; else it is found here.
    """
    for at in _occurrences(body, "only") if only is None else only:
        end = at + 4
        if end == len(body) or not (body[end].isalnum() or body[end] == "_"):  # r"only\b"
            start = at
            while start and body[start - 1].isspace():  # r"\s+"
                start -= 1
            if start < at and body.endswith(("candidates", "applicants", "residents", "citizens"), 0, start):
                return True
    return False


# The words a _RESIDENTS match ends with (its tail), each found with ``str.find``: the pattern is
# case-sensitive, so no lower-cased copy is needed. "itizen" stands for "Citizen", "citizen(s|ship)".
_RESIDENTS_TAILS = ("based", "candidates", "applicants", "residents", "itizen")


def _residents_matches(body: str) -> Iterator[re.Match[str]]:
    r"""The matches of ``_RESIDENTS.finditer(body)``, tried only where a match can start.

    The regex tries every position of a long text (a capital letter then words: slow); every match is a
    place, capitalised words of ``[\w.]`` joined by single spaces, right before a tail word (after "-" or
    " " for "based", after spaces for the others). So a match starts at a capital letter that starts a
    word within the run of word characters, dots and spaces that ends where the tail's lead begins. Those
    starts are tried in order, each from the end of the match before, as ``finditer`` goes.
    """
    starts: set[int] = set()
    for tail in _RESIDENTS_TAILS:
        at = body.find(tail)
        while at != -1:
            end = at
            if tail == "based":
                end = at - 1 if at and body[at - 1] in "- " else -1
            else:
                if tail == "itizen":
                    end = at - 1 if at and body[at - 1] in "Cc" else -1
                lead = end
                while end > 0 and body[end - 1].isspace():  # r"\s+" before the word
                    end -= 1
                if end == lead:
                    end = -1  # no space before the word: no tail here
            if end > 0:
                _capital_word_starts(body, end, starts)
            at = body.find(tail, at + 1)
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = _RESIDENTS.match(body, start)
            if match is not None:
                end = match.end()
                yield match


def _capital_word_starts(text: str, end: int, starts: set[int]) -> None:
    r"""Add to ``starts`` each ASCII capital starting a word in the run of ``[\w. ]`` that ends at ``end``."""
    at = end
    while at > 0 and ((char := text[at - 1]).isalnum() or char in "_. "):
        at -= 1
        if "A" <= char <= "Z" and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")):
            starts.add(at)


def _residents(body: str, least: float, *, shared: bool = True) -> Iterable[Location]:
    if not _may_name_residents(body, shared=shared):
        return
    for match in _residents_matches(body):
        place = match.group("place")
        chains = location_chains(place, prose=True)
        if chains and chains[-1].end == len(place) and chains[-1].place.kind != "area":
            if chains[-1].place.kind == "city" and chains[-1].place.weight < least:
                continue
            yield _to_location(chains[-1], "body")


def _sentence_before(text: str, start: int) -> str:
    """The sentence up to ``start``: what the trigger phrase is said about (a role, or a company)."""
    window = max(0, start - 200)
    left = max((m.end() for m in _SENTENCE_END.finditer(text, window, start)), default=window)
    return text[left:start]


def _leading_places(window: str) -> list[Chain]:
    """The places a window starts with, and the list that continues them ("Paris or Bordeaux")."""
    lead = _LEAD_WORDS.match(window)
    pos = lead.end() if lead else 0
    if not window[pos : pos + 1].isupper():  # places are capitalised; prose after "based in" is not
        return []
    if not may_start_mention(window, pos):  # the places taken start at ``pos``: the first one must
        return []
    chains = location_chains(window, prose=True)
    taken: list[Chain] = []
    for chain in chains:
        if chain.start < pos:
            continue
        gap = window[pos : chain.start]
        if not (_LIST_GAP.fullmatch(gap) if taken else not gap.strip()):
            break
        if chain.place.kind != "area":
            taken.append(chain)
        pos = chain.end
    return taken


def _lone_lines(body: str) -> Iterable[Location]:
    """Short lines near the top that are nothing but a place ("Paris", "London, UK (Hybrid)")."""
    for line in body.split("\n", _TOP_LINES)[:_TOP_LINES]:  # the top lines only: no split of the rest
        line = line.strip()
        if not line or len(line) > _MAX_LINE_PLACE or line.startswith(("-", "•", "*")):
            continue
        chains = location_chains(line, prose=True)
        if chains and _only_places(line, chains):
            yield from (_to_location(c, "body") for c in chains if c.place.kind != "area")


def _to_location(chain: Chain, basis: Basis) -> Location:
    place = chain.place
    location = place.to_location(evidence=chain.evidence, basis=basis)
    if place.kind == "city" and _written_plain(chain, place):
        # Keep the posting's own accent-free spelling of the same name ("Bogota", "Zurich").
        location = _with_city(location, chain.mentions[0].text.strip())
    return location


def _written_plain(chain: Chain, place: Place) -> bool:
    """Tell whether the posting spells the city as its name without accents ("Bogota"), as a name is.

    A slug or lower-case spelling ("sao-paulo", "bogota") is no name to show: the gazetteer's is kept.
    """
    written = chain.mentions[0].text.strip()
    return (
        written.isascii()
        and not place.name.isascii()
        and fold(written) == fold(place.name)
        and not written.isupper()
        and written[:1].isupper()
        and "_" not in written
        and written.count("-") == place.name.count("-")
    )


def _with_city(location: Location, city: str) -> Location:
    return Location(city, location.region, location.country, location.geoname_id, location.evidence,
                    location.basis)  # fmt: skip


def _normalize_source(location: Location) -> Location:
    """A source's location with an ISO alpha-2 country and its city resolved when the gazetteer knows it."""
    if location.city and not _FILLER.sub("", location.city).strip():
        # "Remote", "Anywhere", "Multiple Locations" in a city field say how or where not: no city
        location = Location(None, location.region, location.country, None, location.evidence, location.basis)
    country = location.country
    if country and not (len(country) == 2 and country.isupper()):
        named = [p for p in resolve_place(country) if p.kind == "country"]
        country = named[0].country if named else country
    regions = _source_regions(location.region, country)
    region = regions[0].name if regions else location.region
    if location.city and location.geoname_id is None:
        cities = [p for p in lookup_name(fold(location.city)) if p.kind == "city"]
        if country:
            cities = [p for p in cities if p.country == country]
        if regions:
            # "Portland", "ME": the Portland in Maine, not the bigger one in Oregon; a town too small for
            # the gazetteer's cities may still be among its towns, and otherwise no namesake is pinned
            towns = [p for p in lookup_town(fold(location.city)) if p.country == country]
            cities = [p for p in (*cities, *towns) if any(r.contains(p) for r in regions)]
        if cities:
            city = cities[0]
            return Location(city.name, region or city.region, city.country, city.geoname_id,
                            location.evidence or location.city, "source")  # fmt: skip
    return Location(location.city, region, country, location.geoname_id, location.evidence, "source")


def _source_regions(region: str | None, country: str | None) -> list[Place]:
    """The regions of ``country`` that a source's region field names ("ME", "north rhine-westphalia")."""
    if not region or not country:
        return []
    code = region.strip().upper()
    found = (
        lookup_code(code, qualifier=True) if len(code) <= 3 and code.isalpha() else lookup_name(fold(region))
    )
    return [p for p in found if p.kind == "region" and p.country == country]


def _read_locality(location: Location) -> list[Location]:
    """A source location's locality read as a location string when the gazetteer does not know it.

    Only cities in the location's own country replace it: "Paris, France; Lyon, France" and "Heilbronn
    Area" in a city field (Ashby's addressLocality) are places the gazetteer knows, once read.
    """
    if not location.city or location.geoname_id is not None:
        return [location]
    read = [loc for loc in parse_location_text(location.city, "source") if loc.country == location.country]
    return read if any(loc.city for loc in read) else [location]


def _refine(coarse: tuple[Location, ...], fine: tuple[Location, ...]) -> tuple[Location, ...]:
    """Country-level locations made precise by body cities inside the same countries."""
    countries = {loc.country for loc in coarse}
    inside = [loc for loc in fine if loc.city and loc.country in countries]
    if not inside:
        return coarse
    refined = {loc.country for loc in inside}
    return _dedupe([*inside, *(loc for loc in coarse if loc.country not in refined)])


def _refine_states(coarse: tuple[Location, ...], states: list[Location]) -> tuple[Location, ...]:
    """Countries alone made precise by the states inside them that the title names."""
    inside = [loc for loc in states if loc.country in {c.country for c in coarse}]
    return _dedupe([*inside, *coarse]) if inside else coarse


def _dedupe(locations: Iterable[Location]) -> tuple[Location, ...]:
    """Each place once, and a bare country or region only when no more precise place lies inside it."""
    seen: set[object] = set()
    unique: list[Location] = []
    for loc in locations:
        # one city however it is spelt ("São Paulo, Sao Paulo, Brazil" names the city and its state)
        key = loc.geoname_id if loc.geoname_id is not None else (loc.city, loc.region, loc.country)
        if key not in seen and (loc.city or loc.region or loc.country):
            seen.add(key)
            unique.append(loc)
    cities = {(loc.country, loc.region) for loc in unique if loc.city}
    regions = {loc.country for loc in unique if loc.city or loc.region}
    return tuple(
        loc for loc in unique
        if loc.city or (loc.region and (loc.country, loc.region) not in cities)
        or (not loc.region and loc.country not in regions)
    )  # fmt: skip
