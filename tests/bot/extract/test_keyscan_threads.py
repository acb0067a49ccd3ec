"""Extraction in several threads at once (a worker offloads it with asyncio.to_thread) reads as in one.

The screens and automata in keyscan are built on first use; threads that meet one unbuilt at the same
moment must each see it whole, never a half-built one (an IndexError, or a screen with no alternatives).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.extract import extract_posting
from bot.extract.keyscan import AlternativesPattern, KeySet, WordScan, clear_caches
from bot.models import Posting

THREADS = 8


@contextmanager
def _switching_often() -> Iterator[None]:
    """Let threads take turns every microsecond, so that a half-built object is met if it can be."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _at_once(call: Callable[[int], object]) -> list[object]:
    """``call(n)`` in THREADS threads started together; their answers, or the exceptions they raised."""
    barrier = threading.Barrier(THREADS)
    answers: list[object] = [None] * THREADS

    def run(number: int) -> None:
        barrier.wait()
        try:
            answers[number] = call(number)
        except Exception as exc:  # the test reports what each thread met
            answers[number] = exc

    threads = [threading.Thread(target=run, args=(number,)) for number in range(THREADS)]
    with _switching_often():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return answers


def test_threads_meeting_an_unbuilt_alternatives_pattern_each_get_the_patterns_answer():
    words = [f"word{number}x" for number in range(60)]
    pattern = re.compile("|".join(rf"\b{word}\s+(?:and|or)\s+{word}y\b" for word in words))
    text = "filler " * 200 + "word42x or word42xy" + " filler" * 200
    expected = pattern.search(text).span()
    for _ in range(20):
        fresh = AlternativesPattern(pattern)
        answers = _at_once(lambda _number, fresh=fresh: fresh.search(text).span())
        assert answers == [expected] * THREADS


def test_keys_noted_while_other_threads_pass_over_texts_are_found_by_those_who_noted_them():
    for round_ in range(20):
        keys = KeySet(["alpha", "beta"])
        late = [f"gamma{round_}{number}" for number in range(THREADS)]

        def note_then_find(number: int, keys: KeySet = keys, late: list[str] = late) -> list[int]:
            text = f"alpha beta {late[number]} beta"
            keys.add([late[number]])
            return keys.hits(text).get(late[number], [])

        assert _at_once(note_then_find) == [[11]] * THREADS


def test_word_scans_built_in_threads_at_once_find_their_words_in_a_body():
    body = "we speak french, german and some dutch here"
    languages = ["french", "german", "dutch"]
    spans = [[re.search(languages[number % 3], body).span()] for number in range(THREADS)]
    for _ in range(10):
        scans = [WordScan(lambda number=number: {languages[number % 3]}) for number in range(THREADS)]
        assert _at_once(lambda number, scans=scans: scans[number].body_runs(body)) == spans


def _posting(number: int) -> Posting:
    return Posting(
        id=f"greenhouse:acme:{number}",
        source="greenhouse:acme",
        title="Marketing Intern (Spanish speaker)",
        company="Acme",
        location_text="Madrid, Spain",
        url=f"https://acme.example.com/jobs/{number}",
        text=(
            "About the role\nJoin our Madrid office for a six-month internship starting in September 2026.\n"
            "Requirements\n- Fluent Spanish and English\n- French is a plus\n"
            "- Hybrid: three days a week in the office\nWhat we offer\n- Paid time off\n- Lunch"
        ),
    )


def test_postings_extracted_in_threads_at_once_read_as_in_one_thread():
    alone = extract_posting(_posting(0)).facets
    for _ in range(5):
        clear_caches()
        answers = _at_once(lambda number: extract_posting(_posting(number)).facets)
        assert answers == [alone] * THREADS
