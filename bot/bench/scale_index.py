"""``jobbot bench index``: the time and memory a worker needs to build its subscription index from PostgreSQL.

Fills a fresh schema with N synthetic subscriptions (the match benchmark's query mix, COPY in one stream),
then builds the index in a fresh child process, as a starting worker does (``Matcher.from_store``), so the
peak RSS is the worker's and not the filler's. Also times a log refresh with nothing to apply (what every
new posting pays) and with one change. The schema is dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bot.bench.schemas import temporary_schema
from bot.bench.synthetic import Generator, build_world, gazetteer_city_names
from bot.models import Destination
from bot.query import QueryError, default_vocabulary, parse
from bot.query.stored import to_stored

_CREATED = datetime(2026, 1, 1, tzinfo=UTC)
_COLUMNS = (
    "owner, platform, destination_kind, destination_target, workspace, destination_key, query, parsed, "
    "created_at, paused"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench index`` subcommand)."""
    parser.add_argument("--subscriptions", type=int, default=1_000_000, help="subscriptions (1000000)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server to fill a temporary schema on (default: DATABASE_URL)",
    )
    parser.add_argument("--cities", type=int, default=2000, help="gazetteer cities drawn from (2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")
    parser.add_argument(
        "--without-parsed",
        action="store_true",
        help="store no parsed forms (as before they were kept): the build parses every distinct text",
    )


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark with options parsed by :func:`add_arguments`."""
    url = args.database_url or os.environ.get("DATABASE_URL")
    if not url or make_url(url).get_backend_name() != "postgresql":
        raise SystemExit(
            "jobbot bench index needs a PostgreSQL server: pass --database-url postgresql+psycopg://… "
            "or set DATABASE_URL. It works in a temporary schema and drops it afterwards."
        )
    return run_index_bench(
        args.subscriptions, url, seed=args.seed, cities=args.cities, parsed=not args.without_parsed
    )


def run_index_bench(
    subscriptions: int, database_url: str, *, seed: int = 7, cities: int = 2000, parsed: bool = True
) -> dict[str, Any]:
    """Fill a temporary schema on ``database_url`` with ``subscriptions`` and measure building the index.

    ``parsed``: store each query's parsed form, as ``/jobs subscribe`` does; False measures the fallback
    that parses every distinct text.
    """
    from bot.store.migrate import open_store

    with temporary_schema(database_url) as url:
        engine = open_store(url)
        try:
            fill_s = fill_subscriptions(engine, subscriptions, seed=seed, cities=cities, parsed=parsed)
        finally:
            engine.dispose()
        build = _build_in_child(url)
    return {
        "subscriptions": subscriptions,
        "seed": seed,
        "parsed_forms_stored": parsed,
        "fill_seconds": round(fill_s, 2),
        "fill_rows_per_second": round(subscriptions / fill_s) if fill_s else None,
        **build,
    }


def fill_subscriptions(
    engine: Engine, count: int, *, seed: int = 7, cities: int = 2000, parsed: bool = True
) -> float:
    """COPY ``count`` synthetic subscriptions into ``engine``'s store; returns the seconds it took.

    Four in five go to a person's DMs, the rest to a few thousand channels, as in a large community.
    With ``parsed``, each row carries its query's stored parsed form (each distinct text parsed once).
    """
    forms: dict[str, str | None] = {}
    world = build_world(default_vocabulary(), gazetteer_city_names(cities) if cities else [])
    generator = Generator(world, seed)
    channels = max(1, count // 200)
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY subscriptions ({_COLUMNS}) FROM STDIN") as copy:
            for number, query in enumerate(generator.query_texts(count)):
                workspace = f"T{number % 50:04d}"
                if number % 5:
                    user = f"U{number:08d}"
                    destination = Destination("slack", "dm", user, workspace)
                else:
                    user = f"U{number:08d}"
                    destination = Destination("slack", "channel", f"C{number % channels:06d}", workspace)
                form = forms.get(query, "") if parsed else None
                if form == "":
                    form = forms[query] = _stored_form(query)
                copy.write_row(
                    (
                        user,
                        destination.platform,
                        destination.kind,
                        destination.target,
                        destination.workspace,
                        destination.key,
                        query,
                        form,
                        _CREATED,
                        False,
                    )
                )
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE subscriptions"))
    return time.perf_counter() - started


def _stored_form(text: str) -> str | None:
    try:
        return json.dumps(to_stored(parse(text)))
    except QueryError:
        return None


def measure_build(url: str, refreshes: int = 200) -> dict[str, Any]:
    """Build ``Matcher.from_store`` on ``url`` in this process; report time, memory and refresh costs."""
    from bot.ingest import Matcher
    from bot.store.engine import create_engine_for
    from bot.store.subscriptions import add_subscription, remove_subscription

    engine = create_engine_for(url)
    parse("Paris + French + intern 2026")  # load the vocabulary first: a worker has it before it builds
    rss_before = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    matcher = Matcher.from_store(engine)
    build_s, build_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    rss_after = _rss_mb()
    indexed, stats = len(matcher.index), matcher.index.stats()
    idle = []
    for _ in range(refreshes):
        tick = time.perf_counter()
        matcher.refresh(engine)
        idle.append((time.perf_counter() - tick) * 1000)
    added = add_subscription(
        engine, owner="Ubench", destination=Destination("slack", "dm", "Ubench", "T0"), query="Paris + French"
    )
    tick = time.perf_counter()
    applied = matcher.refresh(engine)
    one_ms = (time.perf_counter() - tick) * 1000
    remove_subscription(engine, added.id)
    engine.dispose()
    idle.sort()
    return {
        "build_seconds": round(build_s, 2),
        "build_cpu_seconds": round(build_cpu_s, 2),  # this process only: steadier on a shared machine
        "load_average_1m": round(os.getloadavg()[0], 2),
        "indexed": indexed,
        "rss_mb_before_build": round(rss_before, 1),
        "rss_mb_after_build": round(rss_after, 1),
        "index_rss_mb": round(rss_after - rss_before, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "refresh_nothing_changed_ms_p50": round(idle[len(idle) // 2], 3),
        "refresh_one_change_ms": round(one_ms, 3),
        "refresh_applied": applied,
        "index": stats,
    }


def _build_in_child(url: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own module, with this interpreter
        [sys.executable, "-m", "bot.bench.scale_index", "--measure-build", url],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def _rss_mb() -> float:
    """The resident set now (Linux /proc; the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except OSError:
        return _peak_rss_mb()


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def main(argv: Sequence[str] | None = None) -> int:
    """The child's entry point (``--measure-build URL``), or the benchmark without the ``jobbot`` CLI."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--measure-build"]:
        print(json.dumps(measure_build(argv[1])))
        return 0
    parser = argparse.ArgumentParser(prog="jobbot bench index", description=__doc__)
    add_arguments(parser)
    print(json.dumps(run_from_args(parser.parse_args(argv)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
