"""What every source adapter shares: the parse contract, its errors, ids, URLs, dates and places.

The contract, the same for every kind (one module per kind in ``bot.sources``, named after the kind)::

    parse(payload: Payload, ctx: SourceContext) -> ParseResult

``payload`` is the body as fetched (bytes), or text, or JSON already decoded. Adapters are pure: no
network, no clock (``ctx.fetched_at`` stands in for "now"). A payload whose shape is wrong raises
``SourceFormatError`` saying what was expected and what came; one bad record in an otherwise good payload is
left out and reported in ``ParseResult.skipped``. Structured vendor fields go into ``Posting`` and
``SourceHints`` as the vendor wrote them; what is unknown stays None, and extraction fills the gaps later.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.geo import resolve_place
from bot.geo.places import place_by_key
from bot.models import Location, Posting
from bot.sources.sanitize import changed_fields, clean_value

log = logging.getLogger(__name__)

SourceKind = Literal[
    "feed", "greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee", "personio",
    "workday", "tiktok", "jsonld", "simplify", "remoteok",
]  # fmt: skip
KINDS: tuple[SourceKind, ...] = (
    "feed", "greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee", "personio",
    "workday", "tiktok", "jsonld", "simplify", "remoteok",
)  # fmt: skip

Payload = bytes | str | dict[str, Any] | list[Any]
"""A body as fetched (bytes), as text, or JSON already decoded."""


class SourceFormatError(ValueError):
    """A payload whose shape is not what the source kind sends; the message says what was expected."""

    def __init__(self, kind: str, expected: str, found: str) -> None:
        super().__init__(f"{kind}: expected {expected}, found {found}")
        self.kind = kind
        self.expected = expected
        self.found = found


class RecordError(ValueError):
    """One record that cannot become a posting (it is skipped, the rest of the payload is kept)."""


@dataclass(frozen=True, slots=True)
class SourceContext:
    """What an adapter knows about the source besides the payload."""

    source_id: str  # the source's id; becomes Posting.source
    url: str = ""  # the URL that was fetched: names the board and resolves relative links
    company: str | None = None  # the company, when the payload does not say
    board: str | None = None  # the board/account token, when the URL does not show it
    fetched_at: datetime | None = None  # "now" for relative dates ("Posted 3 Days Ago")


@dataclass(frozen=True, slots=True)
class Skip:
    """A record left out, and why: "placeholder", "inactive", "hidden", "duplicate", "malformed", …"""

    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The postings a payload held, the records left out, and the total the source reports (for paging)."""

    postings: tuple[Posting, ...] = ()
    skipped: tuple[Skip, ...] = ()
    total: int | None = None
    cleaned: tuple[str, ...] = ()  # records kept after cleaning (``bot.sources.sanitize``): which fields


Parser = Callable[[Payload, SourceContext], ParseResult]


# --- payloads -------------------------------------------------------------------------------------------


def describe(value: object) -> str:
    """Describe a decoded JSON value in a few words, for error messages."""
    if isinstance(value, dict):
        keys = ", ".join(list(map(str, value))[:8]) or "none"
        return f"a JSON object with keys {keys}"
    if isinstance(value, list):
        return f"a JSON list of {len(value)} item(s)"
    if value is None:
        return "null"
    return f"a JSON {type(value).__name__} {str(value)[:40]!r}"


def decode_text(payload: bytes | str, kind: str, what: str = "UTF-8 text") -> str:
    """Return the payload as text: bytes must be UTF-8 (a BOM is dropped)."""
    if isinstance(payload, str):
        return payload
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(kind, what, f"bytes that are not UTF-8 (byte {exc.start})") from None


MAX_JSON_DEPTH = 64  # no job board nests deeper than ~10; far deeper is an attack or a broken server


def parse_json(text: str, kind: str, *, strict: bool = True) -> Any:
    """``json.loads(text)``; JSON no Python code can safely walk is a SourceFormatError.

    Nesting deeper than ``MAX_JSON_DEPTH`` would otherwise raise RecursionError in the decoder (or later, in
    whatever walks the value), and a number of thousands of digits a ValueError: neither is a format error a
    source owner can read. Syntax errors (``json.JSONDecodeError``) are left to the caller.
    """
    try:
        value = json.loads(text, strict=strict)
    except RecursionError:
        value, depth = None, MAX_JSON_DEPTH + 1
    except json.JSONDecodeError:
        raise
    except ValueError:  # Python refuses to read an integer of thousands of digits
        raise SourceFormatError(kind, "JSON", "a number too long to read") from None
    else:
        depth = json_depth(value, MAX_JSON_DEPTH + 1)
    if depth > MAX_JSON_DEPTH:
        raise SourceFormatError(
            kind, f"JSON nested at most {MAX_JSON_DEPTH} levels deep", "JSON nested deeper than that"
        )
    return value


