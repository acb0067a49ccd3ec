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
        "unsubscribe",
        "unsubscribe ID",
        "stop a subscription",
        "unsubscribe 12",
    ),
    (
        "pause",
        "pause [ID]",
        "hold one subscription, or all of them here",
        "pause 12",
    ),
    (
        "resume",
        "resume [ID]",
        "start it again",
        "resume",
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
        "sources add URL [--kind K] | list | remove ID | test ID|URL [--kind K]",
        "job boards to watch (admins)",
        "sources add https://boards.greenhouse.io/acme",
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


def usage(command: str | None) -> str:
    """The usage line(s) of ``command`` with an example, or "" when unknown."""
    lines = [
        f"`/jobs {use}` — {what}. Example: `/jobs {example}`"
        for name, use, what, example in COMMAND_HELP
        if name == command or (command == "unmute" and name == "mute")
    ]
    return "\n".join(lines)


def help_text(topic: str | None = None) -> str:
    """The whole help, or one command's."""
    if topic:
        found = usage(topic)
        if found:
            extra = f"\n\nQueries: {QUERY_HELP}" if topic in ("search", "subscribe", "me") else ""
            return found + extra
        return f"I have no command `{topic[:40]}`.\n\n" + help_text()
    lines = ["/jobs — job postings that match what you ask for.", ""]
    lines += [f"• `/jobs {use}` — {what}. e.g. `/jobs {example}`" for _, use, what, example in COMMAND_HELP]
    lines += ["", f"Queries: {QUERY_HELP}"]
    return "\n".join(lines)
