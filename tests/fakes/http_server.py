"""A real HTTP server on 127.0.0.1 for tests: fixtures, conditional GET, redirects, hostile bodies.

    @async_test
    async def test_feed():
        async with FakeHttpServer() as server:
            server.respond("/feed.xml", FEED_BYTES, content_type="application/rss+xml", etag='"v1"')
            ... fetch server.url("/feed.xml") ...

Sync tests (a CLI run) use ``with running_in_thread(FakeHttpServer()) as server:``. Every request is
recorded in ``server.requests``. Hostile bodies are generated lazily (``zero_chunks``, ``gzip_bomb_chunks``),
so a "10 GB" answer costs only what the client actually reads.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Chunks = Callable[[], Iterable[bytes] | AsyncIterator[bytes]]
MB = 1_000_000


def async_test(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    """Run an ``async def`` test in a fresh event loop (no pytest plugin needed); fixtures still work."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@dataclass(frozen=True)
class SeenRequest:
    """One request the server received."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes


class FakeHttpServer:
    """An aiohttp server on 127.0.0.1 and a free port, answering the routes a test gives it."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self.requests: list[SeenRequest] = []
        self._routes: dict[str, Handler] = {}
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeHttpServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # cancel handlers when the client hangs up, and do not wait for slow ones at shutdown
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.05, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def url(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on this server."""
        return f"http://{self.host}:{self.port}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [r.path for r in self.requests]

    def add(self, path: str, handler: Handler) -> None:
        """Answer ``path`` (any method) with a custom aiohttp handler."""
        self._routes[path] = handler

    def respond(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Answer ``path`` with a fixed body; with ``etag``/``last_modified``, answer 304 when they match."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            extra = dict(headers or {})
            if etag is not None:
                extra["ETag"] = etag
            if last_modified is not None:
                extra["Last-Modified"] = last_modified
            unchanged = (etag is not None and request.headers.get("If-None-Match") == etag) or (
                etag is None
                and last_modified is not None
                and request.headers.get("If-Modified-Since") == last_modified
            )
            if unchanged:
                return web.Response(status=304, headers=extra)
            response = web.Response(body=data, status=status, headers=extra)
            if content_type is not None:
                response.content_type = content_type
            return response

        self.add(path, handler)

    def serve_file(self, path: str, file: Path, *, content_type: str, etag: str | None = None) -> None:
        """Answer ``path`` with a fixture file's bytes."""
        self.respond(path, file.read_bytes(), content_type=content_type, etag=etag)

    def redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``location`` (relative or absolute)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self.add(path, handler)

    def stream(
        self,
        path: str,
        chunks: Chunks,
        *,
        headers: Mapping[str, str] | None = None,
        content_length: int | None = None,
    ) -> None:
        """Answer ``path`` by writing ``chunks()`` one by one, stopping quietly when the client hangs up."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers=dict(headers or {}))
            if content_length is not None:
                response.content_length = content_length
            await response.prepare(request)
            try:
                produced = chunks()
                if isinstance(produced, AsyncIterator):
                    async for chunk in produced:
                        await response.write(chunk)
                else:
                    for chunk in produced:
                        await response.write(chunk)
                        await asyncio.sleep(0)  # let the client (same loop) read and hang up
                await response.write_eof()
            except (ConnectionError, RuntimeError):
                pass  # the client stopped reading: exactly what hostile-body tests expect
            return response

        self.add(path, handler)

    def slow(self, path: str, delay: float, body: bytes = b"late") -> None:
        """Answer ``path`` only after ``delay`` seconds (the handler is cancelled if the client leaves)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(delay)
            return web.Response(body=body)

        self.add(path, handler)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            SeenRequest(request.method, request.path, request.query_string, dict(request.headers), body)
        )
        handler = self._routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text=f"no route for {request.path}")
        return await handler(request)


def zero_chunks(total: int, chunk: int = MB) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` zero bytes, made one ``chunk`` at a time (one buffer, reused)."""
    block = bytes(chunk)

    def produce() -> Iterator[bytes]:
        left = total
        while left > 0:
            yield block if left >= chunk else block[:left]
            left -= chunk

    return produce


def gzip_bomb_chunks(expanded: int, chunk: int = MB) -> Callable[[], Iterator[bytes]]:
    """A gzip stream that inflates to ``expanded`` zero bytes, compressed lazily as the client reads."""
    block = bytes(chunk)

    def produce() -> Iterator[bytes]:
        compressor = zlib.compressobj(1, zlib.DEFLATED, 31)  # wbits 31 = gzip framing
        left = expanded
        while left > 0:
            yield compressor.compress(block if left >= chunk else block[:left]) + compressor.flush(
                zlib.Z_SYNC_FLUSH
            )
            left -= chunk
        yield compressor.flush()

    return produce


@contextmanager
def running_in_thread(server: FakeHttpServer) -> Iterator[FakeHttpServer]:
    """Run ``server`` on its own event loop in a thread, for tests of synchronous code (the CLI)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-http-server", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(server.__aenter__(), loop).result(timeout=5)
        try:
            yield server
        finally:
            asyncio.run_coroutine_threadsafe(server.__aexit__(None, None, None), loop).result(timeout=5)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()
