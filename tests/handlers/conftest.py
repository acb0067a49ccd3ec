"""Shared fixtures: the command tests' real store, stocked with hand-written postings."""

from tests.bot.commands.conftest import engine, stocked

__all__ = ["engine", "stocked"]
