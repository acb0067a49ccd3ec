"""The `/jobs` grammar: the text after the command name becomes one typed command, or a UsageError.

Chat clients rewrite what people type: "--dm" arrives as "—dm" (smart dashes), URLs as ``<https://…>`` or
``<https://…|label>``, so both spellings are accepted.
"""

from __future__ import annotations

import re
from datetime import time

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


class UsageError(ValueError):
    """Text that is not a valid command; the message says what is wrong, ``command`` which usage to show."""

    def __init__(self, message: str, command: str | None = None) -> None:
        super().__init__(message)
        self.command = command


ALIASES = {
    "sub": "subscribe",
    "unsub": "unsubscribe",
    "remove": "unsubscribe",
    "ls": "list",
    "find": "search",
    "source": "sources",
    "?": "help",
}
_DASHES = "\u2014\u2013\u2012\u2212"  # em, en, figure dash, minus: what "--" and "-" become in chat clients
# `page N` is the one form replies and help show; `--page N`, `page:N` and `--page=N` are still read.
# The spaces before "page" are taken whole from the first of them (possessive, after no space): tried from
# every space of a long run, they took the square of its length; the first space is where a match starts.
_PAGE = re.compile(r"^(?P<query>.*?)(?<!\s)\s++-{0,2}page(?:\s*+[:=]\s*+|\s++)(?P<page>\S+)\s*$", re.I | re.S)
_TIME_24 = re.compile(r"(?P<h>\d{1,2})(?::(?=\d{2})|h)(?P<m>\d{2})?")  # 09:00, 21h, 21h30
_TIME_12 = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)")
_ID = re.compile(r"^#?(\d{1,12})$")
_FLAG_DASH = re.compile(rf"(?:(?<=\s)|^)[{_DASHES}-]+(dm|me|kind|page)\b", re.I)
# Flags whose single-hyphen spelling could be a query's exclusion ("-anyway"): only a smart dash is undone.
_SMART_FLAG = re.compile(rf"(?:(?<=\s)|^)[{_DASHES}]-?(anyway|no-check)\b", re.I)
_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
MAX_PAGE = 100


def _dashes(text: str) -> str:
    """Turn a smart dash before one of our flags back into "--" (chat clients rewrite "--dm" as "—dm")."""
    return _SMART_FLAG.sub(r"--\1", _FLAG_DASH.sub(r"--\1", text))


def parse_command(text: str) -> Command:
    """Read one `/jobs` command; UsageError saying what is wrong when it is not one."""
    text = _dashes(text.strip())
    if not text:
        return Help()
    head, _, rest = text.partition(" ")
    name = head.lower()
    name = ALIASES.get(name, name)
    rest = rest.strip()
    reader = _READERS.get(name)
    if reader is None:
        raise UsageError(f"I don't know the command `{head[:40]}`.")
    return reader(rest)


def _help(rest: str) -> Help:
    topic = rest.split()[0].lower() if rest else None
    return Help(ALIASES.get(topic, topic) if topic else None)


def _search(rest: str) -> Search:
    query, page = split_page(rest, "search")
    if not query:
        raise UsageError("Tell me what to search for.", "search")
    return Search(query, page)


def split_page(rest: str, command: str) -> tuple[str, int]:
    """The text without a trailing `page N`, and N (1 when there is none); UsageError for a bad N."""
    found = _PAGE.match(rest) or _PAGE.match(" " + rest)
    if found is None:
        return rest.strip(), 1
    raw = found["page"]
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise UsageError(f"`page {raw[:10]}` is not a page number (1 to {MAX_PAGE}).", command)
    return found["query"].strip(), int(raw)


def _subscribe(rest: str) -> Subscribe:
    dm = anyway = False
    words = rest.split()
    while words and words[0].lower() in ("--dm", "--me", "--anyway"):
        if words.pop(0).lower() == "--anyway":
            anyway = True
        else:
            dm = True
    query = " ".join(words)
    if not query:
        raise UsageError("Tell me what to subscribe to, e.g. `subscribe Paris + French`.", "subscribe")
    return Subscribe(query, dm, confirmed=anyway)


def _me(rest: str) -> Subscribe:
    anyway = rest.split()[:1] == ["--anyway"]
    query = rest.split(None, 1)[1] if anyway and len(rest.split()) > 1 else "" if anyway else rest
    if not query:
        raise UsageError("Tell me what to send to your DMs, e.g. `me Milan + Italian`.", "me")
    return Subscribe(query, dm=True, confirmed=anyway)


