"""Areas people name that the gazetteer has no single place for: a metro area is a set of its places.

"Bay Area" is not San Francisco alone: a posting in Oakland, Palo Alto or San Jose is in it too. A metro
area is listed here by its member towns and regions; :func:`metro_keys` resolves them in the vocabulary
once, and matching gives a posting the metro's key when one of its locations is a member. Members the
vocabulary does not know are skipped, so a smaller gazetteer only makes an area smaller, never wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.geo import Place
from bot.query.folding import fold
from bot.query.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Metro:
    """A metro area: its key, its name, its country, the names that mean it, and its members."""

    key: str  # "metro:bay-area"
    name: str
    country: str
    aliases: tuple[str, ...]
    cities: tuple[str, ...] = ()  # member towns, read within ``country`` (and ``region`` when given)
    regions: tuple[str, ...] = ()  # member regions (states, provinces), read within ``country``
    region: str | None = None  # the region the member towns are in, to pick the right namesake
    what: str = ""  # what kind of area, when its name alone does not say: "county"

    @property
    def label(self) -> str:
        """How a person reads it: "Greater London (GB)", "Surrey (county, GB)"."""
        return f"{self.name} ({self.what}, {self.country})" if self.what else f"{self.name} ({self.country})"


_METRO_AREAS: tuple[Metro, ...] = (
    Metro(
        "metro:bay-area", "San Francisco Bay Area", "US",
        ("bay area", "sf bay area", "san francisco bay area", "sf bay", "the bay area", "sfba"),
        cities=("San Francisco", "Oakland", "San Jose", "Berkeley", "Palo Alto", "Mountain View",
                "Sunnyvale", "Santa Clara", "Menlo Park", "Redwood City", "San Mateo", "Fremont",
                "Cupertino", "South San Francisco", "Foster City", "Hayward", "Milpitas", "Walnut Creek",
                "San Rafael", "Burlingame", "Pleasanton", "Los Gatos", "San Bruno", "Daly City",
                "Alameda", "San Ramon", "Dublin", "Livermore", "Union City", "Newark", "Campbell",
                "Los Altos", "San Carlos", "Belmont", "Novato", "Concord", "San Leandro", "Millbrae",
                "East Palo Alto", "Saratoga", "Danville"),
        region="California",
    ),
    Metro(
        "metro:silicon-valley", "Silicon Valley", "US", ("silicon valley",),
        cities=("San Jose", "Palo Alto", "Mountain View", "Sunnyvale", "Santa Clara", "Menlo Park",
                "Redwood City", "Cupertino", "Milpitas", "Los Gatos", "Los Altos", "Campbell",
                "Saratoga", "East Palo Alto", "Fremont", "San Carlos", "Belmont", "Foster City",
                "San Mateo"),
        region="California",
    ),
    Metro(
        "metro:greater-london", "Greater London", "GB", ("greater london", "london area", "london metro"),
        cities=("London", "Croydon", "Harrow", "Uxbridge", "Enfield", "Romford", "Ilford", "Barnet",
                "Hounslow", "Wimbledon", "Wembley", "Islington", "Greenwich", "Walthamstow", "Tottenham",
                "Southall", "Chiswick", "Canary Wharf", "Westminster", "Camden Town", "Bexley",
                "Orpington", "Dagenham", "Barking", "Finchley", "Putney"),
    ),
    Metro(
        "metro:randstad", "Randstad", "NL", ("randstad",),
        cities=("Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Haarlem", "Leiden", "Delft",
                "Amersfoort", "Almere", "Zoetermeer", "Hilversum", "Dordrecht", "Schiedam", "Gouda",
                "Zaandam", "Amstelveen", "Hoofddorp", "Nieuwegein", "Zeist", "Rijswijk",
                "Alphen aan den Rijn"),
        regions=("North Holland", "South Holland"),
    ),
    Metro(
        "metro:french-riviera", "French Riviera", "FR",
        ("french riviera", "cote d azur", "riviera francaise"),
        cities=("Nice", "Cannes", "Antibes", "Menton", "Grasse", "Cagnes-sur-Mer", "Valbonne", "Mougins",
                "Saint-Laurent-du-Var", "Le Cannet", "Vallauris", "Biot", "Vence", "Villeneuve-Loubet",
                "Fréjus", "Saint-Raphaël", "Mandelieu-la-Napoule", "Villefranche-sur-Mer", "Beausoleil"),
        region="Provence-Alpes-Côte d'Azur",
    ),
    Metro(
        # Italy's German-speaking province, not the south of Austria's Tyrol
        "metro:south-tyrol", "South Tyrol", "IT",
        ("south tyrol", "sudtirol", "suedtirol", "alto adige", "sudtirol alto adige", "alto adige sudtirol"),
        cities=("Bolzano", "Merano", "Bressanone", "Brunico", "Laives", "Appiano sulla Strada del Vino",
                "Lana", "Caldaro sulla Strada del Vino", "Vipiteno", "Silandro", "Renon", "Ortisei"),
    ),  # no region: the gazetteer holds these towns without one
    Metro(
        "metro:dmv", "DMV (DC, Maryland, Virginia)", "US", ("dmv", "dc metro", "dc metro area", "dc area"),
        regions=("District of Columbia", "Maryland", "Virginia"),
    ),
    Metro(
        "metro:greater-boston", "Greater Boston", "US", ("greater boston", "boston area", "boston metro"),
        cities=("Boston", "Cambridge", "Somerville", "Waltham", "Newton", "Brookline", "Quincy",
                "Burlington", "Lexington", "Woburn", "Medford", "Watertown", "Needham", "Framingham",
                "Lowell", "Braintree"),
        region="Massachusetts",
    ),
    Metro(
        "metro:research-triangle", "Research Triangle", "US",
        ("research triangle", "the triangle", "rtp", "raleigh durham", "raleigh-durham"),
        cities=("Raleigh", "Durham", "Chapel Hill", "Cary", "Morrisville", "Apex", "Wake Forest"),
        region="North Carolina",
    ),
    Metro(
        "metro:greater-toronto", "Greater Toronto Area", "CA", ("greater toronto area", "greater toronto"),
        cities=("Toronto", "Mississauga", "Brampton", "Markham", "Vaughan", "Oakville", "Richmond Hill",
                "Burlington", "Oshawa", "Pickering", "Ajax", "Milton", "Whitby"),
        region="Ontario",
    ),
    Metro(
        "metro:new-england", "New England", "US", ("new england",),
        regions=("Maine", "New Hampshire", "Vermont", "Massachusetts", "Rhode Island", "Connecticut"),
    ),
    Metro(
        "metro:pacific-northwest", "Pacific Northwest", "US",
        ("pacific northwest", "pacific north west", "pnw"),
        regions=("Washington", "Oregon", "Idaho"),
    ),
    Metro(
        "metro:west-coast", "West Coast", "US", ("west coast", "us west coast"),
        regions=("California", "Oregon", "Washington"),
    ),
    Metro(
        "metro:tri-state", "Tri-State Area (NY, NJ, CT)", "US", ("tri state", "tri state area", "tristate"),
        regions=("New York", "New Jersey", "Connecticut"),
    ),
    Metro(
        "metro:southern-california", "Southern California", "US", ("southern california", "socal"),
        cities=("Los Angeles", "San Diego", "Irvine", "Long Beach", "Santa Monica", "Pasadena", "Anaheim",
                "Santa Ana", "Burbank", "Glendale", "Torrance", "Culver City", "El Segundo", "Riverside",
                "San Bernardino", "Carlsbad", "Costa Mesa", "Newport Beach", "Santa Barbara", "Oxnard",
                "Thousand Oaks", "Huntington Beach", "Ontario", "Rancho Cucamonga", "Temecula"),
        region="California",
    ),
    Metro(
        "metro:dfw", "Dallas–Fort Worth", "US",
        ("dfw", "dallas fort worth", "dallas ft worth", "dallas area"),
        cities=("Dallas", "Fort Worth", "Arlington", "Plano", "Irving", "Frisco", "Garland", "McKinney",
                "Richardson", "Denton", "Carrollton", "Grapevine", "Addison", "Lewisville", "Allen"),
        region="Texas",
    ),
    Metro(
        "metro:northern-virginia", "Northern Virginia", "US", ("northern virginia", "nova"),
        cities=("Arlington", "Alexandria", "Reston", "McLean", "Herndon", "Tysons", "Fairfax", "Vienna",
                "Falls Church", "Chantilly", "Ashburn", "Sterling", "Leesburg", "Springfield", "Manassas"),
        region="Virginia",
    ),
    Metro(
        "metro:greater-seattle", "Greater Seattle", "US",
        ("greater seattle", "seattle area", "seattle metro"),
        cities=("Seattle", "Bellevue", "Redmond", "Kirkland", "Tacoma", "Everett", "Renton", "Bothell",
                "Issaquah", "Kent", "Lynnwood", "Sammamish", "Tukwila", "Federal Way"),
        region="Washington",
    ),
    Metro(
        "metro:greater-manchester", "Greater Manchester", "GB", ("greater manchester", "manchester area"),
        cities=("Manchester", "Salford", "Stockport", "Bolton", "Oldham", "Rochdale", "Wigan", "Bury",
                "Trafford", "Altrincham", "Sale", "Stretford"),
        region="England",
    ),
    Metro(
        "metro:greater-paris", "Greater Paris (Île-de-France)", "FR",
        ("greater paris", "paris area", "paris metro", "grand paris", "region parisienne"),
        regions=("Île-de-France",),
    ),
)  # fmt: skip


# Counties people name as a place, though the gazetteer knows only their towns (England is the region): each
# is the set of its larger towns, as a metro is. Postings name the town, seldom the county.
def _county(name: str, country: str, region: str, towns: tuple[str, ...]) -> Metro:
    """A county as an area of its towns: "Surrey" (also "Surrey County"), "Orange County"."""
    folded = fold(name)
    named = folded.endswith(" county")
    aliases = (folded,) if named else (folded, f"{folded} county", f"county of {folded}")
    key = f"metro:county-{folded.removesuffix(' county').replace(' ', '-')}"
    return Metro(key, name, country, aliases, cities=towns, region=region, what="" if named else "county")


_COUNTY_TOWNS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
        ("Hampshire", "GB", "England",
         ("Southampton", "Portsmouth", "Basingstoke", "Winchester", "Eastleigh", "Fareham", "Gosport",
          "Havant", "Waterlooville", "Andover", "Aldershot", "Farnborough", "Fleet", "Romsey",
          "Petersfield")),
        ("Surrey", "GB", "England",
         ("Guildford", "Woking", "Epsom", "Camberley", "Staines-upon-Thames", "Staines", "Redhill", "Reigate",
          "Leatherhead", "Weybridge", "Farnham", "Walton-on-Thames", "Esher", "Godalming", "Egham",
          "Addlestone", "Caterham")),
        ("Kent", "GB", "England",
         ("Maidstone", "Canterbury", "Ashford", "Royal Tunbridge Wells", "Tunbridge Wells", "Dartford",
          "Gravesend", "Sevenoaks", "Tonbridge", "Folkestone", "Dover", "Margate", "Ramsgate", "Chatham",
          "Rochester", "Gillingham", "Sittingbourne", "Broadstairs", "Whitstable")),
        ("Essex", "GB", "England",
         ("Chelmsford", "Colchester", "Southend-on-Sea", "Basildon", "Harlow", "Brentwood", "Braintree",
          "Billericay", "Grays", "Loughton", "Clacton-on-Sea", "Witham", "Epping")),
        ("Berkshire", "GB", "England",
         ("Reading", "Slough", "Bracknell", "Maidenhead", "Wokingham", "Newbury", "Windsor", "Thatcham")),
        ("Hertfordshire", "GB", "England",
         ("Watford", "St Albans", "Stevenage", "Hemel Hempstead", "Hatfield", "Welwyn Garden City", "Hitchin",
          "Hertford", "Borehamwood", "Letchworth", "Cheshunt", "Bishop's Stortford", "Harpenden")),
        ("Oxfordshire", "GB", "England", ("Oxford", "Banbury", "Abingdon", "Bicester", "Didcot", "Witney")),
        ("Cambridgeshire", "GB", "England", ("Cambridge", "Peterborough", "Huntingdon", "Ely", "St Neots")),
        ("Buckinghamshire", "GB", "England",
         ("Milton Keynes", "High Wycombe", "Aylesbury", "Amersham", "Marlow", "Beaconsfield")),
        ("Sussex", "GB", "England",
         ("Brighton", "Hove", "Crawley", "Worthing", "Horsham", "Chichester", "Eastbourne", "Hastings",
          "Bognor Regis", "Haywards Heath", "Burgess Hill", "Lewes")),
        ("Yorkshire", "GB", "England",
         ("Leeds", "Sheffield", "Bradford", "York", "Kingston upon Hull", "Huddersfield", "Wakefield",
          "Doncaster", "Harrogate", "Halifax", "Rotherham", "Barnsley", "Middlesbrough", "Scarborough")),
        ("Lancashire", "GB", "England",
         ("Preston", "Blackpool", "Blackburn", "Burnley", "Lancaster", "Chorley", "Accrington")),
        ("Cheshire", "GB", "England",
         ("Chester", "Warrington", "Crewe", "Macclesfield", "Northwich", "Runcorn", "Widnes",
          "Ellesmere Port", "Wilmslow", "Knutsford")),
        ("Devon", "GB", "England", ("Exeter", "Plymouth", "Torquay", "Barnstaple", "Paignton", "Exmouth")),
        ("Cornwall", "GB", "England", ("Truro", "Falmouth", "Newquay", "St Austell", "Penzance", "Camborne")),
        ("Orange County", "US", "California",
         ("Irvine", "Anaheim", "Santa Ana", "Costa Mesa", "Newport Beach", "Huntington Beach", "Fullerton",
          "Orange", "Garden Grove", "Tustin", "Lake Forest", "Mission Viejo", "Aliso Viejo", "Laguna Beach",
          "Yorba Linda", "Buena Park", "Fountain Valley", "San Clemente", "Brea", "Cypress")),
        ("Westchester County", "US", "New York",
         ("White Plains", "Yonkers", "New Rochelle", "Mount Vernon", "Scarsdale", "Rye", "Tarrytown",
          "Purchase", "Harrison", "Armonk", "Ossining", "Peekskill", "Port Chester")),
        ("King County", "US", "Washington",
         ("Seattle", "Bellevue", "Redmond", "Kirkland", "Renton", "Kent", "Federal Way", "Auburn", "Issaquah",
          "Sammamish", "Bothell", "Tukwila", "Burien", "Shoreline")),
        ("Fairfield County", "US", "Connecticut",
         ("Stamford", "Greenwich", "Norwalk", "Bridgeport", "Danbury", "Westport", "Fairfield", "Darien",
          "New Canaan", "Shelton", "Trumbull")),
        ("Fairfax County", "US", "Virginia",
         ("Fairfax", "Reston", "Herndon", "McLean", "Tysons", "Vienna", "Chantilly", "Annandale",
          "Springfield", "Burke", "Centreville")),
        ("Cook County", "US", "Illinois",
         ("Chicago", "Evanston", "Skokie", "Schaumburg", "Oak Park", "Arlington Heights", "Des Plaines",
          "Cicero", "Palatine", "Elk Grove Village")),
        ("Santa Clara County", "US", "California",
         ("San Jose", "Palo Alto", "Mountain View", "Sunnyvale", "Santa Clara", "Cupertino", "Milpitas",
          "Los Gatos", "Los Altos", "Campbell", "Saratoga", "Gilroy", "Morgan Hill")),
)  # fmt: skip
COUNTIES: tuple[Metro, ...] = tuple(_county(*county) for county in _COUNTY_TOWNS)
_TOWNS: dict[str, tuple[str, ...]] = {name: towns for name, _, _, towns in _COUNTY_TOWNS}


def _towns(*counties: str) -> tuple[str, ...]:
    return tuple(town for county in counties for town in _TOWNS[county])


_WEST_MIDLANDS = (
    "Birmingham", "Coventry", "Wolverhampton", "Solihull", "Walsall", "Dudley", "West Bromwich",
    "Sutton Coldfield", "Stoke-on-Trent", "Worcester", "Hereford", "Telford", "Shrewsbury", "Redditch",
    "Nuneaton", "Royal Leamington Spa", "Warwick", "Stafford",
)  # fmt: skip
_EAST_MIDLANDS = (
    "Nottingham", "Leicester", "Derby", "Northampton", "Lincoln", "Loughborough", "Mansfield", "Chesterfield",
    "Kettering", "Corby",
)  # fmt: skip
# England's regions and the areas people name in it, as the towns of their counties and cities; and Long
# Island, whose name would otherwise read as Iceland ("Island") and the word "long".
REGIONS_OF_TOWNS: tuple[Metro, ...] = (
    Metro("metro:south-east-england", "South East England", "GB",
          ("south east england", "southeast england", "south east", "the south east", "south east uk"),
          cities=_towns("Hampshire", "Surrey", "Kent", "Berkshire", "Oxfordshire", "Buckinghamshire",
                        "Sussex"),
          region="England"),
    Metro("metro:home-counties", "Home Counties", "GB", ("home counties", "the home counties"),
          cities=_towns("Surrey", "Kent", "Essex", "Hertfordshire", "Berkshire", "Buckinghamshire"),
          region="England"),
    Metro("metro:thames-valley", "Thames Valley", "GB", ("thames valley",),
          cities=_towns("Berkshire", "Oxfordshire", "Buckinghamshire"), region="England"),
    Metro("metro:west-midlands", "West Midlands", "GB", ("west midlands",), cities=_WEST_MIDLANDS,
          region="England"),
    Metro("metro:east-midlands", "East Midlands", "GB", ("east midlands",), cities=_EAST_MIDLANDS,
          region="England"),
    Metro("metro:midlands", "Midlands", "GB", ("midlands", "the midlands"),
          cities=_WEST_MIDLANDS + _EAST_MIDLANDS, region="England"),
    Metro("metro:north-west-england", "North West England", "GB",
          ("north west england", "northwest england", "north west", "the north west", "north west uk"),
          cities=("Manchester", "Liverpool", "Salford", "Stockport", "Bolton", "Oldham", "Wigan", "Carlisle",
                  "Birkenhead", "St Helens", "Southport", *_towns("Lancashire", "Cheshire")),
          region="England"),
    Metro("metro:north-east-england", "North East England", "GB",
          ("north east england", "northeast england", "north east", "the north east", "north east uk"),
          cities=("Newcastle upon Tyne", "Sunderland", "Durham", "Middlesbrough", "Gateshead", "Darlington",
                  "Hartlepool", "Stockton-on-Tees", "South Shields"),
          region="England"),
    Metro("metro:south-west-england", "South West England", "GB",
          ("south west england", "southwest england", "south west", "the south west", "south west uk"),
          cities=("Bristol", "Bath", "Swindon", "Gloucester", "Cheltenham", "Bournemouth", "Poole", "Taunton",
                  "Salisbury", *_towns("Devon", "Cornwall")),
          region="England"),
    Metro("metro:east-anglia", "East Anglia", "GB", ("east anglia", "east of england"),
          cities=("Norwich", "Ipswich", "Cambridge", "Peterborough", "King's Lynn", "Bury St Edmunds",
                  "Great Yarmouth", "Lowestoft", "Colchester", "Chelmsford"),
          region="England"),
    Metro("metro:long-island", "Long Island", "US", ("long island",),
          cities=("Hempstead", "Garden City", "Mineola", "Hicksville", "Melville", "Huntington", "Great Neck",
                  "Freeport", "Valley Stream", "Levittown", "Bay Shore", "Brentwood", "Islip", "Hauppauge",
                  "Ronkonkoma", "Port Washington", "Glen Cove", "Westbury", "Uniondale", "Lake Success",
                  "Stony Brook", "Patchogue", "Riverhead", "Smithtown", "Long Beach", "Massapequa"),
          region="New York"),
)  # fmt: skip
METROS: tuple[Metro, ...] = (*_METRO_AREAS, *COUNTIES, *REGIONS_OF_TOWNS)
_BY_NAME: dict[str, Metro] = {fold(alias): metro for metro in METROS for alias in metro.aliases}
_BY_KEY: dict[str, Metro] = {metro.key: metro for metro in METROS}


_PARTING = str.maketrans({"-": " ", "'": " ", "\u2019": " "})


def metro_named(text: str) -> Metro | None:
    """The metro area ``text`` names ("Bay Area", "DMV"), or None."""
    # hyphens and apostrophes part words as spaces do: "Côte d'Azur" is listed as "cote d azur"
    return _BY_NAME.get(" ".join(fold(text).translate(_PARTING).split()))


def metro_by_key(key: str) -> Metro | None:
    """The metro area with ``key``, or None."""
    return _BY_KEY.get(key)


def metro_keys(place_keys: frozenset[str] | set[str], vocabulary: Vocabulary) -> set[str]:
    """The keys of the metro areas a posting with ``place_keys`` (its cities and regions) lies in."""
    return {key for key, members in _members(vocabulary) if not members.isdisjoint(place_keys)}


@lru_cache(maxsize=8)
def _members(vocabulary: Vocabulary) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each metro's key and the place keys of its members, resolved once per vocabulary."""
    return tuple((metro.key, frozenset(_resolve(metro, vocabulary))) for metro in METROS)


def _resolve(metro: Metro, vocabulary: Vocabulary) -> list[str]:
    keys = []
    for kind, names in (("city", metro.cities), ("region", metro.regions)):
        for name in names:
            found = _pick(vocabulary.places(name), kind, metro, name)
            if found is not None:
                keys.append(found)
    return keys


def _pick(places: Sequence[Place], kind: str, metro: Metro, name: str) -> str | None:
    """The key of the reading of ``name`` that is a member: the right kind, country and region."""
    for place in places:
        if place.kind != kind or place.country != metro.country:
            continue
        if kind == "city" and metro.region and place.region != metro.region:
            continue
        if kind == "region" and fold(place.name) != fold(name):
            continue
        return place.key
    return None
