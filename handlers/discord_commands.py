"""`/jobs` and `/jobs-sources` as Discord application commands with typed options and autocomplete.

Each subcommand builds a typed command (``bot.commands.model``) from its options and hands it to the
neutral service; nothing is turned back into command text. A command's docstring is its description in
Discord. `/jobs-sources` changes what the whole server polls, so it is a separate command that Discord
shows only to members with Manage Channels by default; the service checks the permission again.
"""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot.commands.model import (
    Command,
    Digest,
    Edit,
    Help,
    ListSubscriptions,
    Mute,
    Pause,
    Quiet,
    Saved,
    Search,
    SendTest,
    SourcesAdd,
    SourcesList,
    SourcesRemove,
    SourcesTest,
    Status,
    Subscribe,
    Unsubscribe,
)
from bot.commands.parse import UsageError, parse_time, quiet_range
from bot.commands.port import CommandPort
from bot.commands.values import Reply
from bot.sources.base import KINDS
from handlers.discord_caller import DiscordAdminPolicy, caller_of
from handlers.discord_embeds import NO_MENTIONS
from handlers.discord_home import build_home
from handlers.discord_replies import apologize, defer, send_reply, within_reply_wait

QUERY = "What to look for, e.g. Paris + French + intern"
SUBSCRIPTION = "Which subscription (its number, see /jobs list)"
EVERY = "Every subscription here you can change"
MAX_CHOICES = 25
FORUM_AND_TEXT = [
    discord.ChannelType.text,
    discord.ChannelType.news,
    discord.ChannelType.forum,
    discord.ChannelType.public_thread,
]


