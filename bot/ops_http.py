"""The operations endpoints over HTTP: /metrics (Prometheus), /healthz (liveness), /readyz (readiness).

``add_routes`` puts them on an existing aiohttp app (the Slack server's); ``run_ops_server`` serves them
alone, for processes with no HTTP of their own (workers, the Discord gateway, `jobbot run` in Socket
Mode). Scrapes and checks run off the event loop, so a slow database never stalls the bot's own work.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import CollectorRegistry

from bot.health import Readiness, off_loop
from bot.metrics import CONTENT_TYPE, ProbeCollector, render

logger = logging.getLogger(__name__)

METRICS_PATH = "/metrics"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
LOOPBACK = "127.0.0.1"  # metrics say how busy the bot is: only where asked (JOBBOT_METRICS_HOST)
SCRAPE_TIMEOUT_SECONDS = 10.0  # Prometheus's default scrape timeout


@dataclass(frozen=True, slots=True)
class Ops:
    """What the endpoints answer from: a metrics registry (with its probes) and the readiness checks.

    Another part of jobbot adds a gauge with ``ops.probes.add(name, probe)`` and a readiness check with
    ``ops.readiness.add(name, check)``.
    """

    registry: CollectorRegistry
    readiness: Readiness
    probes: ProbeCollector
    scrape_timeout: float = SCRAPE_TIMEOUT_SECONDS


def add_routes(web_app: web.Application, ops: Ops) -> None:
    """Serve /metrics, /healthz and /readyz from ``ops`` on ``web_app``."""

    async def metrics(request: web.Request) -> web.Response:
        try:
            body = await asyncio.wait_for(off_loop(lambda: render(ops.registry)), ops.scrape_timeout)
        except TimeoutError:
            return web.Response(status=503, text=f"metrics not read within {ops.scrape_timeout:g} s\n")
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def ready(request: web.Request) -> web.Response:
        report = await ops.readiness.report()
        return web.json_response(report.as_json(), status=200 if report.ready else 503)

    web_app.router.add_get(METRICS_PATH, metrics)
    web_app.router.add_get(HEALTH_PATH, health)
    web_app.router.add_get(READY_PATH, ready)


async def run_ops_server(ops: Ops, stop: asyncio.Event, *, port: int, host: str = LOOPBACK) -> None:
    """Serve only the operations endpoints on ``host:port`` until ``stop`` is set."""
    web_app = web.Application()
    add_routes(web_app, ops)
    runner = web.AppRunner(web_app, access_log=None)  # Prometheus scrapes every few seconds: no log lines
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        logger.info("metrics listening", extra={"host": host, "port": port, "path": METRICS_PATH})
        await stop.wait()
    finally:
        await runner.cleanup()
