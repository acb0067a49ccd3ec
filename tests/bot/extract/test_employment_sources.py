"""A source's structured employment field wins over the title and the text, whatever the source."""

import json

import pytest

from bot.extract.employment import extract_employment
from bot.extract.text import to_plain
from bot.sources import greenhouse, lever, smartrecruiters, workday
from bot.sources.base import SourceContext

BODY = "<p>You will join our analytics team and work with large data sets.</p>"


def _kind(module, payload: dict | list, url: str) -> str | None:
    [posting] = module.parse(json.dumps(payload).encode(), SourceContext("s", url=url)).postings
    facet = extract_employment(posting, to_plain(posting.text))
    return facet.value if facet else None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("Employment Type", "Intern", "intern"),
        ("Employee Type", "Intern", "intern"),
        ("Worker Sub-Type", "Internship", "intern"),
        ("Worker Type", "Contractor", "contract"),
        ("Time Type", ["Part time"], "part_time"),
    ],
)
def test_greenhouse_metadata_names_the_type(name, value, expected):
    job = {
        "id": 7,
        "title": "Data Analyst, Summer 2026",
        "absolute_url": "https://boards.greenhouse.io/northwind/jobs/7",
        "location": {"name": "Austin, TX"},
        "metadata": [
            {"id": 1, "name": "Cost Centre", "value": ["Analytics - 1200"], "value_type": "multi_select"},
            {"id": 2, "name": name, "value": value, "value_type": "single_select"},
        ],
        "content": BODY,
    }
    assert _kind(greenhouse, {"jobs": [job]}, "https://boards.greenhouse.io/northwind") == expected


def test_lever_commitment_makes_an_untitled_internship_an_intern():
    posting = {
        "id": "5c1a",
        "text": "Software Engineer (Summer 2026)",
        "categories": {"location": "Toronto", "commitment": "Intern", "team": "Platform"},
        "descriptionPlain": "Build the platform with us.",
        "hostedUrl": "https://jobs.lever.co/northwind/5c1a",
    }
    assert _kind(lever, [posting], "https://jobs.lever.co/northwind") == "intern"


@pytest.mark.parametrize(
    ("employment", "level", "expected"),
    [("Full-time", "Internship", "intern"), ("Full-time", "Entry Level", "full_time"), (None, None, None)],
)
def test_smartrecruiters_type_of_employment_and_experience_level(employment, level, expected):
    record = {
        "id": "744000099",
        "name": "Business Analyst",
        "location": {"city": "Lyon", "country": "fr"},
        "typeOfEmployment": {"label": employment} if employment else None,
        "experienceLevel": {"id": "x", "label": level} if level else None,
    }
    payload = {"offset": 0, "limit": 10, "totalFound": 1, "content": [record]}
    assert _kind(smartrecruiters, payload, "https://careers.smartrecruiters.com/Maisonvert") == expected


def test_workday_time_type_names_the_type():
    info = {
        "title": "Warehouse Associate",
        "jobReqId": "R123",
        "externalUrl": "https://acme.wd5.myworkdayjobs.com/en-US/ext/job/Reno-NV/Warehouse-Associate_R123",
        "location": "Reno, NV",
        "timeType": "Part time",
        "jobDescription": BODY,
    }
    url = "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/ext/job/Reno-NV/Warehouse-Associate_R123"
    assert _kind(workday, {"jobPostingInfo": info}, url) == "part_time"
