"""Wording every view shares: counted leftovers and the `/jobs` command a hint points to."""

from __future__ import annotations

from bot.views.rich import Line, Run, code

COMMAND = "/jobs"


def more_line(count: int, noun: str = "", hint: str | None = None, suffix: str = "") -> Line:
    """Counted leftovers, "…and 3 more matching postings" (and where to see them), or () for none."""
    if count <= 0:
        return ()
    plural = noun + ("es" if noun.endswith(("s", "sh", "ch")) else "s")
    what = f" {noun if count == 1 else plural}" if noun else ""
    runs = [Run(f"…and {count} more{what}{suffix}")]
    if hint:
        runs += [Run(": "), command(hint)]
    return tuple(runs)


def command(text: str) -> Run:
    """A `/jobs …` command to type, as code."""
    return code(f"{COMMAND} {text}".strip(), 300)
