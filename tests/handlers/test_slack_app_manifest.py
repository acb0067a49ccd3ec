"""config/slack-manifest.yml: valid YAML that declares exactly what the app listens for and calls."""

from pathlib import Path

import yaml

from handlers.slack_commands import COMMAND
from handlers.slack_modal import SHORTCUT_NEW_SUBSCRIPTION
from handlers.slack_server import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parents[2] / "config" / "slack-manifest.yml"


def _manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_the_command_shortcut_and_event_match_the_listeners():
    features = _manifest()["features"]
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    assert [s["callback_id"] for s in features["shortcuts"]] == [SHORTCUT_NEW_SUBSCRIPTION]
    assert features["app_home"]["home_tab_enabled"] is True
    settings = _manifest()["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_home_opened", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True


def test_every_web_api_method_the_bot_calls_has_its_scope():
    scopes = set(_manifest()["oauth_config"]["scopes"]["bot"])
    needed = {
        "commands",  # /jobs and the shortcut
        "chat:write",  # chat.postMessage / chat.update
        "im:write",  # conversations.open for DMs
        "users:read",  # users.info (admin, time zone)
        "channels:history",  # conversations.history after an unknown outcome
        "groups:history",
        "im:history",
        "chat:write.public",  # post into public channels without an invitation
        "channels:read",  # conversations.members (nobody gets a card twice)
        "groups:read",
    }
    assert scopes == needed  # and nothing more: mpim:history, for one, was never needed


def test_socket_mode_by_default_and_http_urls_ready_to_uncomment():
    text = MANIFEST.read_text(encoding="utf-8")
    assert _manifest()["settings"]["socket_mode_enabled"] is True
    commented = [line for line in text.splitlines() if line.strip().startswith(("# url:", "# request_url:"))]
    assert len(commented) == 3
    assert all(line.rstrip().endswith(EVENTS_PATH) for line in commented)
