"""A local job board for `jobbot demo`: the sample postings served over HTTP in real vendor shapes.

Clipwave's postings are a Greenhouse board (``/boards/clipwave/jobs``, content entity-escaped as Greenhouse
sends it); the startups' postings are a community page carrying schema.org JobPosting JSON-LD
(``/community/jobs.html``). Both answer conditional requests (ETag → 304), and ``publish`` decides which
postings are up, so the demo can show a first poll (stored as already seen) and then real new postings.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from aiohttp import web

from bot.models import Posting

GREENHOUSE_PATH = "/boards/clipwave/jobs"
JSONLD_PATH = "/community/jobs.html"
BIG_COMPANY = "Clipwave"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n"))


def greenhouse_jobs(postings: Iterable[Posting]) -> dict[str, object]:
    """A Greenhouse boards-api ``/jobs?content=true`` body for ``postings``."""
    jobs = []
    for number, posting in enumerate(postings, start=1):
        jobs.append(
            {
                "id": 7_000_000 + int(hashlib.sha256(posting.id.encode()).hexdigest()[:6], 16),
                "internal_job_id": 5_000 + number,
                "title": posting.title,
                "updated_at": "2026-11-02T09:00:00-05:00",
                "requisition_id": None,
                "location": {"name": posting.location_text},
                "absolute_url": posting.url,
                "metadata": None,
                "company_name": posting.company,
                "first_published": "2026-11-01T09:00:00-05:00",
                "language": "en",
                "content": html.escape(_paragraphs(posting.text)),  # Greenhouse escapes its HTML once more
                "departments": [],
                "offices": [],
            }
        )
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def jsonld_page(postings: Iterable[Posting]) -> str:
    """A community job-board page with one schema.org JobPosting block per posting."""
    blocks = []
    for posting in postings:
        city = posting.location_text
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": posting.title,
            "description": _paragraphs(posting.text),
            "datePosted": "2026-11-01",
            "hiringOrganization": {"@type": "Organization", "name": posting.company},
            "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": city}},
            "url": posting.url,
        }
        script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        blocks.append(f'<script type="application/ld+json">{script}</script>')
    return (
        "<!doctype html><html><head><title>Startup jobs</title></head><body>"
        + "".join(blocks)
        + "</body></html>"
    )


class DemoBoard:
    """The two demo sources on one local aiohttp server; ``publish`` sets which postings are listed."""

    def __init__(self, postings: Sequence[Posting]) -> None:
        self._all = list(postings)
        self._up: list[Posting] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.requests = 0
        self.not_modified = 0

    def publish(self, ids: Iterable[str] | None = None) -> None:
        """List the postings with these ids (all of them when None)."""
        wanted = None if ids is None else set(ids)
        self._up = [p for p in self._all if wanted is None or p.id in wanted]

    @property
    def greenhouse_url(self) -> str:
        """The URL of the Greenhouse-shaped board."""
        return self.base_url + GREENHOUSE_PATH

    @property
    def jsonld_url(self) -> str:
        """The URL of the JSON-LD community page."""
        return self.base_url + JSONLD_PATH

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_get(GREENHOUSE_PATH, self._greenhouse)
        app.router.add_get(JSONLD_PATH, self._jsonld)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _greenhouse(self, request: web.Request) -> web.Response:
        body = json.dumps(greenhouse_jobs(p for p in self._up if p.company == BIG_COMPANY)).encode()
        return self._answer(request, body, "application/json")

    async def _jsonld(self, request: web.Request) -> web.Response:
        body = jsonld_page(p for p in self._up if p.company != BIG_COMPANY).encode()
        return self._answer(request, body, "text/html; charset=utf-8")

    def _answer(self, request: web.Request, body: bytes, content_type: str) -> web.Response:
        self.requests += 1
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag, "Last-Modified": datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")}
        return web.Response(
            body=body, headers=headers, content_type=content_type.split(";")[0], charset="utf-8"
        )
