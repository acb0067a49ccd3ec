"""A fleet of Greenhouse-shaped job boards on 127.0.0.1 that notes every fetch, and any two that overlapped.

Each board answers a little late (``delay``), so two polls of one board at once would overlap in time and
be seen: ``overlaps`` counts, per board, fetches that started while another fetch of it was unanswered.
``publish`` changes what every board lists from the next fetch on.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

from aiohttp import web


class BoardFleet:
    """Boards ``/boards/{name}``; an async context manager."""

    def __init__(self, *, delay: float = 0.2) -> None:
        self.delay = delay
        self.jobs: dict[str, list[dict[str, Any]]] = {}
        self.fetches: Counter[str] = Counter()
        self.overlaps: Counter[str] = Counter()
        self._in_flight: Counter[str] = Counter()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def __aenter__(self) -> BoardFleet:
        app = web.Application()
        app.router.add_get("/boards/{name}", self._board)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, name: str) -> str:
        """The board's URL."""
        return f"http://127.0.0.1:{self.port}/boards/{name}"

    def publish(self, name: str, jobs: list[dict[str, Any]]) -> None:
        """What board ``name`` lists from now on."""
        self.jobs[name] = jobs

    async def _board(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.fetches[name] += 1
        if self._in_flight[name]:
            self.overlaps[name] += 1
        self._in_flight[name] += 1
        try:
            await asyncio.sleep(self.delay)
            jobs = self.jobs.get(name, [])
            body = json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}})
            return web.Response(text=body, content_type="application/json")
        finally:
            self._in_flight[name] -= 1
