"""Model values ⇄ JSON-ready dicts for the store's JSON columns, exact both ways.

The codec follows the dataclass fields, so a field added to a model later needs no change here. A field
equal to its default is left out: rows stay small, and an added field does not change the content hash of
postings written before it existed. Unknown keys (written by a newer version) are ignored on read.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import datetime
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from bot.models import Facets, SourceHints

T = TypeVar("T")

_MISSING = dataclasses.MISSING


class CodecError(ValueError):
    """A stored JSON value that does not fit the model it should decode to."""


def facets_to_json(facets: Facets) -> dict[str, Any]:
    """Facets as a JSON-ready dict (only the fields that differ from their defaults)."""
    return _encode(facets)


def facets_from_json(data: dict[str, Any]) -> Facets:
    """Facets back from ``facets_to_json``'s dict."""
    return _decode_dataclass(Facets, data)


def hints_to_json(hints: SourceHints) -> dict[str, Any]:
    """SourceHints as a JSON-ready dict."""
    return _encode(hints)


def hints_from_json(data: dict[str, Any]) -> SourceHints:
    """SourceHints back from ``hints_to_json``'s dict."""
    return _decode_dataclass(SourceHints, data)


def _default_of(f: dataclasses.Field[Any]) -> Any:
    if f.default is not _MISSING:
        return f.default
    if f.default_factory is not _MISSING:
        return f.default_factory()
    return _MISSING


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item != _default_of(f):
                out[f.name] = _encode(item)
        return out
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode_dataclass(cls: type[T], data: Any) -> T:
    if not isinstance(data, dict):
        raise CodecError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    kwargs = {
        f.name: _decode(hints[f.name], data[f.name], f"{cls.__name__}.{f.name}")
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise CodecError(f"{cls.__name__}: {exc}") from None


def _decode(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value, where)
        raise CodecError(f"{where}: cannot decode a union of {options}")
    if value is None:
        return None
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, list):
            raise CodecError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, where) for v in value)
        return tuple(_decode(a, v, where) for a, v in zip(args, value, strict=True))
    if origin is Literal or tp is Any or origin is dict or tp in (str, int, float, bool):
        return value
    if tp is datetime:
        return datetime.fromisoformat(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value)
    raise CodecError(f"{where}: no decoder for {tp!r}")
