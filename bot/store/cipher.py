"""Encryption at rest for tokens (Fernet), with key rotation: the first key encrypts, every key decrypts."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEY_HOWTO = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
_UNREADABLE = "stored tokens open with no key in JOBBOT_TOKEN_KEY (was the key that wrote them dropped?)"


class TokenKeyError(ValueError):
    """The key setting is missing or not a Fernet key; the message says how to make one (never the key)."""


class SecretsUnreadable(ValueError):
    """Stored secrets that no configured key opens (the key that wrote them was dropped)."""


class TokenCipher:
    """Encrypts a mapping of secrets to one opaque string and back.

    ``keys`` is JOBBOT_TOKEN_KEY: one Fernet key, or several separated by commas to rotate (the new key
    first; the old ones still decrypt until everything was re-encrypted with ``rotate``).
    """

    def __init__(self, keys: str | None, *, setting: str = "JOBBOT_TOKEN_KEY") -> None:
        parts = [part.strip() for part in (keys or "").split(",") if part.strip()]
        if not parts:
            raise TokenKeyError(f"{setting} is not set; make a key with: {KEY_HOWTO}")
        fernets = []
        for number, part in enumerate(parts, start=1):
            try:
                fernets.append(Fernet(part.encode()))
            except ValueError:
                raise TokenKeyError(
                    f"{setting}: key {number} of {len(parts)} is not a Fernet key (32 url-safe "
                    f"base64-encoded bytes); make one with: {KEY_HOWTO}"
                ) from None
        self._fernet = MultiFernet(fernets)

    def encrypt(self, secrets: Mapping[str, str | None]) -> str:
        """The secrets as one Fernet token (with the first key)."""
        return self._fernet.encrypt(json.dumps(dict(secrets), sort_keys=True).encode()).decode()

    def decrypt(self, token: str) -> dict[str, str | None]:
        """The secrets in ``token``; SecretsUnreadable when no configured key opens it."""
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise SecretsUnreadable(_UNREADABLE) from None

    def rotate(self, token: str) -> str:
        """``token`` re-encrypted with the first key (it must open with one of the keys)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise SecretsUnreadable(_UNREADABLE) from None
