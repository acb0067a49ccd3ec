"""Round 14: postings of every source read through its parser and extraction, shaped like real responses."""

import json
from datetime import UTC, datetime

from bot.extract import extract_posting
from bot.sources import ashby, remoteok, simplify
from bot.sources.base import SourceContext


def _simplify_row(title: str, terms: list[str], posted: datetime) -> dict:
    return {
        "company_name": "Northwind",
        "locations": ["San Mateo, CA"],
        "title": title,
        "date_posted": int(posted.timestamp()),
        "terms": terms,
        "active": True,
        "url": "https://careers.northwind.example/jobs/42",
        "is_visible": True,
        "source": "Simplify",
        "company_url": "",
        "date_updated": int(posted.timestamp()),
        "id": "3f1c2a9e-0000-4000-8000-000000000042",
        "sponsorship": "Other",
    }


OCT_2024 = datetime(2024, 10, 2, tzinfo=UTC)


def _start(row: dict):
    ctx = SourceContext("simplify:summer", url="https://github.com/northwind/internships")
    [posting] = simplify.parse(json.dumps([row]).encode(), ctx).postings
    return extract_posting(posting).facets.start


def test_a_term_over_before_the_posting_was_published_is_not_its_start():
    # listed in October 2024 but still tagged with the 2024 terms: the tags are the last cycle's
    start = _start(
        _simplify_row(
            "2025 Intern - Software Engineer",
            ["Spring 2024", "Summer 2024", "Fall 2024"],
            datetime(2024, 10, 16, tzinfo=UTC),
        )
    )
    assert start is None or (start.year, start.season) != (2024, "spring")


def test_a_stale_term_gives_way_to_the_title():
    start = _start(_simplify_row("Software Engineer Intern (Summer 2025)", ["Summer 2024"], OCT_2024))
    assert start is not None
    assert (start.season, start.year, start.basis) == ("summer", 2025, "title")


def test_a_term_still_ahead_of_the_posting_wins_over_the_title():
    start = _start(_simplify_row("Software Engineer Intern", ["Summer 2025"], OCT_2024))
    assert start is not None
    assert (start.season, start.year, start.basis) == ("summer", 2025, "source")


def test_a_term_running_when_posted_is_kept():
    # posted in July for the summer that is under way: late, but the tag may well be right
    start = _start(_simplify_row("Data Science Intern", ["Summer 2024"], datetime(2024, 7, 3, tzinfo=UTC)))
    assert start is not None
    assert (start.season, start.year) == ("summer", 2024)


def _remoteok_job(position: str, tags: list[str], description: str) -> dict:
    return {
        "slug": "northwind-data-analyst-1130001",
        "id": "1130001",
        "epoch": 1767225600,
        "date": "2026-01-01T00:00:00+00:00",
        "company": "Northwind",
        "company_logo": "",
        "position": position,
        "tags": tags,
        "description": description,
        "location": "",
        "apply_url": "https://remoteok.com/remote-jobs/1130001",
        "salary_min": 0,
        "salary_max": 0,
        "logo": "",
        "url": "https://remoteOK.com/remote-jobs/northwind-data-analyst-1130001",
    }


def _employment(job: dict):
    notice = {"last_updated": 1767225600, "legal": "API Terms of Service"}
    ctx = SourceContext("remoteok:remoteok", url="https://remoteok.com/api")
    [posting] = remoteok.parse(json.dumps([notice, job]).encode(), ctx).postings
    facet = extract_posting(posting).facets.employment
    return (facet.value, facet.basis) if facet else None


def test_remoteok_type_tag_names_the_contract():
    job = _remoteok_job(
        "Director Product Management",
        ["director", "growth", "marketing", "full-time"],
        "<p>You will own the roadmap of our billing products.</p>",
    )
    assert _employment(job) == ("full_time", "source")


def test_remoteok_part_time_tag():
    job = _remoteok_job("AI Trainer", ["trainer", "testing", "part-time"], "<p>Review model answers.</p>")
    assert _employment(job) == ("part_time", "source")


def test_remoteok_skill_tags_name_no_contract():
    job = _remoteok_job("Support Agent", ["support", "go", "c"], "<p>Answer tickets from our customers.</p>")
    assert _employment(job) is None


def test_remoteok_tags_naming_two_contracts_say_nothing():
    job = _remoteok_job("Data Analyst", ["analyst", "full-time", "part-time"], "<p>Build dashboards.</p>")
    assert _employment(job) is None


def _ashby_job(title: str, location: str, is_remote: bool, workplace: str | None = None) -> dict:
    job = {
        "id": "6b0f3c1e-8d52-4a63-9a4e-3f0d2c7b1a42",
        "title": title,
        "department": "Finance",
        "team": "Finance",
        "employmentType": "FullTime",
        "location": location,
        "secondaryLocations": [],
        "publishedAt": "2025-10-06T07:40:51.539+00:00",
        "isListed": True,
        "isRemote": is_remote,
        "address": {"postalAddress": {"addressLocality": location, "addressCountry": "Germany"}},
        "jobUrl": "https://jobs.ashbyhq.com/northwind/6b0f3c1e-8d52-4a63-9a4e-3f0d2c7b1a42",
        "applyUrl": "https://jobs.ashbyhq.com/northwind/6b0f3c1e-8d52-4a63-9a4e-3f0d2c7b1a42/application",
        "descriptionHtml": "<p>You will own our monthly close.</p>",
        "descriptionPlain": "You will own our monthly close.",
    }
    if workplace is not None:
        job["workplaceType"] = workplace
    return job


def _workplace(job: dict):
    ctx = SourceContext("ashby:northwind", url="https://jobs.ashbyhq.com/northwind")
    [posting] = ashby.parse(json.dumps({"jobs": [job]}).encode(), ctx).postings
    facet = extract_posting(posting).facets.workplace
    return facet.value if facet else None


def test_a_title_saying_hybrid_is_more_precise_than_is_remote():
    job = _ashby_job("Tax Manager (m/w/d) – Vollzeit / hybrides Arbeitsmodell/ Berlin", "Berlin", True)
    assert _workplace(job) == "hybrid"


def test_a_location_saying_hybrid_is_more_precise_than_is_remote():
    assert _workplace(_ashby_job("Tax Manager", "Berlin (Hybrid)", True)) == "hybrid"


def test_is_remote_alone_is_still_remote():
    assert _workplace(_ashby_job("Tax Manager", "Berlin", True)) == "remote"


def test_a_workplace_type_field_wins_over_the_title():
    job = _ashby_job("Tax Manager – hybrides Arbeitsmodell", "Berlin", True, workplace="Remote")
    assert _workplace(job) == "remote"


def test_hybrid_naming_the_work_in_a_title_leaves_is_remote():
    assert _workplace(_ashby_job("Hybrid Cloud Architect", "Berlin", True)) == "remote"
