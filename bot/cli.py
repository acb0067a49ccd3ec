"""The ``jobbot`` command: demo, extract, match, explain, bench."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from bot.bench import match as bench_match
from bot.extract import extract_posting
from bot.matching import match_query
from bot.models import to_jsonable
from bot.postings_io import PostingInputError, facets_to_dict, posting_to_dict, read_postings
from bot.query import QueryError, explain, parse

EXIT_BAD_INPUT = 2


@contextmanager
def _open_input(name: str) -> Iterator[IO[str]]:
    if name == "-":
        yield sys.stdin
        return
    try:
        with Path(name).open(encoding="utf-8") as handle:
            yield handle
    except OSError as exc:
        raise PostingInputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _write(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    """Postings JSONL in, one JSON object of facets a line out."""
    with _open_input(args.file) as stream:
        for posting in read_postings(stream):
            done = extract_posting(posting)
            assert done.facets is not None
            _write(facets_to_dict(done.id, done.facets))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    """The postings that match QUERY, with why."""
    try:
        query = parse(args.query)
    except QueryError as exc:
        print(f"jobbot: cannot use query {args.query!r}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"query understood as: {explain(query)}", file=sys.stderr)
    with _open_input(args.file) as stream:
        for posting in read_postings(stream):
            reasons = match_query(query, extract_posting(posting))
            if reasons is not None:
                _write({"id": posting.id, "title": posting.title, "why": to_jsonable(reasons)})
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch one source once and print its normalized postings as JSON lines."""
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
        print(f"jobbot: cannot fetch {target}: {exc}", file=sys.stderr)
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


def cmd_explain(args: argparse.Namespace) -> int:
    """How QUERY is understood, or why it cannot be."""
    try:
        query = parse(args.query)
    except QueryError as exc:
        print(f"jobbot: cannot use query {args.query!r}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(explain(query))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole flow on the embedded default, printed to the terminal."""
    from bot.demo.runner import run_demo  # the store and Alembic load only for the commands that use them

    if args.data_dir:
        run_demo(Path(args.data_dir), sys.stdout)
        return 0
    with tempfile.TemporaryDirectory(prefix="jobbot-demo-") as data_dir:
        run_demo(Path(data_dir), sys.stdout)
    return 0


def cmd_bench_match(args: argparse.Namespace) -> int:
    """The subscription-index benchmark, JSON out."""
    _write(bench_match.run_from_args(args))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand's help."""
    parser = argparse.ArgumentParser(
        prog="jobbot",
        description="Turn job-posting sources into the right alerts for the right people.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
        description="Example: jobbot match 'Paris + French' postings.jsonl. A query that cannot be "
        "understood "
        "exits with status 2 and says why.",
    )
    p.add_argument("query", help="a query such as 'Paris + French' or 'country:FR lang:fr -sales'")
    p.add_argument(
        "file", nargs="?", default="-", help="postings JSONL file, or - for standard input (default)"
    )
    p.set_defaults(func=cmd_match)

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
        "'Madrid, Barcelona + Spanish + intern'. Exits with status 2 and says why if it cannot be.",
    )
    p.add_argument("query")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser(
        "demo",
        help="run the whole flow on bundled sample postings and print the cards (no tokens needed)",
        description="Creates a SQLite store (in a temporary folder unless --data-dir is given), loads the "
        "bundled sample postings, subscribes four example destinations (Paris + French, Madrid + Spanish, "
        "Milan + Italian, remote + German) and prints the cards each would receive, with why.",
    )
    p.add_argument("--data-dir", help="keep the demo database in this folder instead of a temporary one")
    p.set_defaults(func=cmd_demo)

    bench = sub.add_parser("bench", help="benchmarks (JSON out)").add_subparsers(
        dest="bench", required=True, metavar="BENCH"
    )
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except PostingInputError as exc:
        print(f"jobbot: bad posting input: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
