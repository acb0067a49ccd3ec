"""The store: SQLAlchemy Core tables and queries, SQLite (WAL) by default, PostgreSQL for scale-out.

``migrate.open_store(url)`` gives a migrated engine. Repository functions live one module per table
(``postings``, ``subscriptions``, ``sources``, ``deliveries``) and take a Connection, whose transaction the
caller owns (so a posting and its outbox rows commit together), or an Engine (one transaction per call).
"""
