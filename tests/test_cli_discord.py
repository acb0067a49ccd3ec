"""`jobbot discord sync` and `jobbot discord invite`, run as the command line runs them."""

import base64
from pathlib import Path

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.cli import main
from handlers.discord_app import PERMISSIONS
from handlers.fakes import FakeDiscord, Seed
from tests.fakes.http_server import running_in_thread


@pytest.fixture
def discord_py_restored():
    """The commands point discord.py at DISCORD_API_URL for the process; put it back afterwards."""
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


def _env(monkeypatch, tmp_path, fake):
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DISCORD_TOKEN", fake.token)
    monkeypatch.setenv("DISCORD_API_URL", fake.api_base)
    monkeypatch.setenv("DISCORD_GATEWAY_URL", fake.gateway_url)


def test_sync_registers_the_commands_on_one_server_or_everywhere(
    monkeypatch, tmp_path, capsys, discord_py_restored
):
    with running_in_thread(FakeDiscord()) as fake:
        _env(monkeypatch, tmp_path, fake)
        assert main(["discord", "sync", "--guild", str(Seed.GUILD_ID)]) == 0
        assert "registered /jobs, /jobs-sources on server" in capsys.readouterr().out
        assert {c["name"] for c in fake.commands.listed(Seed.GUILD_ID)} == {"jobs", "jobs-sources"}
        assert main(["discord", "sync"]) == 0
        assert {c["name"] for c in fake.commands.listed(None)} == {"jobs", "jobs-sources"}


def test_sync_says_what_is_wrong_with_a_refused_token(monkeypatch, tmp_path, capsys, discord_py_restored):
    with running_in_thread(FakeDiscord()) as fake:
        _env(monkeypatch, tmp_path, fake)
        monkeypatch.setenv("DISCORD_TOKEN", "not-the-token")
        assert main(["discord", "sync"]) == 2
        assert "Discord refused DISCORD_TOKEN" in capsys.readouterr().err


def test_sync_without_a_token_says_where_to_get_one(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["discord", "sync"]) == 2
    assert "needs DISCORD_TOKEN" in capsys.readouterr().err


def test_invite_has_exactly_the_scopes_and_permissions_jobbot_needs(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))
    head = base64.b64encode(b"1300000000000000001").decode().rstrip("=")
    monkeypatch.setenv("DISCORD_TOKEN", f"{head}.GxYz12.secret-part")
    assert main(["discord", "invite"]) == 0
    url = capsys.readouterr().out.strip()
    assert url == (
        "https://discord.com/oauth2/authorize?client_id=1300000000000000001"
        "&scope=bot+applications.commands&permissions=274877991936"
    )
    assert PERMISSIONS.value == 274877991936  # the number the README gives
    assert not PERMISSIONS.mention_everyone and not PERMISSIONS.administrator
    assert "274877991936" in (Path(__file__).parents[1] / "README.md").read_text()
