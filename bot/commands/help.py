"""What `/jobs help` says: every command with an example, and each command's usage for error replies."""

from __future__ import annotations

from bot.query import QUERY_HELP

# (command, usage, what it does, example)
COMMAND_HELP: tuple[tuple[str, str, str, str], ...] = (
    (
        "search",
        "search QUERY [page N]",
        "postings open now that match, newest first",
        "search Madrid Spanish intern",
    ),
    (
        "subscribe",
        "subscribe QUERY",
        "post new matches in this channel (admins)",
        "subscribe Paris + French",
    ),
    (
        "subscribe",
        "subscribe --dm QUERY",
        "send new matches to your DMs",
        "subscribe --dm remote + German",
    ),
    (
        "me",
        "me QUERY",
        "the same: new matches in your DMs",
        "me Milan + Italian",
    ),
    (
        "list",
        "list",
        "this channel's subscriptions (in a DM: yours)",
        "list",
    ),
    (
        "edit",
        "edit ID QUERY",
        "change what a subscription looks for; it keeps its ID, place and schedule",
        "edit 12 Paris + French + intern",
    ),
    (
        "unsubscribe",
        "unsubscribe ID|all",
        "stop a subscription, or all of them here (with neither, I ask which)",
        "unsubscribe 12",
    ),
    (
        "pause",
        "pause [ID|all]",
        "hold a subscription, or all of them here (with neither: the only one, or I ask)",
        "pause 12",
    ),
    (
        "resume",
        "resume [ID|all]",
        "start it again",
        "resume 12",
    ),
    (
        "digest",
        "digest off|hourly|daily HH:MM [ID]",
        "one message an hour or a day (your time zone)",
        "digest daily 09:00",
    ),
    (
        "quiet",
        "quiet HH:MM-HH:MM [ID] | quiet off",
        "no cards during these hours; they wait",
        "quiet 22:00-07:00",
    ),
    (
        "saved",
        "saved [page N]",
        "the postings you saved, and the companies you muted",
        "saved",
    ),
    (
        "mute",
        "mute COMPANY | unmute COMPANY",
        "no more cards from a company in your DMs",
        "mute Acme",
    ),
    (
        "sources",
        "sources add URL [--kind K] [--no-check] | list | remove ID | test ID|URL [--kind K]",
        "job boards to watch (admins); add fetches the source once first",
        "sources add https://boards.greenhouse.io/acme",
    ),
    (
        "test",
        "test [--dm]",
        "send one sample card here (admins) or to your DMs, to check I can post there",
        "test",
    ),
    (
        "status",
        "status",
        "source health and recent deliveries",
        "status",
    ),
    (
        "help",
        "help [COMMAND]",
        "this list, or one command",
        "help digest",
    ),
)


# Discord takes typed options instead of text: the same commands, written as Discord shows them.
DISCORD_FORMS: dict[str, tuple[str, str]] = {
    "search QUERY [page N]": ("search query:QUERY [page:N]", "search query:Madrid Spanish intern"),
    "subscribe QUERY": ("subscribe query:QUERY [channel:#channel]", "subscribe query:Paris + French"),
    "subscribe --dm QUERY": ("subscribe query:QUERY dm:True", "subscribe query:remote + German dm:True"),
    "me QUERY": ("me query:QUERY", "me query:Milan + Italian"),
    "edit ID QUERY": (
        "edit subscription:ID query:QUERY",
        "edit subscription:12 query:Paris + French + intern",
    ),
    "unsubscribe ID|all": ("unsubscribe [subscription:ID] [all:True]", "unsubscribe subscription:12"),
    "pause [ID|all]": ("pause [subscription:ID] [all:True]", "pause subscription:12"),
    "resume [ID|all]": ("resume [subscription:ID] [all:True]", "resume subscription:12"),
    "test [--dm]": ("test [dm:True] [channel:#channel]", "test"),
    "digest off|hourly|daily HH:MM [ID]": (
        "digest mode:off|hourly|daily [at:HH:MM] [subscription:ID]",
        "digest mode:daily at:09:00",
    ),
    "quiet HH:MM-HH:MM [ID] | quiet off": (
        "quiet hours:HH:MM-HH:MM|off [subscription:ID]",
        "quiet hours:22:00-07:00",
    ),
    "saved [page N]": ("saved [page:N]", "saved"),
    "mute COMPANY | unmute COMPANY": ("mute company:COMPANY | unmute company:COMPANY", "mute company:Acme"),
    "sources add URL [--kind K] [--no-check] | list | remove ID | test ID|URL [--kind K]": (
        "-sources add url:URL [kind:K] [check:False] | list | remove source:ID | test target:ID|URL",
        "-sources add url:https://boards.greenhouse.io/acme",
    ),
    "help [COMMAND]": ("help [topic:COMMAND]", "help topic:digest"),
}
DISCORD_EXTRA = (
    "home",
    "home",
    "your subscriptions with buttons, your saved postings, New subscription",
    "home",
)
DISCORD_NOTE = "Times are UTC on Discord."


def _entries(platform: str) -> list[tuple[str, str, str, str]]:
    """The help table as ``platform`` writes its commands."""
    if platform != "discord":
        return list(COMMAND_HELP)
    entries = []
    for name, use, what, example in COMMAND_HELP:
        use, example = DISCORD_FORMS.get(use, (use, example))
        entries.append((name, use, what.replace("your time zone", "UTC"), example))
    return [*entries, DISCORD_EXTRA]


def usage(command: str | None) -> str:
    """The usage line(s) of ``command`` with an example, or "" when unknown."""
    lines = [
        f"`/jobs {use}` — {what}. Example: `/jobs {example}`"
        for name, use, what, example in COMMAND_HELP
        if name == command or (command == "unmute" and name == "mute")
    ]
    return "\n".join(lines)


def help_text(topic: str | None = None, platform: str = "slack") -> str:
    """The whole help, or one command's, written as ``platform`` takes commands."""
    entries = _entries(platform)
    if topic:
        found = [
            f"`/jobs{_gap(use)}{use}` — {what}. Example: `/jobs{_gap(example)}{example}`"
            for name, use, what, example in entries
            if name == topic or (topic == "unmute" and name == "mute")
        ]
        if found:
            extra = f"\n\nQueries: {QUERY_HELP}" if topic in ("search", "subscribe", "me") else ""
            return "\n".join(found) + extra
        return f"I have no command `{topic[:40]}`.\n\n" + help_text(None, platform)
    lines = ["/jobs — job postings that match what you ask for.", ""]
    lines += [
        f"• `/jobs{_gap(use)}{use}` — {what}. e.g. `/jobs{_gap(example)}{example}`"
        for _, use, what, example in entries
    ]
    lines += ["", f"Queries: {QUERY_HELP}"]
    if platform == "discord":
        lines.append(DISCORD_NOTE)
    return "\n".join(lines)


def _gap(text: str) -> str:
    return "" if text.startswith("-") else " "  # "/jobs-sources", not "/jobs -sources"
