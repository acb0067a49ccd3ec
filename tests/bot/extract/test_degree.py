"""Degree levels, with the abbreviations and the traps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.degree import _HINT, _hints, extract_degree
from bot.models import Posting


def _levels(body: str, title: str = ""):
    facet = extract_degree(Posting(id="t:1", title=title), body)
    return facet.levels if facet else None


@pytest.mark.parametrize(
    ("body", "levels"),
    [
        ("Bachelor's degree or above in a related field.", ("bachelor",)),
        ("BS/MS in Computer Science.", ("bachelor", "master")),
        ("Currently pursuing a Bachelor’s or Master’s degree.", ("bachelor", "master")),
        ("MSc in Statistics.", ("master",)),
        ("A Master's degree in economics.", ("master",)),
        ("MS or PhD in Machine Learning.", ("master", "phd")),
        ("Ph.D. in physics.", ("phd",)),
        ("Étudiant(e) en Bac+5, école d'ingénieurs.", ("master",)),
        ("Licence ou Master en gestion.", ("bachelor", "master")),
        ("Laurea magistrale in Ingegneria.", ("master",)),
        ("Grado en Administración de Empresas.", ("bachelor",)),
        ("Abgeschlossenes Studium (Diplom oder Master).", ("master",)),
        ("BA or BS in Economics.", ("bachelor",)),
        ("MBA preferred.", ("master",)),
        ("Doctorate in chemistry.", ("phd",)),
    ],
)
def test_levels(body, levels):
    assert _levels(body) == levels


@pytest.mark.parametrize(
    "body",
    [
        "You will master the craft of enterprise sales.",
        "Scrum Master certification is a plus.",
        "Strong MS Office and Excel skills.",
        "A valid driving licence.",
        "Master data management experience.",
        "Worked in a phase of rapid growth.",
        "Apply good jobs practices.",
    ],
)
def test_traps(body):
    assert _levels(body) is None


def test_title_first_with_evidence_and_basis():
    facet = extract_degree(Posting(id="t:1", title="Operations Intern - 2026 Start (BS/MS)"), "PhD welcome.")
    assert facet is not None
    assert (facet.levels, facet.evidence, facet.basis) == (("bachelor", "master"), "BS/MS", "title")


_HINT_PARTS = [
    "bachelor", "bac +", "b.sc", "bsc", "bs/", "bs", "b.s.", "ba/", "ba", "b.a.", "b.eng", "beng",
    "master", "máster", "mba", "m.sc", "msc", "ms/", "ms", "m.s.", "m.a.", "m.eng", "meng", "ph.d", "phd",
    "ph d", "doct", "dokt", "dottorato", "diplom", "dphil", "d.phil", "licence", "licens", "laurea", "grado",
    "titulaci", "/ms", "école", "grande", "undergrad", "graph", "a", "x", " ", "\n", ".", "/", "+", "\ud800",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HINT_PARTS), max_size=12).map("".join))
def test_hints_are_the_matches_the_hint_regex_finds(text: str):
    expected = [m.span() for m in _HINT.finditer(text)]
    assert [m.span() for m in _hints(text, shared=False)] == expected
    assert [m.span() for m in _hints(text, shared=True)] == expected  # from the shared body pass


@pytest.mark.parametrize(
    "text",
    [
        "Senior BA, Payments",
        "BA / QA Engineer",
        "Business Analyst (BA) - Remote",
        "Our brand is intelligent, low-BS, authentic",
        "Optimize first-paint times (<100 ms) and error rates",
        "Assist BA and RPA developer in creating documents",
        "Candidates located East of MS, TN, KY, IN and MI",
    ],
)
def test_bare_abbreviations_that_name_no_degree(text):
    assert extract_degree(Posting(id="t:1", title="Engineer", text=text), text) is None


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("BS, MS, or PhD in Physics", ("bachelor", "master", "phd")),
        ("BA or equivalent experience in HCI", ("bachelor",)),
        ("BA/BSc in Marketing", ("bachelor",)),
        ("Research Intern (PhD, MS)", ("master", "phd")),
    ],
)
def test_bare_abbreviations_beside_a_degree(text, levels):
    facet = extract_degree(Posting(id="t:1", title="Engineer", text=text), text)
    assert facet is not None and facet.levels == levels


@pytest.mark.parametrize(
    ("text", "levels"),
    [("PhD/MS required", ("master", "phd")), ("Research Intern (PhD/MS)", ("master", "phd"))],
)
def test_a_degree_after_a_slash_and_a_degree(text, levels):
    facet = extract_degree(Posting(id="t:1", title="Engineer", text=text), text)
    assert facet is not None and facet.levels == levels


@pytest.mark.parametrize("text", ["Apps/MS Office", "QA/BS tooling"])
def test_a_code_after_a_slash_and_no_degree(text):
    assert extract_degree(Posting(id="t:1", title="Engineer", text=text), text) is None
