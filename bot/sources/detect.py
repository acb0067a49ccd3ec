"""Which kind of source a URL is, its board token, and the API request that lists its postings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from bot.sources.base import SourceContext, SourceKind

# Well-known hosts, checked in order; a host matches when it equals or ends with the pattern.
_HOSTS: tuple[tuple[SourceKind, re.Pattern[str]], ...] = (
    ("greenhouse", re.compile(r"^(?:boards|boards-api|job-boards)\.greenhouse\.io$")),
    ("lever", re.compile(r"^(?:jobs|api)(?:\.eu)?\.lever\.co$")),
    ("ashby", re.compile(r"^(?:jobs|api)\.ashbyhq\.com$")),
    ("smartrecruiters", re.compile(r"^(?:careers|jobs|api)\.smartrecruiters\.com$")),
    ("workable", re.compile(r"^apply\.workable\.com$")),
    ("recruitee", re.compile(r"^[a-z0-9-]+\.recruitee\.com$")),
    ("personio", re.compile(r"^[a-z0-9-]+\.jobs\.personio\.(?:de|com)$")),
    ("workday", re.compile(r"^[a-z0-9-]+\.wd\d+\.myworkdayjobs\.com$")),
    ("tiktok", re.compile(r"^(?:[a-z0-9-]+\.)?lifeattiktok\.com$")),
    ("remoteok", re.compile(r"^(?:www\.)?remoteok\.(?:com|io)$")),
)
_TIKTOK_API = "https://api.lifeattiktok.com/api/v1/public/supplier/search/job/posts"
_TIKTOK_LISTS = ("recruitment_id_list", "job_category_id_list", "subject_id_list", "location_code_list")
_LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2})?$")
PAGE_SIZE = 100
WORKDAY_PAGE_SIZE = 20  # the cxs search refuses larger pages


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One HTTP request to make: GET, or POST with a JSON body (TikTok, Workday)."""

    url: str
    method: str = "GET"
    json_body: dict[str, Any] | None = None
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _split(url: str) -> tuple[str, list[str], dict[str, str]]:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", [], {}
    host = (parts.hostname or "").lower().rstrip(".")
    return host, [p for p in parts.path.split("/") if p], dict(parse_qsl(parts.query))


def detect_kind(url: str) -> SourceKind | None:
    """Name the source kind of a URL on a well-known host, else None (feeds and pages need ``--kind``)."""
    host, _, _ = _split(url)
    return next((kind for kind, pattern in _HOSTS if pattern.match(host)), None)


def board_token(url: str, kind: SourceKind | None = None) -> str | None:
    """Return the board / account / tenant token a URL names ("adyen", "acme/External"), else None."""
    kind = kind or detect_kind(url)
    host, path, query = _split(url)
    if not host:
        return None
    if kind == "greenhouse":
        if query.get("for"):
            return query["for"]
        if path[:2] == ["v1", "boards"]:
            return path[2] if len(path) > 2 else None
        return path[0] if path and path[0] != "embed" else None
    if kind == "lever":
        return path[2] if path[:2] == ["v0", "postings"] and len(path) > 2 else (path[0] if path else None)
    if kind == "ashby":
        if path[:2] == ["posting-api", "job-board"]:
            return path[2] if len(path) > 2 else None
        return path[0] if path else None
    if kind == "smartrecruiters":
        if path[:2] == ["v1", "companies"]:
            return path[2] if len(path) > 2 else None
        return path[0] if path else None
    if kind == "workable":
        if path[:1] == ["api"]:
            return path[path.index("accounts") + 1] if "accounts" in path[:-1] else None
        return path[0] if path and path[0] != "j" else None
    if kind in ("recruitee", "personio"):
        return host.split(".", 1)[0]
    if kind == "workday":
        return _workday_board(host, path)
    if kind == "tiktok":
        return "lifeattiktok"
    if kind == "remoteok":
        return "remoteok"
    return None


