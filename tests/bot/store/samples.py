"""Hand-made values for the store tests, shaped like real postings."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import (
    DegreeFacet,
    Destination,
    DurationFacet,
    EmploymentFacet,
    Facets,
    LanguageRequirement,
    Location,
    Posting,
    SourceHints,
    StartFacet,
    TextFacet,
    WorkplaceFacet,
)

FULL_FACETS = Facets(
    locations=(
        Location(
            city="Paris",
            region="Île-de-France",
            country="FR",
            geoname_id=2988507,
            evidence="Paris, France",
            basis="source",
        ),
        Location(country="BE", evidence="or Brussels office", basis="body"),
    ),
    workplace=WorkplaceFacet(
        value="hybrid",
        remote_countries=("FR", "BE"),
        remote_areas=("europe",),
        evidence="hybrid, 3 days in the office",
    ),
    employment=EmploymentFacet(value="intern", evidence="Stage", basis="title"),
    languages=(
        LanguageRequirement(code="fr", required=True, level="native", evidence="Français courant"),
        LanguageRequirement(code="en", required=False, level=None, evidence="English is a plus"),
    ),
    posting_language="fr",
    start=StartFacet(
        date="2026-07", season="summer", year=2026, asap=False, evidence="à partir de juillet 2026"
    ),
    duration=DurationFacet(min_months=4, max_months=6, evidence="4 à 6 mois"),
    degree=DegreeFacet(levels=("bachelor", "master"), evidence="Bac+4/5"),
    job_code=TextFacet(value="R-10442", evidence="Réf. R-10442"),
    team=TextFacet(value="Sales Operations", basis="source"),
    seniority=TextFacet(value="entry", evidence="première expérience", basis="body"),
)


def make_posting(posting_id: str = "ashby:acme:0001", **changes: object) -> Posting:
    """A complete posting of a made-up company; ``changes`` replace fields."""
    base = dict(
        id=posting_id,
        title="Stagiaire Business Developer (F/H)",
        company="Acme Robotics",
        url=f"https://jobs.example.test/acme/{posting_id.rsplit(':', 1)[-1]}",
        source="ashby:acme",
        location_text="Paris, France",
        text="Nous recherchons un(e) stagiaire pour six mois. Français courant exigé ; English is a plus.",
        hints=SourceHints(
            locations=(Location(city="Paris", country="FR", evidence="Paris, France", basis="source"),),
            location_texts=("Brussels, Belgium",),
            employment_type="Intern",
            workplace="Hybrid",
            is_remote=False,
            job_code="R-10442",
            team="Sales",
            department="Go To Market",
        ),
        posted_at=datetime(2026, 2, 27, 15, 4, 5, tzinfo=UTC),
        closes_at=None,
        raw={
            "id": posting_id,
            "title": "Stagiaire Business Developer (F/H)",
            "isRemote": False,
            "address": {"postalAddress": {"addressLocality": "Paris", "addressCountry": "France"}},
        },
        facets=FULL_FACETS,
    )
    base.update(changes)
    return Posting(**base)  # type: ignore[arg-type]


PARIS_CHANNEL = Destination(platform="slack", kind="channel", target="C0PARIS", workspace="T0ACME")
ANNA_DM = Destination(platform="discord", kind="dm", target="4410021", workspace="")
