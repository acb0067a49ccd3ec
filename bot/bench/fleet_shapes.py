"""Generated job-board answers in each vendor's real shape, for the polling benchmark's fleet.

``listing_body(kind, board, jobs)`` renders the answer a board of that kind gives for its jobs;
``malformed_body(kind, variant, good)`` the broken answers real boards send now and then (a body cut off,
an API whose shape changed, an HTML error page served with 200).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from typing import Any

FLEET_KINDS = ("greenhouse", "lever", "ashby", "feed", "workable", "recruitee", "smartrecruiters", "personio")
MALFORMED_VARIANTS = ("truncated", "shape_changed", "html_error_page")
CITIES = (
    ("Paris", "France", "FR", "French"),
    ("Lyon", "France", "FR", "French"),
    ("Berlin", "Germany", "DE", "German"),
    ("Munich", "Germany", "DE", "German"),
    ("Madrid", "Spain", "ES", "Spanish"),
    ("Barcelona", "Spain", "ES", "Spanish"),
    ("Milan", "Italy", "IT", "Italian"),
    ("Amsterdam", "Netherlands", "NL", "Dutch"),
    ("London", "United Kingdom", "GB", "English"),
    ("Dublin", "Ireland", "IE", "English"),
    ("Warsaw", "Poland", "PL", "Polish"),
    ("Lisbon", "Portugal", "PT", "Portuguese"),
    ("Stockholm", "Sweden", "SE", "Swedish"),
    ("New York", "United States", "US", "English"),
    ("Toronto", "Canada", "CA", "English"),
    ("Singapore", "Singapore", "SG", "English"),
)
ROLES = (
    "Data Engineer",
    "Sales Development Representative",
    "Marketing Manager",
    "Product Designer",
    "Backend Engineer",
    "Frontend Developer",
    "Security Analyst",
    "Finance Analyst",
    "Legal Counsel",
    "Customer Success Manager",
    "Operations Specialist",
    "Recruiter",
    "DevOps Engineer",
    "Account Executive",
)
LEVELS = (
    ("Intern", "intern"),
    ("Junior", "full_time"),
    ("", "full_time"),
    ("Senior", "full_time"),
    ("Working Student", "part_time"),
    ("", "contract"),
)
SENTENCES = (
    "You will join a small team that ships to customers every week.",
    "We value clear writing, kind reviews and owning problems end to end.",
    "Our tools run on Python, PostgreSQL and a little Go.",
    "You will work closely with product, design and support.",
    "The role reports to the head of the department.",
    "We offer a learning budget, flexible hours and a yearly team trip.",
    "Most of the team is in the office three days a week.",
    "You will help us grow in new markets over the next year.",
    "Experience with spreadsheets and dashboards is a plus.",
    "We answer every application within two weeks.",
)
BASE_DATE = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Job:
    """One generated job, before it is rendered in a vendor's shape."""

    number: int  # unique on its board
    title: str
    city: str
    country: str
    country_code: str
    employment: str  # intern | full_time | part_time | contract
    remote: bool
    html: str  # the description
    published: datetime

    @property
    def text(self) -> str:
        """The description without its tags."""
        return self.html.replace("<p>", "").replace("</p>", "\n").strip()


def make_job(rng: random.Random, number: int, company: str, *, revision: int = 0) -> Job:
    """A plausible job at ``company``; ``revision`` > 0 rewrites its description (an edited posting)."""
    city, country, code, language = rng.choice(CITIES)
    level, employment = rng.choice(LEVELS)
    title = f"{level} {rng.choice(ROLES)}".strip()
    sentences = rng.sample(SENTENCES, k=rng.randint(3, 6))
    if rng.random() < 0.6:
        sentences.append(f"Fluent {language} and good English are required.")
    if revision:  # an edit every shape shows, even a listing without descriptions (SmartRecruiters)
        title = f"{title} (new team)"
        sentences.append(f"Updated: we now also welcome applications from abroad (revision {revision}).")
    paragraphs = [f"At {company} you will work from our {city} office.", *sentences]
    return Job(
        number=number,
        title=title,
        city=city,
        country=country,
        country_code=code,
        employment=employment,
        remote=rng.random() < 0.15,
        html="".join(f"<p>{escape(s)}</p>" for s in paragraphs),
        published=BASE_DATE + timedelta(hours=number),
    )