def json_depth(value: Any, stop: int) -> int:
    """How deeply ``value``'s lists and objects nest (a scalar: 0), counted iteratively up to ``stop``."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest >= stop:
            break
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def load_json(payload: Payload, kind: str) -> Any:
    """Decode a JSON payload; bad encoding, truncation, non-JSON: SourceFormatError.

    So is JSON that ``parse_json`` refuses (nested too deeply, a number of thousands of digits).
    """
    if isinstance(payload, dict | list):
        return payload
    text = decode_text(payload, kind, "UTF-8 JSON")
    if not text.strip():
        raise SourceFormatError(kind, "JSON", "an empty body")
    try:
        return parse_json(text, kind)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        cut_off = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        found = "truncated JSON" if cut_off else "invalid JSON"
        raise SourceFormatError(kind, "JSON", f"{found} ({exc.msg} at {where})") from None


def list_at(data: Any, key: str, kind: str) -> list[Any]:
    """``data[key]`` when ``data`` is an object holding a list there, else SourceFormatError."""
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise SourceFormatError(kind, f'a JSON object with a "{key}" list', describe(data))
    return data[key]


def collect(
    kind: str, records: Iterable[Any], build: Callable[[dict[str, Any]], Posting | Skip]
) -> ParseResult:
    """Build postings from ``records``: a record that fails is skipped and reported, never fatal."""
    postings: list[Posting] = []
    skipped: list[Skip] = []
    cleaned: list[str] = []  # records stored after cleaning, and which of their fields were cleaned
    seen: set[str] = set()
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            skipped.append(
                Skip("malformed", f"record {number}: expected an object, found {describe(record)}")
            )
            continue
        if json_depth(record, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH:  # handed over decoded, never checked
            skipped.append(Skip("malformed", f"record {number}: nested too deeply to read"))
            continue
        clean = clean_value(record)
        if clean is not record:
            fields = ", ".join(changed_fields(record))
            cleaned.append(f"record {number}: {fields} (NUL or control characters, lone surrogates or NaN)")
            record = clean
        try:
            built = build(record)
        except (RecordError, KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
            # Vendor records drift one field at a time; one odd record must not hide the others.
            log.debug("skipped a record", extra={"kind": kind, "record": number, "error": str(exc)})
            built = Skip("malformed", f"record {number}: {type(exc).__name__}: {exc}")
        except Exception as exc:  # an adapter bug on one odd record: skip it, keep the traceback
            log.warning("adapter failed on a record", exc_info=True, extra={"kind": kind, "record": number})
            built = Skip("malformed", f"record {number}: {type(exc).__name__}: {exc}")
        if isinstance(built, Skip):
            skipped.append(built)
        elif built.id in seen:
            skipped.append(Skip("duplicate", built.id))
        else:
            seen.add(built.id)
            postings.append(built)
    return ParseResult(tuple(postings), tuple(skipped), cleaned=tuple(cleaned))


# --- values ---------------------------------------------------------------------------------------------


def text_of(value: Any) -> str | None:
    """Return a trimmed non-empty string, or None (numbers are written out, other values are None)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def required(record: dict[str, Any], key: str) -> str:
    """Return the record's ``key`` as non-empty text, or raise RecordError naming the missing field."""
    value = text_of(record.get(key))
    if value is None:
        raise RecordError(f'no "{key}"')
    return value


def label_of(value: Any, *keys: str) -> str | None:
    """Text from a value that is either a string or an object carrying it under one of ``keys``."""
    if isinstance(value, dict):
        for key in keys:
            found = text_of(value.get(key))
            if found:
                return found
        return None
    return text_of(value)


def bool_of(value: Any) -> bool | None:
    """True/False for a JSON boolean (or "true"/"false"), else None: absent is not False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def scoped_id(kind: str, *parts: str) -> str:
    """Join a stable, source-scoped posting id: "greenhouse:adyen:7095302"."""
    return ":".join((kind, *parts))


def content_hash(*parts: str | None) -> str:
    """Hash some texts short and stable, for records that carry no id of their own."""
    joined = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


_MOJIBAKE = re.compile(r"[\xc2-\xf4][\x80-\xbf]+")  # a UTF-8 lead byte and its continuations, as Latin-1


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 that was read as Latin-1 (a mangled "Gdańsk"), wherever the bytes decode as UTF-8."""
    if not text or text.isascii():
        return text
    return _MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    try:
        return match.group(0).encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)  # not a UTF-8 sequence after all: leave it as it is


