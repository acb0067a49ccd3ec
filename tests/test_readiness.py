"""/readyz and /metrics of the standalone metrics server while a real PostgreSQL goes away, hangs and returns.

The store is reached through a TCP proxy (tests/fakes/tcp_proxy.py) in front of the test server, so the
database can really disappear (connections dropped, new ones refused) or hang (nothing answers), then
come back, while the process under test keeps its engine and pool.
"""

import asyncio
import time

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.app import ops_for, serve_metrics
from bot.store.migrate import open_store
from tests.fakes.http_server import async_test
from tests.fakes.tcp_proxy import TcpProxy
from tests.metrics_scrape import scrape, value
from tests.task_queue import apply_procrastinate_schema
from tests.test_run_end_to_end import _free_port, _listening, _until

pytestmark = pytest.mark.postgres


async def _ready(session: aiohttp.ClientSession, base: str) -> tuple[int, dict]:
    async with session.get(base + "/readyz") as response:
        return response.status, await response.json()


async def _until_ready_is(session: aiohttp.ClientSession, base: str, status: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        got, body = await _ready(session, base)
        if got == status:
            return body
        assert time.monotonic() < deadline, f"/readyz stayed {got}: {body}"
        await asyncio.sleep(0.1)


@async_test
async def test_readyz_follows_the_database_and_the_task_queue(postgres_url):
    url = make_url(postgres_url)
    async with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        engine = await asyncio.to_thread(open_store, url.set(port=proxy.port).render_as_string(False))
        ops = ops_for(engine, task_queue=True)
        ops.readiness.timeout = 1.0
        ops.probes.timeout = 1.0
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        stop = asyncio.Event()
        server = asyncio.create_task(serve_metrics(stop, port, ops=ops))
        try:
            await _until(lambda: _listening(port))
            async with aiohttp.ClientSession() as session:
                # PostgreSQL without procrastinate's tables: the database answers, the queue is missing.
                status, body = await _ready(session, base)
                assert status == 503
                assert body["checks"]["database"] == "ok"
                assert "procrastinate_jobs is missing" in body["failing"]["task_queue"]

                await asyncio.to_thread(apply_procrastinate_schema, engine)
                assert (await _ready(session, base)) == (
                    200, {"status": "ready", "checks": {"database": "ok", "task_queue": "ok"}, "failing": {}}
                )  # fmt: skip

                await proxy.stop()  # the database goes away
                body = await _until_ready_is(session, base, 503)
                assert set(body["failing"]) == {"database", "task_queue"}
                assert "OperationalError" in body["failing"]["database"]
                assert "127.0.0.1" not in str(body)  # no connection details on a possibly public endpoint
                down = await scrape(session, base)  # metrics still answer, and say the store is unreadable
                assert value(down, "jobbot_probe_up", probe="outbox") == 0
                assert value(down, "jobbot_probe_up", probe="task_queue") == 0

                await proxy.start()  # and comes back on the same address
                await _until_ready_is(session, base, 200)
                up = await scrape(session, base)
                assert value(up, "jobbot_probe_up", probe="outbox") == 1
                assert value(up, "jobbot_task_queue_oldest_due_seconds") == 0

                proxy.hang()  # the database accepts and never answers: the probe must not hang with it
                started = time.monotonic()
                status, body = await _ready(session, base)
                assert time.monotonic() - started < 3.0
                assert status == 503
                assert body["failing"]["database"] == "no answer within 1 s"
                started = time.monotonic()
                hung = await scrape(session, base)  # the counters still come, the store's gauges do not
                assert time.monotonic() - started < 3.0
                assert value(hung, "jobbot_probe_up", probe="outbox") == 0
                assert ("jobbot_outbox_rows", frozenset({("state", "due")})) not in hung
                assert ("jobbot_matches_total", frozenset()) in hung
                await proxy.resume()
                await _until_ready_is(session, base, 200)
        finally:
            stop.set()
            await server
            await proxy.resume()
            engine.dispose()
