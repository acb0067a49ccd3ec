"""The demo's four example subscriptions: who asked, for what, and where the cards go.

Each names its channel (or the person, for DMs) so every platform can make the same subscription in its own
place; the Slack ids are given here, the other platforms' come from their demo worlds.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Destination

WORKSPACE = "T0DEMO"


@dataclass(frozen=True, slots=True)
class ExampleSubscription:
    """One of the demo's subscriptions, and its place on Slack."""

    person: str  # who asked: "camille"
    channel: str | None  # the channel cards go to ("paris-jobs"); None: the person's DMs
    query: str
    owner: str  # the person on Slack
    destination: Destination  # where the cards go on Slack

    @property
    def label(self) -> str:
        """How the destination is shown: "#paris-jobs", "DM @giulia"."""
        return f"#{self.channel}" if self.channel else f"DM @{self.person}"


def _slack_channel(channel_id: str) -> Destination:
    return Destination("slack", "channel", channel_id, WORKSPACE)


def _slack_dm(user_id: str) -> Destination:
    return Destination("slack", "dm", user_id, WORKSPACE)


EXAMPLES = (
    ExampleSubscription("camille", "paris-jobs", "Paris + French", "U0CAMILLE", _slack_channel("C0PARIS")),
    ExampleSubscription("diego", "madrid-jobs", "Madrid + Spanish", "U0DIEGO", _slack_channel("C0MADRID")),
    ExampleSubscription("giulia", None, "Milan + Italian", "U0GIULIA", _slack_dm("U0GIULIA")),
    ExampleSubscription("lena", None, "remote + German", "U0LENA", _slack_dm("U0LENA")),
)
