"""The fake Discord's journal: every answered request and every message created, as JSON lines in a file.

A fake running as its own process (``python -m handlers.fakes.discord_fake --journal FILE``) outlives the
clients it serves; benches and crash tests read what it saw from this file. Each line is either
``{"call": METHOD, "path", "status", "scope", "invalid", "at"}`` or ``{"message": ID, "channel_id",
"nonce", "footer", "at"}`` (``footer``: the last embed's footer text, where jobbot marks a card's key).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import IO, Any

from handlers.fakes.discord_limits import counts_as_invalid
from handlers.fakes.discord_state import Call


class Journal:
    """Appends calls and created messages to ``path``, flushed line by line (a kill loses nothing written)."""

    def __init__(self, path: Path | str) -> None:
        self._file: IO[str] = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - open while serving

    def call(self, call: Call) -> None:
        """Note an answered request."""
        invalid = counts_as_invalid(call.status, call.scope)
        line = {"call": call.method, "path": call.path, "status": call.status, "scope": call.scope}
        self._write({**line, "invalid": invalid, "at": call.at})

    def message(self, event: str, message: dict[str, Any]) -> None:
        """Note a message created (edits are not new messages)."""
        if event != "MESSAGE_CREATE":
            return
        line = {"message": message["id"], "channel_id": message["channel_id"], "nonce": message.get("nonce")}
        self._write({**line, "footer": last_footer(message), "at": time.time()})

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def _write(self, line: dict[str, Any]) -> None:
        self._file.write(json.dumps(line) + "\n")
        self._file.flush()


def last_footer(message: dict[str, Any]) -> str:
    """The footer text of a message's last embed ("" without one)."""
    embeds = message.get("embeds") or []
    return str((embeds[-1].get("footer") or {}).get("text") or "") if embeds else ""


def read_journal(path: Path | str) -> list[dict[str, Any]]:
    """Every line of a journal (a line cut short by a kill is skipped)."""
    lines: list[dict[str, Any]] = []
    if not Path(path).exists():
        return lines
    with Path(path).open(encoding="utf-8") as file:
        for raw in file:
            try:
                lines.append(json.loads(raw))
            except ValueError:
                continue
    return lines
