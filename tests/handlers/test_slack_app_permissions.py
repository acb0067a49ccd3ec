"""Who counts as an admin, users.info with its cache, and reading a Caller out of a payload."""

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from handlers.fakes.slack_api import FakeSlackApi, Fault
from handlers.slack_caller import CallerResolver, is_dm_channel
from handlers.slack_permissions import AdminPolicy, SlackUser, UserDirectory
from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import TOKEN

ADMIN = SlackUser("UA", is_admin=True)
OWNER = SlackUser("UO", is_owner=True)
MEMBER = SlackUser("UM")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", AdminPolicy()),
        ("admins", AdminPolicy()),
        ("everyone", AdminPolicy(everyone=True)),
        ("U1, U2", AdminPolicy(workspace_admins=False, users=frozenset({"U1", "U2"}))),
        ("admins,U1", AdminPolicy(users=frozenset({"U1"}))),
    ],
)
def test_policy_spec(spec, expected):
    assert AdminPolicy.parse(spec) == expected


def test_default_policy_trusts_workspace_admins_and_owners_only():
    policy = AdminPolicy()
    assert policy.allows(ADMIN, "UA") and policy.allows(OWNER, "UO")
    assert not policy.allows(MEMBER, "UM")
    assert not policy.allows(None, "UX")  # unknown (users.info failed): not an admin


def test_listed_users_and_everyone():
    assert AdminPolicy(users=frozenset({"UM"})).allows(MEMBER, "UM")
    assert not AdminPolicy(workspace_admins=False, users=frozenset({"UM"})).allows(ADMIN, "UA")
    assert AdminPolicy(everyone=True).allows(None, "UX")


@pytest.mark.parametrize(
    ("channel_id", "name", "dm"),
    [
        ("D0123", None, True),
        ("C0123", "directmessage", True),
        ("C0123", "jobs", False),
        ("G0123", "privategroup", False),
    ],
)
def test_dm_detection(channel_id, name, dm):
    assert is_dm_channel(channel_id, name) is dm


@async_test
async def test_directory_reads_roles_and_time_zone_and_caches_them():
    async with FakeSlackApi(token=TOKEN) as slack:
        slack.workspace.set_user("UA", is_admin=True, tz="Europe/Paris")
        now = [0.0]
        directory = UserDirectory(AsyncWebClient(token=TOKEN, base_url=slack.api_url), clock=lambda: now[0])
        user = await directory.lookup("UA")
        assert user == SlackUser("UA", is_admin=True, timezone="Europe/Paris")
        await directory.lookup("UA")
        assert len(slack.calls_to("users.info")) == 1
        now[0] += 301  # past the cache: a demoted admin is seen again
        slack.workspace.set_user("UA", is_admin=False)
        assert (await directory.lookup("UA")).is_admin is False
        assert len(slack.calls_to("users.info")) == 2


@async_test
async def test_a_failed_lookup_makes_a_plain_member_in_utc_and_is_retried_soon(caplog):
    async with FakeSlackApi(token=TOKEN) as slack:
        slack.workspace.set_user("UA", is_admin=True, tz="Asia/Tokyo")
        slack.fail_next("users.info", Fault(error="missing_scope"))
        now = [0.0]
        client = AsyncWebClient(token=TOKEN, base_url=slack.api_url)
        resolver = CallerResolver(UserDirectory(client, clock=lambda: now[0]))
        caller = await resolver.caller(team_id="T1", user_id="UA", channel_id="C1")
        assert (caller.is_admin, caller.timezone, caller.is_dm) == (False, "UTC", False)
        assert "missing_scope" in {getattr(r, "error", None) for r in caplog.records}
        now[0] += 20
        caller = await resolver.caller(team_id="T1", user_id="UA", channel_id="C1")
        assert (caller.is_admin, caller.timezone) == (True, "Asia/Tokyo")


@async_test
async def test_an_interaction_without_a_channel_is_a_dm_caller():
    async with FakeSlackApi(token=TOKEN) as slack:
        resolver = CallerResolver(UserDirectory(AsyncWebClient(token=TOKEN, base_url=slack.api_url)))
        body = {"user": {"id": "U1", "team_id": "T9"}, "team": {"id": "T9"}, "view": {"type": "home"}}
        caller = await resolver.from_interaction(body)
        assert (caller.workspace, caller.user_id, caller.channel_id, caller.is_dm) == ("T9", "U1", "", True)
        assert caller.dm.key == "slack:T9:dm:U1"
