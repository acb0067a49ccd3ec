"""The ``jobbot`` command: run, web, gateway, demo, extract, match, explain, fetch, sources, poll, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from bot.extract import extract_posting
from bot.models import to_jsonable
from bot.postings_io import PostingInputError, facets_to_dict, posting_to_dict, read_postings
from bot.progress import Progress

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.app import Role
    from bot.settings import Settings

EXIT_BAD_INPUT = 2
QUEUE_NAMES = ("tick", "poll", "deliver")  # bot.workers.queue.QUEUES, without importing procrastinate
EXIT_SOURCE_FAILED = 1  # `sources test`: the source does not work (the usage was fine)


@contextmanager
def _open_input(name: str) -> Iterator[IO[str]]:
    if name == "-":
        if sys.stdin.isatty():  # nothing piped in: say what the silence is waiting for
            print(
                "jobbot: reading postings (JSON lines) from standard input; end with Ctrl-D, or give a FILE",
                file=sys.stderr,
            )
        yield sys.stdin
        return
    try:
        # Bytes that are not UTF-8 stay lone surrogates, which cleaning makes U+FFFD: read, not refused.
        with Path(name).open(encoding="utf-8", errors="surrogateescape") as handle:
            yield handle
    except OSError as exc:
        raise PostingInputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _fail(exc: BaseException) -> None:
    """Say why a command failed, on stderr, without any secret the error may carry."""
    from bot.logs import redact

    print(f"jobbot: {redact(str(exc))}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"jobbot: warning: {message}", file=sys.stderr)


def _write(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    """Postings JSONL in, one JSON object of facets a line out."""
    progress = Progress("extracted")
    with _open_input(args.file) as stream:
        for posting in read_postings(stream, warn=_warn):
            done = extract_posting(posting)
            assert done.facets is not None
            _write(facets_to_dict(done.id, done.facets))
            progress.add()
    progress.done()
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    """The postings that match QUERY, with why; a bare company name is a company of the postings read."""
    from bot.matching import match_query
    from bot.query import QueryError, explain, parse

    try:
        parse(args.query)  # refuse a query that cannot be read before reading any input
    except QueryError as exc:
        print(f"jobbot: cannot use query {args.query!r}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with _open_input(args.file) as stream:
        postings = list(read_postings(stream, warn=_warn))
    query = parse(args.query, companies=sorted({p.company for p in postings if p.company}))
    print(f"query understood as: {explain(query)}", file=sys.stderr)
    progress = Progress("read")
    for posting in postings:
        reasons = match_query(query, extract_posting(posting))
        if reasons is not None:
            _write({"id": posting.id, "title": posting.title, "why": to_jsonable(reasons)})
        progress.add()
    progress.done()
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch one source once and print its normalized postings as JSON lines."""
    import asyncio

    from bot.logs import redact
    from bot.settings import load_settings
    from bot.sources.base import SourceFormatError
    from bot.sources.errors import FetchError
    from bot.sources.fetch import FetchPolicy
    from bot.sources.oneshot import UnknownKindError, fetch_once, parse_file, resolve_kind

    target = args.target
    try:
        if "://" not in target and Path(target).is_file():
            kind = resolve_kind(target, args.kind)
            parsed = parse_file(Path(target), kind)
            postings, skipped = parsed.postings, len(parsed.skipped)
        else:
            policy = FetchPolicy.from_settings(load_settings().fetch, allow_private=args.allow_private)
            shot = asyncio.run(fetch_once(target, args.kind, policy))
            kind, postings, skipped = shot.kind, shot.postings, shot.skipped
    except (UnknownKindError, FetchError, SourceFormatError) as exc:
        print(f"jobbot: cannot fetch {redact(target)}: {redact(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for posting in postings:
        record = posting_to_dict(posting)
        if args.extract:
            facets = extract_posting(posting).facets
            assert facets is not None
            record["facets"] = facets_to_dict(posting.id, facets)
        _write(record)
    print(f"{kind}: {len(postings)} postings, {skipped} records skipped", file=sys.stderr)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The long-running bot: poll on schedule, deliver, and answer Slack and Discord."""
    return _run_role("run", args)


def cmd_web(args: argparse.Namespace) -> int:
    """Slack over HTTP only: /jobs, buttons, events, metrics and health; no polling, no delivery."""
    return _run_role("web", args)


def cmd_gateway(args: argparse.Namespace) -> int:
    """Discord's gateway only: answers /jobs and buttons; no polling, no delivery."""
    return _run_role("gateway", args)


def _run_role(role: Role, args: argparse.Namespace) -> int:
    """Run the bot in ``role`` until SIGINT/SIGTERM (see ``bot.app`` for what each role does)."""
    import asyncio

    from bot import logs
    from bot.app import ConfigurationError, JobBot, attach_platforms, metrics_server, run_until_stopped
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    logs.configure(settings.log_level, secrets=settings.secret_values())

    async def main() -> None:
        bot = JobBot.create(settings, role=role)
        try:
            serves = [
                *attach_platforms(bot, port=getattr(args, "port", None), host=getattr(args, "host", None))
            ]
            if args.command == "serve" and "slack" not in bot.notifiers:
                raise ConfigurationError(
                    "jobbot serve answers Slack over HTTP: set SLACK_BOT_TOKEN (one workspace) or "
                    "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Add to Slack); `jobbot run` runs without Slack"
                )
        except ConfigurationError:
            bot.engine.dispose()
            raise
        await run_until_stopped(bot, *serves, *metrics_server(bot, args.metrics_port))

    try:
        asyncio.run(main())
    except ConfigurationError as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring the database at DATABASE_URL up to date: the store's tables, and on PostgreSQL the job queue."""
    from sqlalchemy.engine import make_url

    from bot.settings import SettingsError, load_settings
    from bot.store.migrate import head_revision, upgrade

    try:
        settings = load_settings()
    except SettingsError as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    upgrade(settings.database_url)
    report: dict[str, object] = {"store": head_revision()}
    if make_url(settings.database_url).get_backend_name() == "postgresql":
        from bot.workers.queue import install_queue_schema

        report["queue"] = "installed" if install_queue_schema(settings.database_url) else "already there"
    _write(report)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Serve the PostgreSQL job queue: polls, deliveries and the periodic tick, until SIGINT/SIGTERM."""
    import asyncio

    from bot import logs
    from bot.app import ConfigurationError, create_worker_bot
    from bot.settings import SettingsError, load_settings
    from bot.workers.conninfo import NotPostgresError, libpq_conninfo
    from bot.workers.queue import QUEUES
    from bot.workers.runner import QueueNotInstalledError, run_worker

    try:
        settings = load_settings()
        libpq_conninfo(settings.database_url)
    except (SettingsError, NotPostgresError) as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    queues = [name.strip() for name in args.queues.split(",") if name.strip()]
    unknown = sorted(set(queues) - set(QUEUES))
    if not queues or unknown:
        print(f"jobbot: unknown queue(s) {', '.join(unknown) or '(none given)'}; known: {', '.join(QUEUES)}",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    logs.configure(settings.log_level, secrets=settings.secret_values())
    try:
        asyncio.run(
            run_worker(settings, make_bot=create_worker_bot, queues=queues, concurrency=args.concurrency)
        )
    except (ConfigurationError, QueueNotInstalledError) as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    """How QUERY is understood, or why it cannot be; with --json, the parsed form."""
    from bot.query import QueryError, explain, parse, to_dict

    companies = list(args.company or ())
    if args.store:
        from bot.store.browse import company_names
        from bot.store.sources import list_sources

        with _store() as (_, engine):
            companies += company_names(engine, "", limit=20_000)
            companies += [str(s.settings.get("company") or "") for s in list_sources(engine)]
    try:
        query = parse(args.query, companies=companies)
    except QueryError as exc:
        if args.json:
            _write({"query": args.query, "error": str(exc)})
        print(f"jobbot: cannot use query {args.query!r}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        _write(to_dict(query))
    else:
        print(explain(query))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole flow on the embedded default, delivered to a local fake Slack and Discord and printed."""
    from bot.demo.runner import run_demo  # the store and Alembic load only for the commands that use them

    platforms = ()
    if not args.terminal:
        from handlers.discord_demo import local_discord
        from handlers.slack_demo import local_slack

        platforms = (local_slack, local_discord)
    if args.data_dir:
        run_demo(Path(args.data_dir), sys.stdout, platforms)
        return 0
    with tempfile.TemporaryDirectory(prefix="jobbot-demo-") as data_dir:
        run_demo(Path(data_dir), sys.stdout, platforms)
    return 0


def cmd_bench_deliver(args: argparse.Namespace) -> int:
    """The delivery benchmark against a local fake Slack or Discord, JSON out."""
    if args.platform == "discord":
        from handlers import discord_bench

        _write(discord_bench.run_from_args(args))
        return 0
    from handlers import slack_bench

    _write(slack_bench.run_from_args(args))
    return 0


def cmd_bench_match(args: argparse.Namespace) -> int:
    """The subscription-index benchmark, JSON out."""
    from bot.bench import match as bench_match

    _write(bench_match.run_from_args(args))
    return 0


def cmd_bench_index(args: argparse.Namespace) -> int:
    """Building the subscription index from PostgreSQL, JSON out."""
    from bot.bench import scale_index as bench_index

    _write(bench_index.run_from_args(args))
    return 0


def cmd_bench_scale(args: argparse.Namespace) -> int:
    """The scale-out benchmark, JSON out."""
    from bot.bench import scale as bench_scale

    _write(bench_scale.run_from_args(args))
    return 0


def cmd_bench_extract(args: argparse.Namespace) -> int:
    """The extraction-speed benchmark, JSON out."""
    from bot.bench import extract as bench_extract

    try:
        _write(bench_extract.run_from_args(args))
    except bench_extract.BenchInputError as exc:
        print(f"jobbot: bench extract: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def cmd_bench_poll(args: argparse.Namespace) -> int:
    """The polling benchmark, JSON out."""
    from bot.bench import poll as bench_poll

    _write(bench_poll.run_from_args(args))
    return 0


@contextmanager
def _store() -> Iterator[tuple[Settings, Engine]]:
    """The settings and the migrated store at DATABASE_URL (default: the SQLite file in the data dir)."""
    from bot.settings import load_settings  # the store and Alembic load only for the commands that use them
    from bot.store.migrate import open_store

    settings = load_settings()
    engine = open_store(settings.database_url)
    try:
        yield settings, engine
    finally:
        engine.dispose()


def cmd_sources_add(args: argparse.Namespace) -> int:
    """Register a source to poll, from its URL."""
    import asyncio

    from bot.source_registry import SqlSourceRegistry
    from bot.sources.admin import SourceAdminError, add_source_from_url, check_source
    from bot.sources.errors import shown_url
    from bot.sources.fetch import FetchPolicy

    with _store() as (settings, engine):
        private_ok = settings.fetch.allow_private_addresses
        listed = None
        if not args.no_check:
            overrides = {"allow_private": True} if args.allow_private else {}
            policy = FetchPolicy.from_settings(settings.fetch, **overrides)
            registry, now = SqlSourceRegistry(engine), datetime.now(UTC)
            try:
                check = asyncio.run(check_source(registry, args.url, policy=policy, now=now, kind=args.kind))
            except SourceAdminError as exc:
                _fail(exc)
                return EXIT_BAD_INPUT
            if not check.ok:
                print(f"jobbot: {shown_url(check.url)} does not work: {check.error}", file=sys.stderr)
                print("nothing was added: fix the URL or --kind, or add it with --no-check", file=sys.stderr)
                return 1
            listed = f"{check.postings} postings" + ("" if check.complete else " on its first pages")
        try:
            info = add_source_from_url(
                SqlSourceRegistry(engine),
                args.url,
                now=datetime.now(UTC),
                kind=args.kind,
                name=args.name or "",
                company=args.company,
                allow_private=args.allow_private or private_ok,
            )
        except SourceAdminError as exc:
            _fail(exc)
            return EXIT_BAD_INPUT
    print(f"added {info.id} ({info.kind}): {shown_url(info.url)}")
    if listed is not None:
        print(f"checked: it lists {listed} right now")
    print("its first poll stores what it lists as already seen; cards start with postings added after that")
    if args.allow_private and not private_ok:
        print(
            "note: it is on a private address; polls reach it only with `jobbot poll --once --allow-private` "
            "or fetch.allow_private_addresses = true",
            file=sys.stderr,
        )
    return 0


def cmd_sources_list(args: argparse.Namespace) -> int:
    """Every registered source and its health."""
    from bot.source_registry import SqlSourceRegistry
    from bot.sources.admin import source_summary

    with _store() as (_, engine):
        infos = SqlSourceRegistry(engine).all()
    now = datetime.now(UTC)
    if not infos:
        print("no sources yet; add one with `jobbot sources add URL`", file=sys.stderr)
    for info in infos:
        summary = source_summary(info, now=now)
        if args.json:
            _write(summary)
            continue
        last_ok = _when(summary["last_ok_at"]) or "never"
        named = f"  ({summary['name']})" if summary["name"] else ""
        print(f"{summary['id']}  {summary['kind']}  {summary['health']}{named}")
        print(f"    {summary['url']}")
        print(
            f"    failures: {summary['failures']}  last ok: {last_ok}  "
            f"next poll: {_when(summary['next_poll']) or 'due'}"
        )
        if summary["last_error"]:
            print(f"    last error: {summary['last_error']}")
    return 0


def _when(iso: str | None) -> str | None:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC") if iso else None


def cmd_sources_remove(args: argparse.Namespace) -> int:
    """Forget a source; its stored postings stay."""
    from bot.source_registry import SqlSourceRegistry
    from bot.sources.admin import SourceAdminError, remove_source

    with _store() as (_, engine):
        try:
            info = remove_source(SqlSourceRegistry(engine), args.source_id)
        except SourceAdminError as exc:
            _fail(exc)
            return EXIT_BAD_INPUT
    print(f"removed {info.id}; its postings already stored stay searchable until they close")
    return 0


def cmd_sources_test(args: argparse.Namespace) -> int:
    """Fetch a source once (by id or URL) and say what it lists; nothing is stored."""
    import asyncio

    from bot.source_registry import SqlSourceRegistry
    from bot.sources.admin import SourceAdminError, check_source
    from bot.sources.fetch import FetchPolicy

    with _store() as (settings, engine):
        overrides = {"allow_private": True} if args.allow_private else {}
        policy = FetchPolicy.from_settings(settings.fetch, **overrides)
        try:
            check = asyncio.run(
                check_source(
                    SqlSourceRegistry(engine),
                    args.target,
                    policy=policy,
                    now=datetime.now(UTC),
                    kind=args.kind,
                )
            )
        except SourceAdminError as exc:
            _fail(exc)
            return EXIT_BAD_INPUT
    if args.json:
        _write(to_jsonable(check))
    elif check.ok:
        more = "" if check.complete else " in its first pages (there are more)"
        left_out = (
            f", {check.skipped} left out (placeholders, inactive or unreadable)" if check.skipped else ""
        )
        read = f"{check.postings} postings read{more}{left_out}"
        print(f"{check.source_id} works: {read} in {check.seconds:.1f} s")
        for title in check.titles:
            print(f"    {title}")
    else:
        print(f"{check.source_id} does not work: {check.error}")
    return 0 if check.ok else EXIT_SOURCE_FAILED


def cmd_poll(args: argparse.Namespace) -> int:
    """Poll every due source (or the given ones) once; one JSON line per source."""
    import asyncio

    from bot.ingest import Matcher
    from bot.poll_store import SqlPollStore
    from bot.source_registry import SqlSourceRegistry
    from bot.sources.fetch import Fetcher, FetchPolicy
    from bot.sources.poll import PollResult
    from bot.sources.rounds import poll_round, result_summary

    if not args.once:
        print("jobbot: poll needs --once (the long-running poller is `jobbot run`)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.concurrency < 1:
        print("jobbot: --concurrency must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT

    def emit(result: PollResult) -> None:
        _write(result_summary(result))
        sys.stdout.flush()  # a round can take a while: show each source as it is done

    with _store() as (settings, engine):
        from bot import logs

        # Warnings (a poll that failed, records cleaned or refused) in the structured form, with the source
        # and the reason, not Python's bare last-resort line.
        logs.configure("WARNING", secrets=settings.secret_values())
        registry = SqlSourceRegistry(engine)
        ids = args.source or [info.id for info in registry.all()]
        unknown = [source_id for source_id in ids if registry.get(source_id) is None]
        if unknown:
            print(
                f"jobbot: no source {', '.join(unknown)}; `jobbot sources list` shows them", file=sys.stderr
            )
            return EXIT_BAD_INPUT
        if not ids:
            print("no sources yet; add one with `jobbot sources add URL`", file=sys.stderr)
            return 0
        overrides = {"allow_private": True} if args.allow_private else {}
        policy = FetchPolicy.from_settings(settings.fetch, **overrides)
        store = SqlPollStore(engine, Matcher.from_store(engine))

        async def round_() -> list[PollResult]:
            async with Fetcher(policy) as fetcher:
                return await poll_round(
                    ids, store=store, fetcher=fetcher, now=datetime.now(UTC), concurrency=args.concurrency,
                    force=args.force, on_result=emit,
                )  # fmt: skip

        results = asyncio.run(round_())
    counts = {
        status: sum(r.status == status for r in results)
        for status in ("ok", "not_modified", "error", "deferred")
    }
    print(
        f"polled {len(results)} sources: {counts['ok']} read, {counts['not_modified']} not modified, "
        f"{counts['error']} failed, {counts['deferred']} held back; {sum(len(r.new) for r in results)} new "
        f"postings, {sum(r.queued for r in results)} cards queued, {sum(r.edits for r in results)} card "
        "edits queued",
        file=sys.stderr,
    )
    return 0


def build_parser(*, benches: bool = True) -> argparse.ArgumentParser:
    """The argument parser, with every subcommand's help.

    ``benches``: with the options of each benchmark, whose modules take a third of a second to import
    (``main`` leaves them out of a command line that names no benchmark).
    """
    parser = argparse.ArgumentParser(
        prog="jobbot",
        description="Turn job-posting sources into the right alerts for the right people.",
        epilog="New here? `jobbot demo` shows the whole flow on local samples, with no tokens.",
    )
    parser.add_argument("--version", action="version", version=f"jobbot {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract",
        help="read postings (JSON lines) and print the facets understood from each",
        description='Input: one JSON object a line, {"id", "title", "company", "location", "text", "url"}; '
        "text may be plain or HTML. Output: one JSON object a line with id, locations, workplace, "
        "employment_type, languages {required, preferred} and the other facets with their evidence.",
    )
    p.add_argument(
        "file", nargs="?", default="-", help="postings JSONL file, or - for standard input (default)"
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "match",
        help="print the postings that match a query, and why",
        description="Example: jobbot match 'Paris + French' postings.jsonl. A bare company name is read as "
        "the company when one of the postings is from it. A query that cannot be understood "
        "exits with status 2 and says why.",
    )
    p.add_argument("query", help="a query such as 'Paris + French' or 'country:FR lang:fr -sales'")
    p.add_argument(
        "file", nargs="?", default="-", help="postings JSONL file, or - for standard input (default)"
    )
    p.set_defaults(func=cmd_match)

    p = sub.add_parser(
        "run",
        help="run the bot: poll sources on schedule, deliver cards, answer /jobs in Slack and Discord",
        description="Polls every registered source on its schedule, matches new postings and delivers cards. "
        "With SLACK_BOT_TOKEN set it posts to Slack and answers /jobs: over Socket Mode when SLACK_APP_TOKEN "
        "is set, else over HTTP on --port (POST /slack/events, signed with SLACK_SIGNING_SECRET). With "
        "DISCORD_TOKEN set it connects to Discord's gateway, posts there and answers /jobs (register the "
        "commands once with `jobbot discord sync`). Without tokens it still polls and queues cards. Stops "
        "cleanly on SIGINT/SIGTERM.",
    )
    p.add_argument("--port", type=int, help="serve Slack over HTTP on this port (forces HTTP mode)")
    _add_metrics_port(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "serve",
        help="like run, with Slack over HTTP on --port (default 3000) instead of Socket Mode",
        description="`jobbot run` in Slack's HTTP mode: Slack posts signed requests to /slack/events on "
        "--port; every request's signature and timestamp are verified with SLACK_SIGNING_SECRET. With "
        "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and JOBBOT_TOKEN_KEY instead of SLACK_BOT_TOKEN, any workspace "
        "can install the app from /slack/install (Add to Slack); each workspace's token is stored encrypted.",
    )
    p.add_argument("--port", type=int, default=3000, help="the port to listen on (3000)")
    _add_host(p)
    _add_metrics_port(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "web",
        help="scale-out: answer Slack over HTTP (/jobs, buttons, events) with metrics and health; no polling",
        description="The web process of a scale-out deployment: Slack posts signed requests to /slack/events "
        "on --port (default 3000), verified with SLACK_SIGNING_SECRET; the same server answers "
        "GET /metrics (Prometheus), /healthz (liveness) and /readyz (readiness: 503 while the database, or "
        "on PostgreSQL the procrastinate queue, cannot be reached). It neither polls nor delivers: run "
        "`jobbot worker` for that. Run as many as you like behind a load balancer.",
    )
    p.add_argument("--port", type=int, default=3000, help="the port to listen on (3000; Procfile: $PORT)")
    _add_host(p)
    _add_metrics_port(p)
    p.set_defaults(func=cmd_web)

    p = sub.add_parser(
        "gateway",
        help="scale-out: answer Discord's /jobs over its gateway; no polling, no delivery",
        description="The Discord process of a scale-out deployment: connects to Discord's gateway with "
        "DISCORD_TOKEN and answers /jobs, /jobs-sources and buttons. Sharded as DISCORD_SHARD_COUNT and "
        "DISCORD_SHARD_IDS say (e.g. two processes with DISCORD_SHARD_COUNT=2 and DISCORD_SHARD_IDS=0, "
        "resp. 1), else as Discord recommends. It neither polls nor delivers: run `jobbot worker` for that. "
        "Metrics and health on --metrics-port (or JOBBOT_METRICS_PORT) when set.",
    )
    _add_metrics_port(p)
    p.set_defaults(func=cmd_gateway)

    p = sub.add_parser(
        "migrate",
        help="bring the database at DATABASE_URL up to date (store tables; on PostgreSQL also the job queue)",
        description="Applies the store's migrations and, when DATABASE_URL is PostgreSQL, installs the job "
        "queue `jobbot worker` uses (procrastinate's tables). Safe to run again and from several machines at "
        "once: what is there already is left alone. `jobbot run` migrates the store by itself at start-up.",
    )
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser(
        "worker",
        help="serve the PostgreSQL job queue: poll sources and deliver cards as jobs (needs jobbot migrate)",
        description="One of many processes sharing the work through PostgreSQL (DATABASE_URL must be "
        "postgresql+psycopg://…; run `jobbot migrate` first). Polls and deliveries are jobs: a source"
        " is never polled by two workers at once, and one workspace's cards go through one worker at "
        "a time. Cards are posted with SLACK_BOT_TOKEN / DISCORD_TOKEN as in `jobbot run`, but a "
        "worker answers no commands: it opens no Slack port and no Discord gateway connection. Every "
        "worker offers the periodic tick to the queue (the database lets one through per period) and "
        "a worker serving the tick queue runs it: it queues due sources and cards. A worker killed "
        "mid-job has its jobs retried by the others once its heartbeat is [workers] "
        "stalled_after_seconds old. Stops cleanly on SIGINT/SIGTERM.",
    )
    p.add_argument("--concurrency", type=int, default=10, help="jobs run at once in this process (10)")
    p.add_argument(
        "--queues",
        default=",".join(QUEUE_NAMES),
        help=f"comma-separated queues to serve (default: all, {','.join(QUEUE_NAMES)}); `tick` alone makes a "
        "scheduler that only queues work",
    )
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser(
        "fetch",
        help="fetch one source once and print its postings as JSON lines",
        description="TARGET is a board or feed URL (the kind is detected from well-known hosts: Greenhouse, "
        "Lever, Ashby, SmartRecruiters, Workable, Recruitee, Personio, Workday, TikTok, RemoteOK; use --kind "
        "for feeds, JSON-LD career pages and self-hosted mirrors) or a saved response file (with --kind). "
        "Output lines are `jobbot extract` input, so `jobbot fetch URL | jobbot match QUERY` works.",
    )
    p.add_argument("target", help="a URL, or the path of a saved response body")
    p.add_argument("--kind", help="the source kind (feed, jsonld, greenhouse, lever, ashby, …)")
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="allow loopback and private-network addresses (self-hosted feeds); link-local stays refused",
    )
    p.add_argument("--extract", action="store_true", help="add the extracted facets to each line")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser(
        "explain",
        help="show how a query is understood",
        description="Example: jobbot explain "
        "'Madrid, Barcelona + Spanish + intern'. Prints the reading in words, then notes on ambiguous terms "
        "and likely typos. Exits with status 2 and says why if it cannot be.",
    )
    p.add_argument("query")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the parsed form as one JSON object: query, understood, clauses (negated, terms: kind, "
        "value, label, text, also, suggestion), notes and did_you_mean (the query with typos corrected, or "
        "null); on an error, {query, error}",
    )
    p.add_argument(
        "--company",
        action="append",
        metavar="NAME",
        help="a company name to read as a company when it appears bare, as the bot does with the companies "
        "of stored postings (repeatable)",
    )
    p.add_argument(
        "--store",
        action="store_true",
        help="read company names from the open postings and sources of the store at DATABASE_URL, as /jobs "
        "does",
    )
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser(
        "demo",
        help="run the whole flow on bundled sample postings and print the cards (no tokens needed)",
        description="Creates a SQLite store (in a temporary folder unless --data-dir is given), subscribes "
        "four example destinations on Slack and the same four on Discord (#paris-jobs: Paris + French, "
        "#madrid-jobs: Madrid + Spanish, DM @giulia: Milan + Italian, DM @lena: remote + German), serves "
        "the bundled sample postings as a Greenhouse board and a JSON-LD page on 127.0.0.1, polls them "
        "through the real fetcher (the first poll announces nothing), and delivers every match through "
        "the real dispatcher to both platforms at once: the Slack notifier to a local fake Slack Web API "
        "and the Discord notifier (discord.py's HTTP client) to a local fake Discord. Prints each card, why "
        "it matched, and what each platform received (Discord's embeds read back from the fake). Nothing "
        "but 127.0.0.1 is contacted.",
    )
    p.add_argument("--data-dir", help="keep the demo database in this folder instead of a temporary one")
    p.add_argument(
        "--terminal",
        action="store_true",
        help="deliver to the terminal instead of the local fake Slack and Discord",
    )
    p.set_defaults(func=cmd_demo)

    _add_source_commands(sub)
    _add_discord_commands(sub)
    _add_slack_commands(sub)

    bench = sub.add_parser("bench", help="benchmarks (JSON out)").add_subparsers(
        dest="bench", required=True, metavar="BENCH"
    )
    if benches:
        _add_bench_commands(bench)
    return parser


def _add_bench_commands(bench: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from bot.bench import deliver as bench_deliver
    from bot.bench import extract as bench_extract
    from bot.bench import match as bench_match
    from bot.bench import poll as bench_poll
    from bot.bench import scale as bench_scale
    from bot.bench import scale_index as bench_index

    p = bench.add_parser(
        "match",
        help="per-posting match latency of the subscription index vs a linear scan",
        description="Synthetic subscriptions over realistic posting facets (fixed seed). Reports p50/p99 per "
        "posting at --subscriptions, p50 and peak RSS at --large, the speed-up over a linear scan with the "
        "same "
        "predicate code, and how many results differ between the two (must be 0).",
    )
    bench_match.add_arguments(p)
    p.set_defaults(func=cmd_bench_match)

    p = bench.add_parser(
        "deliver",
        help="cards through the real dispatcher and notifier to a local fake Slack or Discord, real limits",
        description="Queues --matches cards for --channels channels and --dms DMs, starts a fake Slack "
        "Web API (or, with --platform discord, a fake Discord) in a child process that enforces the "
        "platform's limits (Slack: about one message a second per channel; Discord: 5 messages per 5 s per "
        "channel and 50 requests a second per bot), and drains the outbox. Reports the achieved rate as a "
        "fraction of the limit that bound the run (target 0.9), lost and duplicated cards (0), the share of "
        "requests answered 429 (Slack) or counted invalid (Discord) (under 1%), and latency from match to "
        "post.",
    )
    bench_deliver.add_arguments(p)
    p.set_defaults(func=cmd_bench_deliver)

    p = bench.add_parser(
        "poll",
        help="one polling round of a local fleet of 1,000 sources, timed",
        description="Serves a synthetic fleet of job boards of mixed kinds (Greenhouse, Lever, Ashby, "
        "feeds, Workable, Recruitee, SmartRecruiters, Personio) on many loopback addresses (127.0.0.2, …), "
        "registers them in a temporary SQLite store, polls them once as a baseline, changes the fleet (most "
        "boards then answer 304, some list new postings, some are slow, a few fail), and times one full "
        "round as `jobbot poll --once` runs it. Reports speed, statuses, new postings, queued cards, peak "
        "RSS, whether every failure was reported correctly, and whether the target (1,000 sources in 60 s "
        "under 300 MB) was met.",
    )
    bench_poll.add_arguments(p)
    p.set_defaults(func=cmd_bench_poll)

    p = bench.add_parser(
        "index",
        help="a worker building its subscription index from PostgreSQL: time and RSS",
        description="Fills a temporary schema on --database-url (default DATABASE_URL) with --subscriptions "
        "synthetic subscriptions (COPY), builds the index in a fresh child process as a starting worker does,"
        " and reports the build time, the RSS before and after and the peak, and what reading the change log "
        "costs per posting when nothing changed. The schema is dropped afterwards.",
    )
    bench_index.add_arguments(p)
    p.set_defaults(func=cmd_bench_index)

    p = bench.add_parser(
        "scale",
        help="one polling round of 10,000 local sources through the worker queue, with 1, 2 and 4 workers; "
        "a worker's index built from 1,000,000 subscriptions in PostgreSQL",
        description="Needs PostgreSQL (DATABASE_URL or --database-url; each run gets a schema of its own, "
        "dropped after). Serves a fleet of job boards on many loopback addresses, starts N `jobbot worker` "
        "processes, registers every source at once and times until each was polled once through the queue; "
        "the fleet counts every fetch, so the report gives boards lost (never fetched), postings listed but "
        "not stored, duplicate fetches, fetches of one board that overlapped and failed polls, per worker "
        "count, with the speed-up over the first count and the CPU seconds of the workers, PostgreSQL (when "
        "it runs on this machine) and the bench. Then COPYs --subscriptions into PostgreSQL and times a "
        "fresh process building its index from them (seconds, peak RSS). "
        "--quick: 200 sources of one posting each and 20,000 subscriptions, with 1, 2 and 4 workers.",
    )
    bench_scale.add_arguments(p)
    p.set_defaults(func=cmd_bench_scale)

    p = bench.add_parser(
        "extract",
        help="extraction speed per source family: postings per CPU second on one core",
        description="Reads postings (--input; the bundled demo samples by default), groups them by source "
        "family (the kind before ':' in their source, or the kind of the saved response they came from) and "
        "times extraction of each family in this one process in CPU time (time.process_time), after loading "
        "the gazetteer (reported apart, as cold): in order, and again with every line new to the extractor "
        "(it remembers lines, which postings of one employer repeat). Also reports postings with long texts "
        "(--long-chars) as their own group, and whether every group reaches the target (1,000 postings a CPU "
        "second).",
    )
    bench_extract.add_arguments(p)
    p.set_defaults(func=cmd_bench_extract)


def _add_host(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=os.environ.get("JOBBOT_HTTP_HOST") or "127.0.0.1",
        help="the address to listen on (default 127.0.0.1, or JOBBOT_HTTP_HOST: for a reverse proxy with "
        "TLS on this machine; 0.0.0.0 where the platform routes traffic to the process, as in the Procfile)",
    )


def _add_metrics_port(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--metrics-port",
        type=int,
        metavar="PORT",
        help="also serve /metrics, /healthz and /readyz alone on this port (default: JOBBOT_METRICS_PORT, "
        "else off), on 127.0.0.1 unless JOBBOT_METRICS_HOST says otherwise",
    )


def _add_source_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`jobbot sources add|list|remove|test` and `jobbot poll --once`."""
    private_help = (
        "allow loopback and private-network addresses (self-hosted sources); link-local stays refused"
    )
    sources = sub.add_parser(
        "sources",
        help="add, list, remove or test the sources jobbot polls",
        description="Sources live in the store at DATABASE_URL (default: jobbot.sqlite3 in JOBBOT_DATA_DIR).",
    ).add_subparsers(dest="sources", required=True, metavar="ACTION")

    p = sources.add_parser(
        "add",
        help="register a source from its URL",
        description="The kind is detected from well-known hosts (Greenhouse, Lever, Ashby, "
        "SmartRecruiters, Workable, Recruitee, Personio, Workday, TikTok, RemoteOK); use --kind for feeds, "
        "JSON-LD career pages and self-hosted mirrors. The URL passes the same address checks as every "
        "fetch. It is fetched once before it is saved: one that does not work is not added (exit status 1) "
        "unless --no-check. A source already registered (same id, or same kind and URL) is refused with exit "
        "status 2.",
    )
    p.add_argument("url", help="the board, feed or careers-page URL")
    p.add_argument(
        "--no-check", action="store_true", help="save it without fetching it first (offline set-up)"
    )
    p.add_argument("--kind", help="the source kind (feed, jsonld, greenhouse, lever, ashby, …)")
    p.add_argument("--name", help="a display name for the source")
    p.add_argument("--company", help="the company, for sources whose postings do not name it (feeds, pages)")
    p.add_argument("--allow-private", action="store_true", help=private_help)
    p.set_defaults(func=cmd_sources_add)

    p = sources.add_parser(
        "list",
        help="list the sources and their health",
        description="Health: new (never polled), ok, failing, or unhealthy (failed 5 times in a row). Shows "
        "consecutive failures, the last successful poll, the last error and, for a source held back by "
        "backoff, when it may be polled again.",
    )
    p.add_argument("--json", action="store_true", help="one JSON object a line instead of text")
    p.set_defaults(func=cmd_sources_list)

    p = sources.add_parser("remove", help="stop polling a source (its stored postings stay)")
    p.add_argument("source_id", metavar="ID", help="the source id, as `jobbot sources list` shows it")
    p.set_defaults(func=cmd_sources_remove)

    p = sources.add_parser(
        "test",
        help="fetch a source once and say what it lists (nothing is stored)",
        description="TARGET is a registered source id or a URL. Reads at most 2 pages. Exits 0 when the "
        "source works, 1 when it cannot be fetched or read (the error says why), 2 for an unknown id or a "
        "refused URL.",
    )
    p.add_argument("target", help="a source id or a URL")
    p.add_argument("--kind", help="the source kind, for a URL on a host that does not show it")
    p.add_argument("--allow-private", action="store_true", help=private_help)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=cmd_sources_test)

    p = sub.add_parser(
        "poll",
        help="poll the registered sources once and print what each poll did",
        description="Polls every registered source (or each --source) once, up to --concurrency at a time, "
        "through the safe fetcher, storing postings, queueing cards for new ones and edits of cards already "
        "posted for updated or closed ones (`jobbot run` delivers both). A source held back by "
        "backoff after failures is reported as deferred unless --force. Prints one JSON line per source "
        "(status, counts of new/updated/closed postings, queued cards and edits, error) and a summary on "
        "stderr. "
        "Exits 0 even when sources fail (they are reported); 2 for usage errors such as an unknown id.",
    )
    p.add_argument("--once", action="store_true", help="poll once and exit (required)")
    p.add_argument("--source", action="append", metavar="ID", help="poll only this source (repeatable)")
    p.add_argument("--force", action="store_true", help="also poll sources held back by backoff")
    p.add_argument("--concurrency", type=int, default=50, help="sources polled at a time (50)")
    p.add_argument("--allow-private", action="store_true", help=private_help)
    p.set_defaults(func=cmd_poll)


def cmd_discord_sync(args: argparse.Namespace) -> int:
    """Register /jobs and /jobs-sources with Discord."""
    import asyncio

    from bot.app import ConfigurationError
    from bot.settings import SettingsError, load_settings
    from handlers.discord_attach import sync_commands

    try:
        settings = load_settings()
        names = asyncio.run(sync_commands(settings, args.guild))
    except (SettingsError, ConfigurationError) as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    where = (
        f"on server {args.guild} (usable now)"
        if args.guild
        else "everywhere (Discord may take up to an hour)"
    )
    print(f"registered {', '.join('/' + n for n in names)} {where}")
    return 0


def cmd_discord_invite(args: argparse.Namespace) -> int:
    """Print the link that adds the bot to a server."""
    from bot.settings import SettingsError, load_settings
    from handlers.discord_app import application_id_of, invite_url

    app_id = args.application_id
    if app_id is None:
        try:
            token = load_settings().discord_token
        except SettingsError as exc:
            _fail(exc)
            return EXIT_BAD_INPUT
        app_id = application_id_of(token) if token else None
    if app_id is None:
        print(
            "jobbot: give --application-id (Developer Portal → General Information) or set DISCORD_TOKEN",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(invite_url(app_id))
    return 0


def cmd_slack_reencrypt(args: argparse.Namespace) -> int:
    """Re-encrypt the stored Slack tokens with the first key of JOBBOT_TOKEN_KEY."""
    from bot.app import ConfigurationError
    from bot.settings import SettingsError, load_settings
    from handlers.slack_attach import reencrypt_tokens

    try:
        changed = reencrypt_tokens(load_settings())
    except (SettingsError, ConfigurationError) as exc:
        _fail(exc)
        return EXIT_BAD_INPUT
    print(f"re-encrypted {changed} stored installation row(s) with the first key of JOBBOT_TOKEN_KEY")
    return 0


def _add_slack_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`jobbot slack reencrypt`."""
    slack = sub.add_parser("slack", help="Slack set-up").add_subparsers(
        dest="slack", required=True, metavar="ACTION"
    )
    p = slack.add_parser(
        "reencrypt",
        help="re-encrypt stored Slack tokens with the newest JOBBOT_TOKEN_KEY",
        description="Key rotation for Add to Slack: set JOBBOT_TOKEN_KEY to 'NEW,OLD' (the new key first; "
        "both decrypt), restart jobbot, run this, then set JOBBOT_TOKEN_KEY to NEW alone.",
    )
    p.set_defaults(func=cmd_slack_reencrypt)


def _add_discord_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`jobbot discord sync`."""
    discord = sub.add_parser("discord", help="Discord set-up").add_subparsers(
        dest="discord", required=True, metavar="ACTION"
    )
    p = discord.add_parser(
        "sync",
        help="register the /jobs commands with Discord",
        description="Registers /jobs and /jobs-sources for the application DISCORD_TOKEN belongs to. With "
        "--guild they are registered on that one server and usable at once (and the global ones removed), "
        "handy while trying jobbot; without, on every server the bot is in. Run it again after upgrading.",
    )
    p.add_argument("--guild", type=int, metavar="ID", help="register on this server only (its id)")
    p.set_defaults(func=cmd_discord_sync)
    p = discord.add_parser(
        "invite",
        help="print the link that adds the bot to a server",
        description="The OAuth2 link with the scopes `bot applications.commands` and exactly the permissions "
        "jobbot needs (View Channels, Send Messages, Send Messages in Threads, Embed Links, Read Message "
        "History). The application id is read from DISCORD_TOKEN unless given.",
    )
    p.add_argument("--application-id", type=int, metavar="ID", help="the application's id")
    p.set_defaults(func=cmd_discord_invite)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jobbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def overview(parser: argparse.ArgumentParser) -> str:
    """What ``jobbot`` alone prints: the version, where to start, and every command a line (demo first)."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    rows = sorted(commands._choices_actions, key=lambda action: action.dest != "demo")
    width = max(len(action.dest) for action in rows) + 2
    lines = [
        f"jobbot {_version()}: turn job-posting sources into the right alerts for the right people.",
        "",
        "Start here: `jobbot demo` runs the whole flow on local samples (no tokens, no server).",
        "",
        "Commands:",
        *(f"  {action.dest:<{width}}{action.help}" for action in rows),
        "",
        "`jobbot COMMAND --help` says more about each.",
    ]
    return "\n".join(lines)


_EXPLAIN_FLAGS = frozenset({"--json", "--store", "-h", "--help"})


def _negated_query(words: list[str]) -> list[str]:
    """``explain``'s words with a query starting with a dash ("-senior") put after "--", options first.

    A query excluding something is typed so in chat; on the command line it is no option.
    """
    if not words or words[0] != "explain" or "--" in words:
        return words
    options: list[str] = []
    query: list[str] = []
    rest = iter(words[1:])
    for word in rest:
        if word in _EXPLAIN_FLAGS or word.startswith("--company="):
            options.append(word)
        elif word == "--company":
            options += [word, next(rest, "")]
        else:
            query.append(word)
    if not any(word.startswith("-") for word in query):
        return words
    return ["explain", *options, "--", *query]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    from bot.logs import guard_stderr

    guard_stderr()  # an uncaught error's traceback is redacted like a log line
    words = sys.argv[1:] if argv is None else list(argv)
    # A benchmark's options only where they can be asked for: `jobbot bench …`, help, the overview.
    parser = build_parser(benches=not words or any(w in ("bench", "-h", "--help") for w in words))
    args = parser.parse_args(_negated_query(words))
    if args.command is None:
        print(overview(parser))
        return 0
    try:
        return int(args.func(args))
    except PostingInputError as exc:
        print(f"jobbot: bad posting input: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
