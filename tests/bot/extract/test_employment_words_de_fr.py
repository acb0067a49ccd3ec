"""Other-language words for a type in titles: German compounds, Lehrling, and France's "PFE"."""

import pytest

from bot.extract.dates import extract_start
from bot.extract.employment import extract_employment, intern_in_title
from bot.models import Posting, SourceHints


def _kind(title: str, body: str = "") -> str | None:
    facet = extract_employment(Posting(id="t:1", title=title), body)
    return facet.value if facet else None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Praxissemester Software (m/w/d)", "intern"),
        ("Sommerpraktikum Marketing", "intern"),
        ("Auslandspraktikum Vertrieb Spanien", "intern"),
        ("Praktikumsstelle im Controlling", "intern"),
        ("Pflichtpraktikum HR (m/w/d)", "intern"),
        ("Hochschulpraktikant Einkauf", "intern"),
        ("Werkstudent Data Analytics", "part_time"),
        ("Lehrling Elektrotechnik", "apprenticeship"),
        ("Lehrstelle Kauffrau/Kaufmann EFZ", "apprenticeship"),
        ("Lehre als Mechatroniker (m/w/d)", "apprenticeship"),
        ("Ausbildung zum Fachinformatiker", "apprenticeship"),
    ],
)
def test_german_words_and_compounds_name_the_type(title, expected):
    assert _kind(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Praktikumsbetreuer (m/w/d)",  # looks after interns
        "Professur für Forschung und Lehre",  # "Lehre" is teaching here
        "Lehrer Mathematik",
    ],
)
def test_words_about_interns_or_teaching_are_no_type(title):
    assert _kind(title) is None


@pytest.mark.parametrize(
    ("title", "season", "year"),
    [
        ("Sommerpraktikum Marketing", "summer", None),
        ("Frühjahrspraktikum 2027 Vertrieb", "spring", 2027),
        ("Herbstpraktikant (m/w/d)", "fall", None),
    ],
)
def test_a_season_compound_in_a_title_is_its_start(title, season, year):
    facet = extract_start(Posting(id="t:1", title=title), "")
    assert facet is not None and (facet.season, facet.year) == (season, year)


def test_a_compound_without_a_season_names_no_start():
    assert extract_start(Posting(id="t:1", title="Auslandspraktikum Vertrieb"), "") is None


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("PFE Ingénieur logiciel", ""),
        ("Stagiaire PFE (H/F)", ""),
        ("PFE - Data Science en entreprise", ""),
        ("PFE - Data", "Vous rejoindrez notre équipe pour six mois."),
    ],
)
def test_pfe_beside_french_is_an_internship(title, body):
    assert _kind(title, body) == "intern"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("PFE Chemist", "You will analyse PFE and PFAS samples in our lab."),
        ("Equity Analyst - PFE coverage", "Cover PFE and other large-cap pharma names."),
        ("PFE - Data", ""),
        ("PFE Process Engineer - DE", ""),  # a country code, not the French "de"
    ],
)
def test_pfe_without_french_is_some_other_pfe(title, body):
    assert _kind(title, body) is None


def test_seniority_reads_the_french_pfe_as_intern_too():
    assert intern_in_title("PFE Ingénieur logiciel") == "PFE"
    assert intern_in_title("PFE Chemist") is None


def _kind_filed(title: str, body: str, vendor: str) -> str | None:
    facet = extract_employment(
        Posting(id="t:1", title=title, hints=SourceHints(employment_type=vendor)), body
    )
    return facet.value if facet else None


@pytest.mark.parametrize(
    "body",
    [
        "Dans le cadre de votre stage de fin d'études, vous rejoindrez l'équipe Data.",
        "Nous proposons un PFE de 6 mois à partir de février 2027.",
        "Ce stage de fin d’études d'une durée de 6 mois débutera en mars.",
        "Projet de fin d'études (PFE) au sein de notre équipe R&D.\nDurée : 6 mois.",
        "Stage de fin d'études - Ingénieur logiciel\nVous travaillerez sur nos outils internes.",
    ],
)
def test_the_final_year_internship_offered_in_the_text_is_an_internship(body):
    # no type word in the title, and the vendor filed it as FullTime, as many do with internships
    assert _kind("Ingénieur Data Science (H/F)", body) == "intern"
    assert _kind_filed("Ingénieur Data Science (H/F)", body, "FullTime") == "intern"


@pytest.mark.parametrize(
    "body",
    [
        "Vous avez réalisé votre stage de fin d'études dans le conseil.",  # past experience
        "PFE - Pfizer\nWe cover large-cap pharma names.",  # a ticker, in English text
        "You will analyse PFE samples de 6 mois old.",
    ],
)
def test_a_past_or_other_pfe_keeps_the_vendor_type(body):
    assert _kind_filed("Ingénieur Data Science", body, "FullTime") == "full_time"


@pytest.mark.parametrize(
    "title",
    [
        "Lernende/r Kauffrau/Kaufmann EFZ",
        "Lernende:r Informatiker:in EFZ Applikationsentwicklung",
        "Lernender Polymechaniker EFZ",
        "Lernende (w/m/d) Detailhandelsfachfrau",
        "Lehrstelle Logistiker/in EFZ 2027",
    ],
)
def test_swiss_apprentice_words_are_an_apprenticeship(title):
    assert _kind(title) == "apprenticeship"
    assert _kind_filed(title, "", "FullTime") == "apprenticeship"


def test_a_trainer_of_apprentices_is_no_apprentice():
    assert _kind("Berufsbildner/in für Lernende") is None


def test_the_final_year_internship_wins_over_the_hours_the_text_names():
    body = "Poste à temps plein, au sein de l'équipe Data.\nNous proposons un PFE de 6 mois à partir de mars."
    assert _kind("Ingénieur Data Science (H/F)", body) == "intern"