def _list(rest: str) -> ListSubscriptions:
    _no_arguments(rest, "list")
    return ListSubscriptions()


def _unsubscribe(rest: str) -> Unsubscribe:
    sub_id, every = _id_or_all(rest, "unsubscribe")
    return Unsubscribe(sub_id, every=every)


def _pause(rest: str) -> Pause:
    sub_id, every = _id_or_all(rest, "pause")
    return Pause(sub_id, every=every)


def _resume(rest: str) -> Pause:
    sub_id, every = _id_or_all(rest, "resume")
    return Pause(sub_id, resume=True, every=every)


def _id_or_all(rest: str, command: str) -> tuple[int | None, bool]:
    """A subscription ID, or `all` (every one here), or neither."""
    if rest.strip().lower() in ("all", "--all", "everything"):
        return None, True
    return _one_id(rest, command), False


def _edit(rest: str) -> Edit:
    words = rest.split()
    anyway = _take_flag(words, "--anyway")
    if not words or _ID.match(words[0]) is None:
        raise UsageError(
            "Which subscription, and what should it look for? e.g. `edit 12 Paris + French + intern` "
            "(`list` shows the IDs).",
            "edit",
        )
    sub_id = int(_ID.match(words.pop(0)).group(1))  # type: ignore[union-attr]  # matched just above
    anyway = _take_flag(words, "--anyway") or anyway
    if not words:
        raise UsageError(f"What should #{sub_id} look for? e.g. `edit {sub_id} Paris + French`.", "edit")
    return Edit(sub_id, " ".join(words), confirmed=anyway)


def _test(rest: str) -> SendTest:
    words = rest.lower().split()
    if words not in ([], ["--dm"], ["--me"], ["dm"], ["me"]):
        raise UsageError("`test` sends a sample card here; `test --dm` sends it to your DMs.", "test")
    return SendTest(dm=bool(words))


def _digest(rest: str) -> Digest:
    words = rest.split()
    if not words:
        raise UsageError("Say `off`, `hourly` or `daily HH:MM`.", "digest")
    mode = words.pop(0).lower()
    if mode in ("instant", "none", "now"):
        mode = "off"
    if mode not in ("off", "hourly", "daily"):
        raise UsageError(
            f"`{mode[:20]}` is not a digest mode; say `off`, `hourly` or `daily HH:MM`.", "digest"
        )
    at = None
    if mode == "daily":
        if not words:
            raise UsageError("A daily digest needs a time, e.g. `digest daily 09:00`.", "digest")
        at = parse_time(words.pop(0), "digest")
    return Digest(mode, at, _one_id(" ".join(words), "digest"))  # type: ignore[arg-type]


def _quiet(rest: str) -> Quiet:
    words = rest.split()
    if not words:
        raise UsageError("Give the quiet hours, e.g. `quiet 22:00-07:00`, or `quiet off`.", "quiet")
    if words[0].lower() == "off":
        return Quiet(sub_id=_one_id(" ".join(words[1:]), "quiet"))
    # "22:00 - 07:00", "22:00–07:00" and "22:00 to 07:00" all mean one range
    joined = re.sub(rf"\s*(?:[-{_DASHES}]+|\bto\b)\s*", "-", rest.strip(), count=1, flags=re.I)
    span, _, tail = joined.partition(" ")
    start, end = quiet_range(span)
    return Quiet(start, end, _one_id(tail, "quiet"))


def quiet_range(text: str) -> tuple[time, time]:
    """Read quiet hours written "22:00-07:00" (any dash, or "to"); UsageError otherwise."""
    span = re.sub(rf"\s*(?:[-{_DASHES}]+|\bto\b)\s*", "-", text.strip(), count=1, flags=re.I)
    start_text, sep, end_text = span.partition("-")
    if not sep or not end_text:
        raise UsageError(f"`{span[:30]}` is not a range of hours; write it as `22:00-07:00`.", "quiet")
    start, end = parse_time(start_text, "quiet"), parse_time(end_text, "quiet")
    if start == end:
        raise UsageError("Quiet hours must start and end at different times.", "quiet")
    return start, end


