"""Vendor employment values beyond the plain words: worker kinds, codes, and other languages' words."""

from __future__ import annotations

import pytest

from bot.extract.employment import extract_employment
from bot.models import Posting, SourceHints


def kind(title: str, vendor: str | None = None) -> str | None:
    facet = extract_employment(Posting(id="t:1", title=title, hints=SourceHints(employment_type=vendor)), "")
    return facet and facet.value


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [
        ("Regular Employee", "full_time"),
        ("Contingent Worker", "contract"),
        ("Contingent", "contract"),
        ("fulltime_permanent", "full_time"),
        ("fulltime_fixed_term", "temporary"),
        ("parttime_permanent", "part_time"),
        ("internship", "intern"),
        ("Externship", "intern"),
        ("Practicante", "intern"),
        ("trainee", "apprenticeship"),
        ("Traineeship", "apprenticeship"),
    ],
)
def test_vendor_values(vendor, expected):
    assert kind("Analyst", vendor) == expected


def test_an_intern_type_makes_a_title_without_the_word_an_internship():
    assert kind("Software Engineer, Summer 2026", "Intern") == "intern"


@pytest.mark.parametrize("title", ["Practicante de Marketing", "Legal Externship (Summer)"])
def test_titles_in_other_words_for_intern(title):
    assert kind(title) == "intern"


def test_a_bare_employee_says_nothing():
    assert kind("Analyst", "Employee") is None


def test_a_trainee_title_alone_names_no_type():
    assert kind("Trainee Controller") is None


@pytest.mark.parametrize(
    "title", ["Assistant RH (CDD)", "Chargé de recrutement - CDD 6 mois", "Comptable en CDD", "CDD de 6 mois"]
)
def test_cdd_in_a_title_is_a_fixed_term_contract(title):
    assert kind(title) == "temporary"


@pytest.mark.parametrize("title", ["CDD Risk Analyst", "KYC/CDD Specialist", "Senior CDD Officer"])
def test_cdd_before_a_job_word_is_customer_due_diligence(title):
    assert kind(title) is None


def test_a_vendor_value_cdd_is_still_temporary():
    assert kind("Analyst", "CDD") == "temporary"


@pytest.mark.parametrize(
    ("title", "vendor", "expected"),
    [
        ("Ads Project Manager Apprentice", "Intern", "apprenticeship"),
        ("Apprentice Electrician", "FullTime", "apprenticeship"),
        ("Senior Data Engineer (Freelance)", "FullTime", "contract"),
        ("2D Animator - Freelance", "FullTime", "contract"),
        # a vendor's own kind of role, or a title that names none, stays
        ("Contract Manager", "FullTime", "full_time"),
        ("Engineer (Freelance)", "PartTime", "part_time"),
        ("Software Engineer Intern", "Apprenticeship", "apprenticeship"),
    ],
)
def test_a_title_makes_a_coarse_vendor_value_precise(title, vendor, expected):
    assert kind(title, vendor) == expected


def body_kind(body: str) -> str | None:
    facet = extract_employment(Posting(id="t:1", title="Engineer", text=body), body)
    return facet and facet.value


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("We are looking for a part-time AI Trainer with experience.", "part_time"),
        ("We are looking for a full-time Backend Engineer.", "full_time"),
        (
            "The team is looking for an expert character rigging artist (temporary) familiar with it.",
            "temporary",
        ),
        ("We are hiring for a seasonal associate.", "temporary"),
        # either one: the body does not say
        ("We are looking for a part-time or full-time engineer.", None),
        ("We are looking for a full-time, part-time or contract designer.", None),
    ],
)
def test_whom_the_posting_looks_for_says_the_type(body, expected):
    assert body_kind(body) == expected
