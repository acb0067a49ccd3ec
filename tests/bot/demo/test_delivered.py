"""The demo's report of what each platform received, with platforms that hold more, or less, than was sent."""

import asyncio
import io
from dataclasses import dataclass, field

from bot.cards import Card
from bot.demo.delivered import Recorder, write_delivered
from bot.demo.examples import EXAMPLES
from bot.demo.platforms import Received
from bot.models import Destination

PARIS = EXAMPLES[0]


def _card(posting_id: str, title: str) -> Card:
    return Card(
        posting_id=posting_id, title=title, url=f"https://jobs.example.com/{posting_id}", company="Acme",
        locations=("Paris, FR",), workplace=None, employment="Internship", start=None,
        required_languages=("French",), preferred_languages=(), job_code=None, why=("📍 Paris",),
        query=PARIS.query, source="greenhouse:acme",
    )  # fmt: skip


@dataclass
class Sender:
    platform: str
    count: int = 0

    async def send(self, destination, card, *, idempotency_key):
        self.count += 1
        return f"m{self.count}"


@dataclass
class Platform:
    name: str
    notifier: Sender
    holds: list[Received] | None
    where: str = "a place"
    destination: Destination = field(default_factory=lambda: Destination("chat", "channel", "C1"))

    def place(self, example):
        return "U1", self.destination

    def received(self, destination):
        return None if self.holds is None else list(self.holds)


def _report(*platforms):
    recorders = {p.notifier.platform: Recorder(p.notifier) for p in platforms}
    for platform in platforms:
        recorder = recorders[platform.notifier.platform]
        for card in (_card("p1", "Marketing Intern"), _card("p2", "Sales Intern")):
            if platform.name != "Lossy" or card.posting_id == "p1":
                asyncio.run(recorder.send(platform.destination, card, idempotency_key=card.posting_id))
    out = io.StringIO()
    placed = [(PARIS, [(p, p.destination) for p in platforms])]
    write_delivered(out, platforms, placed, recorders)
    return out.getvalue()


def test_each_card_is_shown_once_then_what_each_platform_holds():
    held = [Received("m1", ("Marketing Intern ↗",)), Received("m2", ("Sales Intern ↗",))]
    text = _report(Platform("Plain", Sender("plain"), None), Platform("Readable", Sender("readable"), held))
    assert "═══ #paris-jobs: 2 cards on Plain, 2 on Readable ═══" in text
    assert text.count("┃ Marketing Intern — Acme") == 1 and text.count("┃ Sales Intern — Acme") == 1
    assert "↳ Plain: posted, message m1" in text
    assert "↳ Readable: message m2, read back from Readable:\n    │ Sales Intern ↗" in text


def test_a_missing_a_lost_and_an_unexplained_message_are_all_shown():
    held = [Received("m1", ("Marketing Intern ↗",)), Received("m9", ("Who sent this?",))]
    lossy = Platform("Lossy", Sender("lossy"), held)
    forgetful = Platform("Forgetful", Sender("forgetful"), [])
    text = _report(lossy, forgetful)
    assert "═══ #paris-jobs: 1 card on Lossy, 2 on Forgetful ═══" in text
    assert "↳ Lossy: not delivered" in text  # p2 never reached it
    assert "↳ Lossy also holds message m9:\n    │ Who sent this?" in text
    assert "↳ Forgetful: posted as message m1, which Forgetful does not hold" in text
