"""The ``jobbot`` command: extract, match, bench, demo."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from bot.extract import extract_posting
from bot.matching import match_query
from bot.models import to_jsonable
from bot.postings_io import PostingInputError, facets_to_dict, read_postings
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
    p.add_argument("file", nargs="?", default="-", help="postings JSONL file, or - for standard input (default)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "match",
        help="print the postings that match a query, and why",
        description="Example: jobbot match 'Paris + French' postings.jsonl. A query that cannot be understood "
        "exits with status 2 and says why.",
    )
    p.add_argument("query", help="a query such as 'Paris + French' or 'country:FR lang:fr -sales'")
    p.add_argument("file", nargs="?", default="-", help="postings JSONL file, or - for standard input (default)")
    p.set_defaults(func=cmd_match)
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
