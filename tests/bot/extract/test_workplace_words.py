"""Workplace words the sources and postings use besides remote, hybrid and on-site."""

from __future__ import annotations

import pytest

from bot.extract.workplace import extract_workplace
from bot.models import Posting, SourceHints


def value(title: str = "Engineer", location: str = "", body: str = "", workplace: str | None = None):
    hints = SourceHints(workplace=workplace)
    facet = extract_workplace(
        Posting(id="t:1", title=title, location_text=location, text=body, hints=hints), body
    )
    return facet and facet.value


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"workplace": "Partially remote"}, "hybrid"),
        ({"workplace": "Telecommute"}, "remote"),
        ({"location": "Partially remote - Berlin"}, "hybrid"),
        ({"location": "Telecommute"}, "remote"),
        ({"title": "Claims Adjuster (Telecommute)"}, "remote"),
        ({"body": "This position is partially remote, with two days in Lyon."}, "hybrid"),
        ({"body": "This is a telecommute position open across Ohio."}, "remote"),
    ],
)
def test_partially_remote_is_hybrid_and_telecommute_is_remote(kwargs, expected):
    assert value(**kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"location": "Virtual"}, "remote"),
        ({"location": "Home-based, UK"}, "remote"),
        ({"title": "Virtual Assistant"}, None),
        ({"title": "Virtual Assistant", "location": "London"}, None),
    ],
)
def test_virtual_in_a_location_field_is_remote_but_not_in_a_title(kwargs, expected):
    assert value(**kwargs) == expected