def _sources(rest: str) -> SourcesAdd | SourcesList | SourcesRemove | SourcesTest:
    words = rest.split()
    action = words.pop(0).lower() if words else "list"
    if action in ("list", "ls"):
        _no_arguments(" ".join(words), "sources")
        return SourcesList()
    if action in ("add", "test"):
        kind = _take_kind(words)
        no_check = action == "add" and _take_flag(words, "--no-check")
        if len(words) != 1:
            what = "one URL to add" if action == "add" else "one source ID or URL to test"
            raise UsageError(
                f"Give {what}, e.g. `sources {action} https://boards.greenhouse.io/acme`.", "sources"
            )
        if action == "add":
            return SourcesAdd(unwrap_link(words[0]), kind, check=not no_check)
        return SourcesTest(unwrap_link(words[0]), kind)
    if action in ("remove", "rm", "delete"):
        if len(words) != 1:
            raise UsageError("Give the ID of the source to remove (see `sources list`).", "sources")
        return SourcesRemove(words[0])
    raise UsageError(
        f"`sources {action[:20]}` is not something I can do; try add, list, remove or test.", "sources"
    )


def _take_flag(words: list[str], flag: str) -> bool:
    """Remove ``flag`` from ``words``; whether it was there."""
    lowered = [w.lower() for w in words]
    if flag not in lowered:
        return False
    del words[lowered.index(flag)]
    return True


def _take_kind(words: list[str]) -> str | None:
    """Remove ``--kind K`` from ``words`` and return K."""
    lowered = [w.lower() for w in words]
    if "--kind" not in lowered:
        return None
    at = lowered.index("--kind")
    if at + 1 >= len(words):
        raise UsageError("`--kind` needs a kind, e.g. `--kind feed`.", "sources")
    kind = words[at + 1].lower()
    del words[at : at + 2]
    return kind


def _status(rest: str) -> Status:
    _no_arguments(rest, "status")
    return Status()


def _saved(rest: str) -> Saved:
    query, page = split_page(rest, "saved")
    _no_arguments(query, "saved")
    return Saved(page)


def _mute(rest: str) -> Mute:
    if not rest:
        raise UsageError("Which company? e.g. `mute Acme`.", "mute")
    return Mute(rest)


def _unmute(rest: str) -> Mute:
    if not rest:
        raise UsageError("Which company? e.g. `unmute Acme`.", "unmute")
    return Mute(rest, undo=True)


def parse_time(text: str, command: str) -> time:
    """Read "09:00", "9:30", "9am", "9:30pm" or "21h30"; UsageError otherwise."""
    raw = text.strip().lower()
    twelve = _TIME_12.fullmatch(raw)
    found = _TIME_24.fullmatch(raw) or twelve
    if found is None:
        raise UsageError(f"`{text[:20]}` is not a time; write it as HH:MM, e.g. 09:00.", command)
    hour, minute = int(found["h"]), int(found["m"] or 0)
    if twelve is not None:
        if not 1 <= hour <= 12:
            raise UsageError(f"`{text[:20]}` is not a time on a 12-hour clock.", command)
        hour = hour % 12 + (12 if found["ampm"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise UsageError(f"`{text[:20]}` is not a time of day (00:00 to 23:59).", command)
    return time(hour, minute)


def unwrap_link(text: str) -> str:
    """A URL as typed, without the ``<…>`` or ``<…|label>`` a chat client may have wrapped it in."""
    found = _LINK.match(text.strip())
    return found.group(1) if found else text.strip()


def _one_id(rest: str, command: str) -> int | None:
    words = rest.split()
    if not words:
        return None
    found = _ID.match(words[0])
    if len(words) > 1 or found is None:
        raise UsageError(f"`{rest[:30]}` is not a subscription ID; IDs are numbers (see `list`).", command)
    return int(found.group(1))


def _no_arguments(rest: str, command: str) -> None:
    if rest.strip():
        raise UsageError(f"`{command}` takes no arguments (got `{rest.strip()[:30]}`).", command)


_READERS = {
    "help": _help,
    "search": _search,
    "subscribe": _subscribe,
    "me": _me,
    "list": _list,
    "unsubscribe": _unsubscribe,
    "pause": _pause,
    "resume": _resume,
    "edit": _edit,
    "test": _test,
    "digest": _digest,
    "quiet": _quiet,
    "sources": _sources,
    "status": _status,
    "saved": _saved,
    "mute": _mute,
    "unmute": _unmute,
}
COMMANDS = tuple(_READERS)
