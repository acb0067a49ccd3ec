"""Delivering cards to Discord through discord.py's HTTP client, against the fake Discord."""

import logging
from dataclasses import replace

import pytest

from bot.cards import Card
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.models import Destination
from handlers.discord_notifier import nonce_for
from handlers.fakes import FakeDiscord, Fault, Seed
from tests.fakes.discord_py import notifier_logged_in
from tests.fakes.http_server import async_test

GUILD = str(Seed.GUILD_ID)
PARIS = Destination("discord", "channel", str(Seed.PARIS_JOBS_ID), GUILD)
FORUM = Destination("discord", "channel", str(Seed.JOB_BOARD_ID), GUILD)
BOB = Destination("discord", "dm", str(Seed.BOB_ID), GUILD)
CAROL = Destination("discord", "dm", str(Seed.CAROL_ID), GUILD)
CARD = Card(
    posting_id="greenhouse:acme:7",
    title="Marketing Intern @everyone",
    url="https://jobs.example.com/7",
    company="Acme <@&1300000000000000101>",
    locations=("Paris, FR",),
    workplace="Hybrid",
    employment="Internship",
    start="Summer 2026",
    required_languages=("French",),
    preferred_languages=(),
    job_code=None,
    why=("📍 Paris", "🗣 French required"),
    query="Paris + French",
    source="greenhouse:acme",
)


@async_test
async def test_a_card_is_an_embed_with_buttons_a_nonce_and_no_mentions():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        message_id = await notifier.send(PARIS, CARD, idempotency_key="jobbot-41")
        [message] = fake.messages_in(Seed.PARIS_JOBS_ID)
        assert message["id"] == message_id
        [embed] = message["embeds"]
        assert embed["url"] == CARD.url and "Marketing Intern" in embed["title"]
        assert embed["footer"]["text"].endswith("ref jobbot-41")
        labels = [c["label"] for row in message["components"] for c in row["components"]]
        assert labels == ["Open", "Save", "Not interested", "Mute company"]
        [call] = fake.calls_to("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages")
        assert call.body["nonce"] == "jobbot-41" and call.body["enforce_nonce"] is True
        assert call.body["allowed_mentions"] == {"parse": []}
        assert "@everyone" not in str(message) and "<@&" not in str(message)  # defused, not just not pinged


@async_test
async def test_the_same_key_sent_twice_is_one_message():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        first = await notifier.send(PARIS, CARD, idempotency_key="jobbot-42")
        again = await notifier.send(PARIS, CARD, idempotency_key="jobbot-42")
        assert first == again and len(fake.messages_in(Seed.PARIS_JOBS_ID)) == 1


def test_long_keys_become_stable_short_nonces():
    key = "jobbot-" + "9" * 40
    assert len(nonce_for(key)) == 25 and nonce_for(key) == nonce_for(key) != nonce_for(key + "0")


@async_test
async def test_a_card_in_doubt_is_found_after_a_restart_by_its_footer():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        fake.fail_next("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages", Fault(after=True, disconnect=True))
        with pytest.raises(DeliveryError) as lost:
            await notifier.send(PARIS, CARD, idempotency_key="jobbot-43")
        assert lost.value.kind == "unknown"
        async with notifier_logged_in(fake) as restarted:
            [message] = fake.messages_in(Seed.PARIS_JOBS_ID)
            assert await restarted.find_sent(PARIS, "jobbot-43") == message["id"]
            assert await restarted.find_sent(PARIS, "jobbot-44") is None


@async_test
async def test_dms_open_a_channel_and_a_person_who_refuses_dms_is_permanent():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        await notifier.send(BOB, CARD, idempotency_key="jobbot-45")
        [dm] = fake.calls_to("POST", "/users/@me/channels")
        assert dm.body == {"recipient_id": str(Seed.BOB_ID)}
        with pytest.raises(DeliveryError) as refused:
            await notifier.send(CAROL, CARD, idempotency_key="jobbot-46")
        assert refused.value.kind == "permanent" and refused.value.code == "403/50007"


@pytest.mark.parametrize(
    ("channel", "code"), [(Seed.HIDDEN_ID, "403/50001"), (Seed.READ_ONLY_ID, "403/50013"), (99, "404/10003")]
)
@async_test
async def test_channels_the_bot_cannot_post_in_are_permanent(channel, code):
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        with pytest.raises(DeliveryError) as refused:
            await notifier.send(replace(PARIS, target=str(channel)), CARD, idempotency_key="jobbot-47")
        assert (refused.value.kind, refused.value.code) == ("permanent", code)


@async_test
async def test_a_server_error_is_retried_by_discord_py_and_sent_once():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        fake.fail_next("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages", Fault(status=500), times=1)
        await notifier.send(PARIS, CARD, idempotency_key="jobbot-48")
        assert len(fake.messages_in(Seed.PARIS_JOBS_ID)) == 1
        fake.fail_next("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages", Fault(status=503), times=1)
        with pytest.raises(DeliveryError) as unavailable:  # not retried by discord.py: the dispatcher will
            await notifier.send(PARIS, CARD, idempotency_key="jobbot-51")
        assert unavailable.value.kind == "unavailable"  # an outage: waited out, never given up


