"""Company boilerplate is removed; the job's own sections stay."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.boilerplate import (
    _BULLETS,
    _JOB_CUE,
    RepeatedParagraphs,
    _fold_heading,
    _inline_heading_kind,
    _job_cue,
    _may_hold_job_cue,
    fingerprint,
    heading_kind,
    strip_boilerplate,
)

# A posting shaped like a real big-tech careers page, in our own words.
ABOUT_CLIPLY = (
    "Cliply is the world's favourite app for short live videos. "
    "Cliply's global headquarters are in Austin and Seoul, "
    "and we also have offices in Madrid, Milan, Munich, Paris, Warsaw and Tokyo."
)
CLIPLY_POSTING = f"""Join us and make short videos
that people love.
Product Operations Intern (Cliply Live) - 2026 Start
Location:
Lisbon
Employment Type:
Intern
Job Code:
Q55120
Responsibilities
About the Team: The Creator Growth Team helps live hosts across Southern Europe grow their audience.
As an operations intern, you will run weekly campaigns and report on their results.
Qualifications
- Currently studying for a bachelor's degree or above.
- Fluent Portuguese and English.
Job Information
About Cliply
{ABOUT_CLIPLY}
Why Join Us
Creativity is at the heart of everything we do. We move fast, stay humble and build together. Join us.
Diversity & Inclusion
Cliply is committed to an inclusive workplace where everyone is valued for their skills and perspectives.
"""


def test_company_paragraphs_and_office_list_are_removed():
    body = strip_boilerplate(CLIPLY_POSTING, "Cliply")
    for office in ("Austin", "Seoul", "Madrid", "Milan", "Munich", "Paris", "Warsaw", "Tokyo"):
        assert office not in body
    assert "Creativity is at the heart" not in body
    assert "inclusive workplace" not in body


def test_job_sections_stay():
    body = strip_boilerplate(CLIPLY_POSTING, "Cliply")
    assert "About the Team: The Creator Growth Team" in body
    assert "As an operations intern, you will run weekly campaigns" in body
    assert "Fluent Portuguese and English." in body
    assert "Lisbon" in body and "Q55120" in body and "Employment Type:" in body


def test_boilerplate_section_ends_at_the_next_job_heading():
    text = "About us\nAcme builds rockets in Houston and Bremen.\nAbout the role\nYou test engines in Bremen."
    assert strip_boilerplate(text, "Acme") == "About the role\nYou test engines in Bremen."


@pytest.mark.parametrize(
    "heading",
    ["Even better if:", "Extra points for:", "Plus points:", "Good to have:", "Von Vorteil:", "Un plus :"],
)
def test_a_nice_to_have_heading_ends_the_company_section(heading):
    text = f"About Acme\nAcme builds rockets in Houston and Bremen.\n{heading}\n- You speak fluent Dutch"
    assert strip_boilerplate(text, "Acme") == f"{heading}\n- You speak fluent Dutch"


def test_section_ends_at_page_chrome_and_at_plain_job_talk():
    text = (
        "About Acme\nAcme has offices in Rome and Oslo.\nWant more jobs like this?\n"
        "Get jobs in Lyon, France delivered to your inbox.\nWhy join us\nWe care.\n"
        "We are looking for a curious intern to start in March."
    )
    body = strip_boilerplate(text, "")
    assert "Rome" not in body and "We care." not in body
    assert "Get jobs in Lyon" in body
    assert "We are looking for a curious intern" in body


def test_headings_in_other_languages():
    assert heading_kind("À propos de nous") == "boilerplate"
    assert heading_kind("Über uns") == "boilerplate"
    assert heading_kind("Sobre nosotros") == "boilerplate"
    assert heading_kind("Chi siamo") == "boilerplate"
    assert heading_kind("Wer wir sind") == "boilerplate"
    assert heading_kind("Vos missions") == "job"
    assert heading_kind("Dein Profil") == "job"
    assert heading_kind("Requisitos") == "job"


def test_job_headings_are_not_boilerplate():
    for heading in (
        "About the team",
        "About the role",
        "About You",
        "Responsibilities",
        "Qualifications",
        "What you'll do",
        "Why this role matters",
        "Why you're a great fit",
    ):
        assert heading_kind(heading) == "job", heading
    for heading in (
        "About Acme",
        "About us",
        "Why Join Us?",
        "Benefits",
        "Perks & Benefits",
        "What we offer",
        "Equal Employment Opportunity",
        "Diversity & Inclusion",
        "Our values",
        "Privacy Notice",
    ):
        assert heading_kind(heading) == "boilerplate", heading


def test_inline_about_company_heading_drops_the_paragraph():
    text = "About Acme: Acme is headquartered in Denver with hubs in Lagos.\nRequirements\n- SQL"
    assert strip_boilerplate(text, "Acme") == "Requirements\n- SQL"


def test_office_sentence_inside_a_job_paragraph_is_dropped_alone():
    text = (
        "Responsibilities\nYou will own our billing system. We are a global team with hubs in Dublin, "
        "Singapore and Austin. You will report to the CFO."
    )
    body = strip_boilerplate(text, "")
    assert "Dublin" not in body
    assert "You will own our billing system." in body and "You will report to the CFO." in body


def test_a_workplace_office_list_about_the_job_is_kept():
    text = "The role\nYou can work from any of our offices in Berlin or Vienna."
    assert "Berlin or Vienna" in strip_boilerplate(text, "")


def test_eeo_and_fair_chance_sentences_are_dropped():
    text = (
        "Requirements\n- Go\nAcme is an equal opportunity employer. "
        "Pursuant to the San Francisco Fair Chance "
        "Ordinance, we consider qualified applicants with arrest records."
    )
    body = strip_boilerplate(text, "")
    assert "San Francisco" not in body and "equal opportunity" not in body
    assert "- Go" in body


def test_benefits_with_subheadings_are_removed_until_a_job_heading():
    text = (
        "Perks and Benefits\nHealth and Wellness\n- Gym in our Paris office\n"
        "Work Flexibility\n- Hybrid work\n"
        "Requirements\n- Excel"
    )
    assert strip_boilerplate(text, "") == "Requirements\n- Excel"


def test_job_requirement_list_after_a_why_heading_is_kept():
    text = "Why you should apply\n- You are fluent in Dutch"
    assert "fluent in Dutch" in strip_boilerplate(text, "")


def test_known_fingerprints_are_removed():
    shared = "Acme makes the finest anvils in the world and ships them to every desert on the planet."
    text = f"Responsibilities\n- Weld\n{shared}"
    assert shared not in strip_boilerplate(text, "", known={fingerprint(shared)})
    assert shared in strip_boilerplate(text, "")


def test_repeated_paragraphs_learns_company_boilerplate():
    shared = "Acme makes the finest anvils in the world and ships them to every desert on the planet."
    learner = RepeatedParagraphs(min_postings=3)
    for role in ("welder", "painter", "driver"):
        learner.add(
            f"We need a {role} for our workshop, someone careful and patient with heavy tools.\n{shared}"
        )
    assert learner.postings == 3
    assert learner.boilerplate() == frozenset({fingerprint(shared)})


def test_repeated_paragraphs_needs_enough_postings_and_ignores_bullets():
    learner = RepeatedParagraphs(min_postings=3)
    bullet = "- Fluent French and English, written and spoken, at a professional working level always"
    learner.add(bullet)
    learner.add(bullet)
    assert learner.boilerplate() == frozenset()
    learner.add(bullet)
    assert learner.boilerplate() == frozenset()


def test_fingerprint_ignores_case_and_punctuation():
    assert fingerprint("Hello,  World!") == fingerprint("hello world")


def test_empty_text():
    assert strip_boilerplate("", "Acme") == ""


def _fold_reference(line: str) -> str:
    folded = re.sub(r"^[^\w¿¡]+|[^\w)]+$", "", line.strip()).replace("’", "'").casefold()
    return re.sub(r"\s+", " ", folded)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aB1_¿¡)(: -•’'\t\n\u00a0\u2028ßİé.?", max_size=30))
def test_headings_fold_as_the_decoration_and_space_substitutions_fold_them(line: str):
    assert _fold_heading(line) == _fold_reference(line)


def test_notices_on_several_lines_are_each_found_on_their_own_line():
    # The first key's later hit comes after the second key's: each is placed on its own line.
    text = (
        "We are an equal opportunity employer.\n"
        "You will build data pipelines.\n"
        "See our privacy policy for details.\n"
        "You will work with the team in Paris.\n"
        "Acme is an Equal Opportunity employer too."
    )
    kept = "You will build data pipelines.\n\nYou will work with the team in Paris."
    assert strip_boilerplate(text) == kept


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Health & wellness benefits", "boilerplate"),  # an offer word ends it
        ("About the role and its perks", "boilerplate"),  # before the job heading it opens like
        ("Benefits of the role", "boilerplate"),
        ("Key responsibilities", "job"),  # a job word anywhere
        ("Why Acme? Our mission", "job"),  # before the named heading it opens like
        ("Why Acme?", "boilerplate"),
        ("Professional experience required", "job"),
        ("Selfbenefits", None),  # an offer word only as a word
        ("Transmission lines", None),  # a job word only where a word starts
        ("Submission", None),
    ],
)
def test_headings_told_by_a_word_anywhere_in_them_take_the_kind_of_their_place_in_order(heading, kind):
    assert heading_kind(heading) == kind


# Lines holding each kind of job cue, and lines near them that hold none.
JOB_CUE_LINES = [
    "We're looking for a curious analyst to join the data team.",
    "We are seeking an intern for our finance team.",
    "Acme is hiring across Europe this spring.",
    "We’re searching for people who care.",
    "This role sits in the Paris office.",
    "In this internship you will ship features.",
    "The position is based in Berlin.",
    "The job offers a real project.",
    "As a platform engineer, you will own the build.",
    "As a data analyst you help every team decide.",
    "Nous recherchons un stagiaire motivé.",
    "Wir suchen ab sofort Verstärkung.",
    "Buscamos una persona con ganas de aprender.",
    "Cerchiamo una figura junior.",
]
NO_CUE_LINES = [
    "We offer a generous budget for learning and conferences.",
    "Flexible hours, since life happens.",
    "Our team is growing fast and we are proud of it.",
    "As always, we are here for the long run.",
    "The office has a rooftop garden.",
]


@pytest.mark.parametrize("line", JOB_CUE_LINES + NO_CUE_LINES)
def test_job_cue_screen_passes_every_line_the_cue_pattern_matches(line):
    lowered = line.lower()
    assert _job_cue(line) == (line in JOB_CUE_LINES)
    if _JOB_CUE.search(lowered):
        assert _may_hold_job_cue(lowered)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(JOB_CUE_LINES + NO_CUE_LINES + ["as", "a", "an", "you", "role,"]), max_size=8)
)
def test_job_cue_screen_never_hides_a_cue(words):
    lowered = " ".join(words).lower()
    if _JOB_CUE.search(lowered):
        assert _may_hold_job_cue(lowered)


@pytest.mark.parametrize(
    ("line", "cue"),
    [
        ("- You will thrive here if you:", True),  # a bullet that leads in to a list
        ("- We're looking for you", False),  # other bullets never end a section
        ("• This role is hybrid", False),
        ("Your impact will be:", True),
    ],
)
def test_bullets_end_a_section_only_as_a_lead_in(line, cue):
    assert _job_cue(line) is cue


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(_BULLETS)), st.text(alphabet=" abcdefghijklmnopqrstuvwxyouYW':,.", max_size=60))
def test_a_bullet_that_leads_in_to_nothing_is_never_a_job_cue(bullet, rest):
    # strip_boilerplate passes such a bullet over without asking _job_cue: the two must agree.
    line = (bullet + rest).rstrip(":")
    assert not _job_cue(line)


def test_benefit_bullets_stay_dropped_until_a_lead_in_bullet():
    text = (
        "What we offer\n- This role is hybrid\n- We're looking for you\n- Free lunch"
        "\n- You will thrive here if you:\n- Know Python"
    )
    kept = strip_boilerplate(text)
    assert kept == "- You will thrive here if you:\n- Know Python"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Our benefits and perks for every person on board", "boilerplate"),  # nine words
        ("Our benefits and perks for every single person on board", None),  # ten: not a heading
        ("SHARE THIS JOB WITH A FRIEND WHO WOULD LOVE TO WORK WITH US ON THESE PROBLEMS!!!", "separator"),
        ("Similar jobs you may like, picked for you from the other teams that are hiring now", "separator"),
        ("Apply yourself: everything else you may want to know about working with us here", None),
    ],
)
def test_heading_word_limit_and_long_separators(line, kind):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("About Acme: Acme builds tools for bakers.", "boilerplate"),
        ("About Acme: \t ", None),  # nothing after the heading: not an inline heading
        ("About Acme:", None),
        ("Our very own offices, all over Europe: Paris, Berlin", None),  # a head of more than five words
        ("Responsibilities: own the build and the release.", "job"),
    ],
)
def test_inline_headings_need_a_short_head_and_text_after_it(line, kind):
    assert _inline_heading_kind(line) == kind
