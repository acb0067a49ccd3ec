from bot.cards import Card
from bot.terminal import render_card


def _card(**changes):
    base = dict(
        posting_id="p1",
        title="Data Intern",
        url="https://example.com/1",
        company="Acme",
        locations=("Milan, IT",),
        workplace="Hybrid",
        employment="Internship",
        start="2026",
        required_languages=("Italian",),
        preferred_languages=("English",),
        job_code="B1",
        why=("📍 Milan, IT",),
        query="Milan + Italian",
    )
    base.update(changes)
    return Card(**base)


def test_render_has_every_part():
    text = render_card(_card())
    for part in (
        "Data Intern — Acme",
        "Milan, IT · Hybrid · Internship · starts 2026",
        "Italian required",
        "English a plus",
        "Job code B1",
        "Why: 📍 Milan, IT · matched `Milan + Italian`",
        "https://example.com/1",
    ):
        assert part in text


def test_posting_text_cannot_drive_the_terminal():
    text = render_card(_card(title="Intern\x1b[2J\x1b]0;pwned\x07", company="A\x00cme"))
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    assert "Intern[2J]0;pwned" in text


def test_a_card_with_nothing_known_still_renders():
    text = render_card(
        _card(
            locations=(),
            workplace=None,
            employment=None,
            start=None,
            required_languages=(),
            preferred_languages=(),
            job_code=None,
            why=(),
            query=None,
            company="",
        )
    )
    assert "(no location or type stated)" in text and "Why:" not in text


def test_terminal_notifier_renders_cards_digests_edits_and_notices():
    import asyncio

    from bot.delivery.notifier import DigestCard
    from bot.models import Destination
    from bot.terminal import TerminalNotifier

    where = Destination("slack", "channel", "C1", "T1")
    terminal = TerminalNotifier()

    async def use():
        first = await terminal.send(where, _card(), idempotency_key="jobbot-1")
        second = await terminal.send(
            where, DigestCard("2 new postings", (_card(), _card()), more=3), idempotency_key="k"
        )
        await terminal.edit(where, first, _card(status="Closed"))
        await terminal.notify(where, "paused\x1b[2J", idempotency_key="jobbot-notice-1")
        assert await terminal.find_sent(where, "jobbot-1") is None
        return first, second

    first, second = asyncio.run(use())
    assert first != second
    shown = terminal.shown[where.key]
    assert "Data Intern — Acme" in shown[0]
    assert shown[1].startswith("▶ 2 new postings") and shown[1].endswith("…and 3 more matching postings")
    assert shown[2] == f"✎ {first} now reads: Data Intern (Closed)"
    assert shown[3] == "ℹ paused[2J"
