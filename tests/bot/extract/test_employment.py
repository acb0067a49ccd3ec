"""Employment type: source field, then title, then body, in five languages, with the traps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.employment import (
    _FIELD,
    _FIELD_KEYS,
    _TITLE_RULES,
    _field_labels,
    _from_title,
    employment_term,
    extract_employment,
    intern_in_title,
)
from bot.extract.keyscan import all_starts
from bot.models import Posting, SourceHints


def _posting(title: str = "", vendor: str | None = None) -> Posting:
    return Posting(id="t:1", title=title, hints=SourceHints(employment_type=vendor))


def _kind(title: str = "", body: str = "", vendor: str | None = None) -> str | None:
    facet = extract_employment(_posting(title, vendor), body)
    return facet.value if facet else None


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [
        ("FullTime", "full_time"),
        ("Full-time", "full_time"),
        ("Regular", "full_time"),
        ("permanent", "full_time"),
        ("Intern", "intern"),
        ("Internship", "intern"),
        ("PartTime", "part_time"),
        ("Werkstudent", "part_time"),
        ("Contract", "contract"),
        ("freelance", "contract"),
        ("Temporary", "temporary"),
        ("Apprenticeship", "apprenticeship"),
    ],
)
def test_source_values(vendor, expected):
    facet = extract_employment(_posting("Analyst", vendor), "")
    assert facet is not None and (facet.value, facet.basis, facet.evidence) == (expected, "source", vendor)


def test_title_that_says_intern_beats_a_fulltime_source_value():
    facet = extract_employment(_posting("Software Engineer Intern (Summer 2026)", "FullTime"), "")
    assert facet is not None and (facet.value, facet.basis) == ("intern", "title")


def test_source_wins_over_body():
    assert _kind("Analyst", "This is a 6-month internship.", vendor="Contract") == "contract"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Marketing Intern", "intern"),
        ("Software Engineering Internship - Summer 2026", "intern"),
        ("Internship_AI Engineer", "intern"),
        ("Stagiaire Marketing Digital", "intern"),
        ("Stage - Business Developer (6 mois)", "intern"),
        ("Legal Intern - Stage Droit Social", "intern"),
        ("Praktikum Marketing (m/w/d)", "intern"),
        ("Praktikantin Finance", "intern"),
        ("Praktykant / Stażysta ds. marketingu", "intern"),
        ("Staż w dziale finansów", "intern"),
        ("Praktikanter till vår ekonomiavdelning", "intern"),
        ("服务商运营实习生（市场营销）-抖音电商", "intern"),
        ("ソフトウェアエンジニア インターンシップ", "intern"),
        ("소프트웨어 엔지니어 인턴", "intern"),
        ("Becario/a de Marketing", "intern"),
        ("Prácticas en Finanzas", "intern"),
        ("Tirocinio Risorse Umane", "intern"),
        ("Stagista Ufficio Stampa", "intern"),
        ("Co-op, Mechanical Engineering", "intern"),
        ("Growth Strategy Intern / Working Student (f/m/d)", "intern"),
        ("Software Engineer - Campus (Intern & New Grad)", "intern"),
        ("Werkstudent Data Analytics (m/w/d)", "part_time"),
        ("Working Student - Tax (f/m/d)", "part_time"),
        ("Creative Strategist (Part-Time)", "part_time"),
        ("Kundenberater in Teilzeit", "part_time"),
        ("Alternance - Chargé de communication", "apprenticeship"),
        ("Ausbildung zum Kaufmann (m/w/d)", "apprenticeship"),
        ("Apprentice Electrician", "apprenticeship"),
        ("Senior Recruiter (Contract)", "contract"),
        ("Freelance Dermatologist", "contract"),
        ("Telehealth Physician (1099 - Independent Contractor)", "contract"),
        ("Field Specialist (12-month Contract)", "contract"),
        ("DevOps Engineer (Fixed-term)", "temporary"),
        ("Projektmanager (befristet)", "temporary"),
        ("School Success Manager (Seasonal)", "temporary"),
        ("Temp Clinical Product Lead", "temporary"),
        ("Receptionist (Temp)", "temporary"),
        ("Contract Data Architect", "contract"),
        ("Contract Recruiter", "contract"),
        ("Software Engineer, New Grad", "full_time"),
        ("Graduate Data Analyst", "full_time"),
        ("Backend Engineer (Full-time)", "full_time"),
    ],
)
def test_titles(title, expected):
    assert _kind(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "International Sales Manager",
        "Internal Audit Lead",
        "Intern Program Manager",
        "Internship Coordinator",
        "Account Manager, Growth Stage",
        "Stage Manager, Summer Theatre Festival",
        "Smart Contract Engineer",
        "Contracts Manager",
        "Contract Manager",
        "Contract Review Attorney",
        "Contract Management Specialist",
        "Temp Agency Recruiter",
        "Temperature Controls Technician",
        "Partnerships Lead",
        "Senior Product Designer",
    ],
)
def test_title_traps_say_nothing(title):
    assert _kind(title) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Employment Type:\n\nIntern\n", "intern"),
        ("Job type: Part-time\n", "part_time"),
        ("Type de contrat : Stage\n", "intern"),
        ("Vertragsart: Praktikum\n", "intern"),
        ("Beschäftigungsart: Teilzeit\n", "part_time"),
        ("Beschäftigungsart: Vollzeit\n", "full_time"),
        ("Tipo de jornada: Completa\n", "full_time"),
        ("Tipo de jornada: Parcial\n", "part_time"),
        ("Tipo de jornada: jornada completa\n", "full_time"),
        ("As a project intern, you will run campaigns.", "intern"),
        ("We are looking for talented people to join us for an internship starting soon.", "intern"),
        ("Available for a 3–6 month internship based in Madrid.", "intern"),
        ("Stage de fin d'études de 6 mois à Paris.", "intern"),
        ("Dein Praktikum beginnt im März.", "intern"),
        ("Ofrecemos prácticas remuneradas en Madrid.", "intern"),
        ("Tirocinio curriculare di 6 mesi a Milano.", "intern"),
        ("Poste en alternance à Lyon.", "apprenticeship"),
        ("This is a 12 month fixed term contract.", "temporary"),
        ("This is a 6-month contract role.", "contract"),
        ("This role is part-time, 20 hours a week.", "part_time"),
        ("This is a full-time position.", "full_time"),
        # the same phrases in German, French, Spanish and Italian
        ("Festanstellung in Vollzeit, ab sofort.", "full_time"),
        ("Wir suchen dich in Teilzeit (20 Std.).", "part_time"),
        ("Minijob auf 520 € Basis.", "part_time"),
        ("Poste à temps plein basé à Lyon.", "full_time"),
        ("Poste à temps partiel.", "part_time"),
        ("Contrato indefinido, jornada completa.", "full_time"),
        ("Jornada parcial de 20 horas.", "part_time"),
        ("Contratto a tempo indeterminato.", "full_time"),
    ],
)
def test_body_phrases(body, expected):
    facet = extract_employment(_posting("Analyst"), body)
    assert facet is not None and (facet.value, facet.basis) == (expected, "body")


@pytest.mark.parametrize("body", ["Stelle in Vollzeit oder Teilzeit", "Gern in Teilzeit/Vollzeit"])
def test_either_hours_name_no_type(body):
    assert extract_employment(_posting("Analyst"), body) is None


@pytest.mark.parametrize(
    "body",
    [
        "Previous internship experience is a plus.",
        "You will mentor our interns and review their work.",
        "Interns will report to you.",
        "We run an internship program for our customers' children.",
        "Experience with international teams and internal tooling.",
        "Apply buenas prácticas de ingeniería.",
        "Our startup is at an early stage.",
        "Job Type: Full-time or Part-time available\n",
        "You will draft contracts and review 1099 forms.",
    ],
)
def test_body_traps_say_nothing(body):
    assert _kind("Analyst", body) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("intern", "intern"),
        ("Internship", "intern"),
        ("interns", "intern"),
        ("stage", "intern"),
        ("Praktikum", "intern"),
        ("co-op", "intern"),
        ("new grad", "full_time"),
        ("full-time", "full_time"),
        ("fulltime", "full_time"),
        ("part-time", "part_time"),
        ("Werkstudent", "part_time"),
        ("contract", "contract"),
        ("freelance", "contract"),
        ("temporary", "temporary"),
        ("apprenticeship", "apprenticeship"),
        ("alternance", "apprenticeship"),
        ("Paris", None),
        ("python", None),
        ("consultant", None),
    ],
)
def test_employment_term(word, expected):
    assert employment_term(word) == expected


def test_intern_in_title_gives_the_words():
    assert intern_in_title("Data Science Intern (Summer 2026)") == "Intern"
    assert intern_in_title("International Tax Manager") is None


@pytest.mark.parametrize(
    "vendor", ["Full-Time Intern", "Full-time, Intern", "Full time - Internship", "Regular, Co-op"]
)
def test_a_vendor_value_naming_hours_and_an_internship_is_an_internship(vendor):
    """Full time says how many hours an intern works; the kind of role is the internship."""
    facet = extract_employment(_posting("Data Analyst", vendor), "")
    assert facet is not None and (facet.value, facet.basis) == ("intern", "source")


def test_a_vendor_value_naming_hours_and_a_contract_keeps_the_first():
    assert _kind("Analyst", vendor="Full-time (contract-to-hire possible)") == "full_time"


@pytest.mark.parametrize(
    "title",
    [
        "Pasantía en Finanzas",
        "Pasante de Marketing",
        "Estágio em Engenharia",
        "Estagiária de Recursos Humanos",
        "Stagiair Marketing",
        "2027 Summer Analyst Program",
        "Summer Associate 2027",
        "Industrial Placement - Finance",
        "Placement Year Student - HR",
    ],
)
def test_internships_in_more_languages_and_their_summer_and_placement_names(title):
    assert _kind(title) == "intern"


@pytest.mark.parametrize("title", ["Senior Analyst", "Placement Manager", "Summer Camp Counselor"])
def test_near_misses_of_internship_names_say_nothing(title):
    assert _kind(title) is None


@pytest.mark.parametrize("word", ["pasantía", "estágio", "stagiair"])
def test_query_words_for_internships_in_more_languages(word):
    assert employment_term(word) == "intern"


_FIELD_PARTS = [
    "Employment", "employment", "Job", "type", "Type", "TYPE", "status", "Status", "of contract", "contrat",
    "Contrato", "tipo de ", "tipo di contratto", "jornada", "Commitment", "Vertragsart", "beschäftigungsart",
    "type de poste", ":", " ", "\t", "\n", "x", "ſtatus", "ı", "İ", "-",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FIELD_PARTS), max_size=14).map("".join))
def test_field_labels_are_the_matches_the_label_regex_finds(body: str):
    lowered = body.lower()
    keys_found = all_starts(lowered, _FIELD_KEYS)
    expected = [m.span() for m in _FIELD.finditer(body)] if keys_found else []
    found = [m.span() for m in _field_labels(body, lowered, keys_found)] if keys_found else []
    assert found == expected


def test_a_label_with_a_letter_that_lowers_to_itself_is_found_as_the_regex_finds_it():
    body = "ſtatus: Intern\nContract type"  # the case-blind label reads "ſ" as "s"
    keys_found = all_starts(body.lower(), _FIELD_KEYS)
    found = [m.span() for m in _field_labels(body, body.lower(), keys_found)]
    assert found == [m.span() for m in _FIELD.finditer(body)] == [(0, 6), (15, 28)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "A Freelance Data Architect to join our team on an independent contract basis, 40 hours a week.",
            "contract",
        ),
        ("This is a US-based, remote Temp role that runs for about 6 months.", "temporary"),
        ("We place nurses through a temp agency. This role is full-time.", "full_time"),
    ],
)
def test_contract_and_temp_phrases_in_the_body(body, expected):
    assert _kind("Data Architect", body) == expected


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [
        # a fixed term beats the hours, and an open-ended contract says nothing of them
        ("Full Time Temporary", "temporary"),
        ("Full time, Temporary", "temporary"),
        ("Full-time, Fixed Term", "temporary"),
        ("Permanent Part-Time", "part_time"),
        ("Regular, Part time", "part_time"),
        ("Regular, Full time", "full_time"),
        ("Full-time Permanent", "full_time"),
        ("Permanent", "full_time"),
    ],
)
def test_vendor_values_that_join_a_term_and_the_hours(vendor, expected):
    assert _kind(vendor=vendor) == expected


@pytest.mark.parametrize("vendor", ["Temporary", "Fixed Term", "Part time", "Contract"])
def test_a_title_that_says_intern_beats_any_source_value_but_a_kind_of_role(vendor):
    assert _kind("Summer Intern 2026", vendor=vendor) == "intern"
    assert _kind("Intern Apprentice", vendor="Apprentice") == "apprenticeship"


# --- The title rules run as lower-cased twins: the same type and words as the rules themselves ---

_TITLE_PIECES = st.sampled_from([
    "Intern", "INTERNSHIP", "Co-op", "Stage", "stage manager", "Praktikant", "Werkstudent", "Part-Time",
    "CDD", "Temp", "temp agency", "Contract", "- contract", "Freelancer", "Full time", "Graduate", "Data",
    "Engineer", "(", ")", "/", "-", " ", "_", "İ", "ı", "ſ", "K", "Stażysta", "实习", "Summer Analyst",
])  # fmt: skip


def _title_by_rules(title: str) -> tuple[str, str] | None:
    title = title.replace("_", " ")
    for value, pattern in _TITLE_RULES:
        found = pattern.search(title)
        if found:
            return value, found.group(0).strip(" -–—(|,:")
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(_TITLE_PIECES, max_size=8).map(" ".join))
def test_title_types_are_read_as_the_title_rules_read_them(title: str) -> None:
    found = _from_title.__wrapped__(title)
    assert ((found.value, found.evidence) if found else None) == _title_by_rules(title)
    expected = _TITLE_RULES[0][1].search(title.replace("_", " "))
    assert intern_in_title.__wrapped__(title) == (expected.group(0).strip(" -–—(|,:") if expected else None)


def _body_by_plain_windows(body: str) -> tuple[str, str] | None:
    """The body rules read the slow way: each case-blind rule over every key's window, none skipped."""
    from bot.extract.employment import _BODY_RULES, _EVIDENCE_CHARS, _WINDOW

    lowered = body.lower()
    for value, keys, pattern in _BODY_RULES:
        windows = []
        for key in keys:
            at = lowered.find(key)
            while at != -1:
                windows.append((max(0, at - _WINDOW), min(len(lowered), at + len(key) + _WINDOW)))
                at = lowered.find(key, at + len(key))
        for start, end in sorted(windows):
            if found := pattern.search(body, start, end):
                return value, body[found.start() : found.end()][:_EVIDENCE_CHARS]
    return None


_BODY_PIECES = [
    "Because we grow, ",
    "our international team ",
    "an early-stage startup. ",
    "Beca de investigación. ",
    "The internship starts in May. ",
    "We are looking for an Intern, ",
    "internal tools ",
    "Stage de 6 mois à Paris. ",
    "A 6-month internship. ",
    "x" * 90 + " ",
    "This role is part-time. ",
    "fixed-term contract ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), max_size=14))
def test_body_rules_find_what_every_window_read_in_full_finds(pieces):
    from bot.extract.employment import _from_body
    from bot.extract.keyscan import clear_caches

    body = "".join(pieces)
    clear_caches()
    facet = _from_body(body)
    assert (None if facet is None else (facet.value, facet.evidence)) == _body_by_plain_windows(body)
