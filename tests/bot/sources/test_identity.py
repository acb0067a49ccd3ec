from bot.models import Facets, Location, Posting, SourceHints
from bot.sources.identity import (
    IdentityKey,
    KeyHit,
    SameJob,
    canonical_url,
    find_same_job,
    fuzzy_key,
    identity_keys,
    normalize_company,
    normalize_title,
    requisition_keys,
)


def test_canonical_url_strips_tracking_fragment_case_and_default_port():
    url = "HTTPS://Jobs.Lever.co:443/acme/4c1d-77/?utm_source=linkedin&lever-source=x#apply"
    assert canonical_url(url) == "https://jobs.lever.co/acme/4c1d-77"


def test_canonical_url_joins_host_aliases_schemes_and_apply_pages():
    a = canonical_url("http://job-boards.greenhouse.io/acme/jobs/123?gh_src=abc")
    b = canonical_url("https://boards.greenhouse.io/acme/jobs/123")
    assert a == b == "https://boards.greenhouse.io/acme/jobs/123"
    assert (
        canonical_url("https://jobs.ashbyhq.com/acme/9f1/application") == "https://jobs.ashbyhq.com/acme/9f1"
    )


def test_canonical_url_keeps_meaningful_query_sorted():
    assert (
        canonical_url("https://acme.com/careers?b=2&a=1&utm_medium=x") == "https://acme.com/careers?a=1&b=2"
    )
    assert canonical_url("") == ""


def test_titles_lose_gender_tags_and_companies_their_legal_suffix():
    assert normalize_title("Werkstudent Vertrieb (m/w/d)") == "werkstudent vertrieb"
    assert normalize_title("Stagiaire Marketing H/F") == "stagiaire marketing"
    assert normalize_title("Ingénieure Données – Stage") == "ingenieure donnees stage"
    assert normalize_company("Acme GmbH") == normalize_company("ACME") == "acme"


def _posting(**kw):
    base = {
        "id": "greenhouse:acme:1",
        "title": "Marketing Intern (f/m/x)",
        "company": "Acme SAS",
        "source": "greenhouse:acme",
        "url": "https://boards.greenhouse.io/acme/jobs/1",
        "location_text": "Paris, France",
    }
    return Posting(**(base | kw))


def test_fuzzy_key_needs_company_title_and_place():
    key = fuzzy_key(_posting())
    assert key == IdentityKey("fuzzy", "acme|marketing intern|paris")
    assert fuzzy_key(_posting(company="")) is None
    assert fuzzy_key(_posting(location_text="")) is None


def test_fuzzy_key_prefers_the_resolved_city():
    posting = _posting(
        location_text="Île-de-France office", facets=Facets(locations=(Location(city="Paris", country="FR"),))
    )
    assert fuzzy_key(posting).value == "acme|marketing intern|paris"


def test_requisition_keys_are_scoped_by_company():
    posting = _posting(hints=SourceHints(job_code="R-10442"))
    assert requisition_keys(posting) == (IdentityKey("req", "acme|r10442"),)
    assert requisition_keys(_posting(company="", hints=SourceHints(job_code="R-10442"))) == ()


def test_identity_keys_strongest_first_and_digests_are_short():
    keys = identity_keys(_posting(hints=SourceHints(job_code="R-10442")))
    assert [k.kind for k in keys] == ["req", "url", "url", "fuzzy"]
    assert all(len(k.digest) <= 50 for k in keys)
    assert IdentityKey("greenhouse-job|1" and "url", "greenhouse-job|1") in keys


class FakeIndex:
    def __init__(self, stored):
        self.stored = stored  # posting -> its keys

    def postings_with_keys(self, digests):
        wanted = set(digests)
        return [
            KeyHit(k.digest, p.id, p.source)
            for p in self.stored
            for k in identity_keys(p)
            if k.digest in wanted
        ]


def test_same_job_on_an_aggregator_is_found_by_url():
    board = _posting()
    aggregator = _posting(
        id="simplify:list:77",
        source="simplify:list",
        company="Acme",
        title="Marketing Intern",
        location_text="Remote",
        url="https://boards.greenhouse.io/acme/jobs/1?utm_source=simplify",
    )
    assert find_same_job(aggregator, FakeIndex([board])) == SameJob(board.id, "url")


def test_a_translation_is_found_by_requisition_id():
    english = _posting(hints=SourceHints(job_code="R-10442"))
    french = _posting(
        id="lever:acme:fr1",
        source="lever:acme",
        title="Stagiaire Marketing",
        url="https://jobs.lever.co/acme/fr1",
        hints=SourceHints(job_code="r10442"),
    )
    assert find_same_job(french, FakeIndex([english])) == SameJob(english.id, "req")


def test_fuzzy_match_across_sources_but_never_within_one():
    board = _posting()
    community = _posting(
        id="simplify:list:9",
        source="simplify:list",
        url="https://acme.com/apply/9",
        title="Marketing Intern",
        company="ACME",
    )
    assert find_same_job(community, FakeIndex([board])) == SameJob(board.id, "fuzzy")
    second_opening = _posting(id="greenhouse:acme:2", url="https://boards.greenhouse.io/acme/jobs/2")
    assert find_same_job(second_opening, FakeIndex([board])) is None


def test_a_different_city_is_a_different_job():
    board = _posting()
    other = _posting(id="simplify:list:10", source="simplify:list", url="", location_text="Lyon, France")
    assert find_same_job(other, FakeIndex([board])) is None
