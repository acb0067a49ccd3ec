"""Metrics from a running bot, scraped over HTTP from the Slack server, after real polls and deliveries.

One source, two Slack channels subscribed through signed /jobs commands: #jobs takes its card after one 429,
#old is archived (its card is given up and the channel paused). Then the posting changes (one card edit) and
the board breaks (a failed poll, a failing source). Every counter must have moved by exactly that.
"""

import asyncio
import json
from dataclasses import replace
from datetime import timedelta

import aiohttp

from bot.app import JobBot
from bot.settings import load_settings
from bot.store.sources import add_source
from handlers.fakes.slack_api import FakeSlackApi, Fault
from handlers.slack_attach import attach as attach_slack
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.slack_app_harness import SIGNING_SECRET, TOKEN, SlackHarness
from tests.metrics_scrape import moved, scrape, value
from tests.test_run_end_to_end import PARIS_INTERN, _board, _free_port, _listening, _until


@async_test
async def test_a_scrape_after_polls_and_deliveries_counts_exactly_what_happened(tmp_path):
    async with FakeSlackApi(token=TOKEN) as slack, FakeHttpServer() as boards:
        slack.workspace.set_user("U_ADMIN", is_admin=True, tz="Europe/Paris")
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        }
        settings = load_settings(env=env, config_path=None)
        settings = replace(settings, fetch=replace(settings.fetch, allow_private_addresses=True))
        bot = JobBot.create(settings)
        port = _free_port()
        serve = attach_slack(bot, port=port)
        assert serve is not None
        boards.respond("/acme/jobs", _board(), content_type="application/json")
        add_source(bot.engine, id="greenhouse:acme", kind="greenhouse", url=boards.url("/acme/jobs"))
        base = f"http://127.0.0.1:{port}"

        stop = asyncio.Event()
        tasks = [asyncio.create_task(bot.run(stop)), asyncio.create_task(serve(stop))]
        try:
            async with aiohttp.ClientSession() as session:
                await _until(lambda: _listening(port))
                harness = SlackHarness(base, session, slack)
                for channel, query in (("C_JOBS", "Paris + French"), ("C_OLD", "Paris")):
                    sent = await harness.command(f"subscribe {query}", user="U_ADMIN", channel=channel)
                    assert sent.status == 200
                await harness.responses(2)
                await _until(lambda: bot._fetcher is not None)
                # The test polls by hand: the schedule's own first run (anywhere in the first interval)
                # would count one poll more, so it moves a day away.
                bot.scheduler.add("greenhouse:acme", interval=timedelta(days=1))
                before = await scrape(session, base)

                assert (await bot.poll("greenhouse:acme")).first_poll  # baseline: nothing announced
                slack.fail_next("chat.postMessage", Fault(error="ratelimited", status=429))
                slack.workspace.archive("C_OLD")
                boards.respond("/acme/jobs", _board(PARIS_INTERN), content_type="application/json")
                assert (await bot.poll("greenhouse:acme")).queued == 2
                await _until(lambda: slack.workspace.messages("C_JOBS"), timeout=15)
                await _until(lambda: bot.dispatcher._outbox.next_due_at() is None, timeout=15)

                changed = {**PARIS_INTERN, "title": "Growth Marketing Intern"}
                boards.respond("/acme/jobs", _board(changed), content_type="application/json")
                assert (await bot.poll("greenhouse:acme")).edits == 1
                await _until(lambda: slack.calls_to("chat.update"), timeout=15)
                await _until(lambda: bot.dispatcher._outbox.next_due_at() is None, timeout=15)

                boards.respond("/acme/jobs", "oops", status=500)
                assert (await bot.poll("greenhouse:acme")).status == "error"
                after = await scrape(session, base)
                async with session.get(base + "/readyz") as ready:
                    assert ready.status == 200
                    assert (await ready.json())["checks"] == {"database": "ok"}
                async with session.get(base + "/healthz") as health:
                    assert (health.status, await health.text()) == (200, "ok")
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            bot.engine.dispose()

    assert moved(before, after, "jobbot_polls_total", outcome="ok") == 3
    assert moved(before, after, "jobbot_polls_total", outcome="error") == 1
    assert moved(before, after, "jobbot_postings_total", event="new") == 1
    assert moved(before, after, "jobbot_postings_total", event="updated") == 1
    assert moved(before, after, "jobbot_matches_total") == 2
    assert moved(before, after, "jobbot_cards_queued_total") == 2
    assert moved(before, after, "jobbot_cards_sent_total", platform="slack") == 1
    assert moved(before, after, "jobbot_cards_rate_limited_total", platform="slack") == 1
    assert moved(before, after, "jobbot_cards_failed_total", platform="slack") == 1
    assert moved(before, after, "jobbot_destinations_paused_total", platform="slack") == 1
    assert moved(before, after, "jobbot_card_edits_total", platform="slack", outcome="done") == 1
    # Read from the store at scrape time: the queue is drained, and the one source is failing once.
    assert value(after, "jobbot_outbox_rows", state="due") == 0
    assert value(after, "jobbot_outbox_rows", state="in_flight") == 0
    assert value(after, "jobbot_outbox_oldest_due_seconds") == 0
    owner_notices = {
        state: value(after, "jobbot_owner_notice_rows", state=state) for state in ("due", "in_flight")
    }
    assert ("jobbot_owner_notice_rows", frozenset({("state", "due")})) in after  # exported even when 0
    assert owner_notices == {"due": 0, "in_flight": 0}  # the paused channel's notice went out
    assert value(after, "jobbot_sources", health="failing") == 1
    assert value(after, "jobbot_sources", health="ok") == 0
    assert value(after, "jobbot_source_consecutive_failures", source="greenhouse:acme") == 1
    assert value(after, "jobbot_probe_up", probe="outbox") == 1
    assert value(after, "jobbot_probe_up", probe="sources") == 1
    assert json.dumps(sorted(k[0] for k in after)).count("jobbot_task_queue") == 0  # SQLite: no task queue