@async_test
async def test_a_forum_gets_one_post_per_posting_tagged_from_its_facets_and_edits_reach_it():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        message_id = await notifier.send(FORUM, CARD, idempotency_key="jobbot-49")
        assert message_id.startswith("thread:")
        [call] = fake.calls_to("POST", f"/channels/{Seed.JOB_BOARD_ID}/threads")
        assert call.body["applied_tags"] == [str(Seed.TAG_INTERNSHIP_ID)]
        assert call.body["name"] == "Marketing Intern @\u200beveryone"
        await notifier.edit(FORUM, message_id, replace(CARD, status="Closed"))
        thread = int(message_id.removeprefix("thread:"))
        [post] = fake.messages_in(thread)
        assert post["embeds"][0]["title"].startswith("Closed") and not post.get("components")


@async_test
async def test_a_closed_card_is_edited_in_place_and_loses_its_buttons():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        message_id = await notifier.send(PARIS, CARD, idempotency_key="jobbot-50")
        await notifier.edit(PARIS, message_id, replace(CARD, status="Closed"))
        [message] = fake.messages_in(Seed.PARIS_JOBS_ID)
        assert message["embeds"][0]["title"].startswith("Closed") and not message.get("components")


@async_test
async def test_a_digest_is_one_message_and_notices_are_plain_and_inert():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        cards = tuple(replace(CARD, posting_id=f"p{n}") for n in range(14))
        await notifier.send(
            PARIS, DigestCard("14 new postings for `Paris + French`", cards), idempotency_key="d1"
        )
        await notifier.notify(
            BOB, "Source `x` failed: @everyone <@1300000000000000402>", idempotency_key="jobbot-notice-1"
        )
        [digest] = fake.messages_in(Seed.PARIS_JOBS_ID)
        assert len(digest["embeds"]) == 10 and "and 4 more" in digest["content"]
        notices = [c for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")][-1]
        assert notices.body["allowed_mentions"] == {"parse": []}
        assert "@everyone" not in notices.body["content"] and "<@13" not in notices.body["content"]


@async_test
async def test_a_revoked_token_holds_cards_back_instead_of_pausing_every_destination(caplog):
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        fake.fail_next("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages", Fault(status=401, code=0))
        with pytest.raises(DeliveryError) as refused:
            await notifier.send(PARIS, CARD, idempotency_key="jobbot-60")
        assert refused.value.kind == "unavailable" and refused.value.retry_after >= 60
        assert notifier.budget.count() == 1
        fake.fail_next("POST", f"/channels/{Seed.GENERAL_ID}/messages", Fault(status=401, code=0))
        general = Destination("discord", "channel", str(Seed.GENERAL_ID), GUILD)
        with caplog.at_level(logging.ERROR), pytest.raises(DeliveryError):
            await notifier.send(general, CARD, idempotency_key="jobbot-62")
        said = [r.getMessage() for r in caplog.records if "DISCORD_TOKEN" in r.getMessage()]
        assert len(said) == 1  # once a minute, however many destinations are held back


@async_test
async def test_past_the_invalid_request_budget_nothing_more_is_sent():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        for _ in range(notifier.budget.limit):
            notifier.budget.record(403)
        before = len(fake.calls)
        with pytest.raises(DeliveryError) as held:
            await notifier.send(PARIS, CARD, idempotency_key="jobbot-61")
        assert held.value.kind == "rate_limited" and held.value.code == "invalid_requests"
        assert len(fake.calls) == before  # Discord was not asked at all


@async_test
async def test_a_forum_post_in_doubt_is_found_among_the_newest_posts():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        fake.fail_next("POST", f"/channels/{Seed.JOB_BOARD_ID}/threads", Fault(after=True, disconnect=True))
        with pytest.raises(DeliveryError) as lost:
            await notifier.send(FORUM, CARD, idempotency_key="jobbot-70")
        assert lost.value.kind == "unknown"
        await notifier.send(FORUM, replace(CARD, posting_id="other"), idempotency_key="jobbot-71")
        found = await notifier.find_sent(FORUM, "jobbot-70")
        assert (
            found is not None
            and found.startswith("thread:")
            and found != await notifier.find_sent(FORUM, "jobbot-71")
        )
        assert await notifier.find_sent(FORUM, "jobbot-72") is None


@async_test
async def test_a_notice_is_keyed_like_a_card_one_message_per_key_and_found_after_a_restart():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        message_id = await notifier.notify(BOB, "Source `x` works again.", idempotency_key="jobbot-notice-5")
        assert (
            await notifier.notify(BOB, "Source `x` works again.", idempotency_key="jobbot-notice-5")
            == message_id
        )
        [call, _] = [c for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")]
        assert call.body["nonce"] == "jobbot-notice-5" and call.body["enforce_nonce"] is True
        assert call.body["content"].endswith("\n-# ref jobbot-notice-5")
        channel = fake.calls_to("POST", "/users/@me/channels")[0]
        assert channel.body == {"recipient_id": str(Seed.BOB_ID)}
        async with notifier_logged_in(fake) as restarted:
            assert await restarted.find_sent(BOB, "jobbot-notice-5") == message_id
            assert await restarted.find_sent(BOB, "jobbot-notice-6") is None
            assert await restarted.find_sent(BOB, "jobbot-5") is None  # never a card's key


@async_test
async def test_a_notice_to_someone_who_refuses_dms_is_refused_for_good():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        with pytest.raises(DeliveryError) as refused:
            await notifier.notify(CAROL, "paused", idempotency_key="jobbot-notice-7")
        assert (refused.value.kind, refused.value.code) == ("permanent", "403/50007")
