"""Bolt's OAuth state store on jobbot's database: every web process can check a state another one issued."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from sqlalchemy.engine import Engine

from bot.store.installations import consume_state, issue_state

logger = logging.getLogger(__name__)

STATE_SECONDS = 600  # Bolt's default: the time a person has between "Add to Slack" and "Allow"


class SqlOAuthStateStore(AsyncOAuthStateStore):
    """Issues unguessable one-time states; a state is good for one redirect, within ``expiration_seconds``."""

    def __init__(self, engine: Engine, *, expiration_seconds: int = STATE_SECONDS) -> None:
        self._engine = engine
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        """The logger Bolt reports through."""
        return logger

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        """A new state, remembered until it is used or expires."""
        state = secrets.token_urlsafe(32)
        issue_state(self._engine, state, ttl=timedelta(seconds=self.expiration_seconds))
        return state

    async def async_consume(self, state: str) -> bool:
        """True for a state this app issued that is neither used nor expired; using it spends it."""
        if not state or len(state) > 100:  # never issued: a forged value, not worth a query
            return False
        return consume_state(self._engine, state)
