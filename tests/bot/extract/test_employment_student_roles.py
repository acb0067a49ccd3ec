"""Student roles named in other ways: thesis positions, Dutch internships, dual study, work-study, HiWi."""

from __future__ import annotations

import pytest

from bot.extract.employment import extract_employment
from bot.models import Posting, SourceHints


def _kind(title: str, vendor: str | None = None) -> str | None:
    facet = extract_employment(Posting(id="t:1", title=title, hints=SourceHints(employment_type=vendor)), "")
    return facet.value if facet else None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Masterarbeit Data Science (m/w/d)", "intern"),
        ("Abschlussarbeit im Bereich KI", "intern"),
        ("Bachelorarbeit Elektrotechnik", "intern"),
        ("Master Thesis: Battery modelling", "intern"),
        ("Master's Thesis in Robotics", "intern"),
        ("Thesis Student - Machine Learning", "intern"),
        ("Examensarbete - Machine Learning", "intern"),
        ("Afstudeerstage Data Science", "intern"),
        ("Meewerkstage HR", "intern"),
        ("Duales Studium Informatik (B.Sc.)", "apprenticeship"),
        ("Dualer Student Maschinenbau", "apprenticeship"),
        ("Contrat de professionnalisation - Commercial", "apprenticeship"),
        ("Contrat pro - Assistant RH", "apprenticeship"),
        ("Studentische Hilfskraft (m/w/d) IT", "part_time"),
        ("Mini-job Verkauf", "part_time"),
    ],
)
def test_student_roles_are_read_from_the_title(title, expected):
    assert _kind(title) == expected


def test_a_thesis_title_wins_over_a_fulltime_vendor_value():
    assert _kind("Masterarbeit Data Science (m/w/d)", "FullTime") == "intern"


@pytest.mark.parametrize(
    "title",
    [
        "Backstage Manager",  # "stage" inside another English word
        "Multistage Rocket Engineer",
        "Betreuung von Abschlussarbeiten",  # supervises theses
        "Master Thesis Supervisor",
        "Professor for Master Thesis supervision",
    ],
)
def test_words_that_only_contain_or_oversee_a_student_role_are_no_type(title):
    assert _kind(title) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Information Technology Intership", "intern"),
        ("Software Engineering Interships 2025", "intern"),
        ("Interstate Logistics Coordinator", None),
    ],
)
def test_the_common_misspelling_intership_is_an_internship(title, expected):
    assert _kind(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("前端开发工程师-校招", "full_time"),  # campus hire: a graduate's first full-time job
        ("算法工程师（2026届校招）", "full_time"),
        ("应届生-产品经理", "full_time"),
        ("新卒採用 エンジニア", "full_time"),
        ("校招实习-运营", "intern"),  # a campus internship stays an internship
        ("后端开发工程师", None),
    ],
)
def test_a_chinese_or_japanese_graduate_hire_is_full_time(title, expected):
    assert _kind(title) == expected