def listing_body(kind: str, board: str, company: str, jobs: list[Job]) -> tuple[bytes, str]:
    """The body and content type a ``kind`` board answers with when it lists ``jobs``."""
    render, content_type = _RENDERERS[kind]
    body = render(board, company, jobs)
    return (body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")), content_type


def malformed_body(kind: str, variant: str, good: bytes) -> tuple[bytes, str]:
    """A broken answer of one of the ``MALFORMED_VARIANTS``, served with status 200."""
    xml = kind in ("feed", "personio")
    if variant == "truncated":
        return good[: max(1, len(good) // 2)], "application/xml" if xml else "application/json"
    if variant == "shape_changed":
        if xml:
            return b'<?xml version="1.0"?><html><body>We moved our jobs.</body></html>', "application/xml"
        return json.dumps(
            {"data": {"items": [], "nextCursor": None}, "version": 2}
        ).encode(), "application/json"
    page = b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon.</body></html>"
    return page, "text/html"


def _greenhouse(board: str, company: str, jobs: list[Job]) -> dict[str, Any]:
    return {
        "jobs": [
            {
                "id": 4_000_000 + j.number,
                "internal_job_id": 2_000_000 + j.number,
                "title": j.title,
                "absolute_url": f"https://job-boards.greenhouse.io/{board}/jobs/{4_000_000 + j.number}",
                "updated_at": j.published.isoformat(),
                "requisition_id": f"REQ-{j.number:04d}",
                "company_name": company,
                "location": {"name": f"{j.city}, {j.country}"},
                "metadata": [
                    {
                        "id": 11,
                        "name": "Employment Type",
                        "value": j.employment.replace("_", "-"),
                        "value_type": "single_select",
                    }
                ],
                "content": escape(j.html),  # Greenhouse sends the HTML entity-escaped
                "departments": [{"id": 71, "name": "Engineering", "parent_id": None, "child_ids": []}],
                "offices": [{"id": 81, "name": j.city, "location": f"{j.city}, {j.country}"}],
            }
            for j in jobs
        ],
        "meta": {"total": len(jobs)},
    }


def _lever(board: str, company: str, jobs: list[Job]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"5d7e2a10-8c41-4b7e-9f0a-{j.number:012d}",
            "text": j.title,
            "categories": {
                "location": j.city,
                "commitment": j.employment.replace("_", " ").title(),
                "team": "Platform",
                "allLocations": [j.city],
            },
            "country": j.country_code,
            "description": j.html,
            "descriptionPlain": j.text,
            "hostedUrl": f"https://jobs.lever.co/{board}/5d7e2a10-8c41-4b7e-9f0a-{j.number:012d}",
            "applyUrl": f"https://jobs.lever.co/{board}/5d7e2a10-8c41-4b7e-9f0a-{j.number:012d}/apply",
            "createdAt": int(j.published.timestamp() * 1000),
            "workplaceType": "remote" if j.remote else "onsite",
        }
        for j in jobs
    ]


def _ashby(board: str, company: str, jobs: list[Job]) -> dict[str, Any]:
    kinds = {"intern": "Intern", "full_time": "FullTime", "part_time": "PartTime", "contract": "Contract"}
    return {
        "apiVersion": "1",
        "jobs": [
            {
                "id": f"0c1f6a52-3d1e-4e59-9d7a-{j.number:012d}",
                "title": j.title,
                "department": "Engineering",
                "team": "Platform",
                "employmentType": kinds[j.employment],
                "location": j.city,
                "secondaryLocations": [],
                "publishedAt": j.published.isoformat(),
                "isListed": True,
                "isRemote": j.remote,
                "workplaceType": "Remote" if j.remote else "OnSite",
                "address": {"postalAddress": {"addressLocality": j.city, "addressCountry": j.country}},
                "jobUrl": f"https://jobs.ashbyhq.com/{board}/0c1f6a52-3d1e-4e59-9d7a-{j.number:012d}",
                "descriptionHtml": j.html,
                "descriptionPlain": j.text,
            }
            for j in jobs
        ],
    }


def _feed(board: str, company: str, jobs: list[Job]) -> bytes:
    items = "".join(
        f"<item><title>{escape(j.title)} – {escape(j.city)}</title>"
        f"<link>https://careers.{board}.example/jobs/{j.number}?utm_source=rss</link>"
        f'<guid isPermaLink="false">{board}-job-{j.number}</guid>'
        f"<pubDate>{format_datetime(j.published)}</pubDate>"
        f"<description><![CDATA[{j.html}]]></description></item>"
        for j in jobs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(company)} careers</title><link>https://careers.{board}.example/</link>"
        f"<description>Open roles</description>{items}</channel></rss>"
    ).encode()


def _workable(board: str, company: str, jobs: list[Job]) -> dict[str, Any]:
    kinds = {
        "intern": "Internship",
        "full_time": "Full-time",
        "part_time": "Part-time",
        "contract": "Contract",
    }
    return {
        "name": company,
        "description": f"<p>{escape(company)} builds useful things.</p>",
        "jobs": [
            {
                "title": j.title,
                "shortcode": f"{j.number:010X}",
                "employment_type": kinds[j.employment],
                "telecommuting": j.remote,
                "department": "Engineering",
                "url": f"https://apply.workable.com/j/{j.number:010X}",
                "published_on": j.published.date().isoformat(),
                "country": j.country,
                "city": j.city,
                "state": "",
                "locations": [
                    {
                        "country": j.country,
                        "countryCode": j.country_code,
                        "city": j.city,
                        "region": "",
                        "hidden": False,
                    }
                ],
                "description": j.html,
            }
            for j in jobs
        ],
    }


def _recruitee(board: str, company: str, jobs: list[Job]) -> dict[str, Any]:
    codes = {
        "intern": "internship",
        "full_time": "fulltime_permanent",
        "part_time": "parttime",
        "contract": "contract",
    }
    return {
        "offers": [
            {
                "id": 1_700_000 + j.number,
                "slug": f"job-{j.number}",
                "title": j.title,
                "status": "published",
                "description": j.html,
                "city": j.city,
                "country": j.country,
                "country_code": j.country_code,
                "location": f"{j.city}, {j.country}",
                "remote": j.remote,
                "hybrid": False,
                "on_site": not j.remote,
                "employment_type_code": codes[j.employment],
                "department": "Engineering",
                "company_name": company,
                "careers_url": f"https://{board}.recruitee.com/o/job-{j.number}",
                "published_at": j.published.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "locations": [{"city": j.city, "country": j.country, "country_code": j.country_code}],
            }
            for j in jobs
        ]
    }


def _smartrecruiters(board: str, company: str, jobs: list[Job]) -> dict[str, Any]:
    labels = {
        "intern": "Internship",
        "full_time": "Full-time",
        "part_time": "Part-time",
        "contract": "Contract",
    }
    return {
        "offset": 0,
        "limit": 100,
        "totalFound": len(jobs),
        "content": [
            {
                "id": f"744000{j.number:09d}",
                "name": j.title,
                "refNumber": f"REF{j.number:05d}",
                "company": {"identifier": board, "name": company},
                "releasedDate": j.published.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "location": {
                    "city": j.city,
                    "country": j.country_code.lower(),
                    "remote": j.remote,
                    "fullLocation": f"{j.city}, {j.country}",
                },
                "typeOfEmployment": {"label": labels[j.employment]},
                "ref": f"https://api.smartrecruiters.com/v1/companies/{board}/postings/744000{j.number:09d}",
            }
            for j in jobs
        ],
    }


def _personio(board: str, company: str, jobs: list[Job]) -> bytes:
    kinds = {"intern": "intern", "full_time": "permanent", "part_time": "permanent", "contract": "freelance"}
    positions = "".join(
        f"<position><id>{1_200_000 + j.number}</id><subcompany>{escape(company)}</subcompany>"
        f"<office>{escape(j.city)}</office><department>Engineering</department>"
        f"<name>{escape(j.title)}</name><jobDescriptions><jobDescription><name>Your role</name>"
        f"<value><![CDATA[{j.html}]]></value></jobDescription></jobDescriptions>"
        f"<employmentType>{kinds[j.employment]}</employmentType>"
        f"<schedule>{'part-time' if j.employment == 'part_time' else 'full-time'}</schedule>"
        f"<createdAt>{j.published.isoformat()}</createdAt></position>"
        for j in jobs
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><workzag-jobs>{positions}</workzag-jobs>'.encode()


_RENDERERS: dict[str, tuple[Callable[[str, str, list[Job]], Any], str]] = {
    "greenhouse": (_greenhouse, "application/json"),
    "lever": (_lever, "application/json"),
    "ashby": (_ashby, "application/json"),
    "feed": (_feed, "application/rss+xml"),
    "workable": (_workable, "application/json"),
    "recruitee": (_recruitee, "application/json"),
    "smartrecruiters": (_smartrecruiters, "application/json"),
    "personio": (_personio, "application/xml"),
}
