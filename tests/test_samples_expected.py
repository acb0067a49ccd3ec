"""The demo samples (bot/demo/samples.jsonl), extracted, against what a careful reader sees in each.

The expected facets live in tests/fixtures/samples_expected.jsonl, one object a line:
{"id", "country", "other_countries", "city", "workplace", "employment_type", "required", "preferred"}.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.models import EMPLOYMENT_TYPES, WORKPLACES, Facets
from bot.postings_io import posting_from_dict

FIXTURES = Path(__file__).parent / "fixtures"
INPUT_KEYS = ("id", "title", "company", "location", "text", "url")
EXPECTED_KEYS = {
    "id",
    "country",
    "other_countries",
    "city",
    "workplace",
    "employment_type",
    "required",
    "preferred",
}
# Mass mentions in Slack (<!channel>, <!here>, <!everyone>) and Discord (@everyone, @here) must never
# ride along in a posting the bot may post verbatim.
MASS_MENTION = re.compile(r"@everyone|@here|<!(?:channel|here|everyone)\b", re.IGNORECASE)
URL = re.compile(r"https?://[^\s)\"'>]+")
# GeoNames names the city "New York City"; both spellings are its canonical English name.
CITY_ALIASES = {"new york city": "new york"}


def _read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_samples() -> list[dict]:
    return _read_jsonl(files("bot.demo").joinpath("samples.jsonl").read_text(encoding="utf-8"))


def load_expected() -> dict[str, dict]:
    rows = _read_jsonl((FIXTURES / "samples_expected.jsonl").read_text(encoding="utf-8"))
    return {row["id"]: row for row in rows}


SAMPLES = load_samples()
SAMPLES_BY_ID = {sample["id"]: sample for sample in SAMPLES}
EXPECTED = load_expected()
IDS = [sample["id"] for sample in SAMPLES]


@cache
def facets_of(sample_id: str) -> Facets:
    # imported here so the file-format tests still run while extraction is mid-change
    from bot.extract import extract_posting

    done = extract_posting(posting_from_dict(SAMPLES_BY_ID[sample_id]))
    assert done.facets is not None
    return done.facets


def fold_city(name: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = " ".join(bare.casefold().split())
    return CITY_ALIASES.get(folded, folded)


def is_example_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "example.com" or host.endswith((".example.com", ".example"))


def read_locations(facets: Facets) -> list[tuple]:
    # what extraction read, with its evidence, so a failure says why without a debugger
    remote = facets.workplace.remote_countries if facets.workplace else ()
    return [(loc.city, loc.country, loc.basis, loc.evidence) for loc in facets.locations] + [
        ("remote", remote)
    ]


def read_languages(facets: Facets) -> list[tuple]:
    return [(lang.code, lang.required, lang.evidence) for lang in facets.languages]


def non_english(codes: list[str] | tuple[str, ...]) -> set[str]:
    return set(codes) - {"en"}


# --- the files themselves -------------------------------------------------------------------------------


def test_samples_are_well_formed():
    assert len(SAMPLES) >= 20
    for sample in SAMPLES:
        assert set(sample) == set(INPUT_KEYS), sample.get("id")
        assert all(isinstance(sample[key], str) for key in INPUT_KEYS), sample["id"]
        assert sample["id"].startswith("sample-"), sample["id"]
        assert sample["title"].strip(), sample["id"]
        assert sample["company"].strip(), sample["id"]
        assert len(sample["text"]) >= 500, sample["id"]
        posting_from_dict(sample)  # the CLI's own reader accepts it


def test_sample_ids_are_unique():
    assert len(IDS) == len(set(IDS)), sorted(i for i in IDS if IDS.count(i) > 1)


def test_samples_carry_no_mass_mentions():
    for sample in SAMPLES:
        for key in INPUT_KEYS:
            assert not MASS_MENTION.search(sample[key]), (sample["id"], key)


def test_sample_urls_use_example_domains():
    for sample in SAMPLES:
        assert sample["url"].startswith("https://"), sample["id"]
        assert is_example_host(sample["url"]), sample["url"]
        for url in URL.findall(sample["text"]):
            assert is_example_host(url), (sample["id"], url)


def test_expected_covers_every_sample_and_is_well_formed():
    assert set(EXPECTED) == set(IDS)
    for row in EXPECTED.values():
        assert set(row) == EXPECTED_KEYS, row["id"]
        assert re.fullmatch(r"[A-Z]{2}", row["country"] or ""), row["id"]
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in row["other_countries"]), row["id"]
        assert row["workplace"] is None or row["workplace"] in WORKPLACES, row["id"]
        assert row["employment_type"] is None or row["employment_type"] in EMPLOYMENT_TYPES, row["id"]
        for code in row["required"] + row["preferred"]:
            assert re.fullmatch(r"[a-z]{2}", code), (row["id"], code)
        assert not set(row["required"]) & set(row["preferred"]), row["id"]


# --- extraction against the expected facets ---------------------------------------------------------------


@pytest.mark.parametrize("sample_id", IDS)
def test_country(sample_id):
    expected = EXPECTED[sample_id]
    facets = facets_of(sample_id)
    got = {loc.country for loc in facets.locations if loc.country}
    if facets.workplace is not None:
        got |= set(facets.workplace.remote_countries)
    want = {expected["country"], *expected["other_countries"]} - {None}
    assert got == want, f"read: {read_locations(facets)}"


@pytest.mark.parametrize("sample_id", IDS)
def test_city(sample_id):
    expected = EXPECTED[sample_id]
    facets = facets_of(sample_id)
    got = {fold_city(loc.city) for loc in facets.locations if loc.city}
    want = {fold_city(expected["city"])} if expected["city"] else set()
    assert got == want, f"read: {read_locations(facets)}"


@pytest.mark.parametrize("sample_id", IDS)
def test_employment_type(sample_id):
    employment = facets_of(sample_id).employment
    assert (employment.value if employment else None) == EXPECTED[sample_id]["employment_type"]


@pytest.mark.parametrize("sample_id", IDS)
def test_required_non_english_languages(sample_id):
    facets = facets_of(sample_id)
    got = non_english(facets.required_languages)
    assert got == non_english(EXPECTED[sample_id]["required"]), f"read: {read_languages(facets)}"


@pytest.mark.parametrize("sample_id", IDS)
def test_preferred_non_english_languages(sample_id):
    facets = facets_of(sample_id)
    got = non_english(facets.preferred_languages)
    assert got == non_english(EXPECTED[sample_id]["preferred"]), f"read: {read_languages(facets)}"


@pytest.mark.parametrize("sample_id", IDS)
def test_workplace(sample_id):
    workplace = facets_of(sample_id).workplace
    assert (workplace.value if workplace else None) == EXPECTED[sample_id]["workplace"]
