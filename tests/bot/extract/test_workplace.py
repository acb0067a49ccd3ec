from __future__ import annotations

import pytest

from bot.extract.workplace import extract_workplace
from bot.models import Posting, SourceHints


def posting(title: str = "Analyst", location: str = "", text: str = "", **hints) -> Posting:
    return Posting(id="t:1", title=title, location_text=location, text=text, hints=SourceHints(**hints))


def read(p: Posting, body: str | None = None):
    return extract_workplace(p, p.text if body is None else body)


@pytest.mark.parametrize(
    ("vendor", "value"),
    [
        ("OnSite", "onsite"),
        ("on-site", "onsite"),
        ("Hybrid", "hybrid"),
        ("Remote", "remote"),
        ("remote", "remote"),
    ],
)
def test_the_vendor_field_wins(vendor, value):
    facet = read(posting(location="Remote - US", workplace=vendor), "This role is fully remote.")
    assert facet is not None and (facet.value, facet.basis) == (value, "source")


def test_is_remote_true_is_remote_with_the_location_scope():
    facet = read(posting(location="Remote - Canada", is_remote=True))
    assert (facet.value, facet.remote_countries, facet.basis) == ("remote", ("CA",), "source")


def test_is_remote_false_alone_means_onsite_but_text_may_say_hybrid():
    assert read(posting(location="Paris", is_remote=False)).value == "onsite"
    assert read(posting(location="Hybrid - Paris", is_remote=False)).value == "hybrid"


@pytest.mark.parametrize(
    ("location", "value", "countries", "areas"),
    [
        ("Remote (United States | Canada)", "remote", ("US", "CA"), ()),
        ("Remote - Europe", "remote", (), ("europe",)),
        ("Remote in EMEA", "remote", (), ("emea",)),
        ("US Remote", "remote", ("US",), ()),
        ("Remote - Singapore", "remote", ("SG",), ()),
        ("Hybrid - London", "hybrid", (), ()),
        ("New York City (Hybrid)", "hybrid", (), ()),
        ("San Francisco Office", "onsite", (), ()),
        ("Las Vegas, NV (Onsite)", "onsite", (), ()),
        ("New York Office (or Remote)", "remote", (), ()),
        ("Remote (non-U.S.)", "remote", (), ()),
    ],
)
def test_location_text(location, value, countries, areas):
    facet = read(posting(location=location))
    assert facet is not None
    assert (facet.value, facet.remote_countries, facet.remote_areas) == (value, countries, areas)
    assert facet.basis == "location" and facet.evidence == location


def test_a_plain_city_says_nothing_about_the_workplace():
    assert read(posting(location="Berlin")) is None


@pytest.mark.parametrize(
    ("title", "value"),
    [
        ("Account Executive (Remote)", "remote"),
        ("Designer - Hybrid", "hybrid"),
        ("Distributed Systems Engineer", None),
    ],
)
def test_title(title, value):
    facet = read(posting(title=title))
    assert (facet.value if facet else None) == value


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("This is a fully remote position; you can work from anywhere in Spain.", "remote"),
        ("We are a remote-first company.", "remote"),
        ("Hybrid: 3 days in the office, 2 from home.", "hybrid"),
        ("We work in a hybrid model with two days a week in our Paris office.", "hybrid"),
        ("Available for a 3-month internship based in Madrid (in-office attendance required).", "onsite"),
        ("Please note this is not a remote role.", "onsite"),
        ("We are remote-first, but this role is on-site in our lab.", "onsite"),
        ("Location: Remote (US time zones)", "remote"),
        ("Build great products with a great team.", None),
        ("This is an office-based role, five days a week.", "onsite"),
        # other languages
        ("Arbeitsmodell: Hybrid\n\nDeine Aufgaben", "hybrid"),
        ("Homeoffice an 2 Tagen pro Woche möglich.", "hybrid"),
        ("Modalidad: Híbrida", "hybrid"),
        ("Trabajo 100% remoto desde cualquier lugar de España.", "remote"),
        ("Teletrabajo total.", "remote"),
    ],
)
def test_body_phrases(body, value):
    facet = read(posting(), body)
    assert (facet.value if facet else None) == value
    if facet:
        assert facet.basis == "body" and facet.evidence


def test_remote_scope_from_the_body_sentence():
    facet = read(posting(), "This position offers fully remote work within the US and Canada.")
    assert facet.value == "remote" and facet.remote_countries == ("US", "CA")


def test_company_text_stripped_from_the_body_still_tells_how_people_work():
    p = posting(
        text="About us\nWe are a 100% remote company with people in 20 countries.\nThe role\nShip code."
    )
    assert read(p, "The role\nShip code.").value == "remote"


def test_the_job_body_outranks_the_company_text():
    p = posting(
        text="About us: we are a remote-first company.\nThis role is hybrid: 2 days a week in the office."
    )
    assert read(p, "This role is hybrid: 2 days a week in the office.").value == "hybrid"


def test_keyword_windows_are_the_same_from_the_shared_pass_and_the_own_pass():
    from bot.extract.workplace import _keyword_windows

    text = (
        "About us: a Remote-first company.\nOur office in Berlin, on-site twice a week (zwei Tage pro Woche)."
        + "\n"
        + "Filler words. " * 20
        + "Home office possible; #LI-Hybrid; travail sur site; trabajo presencial; anywhere in the EU."
    )
    windows = _keyword_windows(text, shared=True)
    assert "Remote-first" in windows and "#LI-Hybrid" in windows
    assert _keyword_windows(text, shared=False) == windows


def test_raw_text_keys_found_without_lowering_the_text_agree_with_the_lowered_scan() -> None:
    from bot.extract.keyscan import lower
    from bot.extract.workplace import _KEYWORD_LETTERS, _KEYWORD_SCAN, _KEYWORDS, _keyword_windows

    # every character that lower-cases into a key's non-ASCII letter sends the text to the plain scan
    letters = {c for key in _KEYWORDS for c in key if not c.isascii()}
    assert all(chr(code) in _KEYWORD_LETTERS for code in range(0x110000) if letters & set(chr(code).lower()))
    texts = [
        "Great office in Berlin. " * 40 + "This role is REMOTE-first, Hybrid — 2 Tage pro Woche.",
        "Café crème: we work ON-SITE «sur place» " * 30 + "and from Home Office",
        "İstanbul ofis: Remote " * 20 + "office",
        "Trabajo HÍBRIDO, 100% presencial",
    ]
    for text in texts:
        low = lower(text)
        hits = sorted(at for starts in _KEYWORD_SCAN.hits(low).values() for at in starts)
        assert hits, text
        spans: list[tuple[int, int]] = []
        for at in hits:
            start, end = max(0, at - 90), at + 90
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        assert _keyword_windows(text, shared=False) == "\n".join(text[a:b] for a, b in spans)