# --- URLs -----------------------------------------------------------------------------------------------

_TRACKING_KEYS = frozenset({
    "gh_src", "lever-source", "lever-source[]", "lever-origin", "ref", "referrer", "source", "src",
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid", "trk",
    "jclickid",
})  # fmt: skip


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low.startswith("utm_") or low in _TRACKING_KEYS


def strip_tracking(url: str | None) -> str:
    """``url`` without tracking parameters (utm_*, gh_src, lever-source, ref, source…), repeats removed."""
    if not url:
        return ""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme not in ("http", "https"):
        return url
    pairs: list[tuple[str, str]] = []
    for pair in parse_qsl(parts.query, keep_blank_values=True):
        if not _is_tracking(pair[0]) and pair not in pairs:
            pairs.append(pair)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(pairs), parts.fragment))


# --- dates ----------------------------------------------------------------------------------------------

_UTC_SUFFIXES = ("UTC", "GMT", "Z")


def parse_datetime(value: Any) -> datetime | None:
    """Read an aware datetime from ISO text, a date, "2024-01-10 12:00:00 UTC", or epoch s/ms; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 100_000_000_000 else value  # ms once past the year 5138 in s
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = text_of(value)
    if text is None:
        return None
    if text.isdigit():
        try:
            return parse_datetime(int(text))
        except ValueError:  # digits Python will not read as one number ("²", thousands of them)
            return None
    text = _without_utc_suffix(text)  # a trailing UTC/Z means what no offset means here: UTC
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _without_utc_suffix(text: str) -> str:
    """``text`` without a trailing "UTC", "GMT" or "Z" (any case) and the spaces before it."""
    # Not a regex: one ending in "\s*…$" is tried from every space of a long run, the square of its length.
    for suffix in _UTC_SUFFIXES:
        if text[-len(suffix) :].upper() == suffix:
            return text[: -len(suffix)].rstrip()
    return text


# --- places ---------------------------------------------------------------------------------------------


def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a country name or code ("Germany", "USA", "de", "UK"), else None."""
    text = text_of(name)
    if text is None:
        return None
    if len(text) == 2 and text.isalpha():
        # Codes that are also words ("NO", "IT", "BE") are no names to the gazetteer, but are codes here.
        coded = place_by_key(f"country:{text.upper()}")
        if coded is not None:
            return coded.country
    term = text.upper() if len(text) <= 3 and text.isalpha() else text
    places = resolve_place(term)
    for place in places:
        if place.kind == "country":
            return place.country
    return places[0].country if places and places[0].kind == "region" else None


def make_location(
    city: Any = None, region: Any = None, country: Any = None, evidence: str = ""
) -> Location | None:
    """Build a source Location from vendor address parts; None when it names neither city nor country."""
    city_text, region_text = text_of(city), text_of(region)
    code = country_code(country)
    if city_text is None and code is None:
        return None
    if evidence == "":
        evidence = ", ".join(t for t in (city_text, region_text, text_of(country)) if t)
    return Location(city=city_text, region=region_text, country=code, evidence=evidence, basis="source")


def located_in(text: str | None, country: Any) -> Location | None:
    """Place a display string known to be in ``country``: at its city when the text names one."""
    code = country_code(country)
    if code is None:
        return None
    display = text_of(text) or ""
    for part in (display, *re.split(r"\s*[,;/|()\-–]\s*", display)):
        if not part:
            continue
        for place in resolve_place(part):
            if place.kind == "city" and place.country == code:
                return Location(place.name, place.region, code, place.geoname_id, display, "source")
    return Location(country=code, evidence=display or code, basis="source")


def all_or_nothing(locations: Iterable[Location | None]) -> tuple[Location, ...]:
    """Keep the locations when every one was understood, else none.

    Extraction trusts source locations over the location text, so a partial list would hide the rest.
    """
    found = list(locations)
    if not found or any(loc is None for loc in found):
        return ()
    unique: list[Location] = []
    for loc in found:
        if loc is not None and loc not in unique:
            unique.append(loc)
    return tuple(unique)
