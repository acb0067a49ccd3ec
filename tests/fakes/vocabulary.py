"""A small, fixed vocabulary for query and matching tests: a handful of places, languages and words."""

from __future__ import annotations

from bot.geo import Place
from bot.models import Location
from bot.query.similar import closest

EUROPE = frozenset({"FR", "ES", "DE", "IT", "GB", "NL", "AT"})
EMEA = EUROPE | {"AE", "ZA"}


def _city(geoname_id: int, name: str, country: str, region: str, region_code: str) -> Place:
    return Place(
        "city", f"city:{geoname_id}", name, country, region, geoname_id, region_key=f"region:{region_code}"
    )


PLACES: list[Place] = [
    _city(2988507, "Paris", "FR", "Île-de-France", "FR-11"),
    _city(4717560, "Paris", "US", "Texas", "US-TX"),
    _city(2996944, "Lyon", "FR", "Auvergne-Rhône-Alpes", "FR-84"),
    _city(3117735, "Madrid", "ES", "Madrid", "ES-29"),
    _city(3128760, "Barcelona", "ES", "Catalonia", "ES-56"),
    _city(2950159, "Berlin", "DE", "Berlin", "DE-16"),
    _city(2867714, "Munich", "DE", "Bavaria", "DE-02"),
    _city(3173435, "Milan", "IT", "Lombardy", "IT-09"),
    _city(5128581, "New York", "US", "New York", "US-NY"),
    _city(2643743, "London", "GB", "England", "GB-ENG"),
    _city(2759794, "Amsterdam", "NL", "North Holland", "NL-07"),
    Place("region", "region:FR-11", "Île-de-France", "FR", "Île-de-France", region_key="region:FR-11"),
    Place("region", "region:DE-02", "Bavaria", "DE", "Bavaria", region_key="region:DE-02"),
    Place("region", "region:US-TX", "Texas", "US", "Texas", region_key="region:US-TX"),
    Place("country", "country:FR", "France", "FR"),
    Place("country", "country:ES", "Spain", "ES"),
    Place("country", "country:DE", "Germany", "DE"),
    Place("country", "country:IT", "Italy", "IT"),
    Place("country", "country:US", "United States", "US"),
    Place("country", "country:GB", "United Kingdom", "GB"),
    Place("country", "country:NL", "Netherlands", "NL"),
    Place("country", "country:AT", "Austria", "AT"),
    Place("country", "country:GE", "Georgia", "GE"),
    _city(4076598, "Mobile", "US", "Alabama", "US-AL"),
    Place("area", "area:europe", "Europe", countries=EUROPE),
    Place("area", "area:emea", "EMEA", countries=EMEA),
]
ALIASES = {"milano": "milan", "münchen": "munich", "nyc": "new york", "uk": "united kingdom"}
LANGUAGES = {
    "french": "fr", "français": "fr", "francais": "fr", "spanish": "es", "español": "es", "german": "de",
    "deutsch": "de", "italian": "it", "english": "en", "dutch": "nl", "portuguese": "pt", "georgian": "ka",
    "georgia": "ka",  # as lenient as the real table, which reads "Georgia" as Georgian
}  # fmt: skip
NAMES = {
    "fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "en": "English", "nl": "Dutch",
    "pt": "Portuguese", "ka": "Georgian",
}  # fmt: skip
TYPES = {
    "intern": "intern",
    "internship": "intern",
    "stage": "intern",
    "praktikum": "intern",
    "new grad": "full_time",
}


class FakeVocabulary:
    """The Vocabulary protocol over the tables above."""

    def places(self, name: str) -> list[Place]:
        key = ALIASES.get(name.strip().lower(), name.strip().lower())
        return [p for p in PLACES if p.name.lower() == key or (p.kind == "area" and p.key == f"area:{key}")]

    def place_keys(self, location: Location) -> frozenset[str]:
        keys: set[str] = set()
        if location.geoname_id is not None:
            keys.add(f"city:{location.geoname_id}")
            city = next(p for p in PLACES if p.geoname_id == location.geoname_id)
            keys.add(city.region_key or "")
        if location.country:
            keys.add(f"country:{location.country}")
            keys.update(p.key for p in PLACES if p.kind == "area" and location.country in p.countries)
        return frozenset(keys)

    def language(self, name: str) -> str | None:
        word = name.strip().lower()
        if word in NAMES:
            return word
        return LANGUAGES.get(word)

    def language_name(self, code: str) -> str:
        return NAMES.get(code, code)

    def employment(self, word: str) -> str | None:
        return TYPES.get(word.strip().lower())  # type: ignore[return-value]

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        parts = text.lower().split()
        if parts and parts[0] in ("summer", "winter", "spring", "fall"):
            if len(parts) == 1:
                return parts[0], None
            if len(parts) == 2 and parts[1].isdigit():
                return parts[0], int(parts[1])
        return None

    def country(self, code: str) -> Place | None:
        return next((p for p in PLACES if p.kind == "country" and p.country == code.upper()), None)

    def qualifiers(self, code: str) -> list[Place]:
        regions = [p for p in PLACES if p.kind == "region" and p.key.endswith("-" + code.upper())]
        return regions + [p for p in PLACES if p.kind == "country" and p.country == code.upper()]

    def similar_place(self, word: str) -> str | None:
        return closest(word, {p.name.lower(): p.name for p in PLACES}, max_distance=1, substitutions=False)

    def similar_language(self, word: str) -> str | None:
        return closest(word, {name.lower(): name for name in NAMES.values()}, max_distance=1)


def location(name: str) -> Location:
    """A posting Location for a city name in the fake gazetteer."""
    place = FakeVocabulary().places(name)[0]
    return Location(
        city=place.name,
        region=place.region,
        country=place.country,
        geoname_id=place.geoname_id,
        evidence=name,
        basis="location",
    )
