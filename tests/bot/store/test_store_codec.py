import json

import pytest

from bot.models import EmploymentFacet, Facets, LanguageRequirement, Location, SourceHints
from bot.store.codec import CodecError, facets_from_json, facets_to_json, hints_from_json, hints_to_json
from tests.bot.store.samples import FULL_FACETS, make_posting


def test_every_facet_survives_a_round_trip_through_json_text():
    stored = json.loads(json.dumps(facets_to_json(FULL_FACETS)))
    assert facets_from_json(stored) == FULL_FACETS


def test_empty_facets_encode_to_an_empty_object_and_back():
    assert facets_to_json(Facets()) == {}
    assert facets_from_json({}) == Facets()


def test_defaults_are_left_out_and_tuples_become_lists():
    facets = Facets(
        languages=(LanguageRequirement(code="it", required=True, evidence="fluent Italian"),),
        employment=EmploymentFacet(value="full_time"),
    )
    assert facets_to_json(facets) == {
        "languages": [{"code": "it", "required": True, "evidence": "fluent Italian"}],
        "employment": {"value": "full_time"},
    }


def test_a_value_equal_to_a_non_none_default_is_kept_when_it_differs():
    loc = Location(city="Milan", country="IT", basis="title")
    encoded = facets_to_json(Facets(locations=(loc,)))
    assert encoded["locations"][0]["basis"] == "title"
    assert facets_from_json(encoded).locations == (loc,)


def test_keys_written_by_a_newer_version_are_ignored():
    data = facets_to_json(FULL_FACETS) | {"salary": {"min": 1}}
    data["start"] = data["start"] | {"flexible": True}
    assert facets_from_json(data) == FULL_FACETS


def test_source_hints_round_trip():
    hints = make_posting().hints
    assert hints_from_json(json.loads(json.dumps(hints_to_json(hints)))) == hints
    assert hints_from_json(hints_to_json(SourceHints())) == SourceHints()


def test_a_value_of_the_wrong_shape_is_a_clear_error():
    with pytest.raises(CodecError, match=r"Facets\.locations: expected a list"):
        facets_from_json({"locations": {"city": "Paris"}})
    with pytest.raises(CodecError, match="Facets: expected an object"):
        facets_from_json(["not", "an", "object"])  # type: ignore[arg-type]
