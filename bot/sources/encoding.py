"""Content-Encoding for the fetcher: gzip and deflate, inflated as the body arrives and never past the cap.

The fetcher asks for ``gzip, deflate`` only and decodes the body itself (aiohttp's own decompression is off):
each network read is inflated at most one byte past the room left under the cap, so a bomb (a few hundred
KB that would inflate to gigabytes) stops at the cap, and memory stays about the cap. Any other encoding
(``br``, ``zstd``, ``compress``, a made-up one, or more than one layer) is an ``UnsupportedEncodingError``
that names it, before the body is read.
"""

from __future__ import annotations

import zlib

from bot.sources.errors import FetchError, UnsupportedEncodingError

ACCEPT_ENCODING = "gzip, deflate"  # what the fetcher asks for: what it can decode within the cap
_GZIP = frozenset({"gzip", "x-gzip"})
_DECODED = _GZIP | {"deflate"}


def coding_of(header: str | None, shown: str) -> str | None:
    """The one coding to undo for a ``Content-Encoding`` header (None: the body is as sent)."""
    codings = [part.strip().lower() for part in (header or "").split(",")]
    codings = [coding for coding in codings if coding and coding != "identity"]
    unknown = next((coding for coding in codings if coding not in _DECODED), None)
    if unknown is not None or len(codings) > 1:
        named = unknown if unknown is not None else ", ".join(codings)
        raise UnsupportedEncodingError(
            f"{shown} answered with Content-Encoding {named!r}, which jobbot cannot decode (it asks for gzip "
            "or deflate only, one layer); the server must send one of those, or the body as it is",
            url=shown,
        )
    return codings[0] if codings else None


class Inflater:
    """Undoes gzip (every member of a multi-member stream) or deflate (zlib-wrapped or raw) in steps."""

    def __init__(self, coding: str, shown: str) -> None:
        self._gzip = coding in _GZIP
        self._shown = shown
        self._inflater: zlib._Decompress | None = zlib.decompressobj(47) if self._gzip else None
        self._pending = b""  # deflate: the first bytes, until they tell zlib-wrapped from raw
        self._fed = False  # any byte at all: an empty body is empty, whatever the header says

    def feed(self, data: bytes, limit: int) -> bytes:
        """Inflate ``data``: at most ``limit`` + 1 bytes come out (one past the room says: too large)."""
        self._fed = self._fed or bool(data)
        try:
            return self._feed(data, limit)
        except zlib.error:
            raise self._broken() from None

    def finish(self, limit: int) -> bytes:
        """The rest, once the body has all arrived; a stream cut short is a FetchError."""
        if not self._fed:
            return b""
        try:
            out = self._feed(b"", limit) if self._pending else b""
            inflater = self._inflater
            if inflater is None:
                return out
            out += inflater.flush(limit + 1 - len(out)) if len(out) <= limit else b""
        except zlib.error:
            raise self._broken() from None
        if not inflater.eof and len(out) <= limit:
            raise FetchError(f"{self._shown} sent a compressed body that was cut off", url=self._shown)
        return out

    def _feed(self, data: bytes, limit: int) -> bytes:
        if self._inflater is None:  # deflate: RFC says zlib-wrapped, some servers send it raw
            self._pending += data
            if len(self._pending) < 2 and data:
                return b""
            self._inflater = zlib.decompressobj(15 if _zlib_header(self._pending) else -15)
            data, self._pending = self._pending, b""
        out = bytearray()
        while data and len(out) <= limit:
            if self._inflater.eof:
                if not self._gzip:
                    break  # the deflate stream is over; what follows is not part of the body
                self._inflater = zlib.decompressobj(47)  # the next gzip member
            out += self._inflater.decompress(data, limit + 1 - len(out))
            data = self._inflater.unused_data if self._inflater.eof else self._inflater.unconsumed_tail
        return bytes(out)

    def _broken(self) -> FetchError:
        return FetchError(
            f"{self._shown} sent a compressed body that could not be decompressed (corrupt, or not the "
            "Content-Encoding it named)",
            url=self._shown,
        )


def _zlib_header(data: bytes) -> bool:
    """True when ``data`` starts with a zlib header (deflate method, a valid check)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
