"""A bounded fuzz suite over every text that crosses into jobbot: queries, /jobs text, button values,
posting fields and vendor records. Each either works or is refused with the module's own error, within a
bounded time; nothing else may escape (no SystemError, no UnicodeError, no hang).

Budgets are fixed (``FUZZ_EXAMPLES`` per test, derandomized) so CI time stays predictable; set
JOBBOT_FUZZ_EXAMPLES to run longer locally.
"""

import json
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.parse import UsageError, parse_command
from bot.extract import extract_posting
from bot.models import Posting
from bot.query import QueryError, explain, parse
from bot.sources import greenhouse, lever, smartrecruiters
from bot.sources.base import SourceContext, SourceFormatError
from bot.sources.sanitize import clean_value
from bot.views.actions import command_for, decode
from tests.bounded import bounded

FUZZ_EXAMPLES = int(os.environ.get("JOBBOT_FUZZ_EXAMPLES", "400"))
SLOWEST_SECONDS = 2.0  # one input; the real cost is milliseconds

# Words and marks a query is made of, the characters that broke it before (NUL, lone surrogates,
# combining marks, dotted capitals), and plain random text.
PIECES = st.sampled_from(
    ["Paris", "+", "-", "French", ",", "(", ")", "city:", "lang:", '"', "OR", "intern", "C++", "C#",
     "\x00", "\ud800", "\udfff", "🇫🇷", "Île", "ß", "İ", "\u0301", "remote", "NYC", ":", "*", " ", "new",
     "york", "de", "la", "\t", "\n", "—dm", "--dm", "page", "2", "#12", "<#C123|jobs>", "<https://x.y>"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(PIECES, max_size=20).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=20).map("".join),
)
BUDGET = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # timed below, against a bound meant for a loaded CI machine
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _timed(call, *args):
    """``call(*args)``, failed if it hangs (``tests.bounded``) or takes longer than ``SLOWEST_SECONDS``."""
    started = time.perf_counter()
    result = bounded(call, *args, seconds=5 * SLOWEST_SECONDS)
    assert time.perf_counter() - started < SLOWEST_SECONDS, f"{call.__name__} took too long on {args!r}"
    return result


@BUDGET
@given(TEXT)
def test_every_query_parses_or_is_refused_with_a_query_error(text):
    try:
        query = _timed(parse, text)
    except QueryError as exc:
        assert str(exc)  # a refusal says why
        return
    assert isinstance(_timed(explain, query), str)


@BUDGET
@given(st.one_of(TEXT, st.tuples(st.sampled_from(["search", "subscribe", "me", "pause", "digest", "quiet",
                                                  "sources add", "mute", "unsubscribe", "help"]), TEXT)
                 .map(" ".join)))  # fmt: skip
def test_every_jobs_text_is_a_command_or_a_usage_or_query_error(text):
    try:
        _timed(parse_command, text)
    except (UsageError, QueryError) as exc:
        assert str(exc)


@BUDGET
@given(
    st.one_of(st.text(max_size=120), st.tuples(st.sampled_from(["jobbot", "x"]), TEXT, TEXT).map(":".join))
)
def test_every_button_value_decodes_to_a_known_action_or_nothing(value):
    decoded = decode(value)
    if decoded is not None:
        action, argument = decoded
        command_for(action, argument)  # a command or None, never an exception


@BUDGET
@given(TEXT, TEXT, TEXT)
def test_posting_text_of_any_shape_is_extracted_once_cleaned(title, location, text):
    record = clean_value({"title": title, "location": location, "text": text})
    posting = Posting(
        id="fuzz:1", title=record["title"], location_text=record["location"], text=record["text"]
    )
    done = _timed(extract_posting, posting)
    assert done.facets is not None
    json.dumps([loc.city for loc in done.facets.locations]).encode("utf-8")  # storable, sendable


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)
RECORD_KEYS = ["id", "title", "name", "text", "content", "location", "absolute_url", "hostedUrl",
               "categories", "typeOfEmployment", "updated_at", "createdAt", "releasedDate"]  # fmt: skip
RECORD = st.dictionaries(st.sampled_from(RECORD_KEYS), JSON, max_size=8)


@BUDGET
@given(st.lists(RECORD, max_size=4))
def test_vendor_records_of_any_shape_become_postings_or_skips(records):
    context = SourceContext("fuzz:board", url="https://example.com/board")
    payloads = [
        (greenhouse, {"jobs": records, "meta": {"total": len(records)}}),
        (lever, records),
        (smartrecruiters, {"offset": 0, "limit": 100, "totalFound": len(records), "content": records}),
    ]
    for module, payload in payloads:
        try:
            result = _timed(module.parse, json.dumps(payload, allow_nan=True), context)
        except SourceFormatError:
            continue
        assert len(result.postings) + len(result.skipped) <= len(records)
        for posting in result.postings:
            (posting.title + posting.text + posting.location_text).encode("utf-8")  # no lone surrogate left
