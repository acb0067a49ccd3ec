"""`test`: one sample card, clearly labelled as a test, sent here through the normal delivery path.

It goes through the outbox and the dispatcher like every card, so it proves what matters: that jobbot can
post in this channel (or DM this person) with its own token and permissions. If it cannot, the dispatcher
says so the way it always does (the subscriptions there pause and their owners are told).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from bot.cards import SAMPLE_SOURCE
from bot.commands.context import Context
from bot.commands.model import SendTest
from bot.commands.queries import where
from bot.commands.values import Caller, Reply
from bot.models import (
    EmploymentFacet,
    Facets,
    LanguageRequirement,
    Location,
    Posting,
    StartFacet,
    WorkplaceFacet,
)
from bot.store.samples import queue_sample

ID_PREFIX = f"{SAMPLE_SOURCE}:"
CHANNEL_ADMIN_REFUSAL = (
    "Only workspace admins can send a test card to a channel; `/jobs test --dm` sends one to your DMs."
)


def sample_posting(now: datetime) -> Posting:
    """A made-up internship with every fact a card shows, starting some months from ``now``."""
    month = now.month + 6
    start = f"{now.year + (month - 1) // 12:04d}-{(month - 1) % 12 + 1:02d}"
    facets = Facets(
        locations=(Location(city="Paris", region="Île-de-France", country="FR"),),
        workplace=WorkplaceFacet("hybrid"),
        employment=EmploymentFacet("intern"),
        languages=(LanguageRequirement("fr", required=True), LanguageRequirement("en", required=False)),
        start=StartFacet(date=start),
    )
    return Posting(
        id=f"{ID_PREFIX}{uuid.uuid4().hex}",
        title="Marketing Intern (sample posting)",
        company="Example Company",
        source=SAMPLE_SOURCE,
        location_text="Paris, France",
        text="A sample posting sent by /jobs test. It is not a real job.",
        posted_at=now,
        facets=facets,
    )


def send_test(ctx: Context, caller: Caller, cmd: SendTest) -> Reply:
    """Queue one test card for this channel (admins, as for subscribing) or the caller's DMs."""
    destination = caller.dm if (cmd.dm or caller.is_dm) else caller.here
    if destination.kind == "channel" and ctx.channel_subscriptions_need_admin and not caller.is_admin:
        return Reply(CHANNEL_ADMIN_REFUSAL, ok=False)
    now = ctx.clock()
    queued = queue_sample(ctx.engine, sample_posting(now), destination, id_prefix=ID_PREFIX, now=now)
    if queued is None:
        return Reply(
            f"A test card is already on its way to {where(destination)}; give it a minute.", ok=False
        )
    fix = (
        "make sure jobbot is in the channel and allowed to post there"
        if destination.kind == "channel"
        else "make sure you allow direct messages from jobbot"
    )
    return Reply(
        f"A test card is on its way to {where(destination)}, sent the way every card is; it should arrive "
        f"within a minute. If it does not, {fix}, then try again; `/jobs status` shows recent deliveries."
    )
