"""Queries as people type them, round 6: separators, other languages' job words, and named groups.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import json

import pytest

from bot.matching import SubscriptionIndex, match_query
from bot.query import QueryError, corrected, explain, parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored
from tests.bot.query_helpers import posted, term_kinds

# ---- a spaced dash copied from a title separates, and says how to exclude instead


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Backend Engineer - Go - Berlin", ["job_title", "title", "place"]),
        ("Data Scientist - Python - London", ["job_title", "keyword", "place"]),
        ("Paris - sales", ["place", "keyword"]),
        ('Berlin - "data engineer"', ["place", "keyword"]),
        ("Rust – Remote", ["keyword", "workplace"]),
    ],
)
def test_a_spaced_dash_between_terms_joins_them(text, kinds):
    query = parse(text)
    assert [kind for _, (kind, *_) in term_kinds(query)] == kinds
    assert not any(clause.negated for clause in query.clauses)


def test_a_spaced_dash_before_words_says_how_to_exclude_them():
    reading = explain(parse("Backend Engineer - Go - Berlin"))
    assert "read as a separator (AND)" in reading
    assert "write -Go" in reading
    assert "write -Berlin" not in reading  # a place after a dash is no word anyone excludes that way


def test_an_attached_dash_still_excludes():
    assert term_kinds(parse("Berlin -sales")) == [(False, ["place"]), (True, ["keyword"])]
    assert term_kinds(parse("Backend Engineer - Rust -PHP")) == [
        (False, ["job_title"]),
        (False, ["keyword"]),
        (True, ["keyword"]),
    ]


def test_a_spaced_dash_separating_nothing_is_still_an_error():
    for text in ("Paris - -sales", "Paris -", "- Paris"):
        with pytest.raises(QueryError, match="directly followed"):
            parse(text)


def test_a_title_with_dashes_matches_the_posting_it_was_copied_from():
    post = posted("Backend Engineer (Go)", "You will write Go services in our Berlin office.")
    assert match_query(parse("Backend Engineer - Go"), post) is not None


# ---- another language's word typed with an accent but a letter left out is suggested, as written there


@pytest.mark.parametrize(
    ("text", "suggested", "kind"),
    [("stágio", "estágio", "employment"), ("stagiário", "estagiário", "employment"),
     ("télétravial", "télétravail", "workplace")],
)  # fmt: skip
def test_an_accented_word_one_typo_from_a_known_word_is_suggested_with_its_accents(text, suggested, kind):
    (clause,) = parse(text).clauses
    assert clause.terms[0].suggestion == suggested
    assert f"did you mean {suggested}?" in explain(parse(text))
    assert parse(corrected(parse(text)) or "").clauses[0].terms[0].kind == kind


def test_an_unaccented_word_still_needs_its_first_letter_to_count_as_a_typo():
    assert parse("Sales").clauses[0].terms[0].suggestion == ""  # not "Wales" or "Salem"
    assert parse("tagiaire").clauses[0].terms[0].suggestion == ""


# ---- German compound job words match the ways German titles write them


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Softwareentwickler", "Softwareentwickler (m/w/d)"),
        ("Softwareentwickler", "Software-Entwickler (m/w/d)"),
        ("Softwareentwickler", "Softwareentwicklerin Backend"),
        ("Softwareentwickler", "Senior Software Entwickler*in Java"),
        ("Software Entwickler", "Softwareentwickler (m/w/d)"),
        ("Software-Entwickler", "SoftwareentwicklerIn"),
        ("Datenanalyst", "Daten-Analyst (w/m/d)"),
        ("Datenanalystin", "Datenanalyst*in"),
        ("Werkstudent Softwareentwicklung", "Werkstudent (m/w/d) Software-Entwicklung"),
        ("Projektmanager Berlin", "Projektmanagerin (m/w/d) Berlin"),
    ],
)
def test_a_german_compound_job_word_matches_its_spellings(query, title):
    text = "Wir suchen dich in Berlin. Werkstudent, 20 Stunden pro Woche."
    assert match_query(parse(query), posted(title, text)) is not None


def test_a_german_compound_does_not_match_a_different_job():
    assert match_query(parse("Softwareentwickler"), posted("Software Engineer", "Build things.")) is None
    assert match_query(parse("Datenanalyst"), posted("Data Engineer", "Daten und Pipelines.")) is None


def test_the_reading_names_each_spelling_searched():
    reading = explain(parse("Softwareentwickler"))
    for form in ("'softwareentwickler'", "'software entwickler'", "'softwareentwicklerin'"):
        assert form in reading


def test_an_english_title_typed_apart_is_not_given_german_spellings():
    assert "dataanalyst" not in explain(parse("Data Analyst"))
    assert "managerin" not in explain(parse("Product Manager"))


# ---- German thesis positions


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Masterarbeit", "Masterarbeit: Reinforcement Learning für Robotik"),
        ("Masterarbeit", "Abschlussarbeit (Bachelor/Master) im Bereich KI"),
        ("Masterarbeit", "Master Thesis - Battery Modelling"),
        ("Abschlussarbeit", "Masterarbeit im Bereich Data Science"),
        ("Abschlussarbeit", "Bachelorarbeit Elektrotechnik"),
        ("Bachelorarbeit", "Bachelor-Arbeit Fahrzeugtechnik"),
    ],
)
def test_a_thesis_word_matches_thesis_positions_however_named(query, title):
    assert match_query(parse(query), posted(title, "Wir freuen uns auf dich.")) is not None


def test_a_master_thesis_is_not_a_bachelor_only_thesis():
    assert match_query(parse("Masterarbeit"), posted("Bachelorarbeit Maschinenbau")) is None


# ---- a name for a group of companies is its companies; a programme's name is the programme


@pytest.mark.parametrize("text", ["Big 4", "big four", "Big-4", "BIG4"])
def test_the_big_four_is_its_firms(text):
    (clause,) = parse(text).clauses
    assert {term.kind for term in clause.terms} == {"company"}
    assert {term.label for term in clause.terms} >= {"Deloitte", "PwC", "EY", "KPMG"}
    assert f'keyword:"{text}"' in explain(parse(text))  # and how to ask for the words instead


def test_a_company_group_matches_its_firms_postings_not_postings_naming_it():
    query = parse("Big 4 audit intern")
    at_firm = posted("Audit Intern", "Join our audit practice.", company="KPMG")
    mentions = posted("Audit Intern", "Ideal candidates come from a Big 4 audit firm.", company="Acme")
    assert match_query(query, at_firm) is not None
    assert match_query(query, mentions) is None


@pytest.mark.parametrize(("text", "company"), [("MBB", "Boston Consulting Group"), ("FAANG", "Netflix")])
def test_other_company_groups_name_their_firms(text, company):
    assert company in [term.label for term in parse(text).clauses[0].terms]


def test_a_quoted_keyword_field_still_searches_the_words():
    assert term_kinds(parse('keyword:"Big 4"')) == [(False, ["keyword"])]


@pytest.mark.parametrize("text", ["VIE", "V.I.E.", "vie"])
def test_vie_is_the_french_programme_in_the_title_or_named_in_the_text(text):
    query = parse(text)
    assert term_kinds(query) == [(False, ["title", "keyword", "keyword"])]
    assert "volontariat international" in explain(query)


@pytest.mark.parametrize(
    ("title", "text", "want"),
    [
        ("VIE - Business Analyst (F/H)", "Mission de 12 mois à Singapour.", True),
        ("Business Analyst", "Ce poste est un Volontariat International en Entreprise (V.I.E).", True),
        ("Business Analyst", "Une bonne qualité de vie au travail.", False),
    ],
)
def test_vie_matches_vie_postings_not_the_french_word(title, text, want):
    assert (match_query(parse("VIE"), posted(title, text)) is not None) is want


# ---- a title's gender marker, pasted with it, is left out and said


@pytest.mark.parametrize(
    ("text", "marker"),
    [("Product Owner (m/w/d) Hamburg", "m/w/d"), ("Chef de projet (H/F) Paris", "H/F"),
     ("Data Engineer m/w/d", "m/w/d"), ("Java Developer (gn)", "gn"), ("Backend Engineer (f/m/x)", "f/m/x")],
)  # fmt: skip
def test_a_gender_marker_is_left_out_and_said(text, marker):
    query = parse(text)
    assert all(term.kind != "keyword" or "m w" not in term.value for c in query.clauses for term in c.terms)
    assert f"left out '{marker}'" in explain(query)


def test_a_gender_marker_does_not_narrow_matching():
    post = posted("Product Owner (w/m/x)", "Du arbeitest in Hamburg.")
    assert match_query(parse("Product Owner (m/w/d)"), post) is not None


def test_all_genders_is_left_out_only_set_aside():
    assert "left out 'all', 'genders'" in explain(parse("Data Analyst (all genders) Berlin"))
    assert term_kinds(parse("gender studies")) == [(False, ["keyword"]), (False, ["keyword"])]


# ---- two technologies around a slash are either, not a phrase


@pytest.mark.parametrize(
    ("text", "values"),
    [("Python/Django", [" python ", " django "]), ("(React/Node)", [" react ", " node "]),
     ("C++/Rust", [" c++ ", " rust "]), ("Rust/C++", [" rust ", " c++ "]), ("C++/C#", [" c++ ", " c# "])],
)  # fmt: skip
def test_a_slash_between_technologies_is_or(text, values):
    (clause,) = parse(text).clauses
    assert [term.value for term in clause.terms] == values


@pytest.mark.parametrize("text", ["CI/CD", "TCP/IP", "AI/ML engineer"])
def test_a_slashed_name_stays_one(text):
    assert len(parse(text).clauses[0].terms) == 1


def test_a_posting_using_one_of_two_slashed_technologies_matches():
    post = posted("Backend Engineer", "We build our services in Django.")
    assert match_query(parse("Backend (Python/Django)"), post) is not None


# ---- short forms that are common words once folded ("IT", "Go") are not the word "it" or "go"


@pytest.mark.parametrize(
    ("text", "named"), [("IT support", "information technology"), ("Go developer", "golang")]
)
def test_a_short_form_that_is_a_common_word_is_searched_in_the_title_or_by_its_name(text, named):
    query = parse(text)
    (first, *_) = query.clauses
    assert [term.kind for term in first.terms] == ["title", "keyword"]
    assert first.terms[1].label == named
    assert "is in most postings" in explain(query)


@pytest.mark.parametrize(
    ("query", "title", "text", "want"),
    [
        ("IT support", "IT Support Specialist", "Help our staff.", True),
        ("IT support", "Support Engineer", "Information technology support for our offices.", True),
        ("IT support", "Customer Support Agent", "Make it happen, and support our customers.", False),
        ("Go developer", "Backend Developer (Go)", "Our stack.", True),
        ("Go developer", "Backend Developer", "We write Golang microservices.", True),
        ("Go developer", "Frontend Developer", "Go above and beyond with React.", False),
    ],
)
def test_a_common_word_short_form_matches_what_it_stands_for(query, title, text, want):
    assert (match_query(parse(query), posted(title, text)) is not None) is want


# lower-case "it" alone was here too; round 14 reads it as the field, as the pronoun filters nothing
@pytest.mark.parametrize("text", ["keyword:IT", '"IT"', "keyword:go", '"go"'])
def test_a_common_word_asked_for_as_written_stays_the_word(text):
    assert term_kinds(parse(text)) == [(False, ["keyword"])]


def test_it_before_a_job_noun_stays_in_the_title():
    assert term_kinds(parse("IT manager")) == [(False, ["job_title"])]


def test_the_index_misses_no_match_of_the_words_this_round_asks_for():
    index = SubscriptionIndex()
    queries = ["IT support", "Go developer", "VIE", "Softwareentwickler", "Big 4", "Python/Django"]
    for number, text in enumerate(queries):
        index.add(number, parse(text))
    cases = [("IT Support Analyst", "Acme"), ("Golang Developer", "Acme"), ("VIE - Finance", "Acme"),
             ("Software-Entwicklerin", "Acme"), ("Audit Associate", "KPMG"),
             ("Django Engineer", "Acme")]  # fmt: skip
    for number, (title, company) in enumerate(cases):
        post = posted(title, "Start: June 2026.", company=company)
        found = sorted(sub for sub, _ in index.match(post))
        assert found == sorted(sub for sub, _ in index.scan(post))
        assert number in found


# ---- a typo in a word of a job title, a field or a technology is suggested


@pytest.mark.parametrize(
    ("text", "suggested"),
    [("sofware engineer intern", "software engineer intern"),
     ("machine lerning Paris", "machine learning Paris"), ("pyhton developer", "python developer"),
     ("Sneior Developer", "Senior Developer"),
     ("perfomance marketing", "performance marketing")],
)  # fmt: skip
def test_a_typo_in_a_job_word_is_suggested(text, suggested):
    query = parse(text)
    assert "did you mean" in explain(query)
    assert corrected(query) == suggested


@pytest.mark.parametrize(
    "text",
    ["Node.js developer", "chef de projet", "trade analyst", "advisory associate", "operation manager",
     "experienced engineer", "sales engineer", "developers"],
)  # fmt: skip
def test_a_word_of_its_own_near_a_job_word_is_not_called_a_typo(text):
    assert "did you mean" not in explain(parse(text))


def test_a_corrected_title_is_read_as_the_title():
    assert term_kinds(parse(corrected(parse("sofware engineer")) or "")) == [(False, ["job_title"])]


# ---- jobs and programmes of several words, each of which alone means something else


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("scrum master Berlin", " scrum master "), ("Spring Week 2026", " spring week "),
     ("duales Studium Informatik", " duales studium ")],
)  # fmt: skip
def test_a_job_or_programme_of_several_words_is_one_phrase(text, phrase):
    first = parse(text).clauses[0]
    assert first.terms[0].kind == "keyword" and first.terms[0].value == phrase


def test_a_dual_study_programme_matches_the_words_its_postings_use():
    post = posted("Dualer Student Wirtschaftsinformatik (m/w/d)", "Dein Studium an der DHBW.")
    assert match_query(parse("duales Studium"), post) is not None


# ---- alternatives in parentheses read as without them; AND or NOT inside is still refused


@pytest.mark.parametrize(
    ("text", "want"),
    [("data engineer (remote, EU)", [["job_title"], ["workplace"], ["place"]]),
     ("software engineer (Paris, Lyon)", [["job_title"], ["place", "place"]]),
     ("Berlin (remote or hybrid)", [["place"], ["workplace", "workplace"]]),
     ("(Paris, Lyon) + French", [["place", "place"], ["language"]]),
     ("intern (Paris | Lyon)", [["employment"], ["place", "place"]])],
)  # fmt: skip
def test_alternatives_in_parentheses_are_read_as_written_without_them(text, want):
    assert [kinds for _, kinds in term_kinds(parse(text))] == want


def test_and_or_not_in_parentheses_is_still_refused():
    for text in ("(Paris + French), Lyon", "(Paris -sales)", "(Paris and French)"):
        with pytest.raises(QueryError, match="do not group"):
            parse(text)


# ---- single quotes quote a phrase; an apostrophe stays part of its word


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("'product manager' London", " product manager "), ("‘data scientist’ Paris", " data scientist "),
     ("summer '26 'data analyst'", " data analyst ")],
)  # fmt: skip
def test_single_quotes_quote_a_phrase(text, phrase):
    values = [term.value for clause in parse(text).clauses for term in clause.terms]
    assert phrase in values


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("master's degree", ["degree"]), ("summer '26 intern", ["start", "employment"]),
     ("stage de fin d'études", ["employment"]), ("Côte d'Ivoire", ["place"])],
)  # fmt: skip
def test_an_apostrophe_is_no_quote(text, kinds):
    assert [kind for _, (kind, *_) in term_kinds(parse(text))] == kinds


# ---- other languages' words for a beginner are the entry level


@pytest.mark.parametrize(
    "text", ["Berufseinsteiger", "débutant", "Absolvent", "jeune diplômé", "neolaureato"]
)
def test_a_beginner_word_in_another_language_is_the_entry_level(text):
    assert parse(text).clauses[0].terms[0].value == "level:entry"


@pytest.mark.parametrize(
    ("query", "title"),
    [("Berufseinsteiger", "Berufseinsteiger (m/w/d) Vertrieb"),
     ("Absolvent", "Absolvent (m/w/d) Controlling"), ("Absolvent", "Junior Controller"),
     ("jeune diplômé", "Jeune diplômé - Analyste financier")],
)  # fmt: skip
def test_a_beginner_word_matches_beginners_postings(query, title):
    assert match_query(parse(query), posted(title, "Wir freuen uns.")) is not None


# ---- seasons listed before one year share it


@pytest.mark.parametrize(
    ("text", "values"),
    [("summer/fall 2026", ["start:summer-2026", "start:fall-2026"]),
     ("spring, summer 2027", ["start:spring-2027", "start:summer-2027"]),
     ("summer or fall 2026", ["start:summer-2026", "start:fall-2026"])],
)  # fmt: skip
def test_seasons_listed_before_a_year_share_it(text, values):
    query = parse(text)
    assert [term.value for term in query.clauses[0].terms] == values
    assert "read with the year" in explain(query)


def test_a_season_alone_keeps_no_year():
    assert [term.value for term in parse("summer, fall").clauses[0].terms] == ["season:summer", "season:fall"]


# ---- a language before a teaching job is its subject; words that make one thing are one phrase


@pytest.mark.parametrize("text", ["English teacher Seoul", "German tutor", "Spanish instructor"])
def test_a_language_before_a_teaching_job_is_the_jobs_subject(text):
    query = parse(text)
    assert query.clauses[0].terms[0].kind == "job_title"
    assert "write lang:" in explain(query)


def test_an_english_teacher_query_does_not_match_any_teacher_in_english():
    query = parse("English teacher")
    assert match_query(query, posted("ESL Teacher - English", "Teach English to children.")) is not None
    assert match_query(query, posted("Math Teacher", "Teach algebra. Fluent English required.")) is None


@pytest.mark.parametrize("text", ["fluent English teacher", "Spanish translator", "French + teacher"])
def test_a_language_asked_for_or_worked_in_stays_the_language(text):
    assert any(c.terms[0].kind == "language" for c in parse(text).clauses)


@pytest.mark.parametrize(
    ("text", "phrase"), [("data entry", " data entry "), ("call center German", " call center "),
                         ("help desk Dublin", " help desk ")]
)  # fmt: skip
def test_a_job_named_in_two_words_is_one_phrase(text, phrase):
    assert parse(text).clauses[0].terms[0].value == phrase


@pytest.mark.parametrize(("text", "value"), [("DACH region", "area:dach"), ("Nordics area", "area:nordics")])
def test_an_area_named_with_region_or_area_is_the_area(text, value):
    assert [term.value for term in parse(text).clauses[0].terms] == [value]


# ---- company names holding a place or an "&" are one name; common words typed lower-case are no towns


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("JP Morgan summer analyst", " jp morgan "), ("Morgan Stanley London", " morgan stanley "),
     ("Wells Fargo", " wells fargo "), ("Ernst & Young audit", " ernst young "),
     ("Bain & Company", " bain company "), ("Credit Suisse Zurich", " credit suisse ")],
)  # fmt: skip
def test_a_company_name_holding_a_place_or_an_ampersand_is_one_name(text, phrase):
    query = parse(text)
    assert query.clauses[0].terms[0].value == phrase
    assert not any(t.kind == "place" and t.text in text.split()[:2] for c in query.clauses for t in c.terms)


def test_a_name_written_with_initials_matches_them_joined():
    assert match_query(parse("JP Morgan"), posted("Analyst", "JPMorgan Chase is hiring.")) is not None


def test_an_ampersand_between_other_words_still_joins():
    assert term_kinds(parse("Paris & Lyon")) == [(False, ["place"]), (False, ["place"])]


@pytest.mark.parametrize("text", ["start date flexible", "mission driven", "time", "mentor", "young"])
def test_a_common_word_typed_lower_case_is_a_keyword_naming_the_town(text):
    first = parse(text).clauses[0].terms[0]
    assert first.kind == "keyword"
    assert any("for the place" in other for other in first.also)


def test_the_town_capitalised_is_still_the_town():
    assert parse("Mission").clauses[0].terms[0].kind == "place"


# ---- who may apply, graduation years, other languages' months, types and small words


@pytest.mark.parametrize(
    "text", ["US citizens only", "security clearance", "TS/SCI", "green card holders", "class of 2026"]
)
def test_who_may_apply_and_graduation_years_are_searched_as_words_and_said(text):
    query = parse(text)
    assert term_kinds(query)[0] == (False, ["keyword"])
    assert "is searched as words in the text: I do not read" in explain(query)
    assert not any(term.kind == "place" for clause in query.clauses for term in clause.terms)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Praktikum ab März 2027", "start:spring-2027"), ("Praktikum ab März", "season:spring"),
     ("stage septembre 2026", "start:fall-2026"), ("prácticas septiembre", "season:fall"),
     ("stage juin", "season:summer")],
)  # fmt: skip
def test_a_month_in_another_language_is_a_start(text, value):
    values = [term.value for clause in parse(text).clauses for term in clause.terms]
    assert value in values and not any(v.startswith(" ") for v in values)


@pytest.mark.parametrize(
    ("text", "value"),
    [("contrat pro", "type:apprenticeship"), ("mi-temps", "type:part_time"), ("beca Madrid", "type:intern")],
)
def test_other_languages_words_for_a_type_are_the_type(text, value):
    assert parse(text).clauses[0].terms[0].value == value
    assert "did you mean" not in explain(parse(text))


# ---- names written with a dot, a hyphen or a slash are searched as postings also write them


@pytest.mark.parametrize(
    ("query", "title", "text"),
    [("React.js", "Frontend Engineer", "We use React and TypeScript."),
     ("React.js", "ReactJS Developer", "Join us."),
     ("e-commerce", "Ecommerce Manager", "Grow our shop."),
     ("AI/ML intern", "Machine Learning Intern", "Train models."),
     ("ML/AI", "AI Researcher", "Research."),
     ("Swift/SwiftUI", "iOS Engineer", "Build screens in SwiftUI."),
     ("Gen AI", "GenAI Engineer", "Build agents."),
     ("non-profit", "Nonprofit Program Manager", "Help people.")],
)  # fmt: skip
def test_a_name_matches_the_other_ways_postings_write_it(query, title, text):
    assert match_query(parse(query), posted(title, text)) is not None


@pytest.mark.parametrize("text", ["CI/CD", "AR/VR", "TS/SCI"])
def test_a_slashed_name_asks_for_nothing_else(text):
    assert len(parse(text).clauses[0].terms) == 1


@pytest.mark.parametrize("text", ["asset management", "market making", "prop trading", "climate tech"])
def test_a_field_of_work_of_two_words_is_one_phrase(text):
    assert term_kinds(parse(text)) == [(False, ["keyword"])]


# ---- the stored form reads back what was parsed


@pytest.mark.parametrize(
    "text",
    ["Backend Engineer - Go - Berlin", "Softwareentwickler", "Big 4 audit intern", "VIE Singapour",
     "IT support", "Masterarbeit", "summer/fall 2026", "English teacher Seoul", "JP Morgan", "React.js"],
)  # fmt: skip
def test_a_stored_reading_of_this_round_reads_back_equal(text):
    query = parse(text)
    back = from_stored(json.loads(json.dumps(to_stored(query))))
    assert back is not None and back.clauses == query.clauses


def test_a_reading_stored_by_the_last_version_is_parsed_again():
    old = {**to_stored(parse("Softwareentwickler")), "v": STORED_VERSION - 1}
    assert from_stored(old) is None


# ---- German gender forms of a job word, "w/" for with, and short forms written apart


@pytest.mark.parametrize("text", ["Entwickler*in", "Entwickler:in", "Entwickler/in", "Entwickler_in"])
def test_a_german_gender_form_is_the_job_whoever_does_it(text):
    query = parse(text)
    assert [term.value for term in query.clauses[0].terms] == [" entwickler ", " entwicklerin "]


@pytest.mark.parametrize("title", ["Entwickler (m/w/d) Java", "Entwicklerin Java", "Java-Entwickler*in"])
def test_a_gender_form_matches_every_way_titles_write_the_job(title):
    assert match_query(parse("Entwickler:in Java"), posted(title, "Wir suchen dich.")) is not None


def test_a_field_named_like_a_word_with_in_is_still_a_field():
    assert [t.value for c in parse("keyword:in").clauses for t in c.terms] == [" in "]
    with pytest.raises(QueryError, match="not a city"):
        parse("city:in")


def test_w_slash_is_with_and_left_out():
    query = parse("backend engineer w/ python")
    assert [kinds for _, kinds in term_kinds(query)] == [["job_title"], ["keyword"]]
    assert "left out 'w/'" in explain(query)


@pytest.mark.parametrize(
    ("text", "joined"), [("biz dev", " bizdev "), ("dev rel", " devrel "), ("data ops", " dataops ")]
)
def test_a_short_form_written_apart_is_searched_joined_too(text, joined):
    assert joined in [term.value for term in parse(text).clauses[0].terms]
