"""`jobbot web` and `jobbot gateway` as real processes: they answer /jobs, serve metrics and health, and
neither poll nor deliver. `jobbot serve`, started the same way on the same store, is the control: it does
deliver the card the others leave queued, and schedules the source they leave alone."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.cli import EXIT_BAD_INPUT, main
from bot.models import Destination
from bot.settings import sqlite_url
from bot.store.deliveries import get_delivery
from bot.store.migrate import open_store
from bot.store.sources import add_source
from bot.store.sql import utcnow
from bot.store.subscriptions import add_subscription, list_subscriptions
from handlers.fakes import FakeDiscord, Seed
from handlers.fakes.slack_api import FakeSlackApi
from tests.bot.delivery.conftest import queue, store_posting
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.discord_app_harness import answered
from tests.handlers.slack_app_harness import SIGNING_SECRET, TEAM, TOKEN, SlackHarness
from tests.metrics_scrape import scrape, value
from tests.test_run_end_to_end import _board, _free_port

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "[poll]\ninterval_minutes = 1\n[fetch]\nallow_private_addresses = true\n"


def _prepare_store(data_dir: Path, board_url: str, destination: Destination) -> tuple[str, int]:
    """A store with a source on the local board and one due card for ``destination``; its database URL."""
    url = sqlite_url(data_dir / "jobbot.sqlite3")
    engine = open_store(url)
    try:
        add_source(engine, id="greenhouse:acme", kind="greenhouse", url=board_url)
        subscription = add_subscription(engine, owner="U_ADMIN", destination=destination, query="Paris")
        store_posting(engine, "greenhouse:acme:77", now=utcnow())
        delivery = queue(
            engine, destination, "greenhouse:acme:77", subscription, now=utcnow() - timedelta(minutes=1)
        )
    finally:
        engine.dispose()
    return url, delivery


@asynccontextmanager
async def _jobbot(args: list[str], env: dict[str, str], health_url: str) -> AsyncIterator[subprocess.Popen]:
    """``jobbot ARGS`` as its own process, once /healthz answers; stopped with SIGTERM (exit status 0)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                assert process.poll() is None, process.communicate()[0]
                try:
                    async with session.get(health_url) as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)
            else:
                pytest.fail("jobbot did not start within 15 s")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.to_thread(process.communicate, timeout=20)
    assert process.returncode == 0, output


@pytest.mark.parametrize("role", ["web", "serve"])
@async_test
async def test_web_answers_jobs_over_http_but_neither_polls_nor_delivers(tmp_path, role):
    channel = Destination("slack", "channel", "C_JOBS", TEAM)
    async with FakeSlackApi(token=TOKEN) as slack, FakeHttpServer() as boards:
        slack.workspace.set_user("U_ADMIN", is_admin=True, tz="Europe/Paris")
        boards.respond("/acme/jobs", _board(), content_type="application/json")
        url, delivery = _prepare_store(tmp_path, boards.url("/acme/jobs"), channel)
        (tmp_path / "jobbot.toml").write_text(CONFIG)
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "JOBBOT_CONFIG": str(tmp_path / "jobbot.toml"),
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        }
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        async with (
            _jobbot([role, "--port", str(port)], env, base + "/healthz"),
            aiohttp.ClientSession() as session,
        ):
            harness = SlackHarness(base, session, slack)
            sent = await harness.command(  # nothing stored matches it yet: confirmed up front
                "subscribe --anyway Madrid + Spanish", user="U_ADMIN", channel="C_MADRID"
            )
            assert sent.status == 200
            [reply] = await harness.responses(1)
            assert "Madrid" in str(reply)
            async with session.get(base + "/readyz") as ready:
                assert ready.status == 200
            if role == "serve":  # the control: the same set-up delivers the card and schedules the source
                await harness.until(lambda: slack.posts(), timeout=10)
            else:
                await asyncio.sleep(2.0)  # time enough for `serve` to deliver (it takes well under 1 s)
            samples = await scrape(session, base)

        engine = open_store(url)
        try:
            state = get_delivery(engine, delivery).state
            queries = sorted(sub.query for sub in list_subscriptions(engine))
        finally:
            engine.dispose()

    assert queries == ["Madrid + Spanish", "Paris"]  # the command reached the real command service and store
    if role == "serve":
        assert state == "sent"
        assert value(samples, "jobbot_scheduled_sources") == 1
        return
    assert state == "queued" and slack.posts() == []
    assert boards.requests == []
    assert ("jobbot_scheduled_sources", frozenset()) not in samples  # no scheduler runs in web
    assert value(samples, "jobbot_outbox_rows", state="due") == 1  # and it reports the shared queue
    assert value(samples, "jobbot_polls_total", outcome="ok") == 0