class JobsCommands(app_commands.Group, name="jobs", description="Job postings that match what you ask for"):
    """`/jobs …`: search, subscriptions, digests, saved postings."""

    def __init__(self, service: CommandPort, policy: DiscordAdminPolicy) -> None:
        """Answer with ``service``; ``policy`` says who counts as an admin."""
        super().__init__()
        self.service = service
        self.policy = policy

    async def run(
        self, interaction: discord.Interaction, build: Command | Reply, *, channel_id: int | None = None
    ) -> None:
        """Defer, run ``build`` (a command, or a reply already made from bad input) and answer."""
        try:
            await defer(interaction)
            if isinstance(build, Reply):
                reply = build
            else:
                reply = await self.service.handle(
                    caller_of(interaction, self.policy, channel_id=channel_id), build
                )
            await send_reply(interaction, reply)
        except Exception as exc:
            await apologize(interaction, "jobs", exc)

    @app_commands.command()
    @app_commands.describe(query=QUERY, page="Which page of results")
    async def search(
        self, interaction: discord.Interaction, query: str, page: app_commands.Range[int, 1, 100] = 1
    ) -> None:
        """Open postings that match a query, newest first (only you see them)."""
        await self.run(interaction, Search(query, page))

    @app_commands.command()
    @app_commands.describe(
        query=QUERY,
        dm="Send them to your DMs instead of a channel",
        channel="Which channel gets them (default: this one; needs Manage Channels)",
    )
    async def subscribe(
        self,
        interaction: discord.Interaction,
        query: str,
        dm: bool = False,
        channel: app_commands.AppCommandChannel | app_commands.AppCommandThread | None = None,
    ) -> None:
        """New postings that match a query, posted here (admins) or to your DMs."""
        await self.run(interaction, Subscribe(query, dm=dm), channel_id=channel.id if channel else None)

    @app_commands.command()
    @app_commands.describe(query=QUERY)
    async def me(self, interaction: discord.Interaction, query: str) -> None:
        """New postings that match a query, in your DMs."""
        await self.run(interaction, Subscribe(query, dm=True))

    @app_commands.command(name="list")
    async def list_(self, interaction: discord.Interaction) -> None:
        """Subscriptions of this channel (in DMs: yours)."""
        await self.run(interaction, ListSubscriptions())

    @app_commands.command()
    async def home(self, interaction: discord.Interaction) -> None:
        """Your subscriptions and saved postings, with buttons to manage them."""
        try:
            await defer(interaction)
            caller = caller_of(interaction, self.policy)
            embeds, view = build_home(await self.service.home(caller))
            extra = {"view": view} if view is not None else {}
            await within_reply_wait(
                interaction.followup.send(
                    embeds=embeds, ephemeral=True, allowed_mentions=NO_MENTIONS, **extra
                )
            )
        except Exception as exc:
            await apologize(interaction, "home", exc)

    @app_commands.command()
    @app_commands.describe(subscription=SUBSCRIPTION, every=EVERY)
    @app_commands.rename(every="all")
    async def unsubscribe(
        self, interaction: discord.Interaction, subscription: int | None = None, every: bool = False
    ) -> None:
        """Stop a subscription for good (with neither option, I ask which)."""
        await self.run(interaction, Unsubscribe(subscription, every=every and subscription is None))

    @app_commands.command()
    @app_commands.describe(subscription=SUBSCRIPTION, every=EVERY)
    @app_commands.rename(every="all")
    async def pause(
        self, interaction: discord.Interaction, subscription: int | None = None, every: bool = False
    ) -> None:
        """Pause a subscription until you resume it (with neither option: the only one here, or I ask)."""
        await self.run(interaction, Pause(subscription, every=every and subscription is None))

    @app_commands.command()
    @app_commands.describe(subscription=SUBSCRIPTION, every=EVERY)
    @app_commands.rename(every="all")
    async def resume(
        self, interaction: discord.Interaction, subscription: int | None = None, every: bool = False
    ) -> None:
        """Start a paused subscription again (with neither option: the only paused one, or I ask)."""
        await self.run(interaction, Pause(subscription, resume=True, every=every and subscription is None))

    @app_commands.command()
    @app_commands.describe(subscription=SUBSCRIPTION, query="What it should look for from now on")
    async def edit(self, interaction: discord.Interaction, subscription: int, query: str) -> None:
        """Change what a subscription looks for; it keeps its number, channel and schedule."""
        await self.run(interaction, Edit(subscription, query))

    @app_commands.command(name="test")
    @app_commands.describe(
        dm="Send it to your DMs instead of a channel",
        channel="Which channel gets it (default: this one; needs Manage Channels)",
    )
    async def send_test(
        self,
        interaction: discord.Interaction,
        dm: bool = False,
        channel: app_commands.AppCommandChannel | app_commands.AppCommandThread | None = None,
    ) -> None:
        """Send one sample card, to check that jobbot can post there."""
        await self.run(interaction, SendTest(dm=dm), channel_id=channel.id if channel else None)

    @app_commands.command()
    @app_commands.describe(
        mode="Instant cards, or one message an hour or a day",
        at="For a daily digest: the time, HH:MM (UTC)",
        subscription="Which subscription (default: all of yours here)",
    )
    async def digest(
        self,
        interaction: discord.Interaction,
        mode: Literal["off", "hourly", "daily"],
        at: str | None = None,
        subscription: int | None = None,
    ) -> None:
        """Collect postings into a digest instead of one card each."""
        try:
            when = parse_time(at, "digest") if at else None
            if mode == "daily" and when is None:
                raise UsageError("A daily digest needs a time, e.g. `at: 09:00`.", "digest")
            command: Command | Reply = Digest(mode, when if mode == "daily" else None, subscription)
        except UsageError as exc:
            command = Reply(str(exc), ok=False)
        await self.run(interaction, command)

    @app_commands.command()
    @app_commands.describe(
        hours="Quiet hours as HH:MM-HH:MM (UTC), or off",
        subscription="Which subscription (default: all of yours here)",
    )
    async def quiet(
        self, interaction: discord.Interaction, hours: str, subscription: int | None = None
    ) -> None:
        """Hold cards during quiet hours and send them after."""
        await self.run(interaction, quiet_command(hours, subscription))

    @app_commands.command()
    @app_commands.describe(page="Which page")
    async def saved(
        self, interaction: discord.Interaction, page: app_commands.Range[int, 1, 100] = 1
    ) -> None:
        """The postings you saved, and the companies you muted."""
        await self.run(interaction, Saved(page))

    @app_commands.command()
    @app_commands.describe(company="The company, as postings name it")
    async def mute(self, interaction: discord.Interaction, company: str) -> None:
        """Stop a company's postings reaching your DMs and searches."""
        await self.run(interaction, Mute(company))

    @app_commands.command()
    @app_commands.describe(company="The company to hear from again")
    async def unmute(self, interaction: discord.Interaction, company: str) -> None:
        """Let a muted company's postings reach you again."""
        await self.run(interaction, Mute(company, undo=True))

    @app_commands.command()
    async def status(self, interaction: discord.Interaction) -> None:
        """How the sources are doing and what was delivered lately."""
        await self.run(interaction, Status())

    @app_commands.command(name="help")
    @app_commands.describe(topic="A command to explain, e.g. subscribe")
    async def help_(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        """What jobbot can do, with examples."""
        await self.run(interaction, Help(topic.lower() if topic else None))

    @search.autocomplete("query")
    @subscribe.autocomplete("query")
    @me.autocomplete("query")
    @edit.autocomplete("query")
    async def complete_query(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Whole queries completing what was typed."""
        caller = caller_of(interaction, self.policy)
        found = await self.service.suggest_query(caller, current)
        return [app_commands.Choice(name=q, value=q) for q in found[:MAX_CHOICES]]

    @unsubscribe.autocomplete("subscription")
    @edit.autocomplete("subscription")
    @pause.autocomplete("subscription")
    @resume.autocomplete("subscription")
    @digest.autocomplete("subscription")
    @quiet.autocomplete("subscription")
    async def complete_subscription(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        """The caller's own subscriptions."""
        caller = caller_of(interaction, self.policy)
        found = await self.service.suggest_subscriptions(caller, current)
        return [app_commands.Choice(name=label, value=sub_id) for label, sub_id in found[:MAX_CHOICES]]

    @mute.autocomplete("company")
    async def complete_company(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Companies with open postings."""
        found = await self.service.suggest_companies(caller_of(interaction, self.policy), current)
        return [app_commands.Choice(name=c[:100], value=c[:100]) for c in found[:MAX_CHOICES]]


class SourceCommands(
    app_commands.Group,
    name="jobs-sources",
    description="What jobbot polls for this server (Manage Channels)",
    default_permissions=discord.Permissions(manage_channels=True),
    guild_only=True,
):
    """`/jobs-sources …`: add, list, remove and test the sources jobbot polls."""

    def __init__(self, jobs: JobsCommands) -> None:
        """Answer through the `/jobs` group's service and policy."""
        super().__init__()
        self.jobs = jobs

    @app_commands.command()
    @app_commands.describe(
        url="The job board or feed address",
        kind="The source kind, when not detected",
        check="Fetch it once before adding (default: yes; no for offline set-up)",
    )
    @app_commands.choices(kind=[app_commands.Choice(name=k, value=k) for k in KINDS][:MAX_CHOICES])
    async def add(
        self, interaction: discord.Interaction, url: str, kind: str | None = None, check: bool = True
    ) -> None:
        """Start polling a job board or feed."""
        await self.jobs.run(interaction, SourcesAdd(url.strip(), kind, check=check))

    @app_commands.command(name="list")
    async def list_(self, interaction: discord.Interaction) -> None:
        """Every source and its health."""
        await self.jobs.run(interaction, SourcesList())

    @app_commands.command()
    @app_commands.describe(source="The source's id, see /jobs-sources list")
    async def remove(self, interaction: discord.Interaction, source: str) -> None:
        """Stop polling a source."""
        await self.jobs.run(interaction, SourcesRemove(source.strip()))

    @app_commands.command()
    @app_commands.describe(target="A source id or a URL", kind="The source kind, when not detected")
    @app_commands.choices(kind=[app_commands.Choice(name=k, value=k) for k in KINDS][:MAX_CHOICES])
    async def test(self, interaction: discord.Interaction, target: str, kind: str | None = None) -> None:
        """Fetch a source once and say what it lists; nothing is stored."""
        await self.jobs.run(interaction, SourcesTest(target.strip(), kind))


def quiet_command(hours: str, subscription: int | None) -> Command | Reply:
    """The `quiet` command for ``hours`` ("22:00-07:00" or "off"), or the reply saying what is wrong."""
    if hours.strip().lower() == "off":
        return Quiet(sub_id=subscription)
    try:
        start, end = quiet_range(hours)
    except UsageError as exc:
        return Reply(str(exc), ok=False)
    return Quiet(start, end, subscription)
