"""Cross-source identity: when a posting on one source is the same job already seen on another.

The same job shows up on its ATS board, on aggregators and on community lists, sometimes translated. Each
posting gets identity keys (strongest first): the company's requisition id, the canonical URL, and a fuzzy
key of company + normalized title + city. A new posting that shares a key with a posting of *another*
source is the same job; within one source two postings are always two jobs (boards list one opening per
city or team under one title).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.models import Posting
from bot.sources.base import strip_tracking

KeyKind = Literal["req", "url", "fuzzy"]
KEY_STRENGTH: dict[KeyKind, int] = {"req": 3, "url": 2, "fuzzy": 1}

# Hosts that serve the same pages under several names.
_HOST_ALIASES = {
    "job-boards.greenhouse.io": "boards.greenhouse.io",
    "job-boards.eu.greenhouse.io": "boards.greenhouse.io",
    "boards.eu.greenhouse.io": "boards.greenhouse.io",
    "jobs.eu.lever.co": "jobs.lever.co",
}
# Trailing path parts that lead to the same job (the apply form of a Lever or Ashby posting).
_APPLY_SUFFIX = re.compile(r"/(?:apply|application)/?$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Gender and similar tags that German/French/Spanish boards add to titles and aggregators drop.
_TITLE_TAGS = re.compile(
    r"\((?:[mwfdhx]\s*/\s*){1,3}[mwfdhx]\)|\b(?:[mwfdhx]\s*/\s*){1,3}[mwfdhx]\b|"
    r"\((?:all genders?|tous genres|f/h/x|h/f/x)\)|\b(?:all genders?)\b",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|"
    r"company|group|se|ab|oy|as|kg)\b\.?",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class IdentityKey:
    """One way to recognize a job: its kind (how strong) and the normalized value."""

    kind: KeyKind
    value: str

    @property
    def digest(self) -> str:
        """A short fixed-length form for storage and lookup: "url:3f2a…"."""
        hashed = hashlib.sha256(self.value.encode("utf-8")).hexdigest()[:32]
        return f"{self.kind}:{hashed}"


@dataclass(frozen=True, slots=True)
class KeyHit:
    """A stored posting that carries one of the keys asked about."""

    key: str  # an IdentityKey digest
    posting_id: str
    source_id: str


@dataclass(frozen=True, slots=True)
class SameJob:
    """The stored posting a new one duplicates, and the kind of key that said so."""

    posting_id: str
    basis: KeyKind


class KeyIndex(Protocol):
    """Where identity keys of stored postings can be looked up (the store implements it)."""

    def postings_with_keys(self, keys: Sequence[str]) -> Sequence[KeyHit]:
        """Every stored posting carrying one of these key digests."""
        ...


def canonical_url(url: str | None) -> str:
    """A URL reduced to what names the page: no tracking, no fragment, lower-case host, no default port."""
    stripped = strip_tracking(url)
    if not stripped:
        return ""
    try:
        parts = urlsplit(stripped)
        port = parts.port
    except ValueError:
        return stripped
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return stripped
    host = parts.hostname.lower().rstrip(".").removeprefix("www.")
    host = _HOST_ALIASES.get(host, host)
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{port}"
    path = _APPLY_SUFFIX.sub("", parts.path).rstrip("/") or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    # http and https name the same job page; the key keeps one scheme.
    return urlunsplit(("https", host, path, query, ""))


def normalize_text(text: str | None) -> str:
    """Case-folded, accent-free words joined by single spaces ("Ingénieur·e" → "ingenieur e")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def normalize_title(title: str | None) -> str:
    """A title without gender tags ("(m/w/d)", "H/F") and punctuation, for comparing across sources."""
    return normalize_text(_TITLE_TAGS.sub(" ", title or ""))


def normalize_company(company: str | None) -> str:
    """A company name without legal suffixes ("Acme GmbH" → "acme")."""
    return normalize_text(_COMPANY_SUFFIX.sub(" ", normalize_text(company)))


def posting_city(posting: Posting) -> str:
    """The posting's first city: extracted, else the source's, else the first part of its location text."""
    for locations in (posting.facets.locations if posting.facets else (), posting.hints.locations):
        for loc in locations:
            if loc.city:
                return normalize_text(loc.city)
    first = re.split(r"[,;/|(]", posting.location_text, maxsplit=1)[0]
    return normalize_text(first)


def requisition_keys(posting: Posting) -> tuple[IdentityKey, ...]:
    """Keys from the company's own job code, which survives translations and re-posts on aggregators."""
    company = normalize_company(posting.company)
    if not company:
        return ()  # codes like "R1234" repeat across companies; without one the code proves nothing
    codes: list[str] = []
    for code in (posting.hints.job_code, posting.facets.job_code.value if posting.facets and
                 posting.facets.job_code else None):  # fmt: skip
        normalized = normalize_text(code).replace(" ", "")
        if len(normalized) >= 3 and normalized not in codes:
            codes.append(normalized)
    return tuple(IdentityKey("req", f"{company}|{code}") for code in codes)


def url_keys(posting: Posting) -> tuple[IdentityKey, ...]:
    """Keys from the posting's link and the Greenhouse job id a company page carries (``gh_jid``)."""
    keys: list[IdentityKey] = []
    url = canonical_url(posting.url)
    if url:
        keys.append(IdentityKey("url", url))
        query = dict(parse_qsl(urlsplit(url).query))
        if query.get("gh_jid", "").isdigit():
            keys.append(IdentityKey("url", f"greenhouse-job|{query['gh_jid']}"))
    gh_path = re.search(r"greenhouse\.io/[^/]+/jobs/(\d+)", url)
    if gh_path:
        keys.append(IdentityKey("url", f"greenhouse-job|{gh_path.group(1)}"))
    return tuple(dict.fromkeys(keys))


def fuzzy_key(posting: Posting) -> IdentityKey | None:
    """Company + normalized title + city; None when any part is unknown (too weak without all three)."""
    company, title, city = (
        normalize_company(posting.company),
        normalize_title(posting.title),
        posting_city(posting),
    )
    if not (company and title and city):
        return None
    return IdentityKey("fuzzy", f"{company}|{title}|{city}")


def identity_keys(posting: Posting) -> tuple[IdentityKey, ...]:
    """Every identity key of a posting, strongest first."""
    fuzzy = fuzzy_key(posting)
    return (*requisition_keys(posting), *url_keys(posting), *((fuzzy,) if fuzzy else ()))


def find_same_job(
    posting: Posting, index: KeyIndex, keys: Sequence[IdentityKey] | None = None
) -> SameJob | None:
    """The stored posting of another source that is the same job as ``posting``, by its strongest key.

    ``keys``: the posting's ``identity_keys``, when the caller has them already.
    """
    keys = identity_keys(posting) if keys is None else keys
    if not keys:
        return None
    kinds = {key.digest: key.kind for key in keys}
    hits = [
        hit
        for hit in index.postings_with_keys(list(kinds))
        if hit.posting_id != posting.id and hit.source_id != posting.source
    ]
    return _strongest(hits, kinds)


def _strongest(hits: Iterable[KeyHit], kinds: dict[str, KeyKind]) -> SameJob | None:
    best: SameJob | None = None
    for hit in sorted(hits, key=lambda h: h.posting_id):  # stable choice when several postings match
        kind = kinds[hit.key]
        if best is None or KEY_STRENGTH[kind] > KEY_STRENGTH[best.basis]:
            best = SameJob(hit.posting_id, kind)
    return best
