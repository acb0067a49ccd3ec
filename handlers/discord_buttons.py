"""Every jobbot button on Discord, and the "new subscription" form, answered after any restart.

Buttons carry the neutral one-string encoding as their custom id (``jobbot:ACTION:VALUE``); a
``DynamicItem`` registered at start-up matches every custom id, so buttons on messages posted days ago, by
an earlier process, still work. A click becomes a typed command for the service: another page of a search
replaces the message, Pause/Resume/Unsubscribe on the home message refresh it, the rest answer privately.
A click on an id that is not one of ours (another version's, or made up) is acknowledged and does nothing,
as on Slack: unanswered, Discord would tell the person the interaction failed.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.commands.model import Subscribe
from bot.commands.port import CommandPort
from bot.views.actions import Action, Button, command_for, confirmed, decode
from bot.views.asking import needs_asking
from bot.views.forms import FORM
from bot.views.home import TITLE as HOME_TITLE
from bot.views.rich import bold, plain
from handlers.discord_caller import DiscordAdminPolicy, caller_of
from handlers.discord_components import build_buttons
from handlers.discord_embeds import NO_MENTIONS, build_reply_message
from handlers.discord_home import build_home
from handlers.discord_replies import apologize, defer, send_reply, within_reply_wait
from handlers.discord_text import markdown

ANY_ID = re.compile(r".*", re.S)  # discord.py only hands over ids the clicked message carries
REFRESHES_HOME = frozenset({Action.PAUSE, Action.RESUME, Action.UNSAVE})
REPLACES_MESSAGE = frozenset({Action.PAGE, Action.SAVED_PAGE, Action.CONFIRMED})


class Clicks:
    """What a click does: the service, and who counts as an admin."""

    def __init__(self, service: CommandPort, policy: DiscordAdminPolicy) -> None:
        """Answer clicks with ``service``."""
        self.service = service
        self.policy = policy

    async def click(self, interaction: discord.Interaction, action: Action, value: str) -> None:
        """Answer one click on a jobbot button."""
        try:
            if action is Action.NEW_SUBSCRIPTION:
                await interaction.response.send_modal(SubscribeForm(self))
                return
            asking = needs_asking(action, value)
            if asking is not None:  # Discord has no confirm dialog: ask first
                await self._ask(interaction, asking)
                return
            command = command_for(action, value)
            if command is None:  # a link, or a value our buttons never carry
                await within_reply_wait(interaction.response.defer())
                return
            caller = caller_of(interaction, self.policy)
            if action in REPLACES_MESSAGE:  # the answer replaces the clicked message
                await within_reply_wait(interaction.response.defer())
                reply = await self.service.handle(caller, command)
                content, embeds, view = build_reply_message(reply)
                await within_reply_wait(
                    interaction.edit_original_response(content=content or None, embeds=embeds, view=view)
                )
            elif action in REFRESHES_HOME and _on_home(interaction.message):
                await within_reply_wait(interaction.response.defer())
                reply = await self.service.handle(caller, command)
                embeds, view = build_home(await self.service.home(caller), reply.text)
                await within_reply_wait(
                    interaction.edit_original_response(content=None, embeds=embeds, view=view)
                )
            else:
                await defer(interaction)
                await send_reply(interaction, await self.service.handle(caller, command))
        except Exception as exc:
            await apologize(interaction, f"button {action.value}", exc)

    async def acknowledge(self, interaction: discord.Interaction) -> None:
        """Answer a click that is not one of ours: nothing happens, and Discord reports no failure."""
        try:
            await interaction.response.defer()
        except Exception as exc:
            await apologize(interaction, "foreign button", exc)

    async def _ask(self, interaction: discord.Interaction, button: Button) -> None:
        """Ask before a button that cannot be undone; its confirmed twin does the work."""
        confirm = button.confirm
        assert confirm is not None
        question = markdown((bold(confirm.title), plain(" " + confirm.text)))
        await interaction.response.send_message(
            question, view=build_buttons([confirmed(button)]), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def subscribe(self, interaction: discord.Interaction, query: str) -> None:
        """The form was sent: subscribe the person's DMs."""
        try:
            await defer(interaction)
            caller = caller_of(interaction, self.policy)
            await send_reply(interaction, await self.service.handle(caller, Subscribe(query, dm=True)))
        except Exception as exc:
            await apologize(interaction, "subscribe form", exc)


class AnyButton(discord.ui.DynamicItem[discord.ui.Button], template=ANY_ID):
    """Any button (or select) on the bot's messages, rebuilt from its custom id when it is clicked."""

    def __init__(self, custom_id: str) -> None:
        """The button whose id is ``custom_id``; ``decoded`` is its action and value, None if not ours."""
        super().__init__(discord.ui.Button(custom_id=custom_id))
        self.decoded = decode(custom_id)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnyButton:
        """The button a click came from."""
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the click to the bot's ``Clicks``."""
        clicks: Clicks = interaction.client.clicks  # type: ignore[attr-defined]
        if self.decoded is None:
            await clicks.acknowledge(interaction)
        else:
            await clicks.click(interaction, *self.decoded)


class SubscribeForm(discord.ui.Modal):
    """The "new subscription" form: a query, sent to the person's DMs."""

    def __init__(self, clicks: Clicks) -> None:
        """A form whose answer ``clicks`` handles."""
        super().__init__(title=FORM.title, custom_id="jobbot-form:subscribe")
        self.clicks = clicks
        self.query: discord.ui.TextInput[SubscribeForm] = discord.ui.TextInput(
            label=FORM.query_label, placeholder=FORM.query_placeholder, max_length=FORM.query_max
        )
        self.add_item(self.query)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Subscribe to what was typed."""
        await self.clicks.subscribe(interaction, self.query.value.strip())


def _on_home(message: discord.Message | None) -> bool:
    """True when the clicked message is a home page (its first embed is titled like one)."""
    return bool(message and message.embeds and message.embeds[0].title == HOME_TITLE)
