"""Queries as people type them, the next red-team round: each class reads as meant, or says it cannot.

Each test names a class of misreading found by running fresh queries through `jobbot explain`; the
examples are members of the class, not the list it is fixed for. The real vocabulary is used.
"""

from __future__ import annotations

import pytest

from bot.query import QueryError, explain, parse
from bot.query.stored import STORED_VERSION


def shape(text: str) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [term values])."""
    return [(clause.negated, [term.value for term in clause.terms]) for clause in parse(text).clauses]


def values(text: str) -> list[str]:
    return [term.value for clause in parse(text).clauses for term in clause.terms]


# ---- what postings are not read for: searched as one phrase, and said


@pytest.mark.parametrize(
    ("text", "phrase", "what"),
    [("remote EST", "EST", "time zones"), ("UTC+1", "UTC+1", "time zones"),
     ("GMT+5:30", "GMT+5:30", "time zones"), ("remote, CET", "CET", "time zones"),
     ("US timezones", "timezones", "time zones"),
     ("L4", "L4", "company level codes"), ("SDE 2 Seattle", "SDE 2", "company level codes"),
     ("visa sponsorship Berlin", "visa sponsorship", "visa sponsorship"), ("H1B", "H1B", "visa sponsorship"),
     ("relocation package", "relocation package", "relocation"), ("blue card Germany", "blue card", "visa"),
     ("4-day week", "4-day week", "working week"), ("hybrid Paris 2 days", "2 days", "days in the office")],
)  # fmt: skip
def test_what_postings_are_not_read_for_is_one_phrase_and_said(text, phrase, what):
    query = parse(text)
    keywords = [t for clause in query.clauses for t in clause.terms if t.kind == "keyword"]
    assert [t.text for t in keywords] == [phrase]
    note = next(n for n in query.notes if n.startswith(f"'{phrase}' is searched as words"))
    assert what in note


def test_an_offset_from_utc_is_one_word_not_a_join():
    assert shape("UTC+1 + remote") == [(False, [" utc 1 "]), (False, ["wp:remote"])]
    assert len(parse("UTC+1").clauses) == 1


def test_a_sponsorship_note_says_a_refusal_has_the_same_words():
    assert "refusing" in explain(parse("visa sponsorship"))


def test_time_zone_letters_that_are_words_or_places_stay_what_they_were():
    assert values("West Coast") == ["metro:west-coast"]
    assert parse("PT").clauses[0].terms[0].kind == "place"  # Portugal, with part time named


# ---- a request typed as a sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [("can you show me marketing internships in Madrid", [" marketing ", "type:intern", "city:3117735"]),
     ("I want jobs in Berlin but not senior ones please", ["city:2950159", "level:senior"]),
     ("show me everything in Tokyo", ["city:1850147"])],
)  # fmt: skip
def test_the_words_of_a_request_are_left_out_not_required(text, expected):
    assert values(text) == expected
    assert "left out" in explain(parse(text))


def test_a_query_of_only_everything_names_nothing():
    for text in ("all", "everything"):
        with pytest.raises(QueryError, match="names nothing"):
            parse(text)


# ---- how much a language is asked for, said after it


@pytest.mark.parametrize(
    "text", ["French preferred", "French is a plus", "French nice to have", "French a plus"]
)
def test_a_language_said_to_be_a_plus_is_the_language(text):
    assert shape(text) == [(False, ["lang:fr"])]


@pytest.mark.parametrize("text", ["German not required", "German not needed", "German optional"])
def test_a_language_not_required_leaves_out_postings_requiring_it(text):
    query = parse(text + " Berlin")
    assert [(c.negated, [t.value for t in c.terms]) for c in query.clauses] == [
        (True, ["lang!:de"]),
        (False, ["city:2950159"]),
    ]
    assert any("leave out postings that require German" in note for note in query.notes)


def test_not_required_after_other_things_is_still_refused():
    with pytest.raises(QueryError, match="cannot tell"):
        parse("no degree required")


# ---- varieties of a language


@pytest.mark.parametrize(
    ("text", "code"),
    [("Cantonese", "zh"), ("fluent Mandarin", "zh"), ("Brazilian Portuguese", "pt"),
     ("Canadian French", "fr"), ("Swiss German", "de"), ("Flemish", "nl")],
)  # fmt: skip
def test_a_language_variety_is_its_language_and_said(text, code):
    query = parse(text)
    assert [t.value.split(":")[1] for c in query.clauses for t in c.terms] == [code]
    assert any("variety" in note for note in query.notes)


# ---- a place said to be a country, a state or a city


@pytest.mark.parametrize(
    ("text", "value"),
    [("Georgia (country)", "country:GE"), ("Georgia the country", "country:GE"),
     ("Georgia (state)", "region:"), ("Paris (city)", "city:2988507")],
)  # fmt: skip
def test_a_place_said_to_be_a_country_state_or_city_is_that(text, value):
    assert len(values(text)) == 1
    assert values(text)[0].startswith(value)


def test_cities_named_city_stay_themselves():
    assert [t.label for c in parse("Mexico City").clauses for t in c.terms] == ["Mexico City (MX)"]


# ---- employment types as job boards shorten them


def test_ft_is_full_time_and_pt_names_part_time():
    assert values("FT") == ["type:full_time"]
    assert "part time" in explain(parse("PT"))


def test_stored_queries_are_read_again():
    assert STORED_VERSION >= 5


# ---- a state's code alone, and chat mentions pasted with a query


@pytest.mark.parametrize(
    ("text", "state"), [("NJ", "New Jersey"), ("remote TX", "Texas"), ("NSW", "New South Wales")]
)
def test_a_state_code_alone_stays_a_word_but_names_the_state(text, state):
    assert parse(text).clauses[-1].terms[0].kind == "keyword"
    assert f"write {state}" in explain(parse(text))


def test_a_state_code_after_a_comma_is_still_the_state():
    assert values("sales, TX")[1] == "region:US-TX"


@pytest.mark.parametrize("text", ["@here Paris", "<@U024BE7LH> Paris", "<!channel> Paris"])
def test_a_chat_mention_is_left_out(text):
    assert values(text) == ["city:2988507"]
    assert "left out" in explain(parse(text))


# ---- "don't require French", as a sentence says it


@pytest.mark.parametrize(
    "text", ["don't require French", "jobs that doesn't need German", "Toronto, dont require French"]
)
def test_a_contracted_negation_excludes_the_required_language(text):
    negated = [[t.value for t in c.terms] for c in parse(text).clauses if c.negated]
    assert len(negated) == 1
    assert negated[0][0].startswith("lang!:")


# ---- the same thing said with a hyphen, in another language, or in a sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [("new-grad", ["level:entry"]), ("first job", ["level:entry"]),
     ("stage à distance", ["type:intern", "wp:remote"]), ("hybride Paris", ["wp:hybrid", "city:2988507"]),
     ("stage en anglais", ["type:intern", "lang:en"]), ("remote from Spain", ["wp:remote", "country:ES"]),
     ("Praktikum für Studenten", ["type:intern", " studenten "])],
)  # fmt: skip
def test_other_spellings_and_small_words_read_as_meant(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "what"),
    [("stage 6 mois Paris", "6 mois", "how long"), ("Praktikum 6 Monate", "6 Monate", "how long"),
     ("intern 20 hours/week", "20 hours/week", "hours a week"), ("part time 30h", "30h", "hours a week")],
)  # fmt: skip
def test_durations_and_hours_in_any_language_are_said(text, phrase, what):
    query = parse(text)
    assert [t.text for c in query.clauses for t in c.terms if t.kind == "keyword"] == [phrase]
    assert any(note.startswith(f"'{phrase}' is searched") and what in note for note in query.notes)
    assert query.clauses[0].terms[0].kind != "keyword"  # "stage" before a duration is still the internship


# ---- "anything but", and joining words of the other languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [("anything but sales", [(True, [" sales "])]), ("all but senior", [(True, ["level:senior"])]),
     ("everything but sales in Berlin", [(True, [" sales "]), (False, ["city:2950159"])])],
)  # fmt: skip
def test_anything_but_excludes(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize(
    ("text", "joined"),
    [("Madrid o Barcelona", "or"), ("Warszawa lub Kraków", "or"), ("Milano e Roma", "and"),
     ("Madrid y Barcelona", "and")],
)  # fmt: skip
def test_or_and_in_other_languages_join(text, joined):
    clauses = parse(text).clauses
    assert [t.kind for c in clauses for t in c.terms] == ["place", "place"]
    assert len(clauses) == (1 if joined == "or" else 2)


def test_without_in_other_languages_excludes():
    assert shape("stage sauf Paris") == [(False, ["type:intern"]), (True, ["city:2988507"])]


def test_chat_italics_are_not_part_of_the_word():
    assert values("_remote_") == ["wp:remote"]


# ---- a title of several words on each side of an "or"


def test_or_between_titles_of_several_words_says_it_joins_two_words_only():
    query = parse("Growth Hacking OR Brand Strategy")
    assert any('quote each: "Growth Hacking" or "Brand Strategy"' in note for note in query.notes)
    # job titles and fields of work are read whole, so the "or" is between them and there is nothing to say
    for text in ("Data Analyst OR Business Analyst", "Data Science or Business Intelligence"):
        assert not any("joins only" in note for note in parse(text).notes), text
    for text in ("remote Berlin or Munich", "sales or marketing intern", "New York or San Francisco"):
        assert not any("joins only" in note for note in parse(text).notes), text


def test_a_place_whose_name_a_new_state_extends_names_the_state():
    assert values("Jersey") == ["country:JE"]
    assert "New Jersey (US): write New Jersey" in explain(parse("software engineer Jersey"))
    assert "New Jersey" not in explain(parse("Jersey City"))


def test_days_before_a_workplace_leave_the_workplace_read():
    assert values("3 days in office") == [" 3 days ", "wp:onsite"]
