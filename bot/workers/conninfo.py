"""The settings' database URL (SQLAlchemy's form) as a libpq conninfo for procrastinate's pool."""

from __future__ import annotations

from sqlalchemy.engine import make_url


class NotPostgresError(ValueError):
    """The database URL is not PostgreSQL: the worker queue needs one; the message says what to set."""


def libpq_conninfo(database_url: str) -> str:
    """``postgresql+psycopg://u:p@h:5432/db?options=…`` as ``host=h port=5432 … options=…``.

    Every query parameter is passed on as a libpq keyword, so ``options=-csearch_path=…`` (a schema per
    deployment, or per test) reaches procrastinate's connections as it reaches the store's.
    """
    from psycopg.conninfo import make_conninfo

    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise NotPostgresError(
            f"the worker queue needs PostgreSQL, but DATABASE_URL is a {url.get_backend_name()} database: "
            "set DATABASE_URL to a PostgreSQL URL such as postgresql+psycopg://jobbot@db.internal/jobbot "
            "(the single process, `jobbot run`, works with SQLite)"
        )
    params = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    return make_conninfo(**{key: value for key, value in params.items() if value is not None})
