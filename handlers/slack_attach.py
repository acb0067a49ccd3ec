"""Slack wired into a running jobbot: its notifier, membership lookup, and the app in Socket Mode or HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_sdk.web.async_client import AsyncWebClient

from bot.app import DEFAULT_HTTP_PORT, ConfigurationError, Serve
from handlers.slack_app import create_slack_app
from handlers.slack_membership import SlackMembership
from handlers.slack_notifier import SlackNotifier, make_client
from handlers.slack_server import run_http, run_socket_mode

if TYPE_CHECKING:
    from bot.app import JobBot


def attach(bot: JobBot, *, port: int | None = None) -> Serve | None:
    """Wire Slack in when SLACK_BOT_TOKEN is set (None otherwise).

    Socket Mode when SLACK_APP_TOKEN is set and no port is asked for; otherwise HTTP on ``port`` (3000 by
    default), which needs SLACK_SIGNING_SECRET so that every request can be verified.
    """
    settings = bot.settings
    client = attach_notifier(bot)
    if client is None:
        return None
    app = create_slack_app(bot.service, signing_secret=settings.slack_signing_secret, client=client)
    app_token = settings.slack_app_token
    if app_token and port is None:
        return lambda stop: run_socket_mode(app, app_token, stop=stop)
    if not settings.slack_signing_secret:
        raise ConfigurationError(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (on the app's Basic Information page) to verify "
            "requests; or set SLACK_APP_TOKEN to use Socket Mode"
        )
    return lambda stop: run_http(app, port or DEFAULT_HTTP_PORT, stop=stop)


def attach_notifier(bot: JobBot) -> AsyncWebClient | None:
    """Wire in Slack's notifier and membership lookup only (``jobbot worker``: no app, no port).

    Returns the Web API client, or None when SLACK_BOT_TOKEN is not set.
    """
    settings = bot.settings
    if not settings.slack_bot_token:
        return None
    client = make_client(settings.slack_bot_token, settings.slack_api_url)
    bot.notifiers["slack"] = SlackNotifier(client)
    bot.memberships["slack"] = SlackMembership(client)
    return client
