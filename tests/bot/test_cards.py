from bot.cards import build_card
from bot.matching import Reason
from bot.models import EmploymentFacet, Facets, LanguageRequirement, Location, Posting, StartFacet, TextFacet


def _posting(**facets):
    return Posting(
        id="p1",
        title="Operations Intern",
        company="Clipwave",
        url="https://careers.example.com/1",
        facets=Facets(**facets),
    )


def test_card_shows_the_facets_a_person_needs():
    posting = _posting(
        locations=(Location(city="Paris", country="FR"), Location(country="BE")),
        employment=EmploymentFacet("intern"),
        languages=(LanguageRequirement("fr", required=True), LanguageRequirement("en", required=False)),
        start=StartFacet(season="summer", year=2026),
        job_code=TextFacet("A12345"),
    )
    card = build_card(posting)
    assert card.locations == ("Paris, FR", "BE")
    assert card.employment == "Internship"
    assert card.required_languages == ("French",)
    assert card.preferred_languages == ("English",)
    assert card.start == "Summer 2026"
    assert card.job_code == "A12345"
    assert card.why == ()


def test_why_lists_each_satisfied_term_once_with_the_query():
    reasons = [
        Reason("Paris", "location", "Paris, FR", "Location: Paris", "body"),
        Reason("French", "language", "French required", "fluent French", "body"),
        Reason("Paris", "location", "Paris, FR", "Location: Paris", "body"),
    ]
    card = build_card(_posting(), reasons, "Paris + French")
    assert card.why == ("📍 Paris, FR", "🗣 French required")
    assert card.query == "Paris + French"


def test_start_asap_and_unknowns():
    assert build_card(_posting(start=StartFacet(asap=True))).start == "ASAP"
    card = build_card(Posting(id="p2", title=""))
    assert card.title == "(untitled posting)"
    assert (card.workplace, card.employment, card.start, card.locations) == (None, None, None, ())


def test_start_dates_read_as_people_write_them():
    def start(**fields):
        return build_card(_posting(start=StartFacet(**fields))).start

    assert start(date="2026-09") == "Sep 2026"
    assert start(date="2026-09-01", year=2026) == "1 Sep 2026"
    assert start(season="fall") == "Fall"
    assert start(year=2027) == "2027"
    assert start(date="next spring") == "next spring"  # not an ISO date: shown as the source wrote it


def test_a_card_remembers_when_it_was_made_so_its_dates_read_as_of_then():
    from datetime import UTC, datetime

    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    posting = Posting(id="p3", title="Intern", posted_at=datetime(2026, 2, 27, 18, 0, tzinfo=UTC))
    card = build_card(posting, now=now)
    assert (card.posted, card.as_of) == ("2026-02-27", now)
