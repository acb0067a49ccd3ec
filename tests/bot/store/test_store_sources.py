from datetime import timedelta

import pytest

from bot.store import sources
from tests.bot.store.conftest import T0

BOARD = "https://api.ashbyhq.example.test/posting-api/job-board/acme"


def _add(engine, **changes):
    values = dict(id="ashby:acme", kind="ashby", url=BOARD, name="Acme Robotics", owner="U0ANNA", now=T0)
    values.update(changes)
    return sources.add_source(engine, **values)


def test_add_get_list_remove(engine):
    added = _add(engine, settings={"include_compensation": True})
    assert added == sources.SourceRecord(
        id="ashby:acme",
        kind="ashby",
        url=BOARD,
        name="Acme Robotics",
        owner="U0ANNA",
        added_at=T0,
        settings={"include_compensation": True},
    )
    other = _add(engine, id="greenhouse:globex", kind="greenhouse", url="https://boards.example.test/globex")
    assert sources.get_source(engine, "ashby:acme") == added
    assert sources.list_sources(engine) == [added, other]
    assert sources.list_sources(engine, kind="greenhouse") == [other]
    assert sources.remove_source(engine, "ashby:acme")
    assert not sources.remove_source(engine, "ashby:acme")
    assert sources.get_source(engine, "ashby:acme") is None


def test_the_same_board_cannot_be_added_twice(engine):
    _add(engine)
    with pytest.raises(sources.SourceExistsError, match="already registered as 'ashby:acme'"):
        _add(engine, id="ashby:acme-2")
    with pytest.raises(sources.SourceExistsError):
        _add(engine, url=BOARD + "?other")


def test_update_name_and_settings(engine):
    _add(engine)
    assert sources.update_source(engine, "ashby:acme", name="Acme", settings={"board": "acme"})
    got = sources.get_source(engine, "ashby:acme")
    assert (got.name, got.settings) == ("Acme", {"board": "acme"})
    assert not sources.update_source(engine, "nope:x", name="x")


def test_poll_health_is_recorded(engine):
    _add(engine)
    assert sources.record_poll_error(engine, "ashby:acme", "HTTP 503", now=T0) == 1
    assert sources.record_poll_error(engine, "ashby:acme", "timed out after 30 s", now=T0) == 2
    failing = sources.get_source(engine, "ashby:acme")
    assert (failing.failures, failing.last_error, failing.last_ok_at) == (2, "timed out after 30 s", None)

    later = T0 + timedelta(minutes=30)
    assert sources.record_poll_ok(
        engine, "ashby:acme", etag='W/"abc"', last_modified="Mon, 02 Mar 2026", now=later
    )
    ok = sources.get_source(engine, "ashby:acme")
    assert (ok.failures, ok.last_error, ok.last_ok_at, ok.last_polled_at) == (0, None, later, later)
    assert (ok.etag, ok.last_modified) == ('W/"abc"', "Mon, 02 Mar 2026")
    assert sources.record_poll_error(engine, "nope:x", "boom") is None