def _workday_board(host: str, path: list[str]) -> str | None:
    """Return "tenant/site" from a Workday board URL or its cxs API URL."""
    if path[:2] == ["wday", "cxs"] and len(path) > 3:
        return f"{path[2]}/{path[3]}"
    rest = path[1:] if path and _LOCALE.match(path[0]) else path
    return f"{host.split('.', 1)[0]}/{rest[0]}" if rest else None


def workday_site_url(url: str) -> str | None:
    """Return the public site root of a Workday board ("https://acme.wd5.myworkdayjobs.com/External")."""
    host, path, _ = _split(url)
    board = _workday_board(host, path) if host else None
    return f"https://{host}/{board.split('/', 1)[1]}" if board else None


def api_request(url: str, kind: SourceKind | None = None) -> ApiRequest:
    """Build the request that lists a board's postings; other URLs (feeds, pages) are fetched as they are."""
    kind = kind or detect_kind(url)
    token = board_token(url, kind) if kind else None
    host, _, query = _split(url)
    if kind == "greenhouse" and token:
        return ApiRequest(f"https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true")
    if kind == "lever" and token:
        api_host = "api.eu.lever.co" if ".eu." in host else "api.lever.co"
        return ApiRequest(f"https://{api_host}/v0/postings/{token}?mode=json")
    if kind == "ashby" and token:
        return ApiRequest(f"https://api.ashbyhq.com/posting-api/job-board/{token}?includeCompensation=true")
    if kind == "smartrecruiters" and token:
        return ApiRequest(f"https://api.smartrecruiters.com/v1/companies/{token}/postings?limit={PAGE_SIZE}")
    if kind == "workable" and token:
        return ApiRequest(f"https://apply.workable.com/api/v1/widget/accounts/{token}?details=true")
    if kind == "recruitee" and token:
        return ApiRequest(f"https://{host}/api/offers/")
    if kind == "personio" and token:
        language = f"?{urlencode({'language': query['language']})}" if query.get("language") else ""
        return ApiRequest(f"https://{host}/xml{language}")
    if kind == "workday" and token:
        tenant, site = token.split("/", 1)
        body = {"appliedFacets": {}, "limit": WORKDAY_PAGE_SIZE, "offset": 0, "searchText": ""}
        return ApiRequest(f"https://{host}/wday/cxs/{tenant}/{site}/jobs", "POST", body)
    if kind == "tiktok":
        return _tiktok_request(query)
    if kind == "remoteok":
        return ApiRequest("https://remoteok.com/api")
    return ApiRequest(url.strip())


def _tiktok_request(query: dict[str, str]) -> ApiRequest:
    """Build the lifeattiktok search POST; list filters in the page's query (comma-separated) ride along."""
    body: dict[str, Any] = {key: [v for v in query.get(key, "").split(",") if v] for key in _TIKTOK_LISTS}
    body.update(keyword=query.get("keyword", ""), limit=PAGE_SIZE, offset=0)
    headers = (("website-path", "tiktok"), ("origin", "https://lifeattiktok.com"))
    return ApiRequest(_TIKTOK_API, "POST", body, headers)


def next_page(request: ApiRequest, kind: SourceKind, fetched: int, total: int | None) -> ApiRequest | None:
    """Build the request for the page after ``fetched`` postings, or None when the source has no more."""
    if total is None or fetched >= total or fetched <= 0:
        return None
    if request.json_body is not None and kind in ("workday", "tiktok"):
        return replace(request, json_body={**request.json_body, "offset": fetched})
    if kind == "smartrecruiters":
        parts = urlsplit(request.url)
        query = {**dict(parse_qsl(parts.query)), "offset": str(fetched)}
        return replace(request, url=parts._replace(query=urlencode(query)).geturl())
    return None


def board_of(ctx: SourceContext, kind: SourceKind, default: str | None = None) -> str:
    """The board token a payload's postings are scoped to: given, read off the URL, else the source id.

    A source id of the usual "kind:token" form gives its token, so ids never read "greenhouse:greenhouse:…".
    """
    return ctx.board or board_token(ctx.url, kind) or default or ctx.source_id.removeprefix(f"{kind}:")
