import json

import pytest

from bot.ingest import IngestReport, Matcher
from bot.models import Destination
from bot.query import parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored

QUERIES = [
    "Paris + French",
    "Madrid, Barcelona + Spanish + intern",
    "country:DE lang!:de -sales",
    'company:"Acme Labs" + 2026',
    "remote + Europe + hybrid",
    'summer 2027 + "machine learning" + title:engineer + team:growth',
    "Georgia",  # ambiguous: the term keeps the other meanings in `also`
]


@pytest.mark.parametrize("text", QUERIES)
def test_a_stored_query_reads_back_equal_to_parsing_it_again(text):
    query = parse(text)
    stored = json.loads(json.dumps(to_stored(query)))  # as it comes back from a JSON column
    assert from_stored(stored) == query


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"v": STORED_VERSION + 1, "text": "Paris", "clauses": []},  # a newer reading of the text
        {"v": STORED_VERSION, "text": "Paris"},
        {
            "v": STORED_VERSION,
            "text": "Paris",
            "clauses": [{"not": False, "terms": [["nonsense", "x", "x", "x", []]]}],
        },
        {"all": [{"field": "location", "value": "FR:Paris"}]},  # another shape entirely
    ],
)
def test_anything_but_a_current_stored_form_is_refused_so_the_text_is_parsed(data):
    assert from_stored(data) is None


DM = Destination("slack", "dm", "U1", "T1")


def test_the_index_is_built_from_the_stored_form_and_parses_only_without_one():
    paris = json.dumps(to_stored(parse("Paris")))
    old = json.dumps({**to_stored(parse("Paris")), "v": STORED_VERSION - 1})
    report = IngestReport()
    matcher = Matcher._from_rows(
        [
            (1, "city:", paris, "slack", "dm", "U1", "T1"),
            (2, "Berlin", None, "slack", "dm", "U1", "T1"),  # stored before forms were kept
            (3, "Rome", old, "slack", "dm", "U1", "T1"),  # stored by an older parser: parse the text
            (4, "country:", None, "slack", "dm", "U1", "T1"),
        ],
        report,
    )
    # 1's text no longer parses, but its stored form is current: it is indexed as stored.
    assert matcher.index.query_of(1) == parse("Paris")
    assert matcher.index.query_of(2) == parse("Berlin")
    assert matcher.index.query_of(3) == parse("Rome")
    assert [sub_id for sub_id, _ in report.skipped_subscriptions] == [4]
    assert matcher.destinations[1] is matcher.destinations[2] == DM  # one object per destination