@async_test
async def test_gateway_answers_jobs_on_its_shard_but_neither_polls_nor_delivers(tmp_path):
    channel = Destination("discord", "channel", str(Seed.PARIS_JOBS_ID), str(Seed.GUILD_ID))
    shard = (Seed.GUILD_ID >> 22) % 2  # the shard Discord routes the test server's events to
    async with FakeDiscord() as fake, FakeHttpServer() as boards:
        boards.respond("/acme/jobs", _board(), content_type="application/json")
        url, delivery = _prepare_store(tmp_path, boards.url("/acme/jobs"), channel)
        (tmp_path / "jobbot.toml").write_text(CONFIG)
        metrics_port = _free_port()
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "JOBBOT_CONFIG": str(tmp_path / "jobbot.toml"),
            "DISCORD_TOKEN": fake.token,
            "DISCORD_API_URL": fake.api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DISCORD_SHARD_COUNT": "2",
            "DISCORD_SHARD_IDS": str(shard),
            "JOBBOT_METRICS_PORT": str(metrics_port),
        }
        base = f"http://127.0.0.1:{metrics_port}"
        async with _jobbot(["gateway"], env, base + "/healthz"):
            await fake.wait_until(lambda: fake.gateway.sessions or None)
            [session_] = fake.gateway.sessions.values()
            assert session_.shard == (shard, 2)
            subscribed = await fake.slash(
                "jobs",
                "subscribe",
                {"query": "--anyway Madrid + Spanish"},  # nothing stored matches it yet
                user=Seed.ALICE_ID,
                channel=Seed.PARIS_JOBS_ID,
            )
            assert "will come to this channel" in (await answered(fake, subscribed))["content"]
            await asyncio.sleep(2.0)  # time enough for a delivering process to post the due card
            async with aiohttp.ClientSession() as session:
                samples = await scrape(session, base)
                async with session.get(base + "/readyz") as ready:
                    assert ready.status == 200

        engine = open_store(url)
        try:
            state = get_delivery(engine, delivery).state
            queries = sorted(sub.query for sub in list_subscriptions(engine))
        finally:
            engine.dispose()

    assert queries == ["Madrid + Spanish", "Paris"]
    assert state == "queued"
    assert fake.messages_in(Seed.PARIS_JOBS_ID) == []
    assert boards.requests == []
    assert ("jobbot_scheduled_sources", frozenset()) not in samples
    assert value(samples, "jobbot_outbox_rows", state="due") == 1


@pytest.mark.parametrize(
    ("role", "env", "said"),
    [
        ("web", {}, "jobbot web serves Slack over HTTP: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"),
        ("web", {"SLACK_BOT_TOKEN": TOKEN}, "Slack HTTP mode needs SLACK_SIGNING_SECRET"),
        ("gateway", {"SLACK_BOT_TOKEN": TOKEN}, "jobbot gateway connects to Discord: set DISCORD_TOKEN"),
        ("serve", {}, "jobbot serve answers Slack over HTTP: set SLACK_BOT_TOKEN (one workspace) or"),
        (
            "serve",
            {"DISCORD_TOKEN": "x"},
            "jobbot serve answers Slack over HTTP",
        ),  # not left listening on nothing
    ],
)
def test_a_role_without_its_platform_says_what_to_set(tmp_path, monkeypatch, capsys, role, env, said):
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
        "DISCORD_TOKEN",
        "DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, setting in {"JOBBOT_DATA_DIR": str(tmp_path), **env}.items():
        monkeypatch.setenv(name, setting)
    root = logging.getLogger()  # the command configures logging: give it copies to change
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    assert main([role]) == EXIT_BAD_INPUT
    assert said in capsys.readouterr().err
