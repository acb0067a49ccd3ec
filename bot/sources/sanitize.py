"""Make a parsed posting safe to store, match and show: no NUL, no lone surrogate, no NaN.

Vendors send what their own databases let through. A NUL byte is valid JSON (as an escape) but PostgreSQL
refuses it in text and JSON columns; a lone surrogate (U+D800 to U+DFFF, also valid as a JSON escape)
cannot be encoded as UTF-8, so hashing, SQLite and every platform API choke on it; ``NaN`` and
``Infinity`` are accepted by Python's JSON reader and refused by PostgreSQL's JSONB and by strict JSON
writers. Left in, one such record made its whole source fail on every poll. Cleaning happens once, where
records come in, so nothing downstream (extraction, identity keys, the store, cards) ever sees them.

What is done: NUL and the other C0 control characters except tab, newline and carriage return are removed;
a lone surrogate becomes U+FFFD (the replacement character, so a reader sees that something was there);
a non-finite number becomes None. ``bot.sources.base.collect`` cleans every vendor record before an
adapter reads it, and reports which fields it changed.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without NUL and other C0 controls (tab, newline, CR kept), lone surrogates as U+FFFD."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = _SURROGATE.sub("\ufffd", value)
    if _CONTROL.search(value) is not None:
        value = _CONTROL.sub("", value)
    return value


def clean_value(value: Any) -> Any:
    """``value`` with every string (keys too) cleaned and every non-finite float turned into None.

    Returns ``value`` itself when nothing needed cleaning (so ``result is value`` tells whether anything
    changed, and a clean record costs no copy); a changed container is a shallow copy of the same type,
    so a dict subclass such as feedparser's entries keeps its attribute access.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        items = [(clean_value(key), clean_value(item)) for key, item in value.items()]
        pairs = zip(items, value.items(), strict=True)
        if all(new_key is key and new is item for (new_key, new), (key, item) in pairs):
            return value
        copied = copy.copy(value)
        copied.clear()
        copied.update(items)
        return copied
    if isinstance(value, list | tuple):
        cleaned = [clean_value(item) for item in value]
        if all(new is item for new, item in zip(cleaned, value, strict=True)):
            return value
        return cleaned if isinstance(value, list) else tuple(cleaned)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            before = getattr(value, field.name)
            after = clean_value(before)
            if after is not before:
                changes[field.name] = after
        return dataclasses.replace(value, **changes) if changes else value
    return value


def changed_fields(record: dict[str, Any]) -> list[str]:
    """The top-level keys of a vendor record whose values cleaning changes (for the poll's report)."""
    return sorted(clean_text(str(key)) for key, value in record.items() if clean_value(value) is not value)
