"""Alembic migrations of the store; run them with ``bot.store.migrate.upgrade``."""
