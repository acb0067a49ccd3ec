"""``jobbot bench extract``: extraction speed per source family, in CPU time on one core.

Reads postings from files or folders (``--input``, repeatable; the bundled demo samples by default),
groups them by source family (``ashby`` for a posting from ``ashby:acme``), and times ``extract`` on each
family in this one process with ``time.process_time``: in order (the extractor remembers lines it has
read, as a worker does, from the start of each pass) and again with every line new to it. The gazetteer
and the other lazily built tables are loaded first and their cost is reported on its own (``cold``), so
the per-family figures are what a running worker sees. A family whose postings take less than
``--min-seconds`` of CPU is extracted again until they have (``passes`` says how many times).

Input it reads:
- ``*.jsonl`` / ``*.jsonl.gz``: postings as ``jobbot extract`` reads them. Records in the shape of the
  captured dev postings (``location_raw``, ``board``) are read too. A file whose first record has neither
  ``title`` nor ``text`` is not postings (labels, say) and is listed under ``skipped_files``.
- ``*.json``: a saved source response, parsed by the adapter of the kind its folder (or file) is named
  after: ``shapes/greenhouse/adyen.json`` is Greenhouse, ``simplifyjobs/listings.json`` Simplify.
- ``*.txt``: one posting's plain text (a career page as it reads), family ``text``; an upper-case name
  (``README.txt``, ``PROVENANCE.txt``) is a note and is passed over.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.extract import extract
from bot.extract.keyscan import clear_caches
from bot.models import Posting
from bot.postings_io import PostingInputError, posting_from_dict
from bot.sources.base import KINDS
from bot.sources.sanitize import clean_value

TARGET_PER_SECOND = 1000.0
DEFAULT_INPUT = Path(__file__).resolve().parent.parent / "demo" / "samples.jsonl"
LONG_CHARS = 8000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench extract`` subcommand)."""
    parser.add_argument(
        "--input",
        action="append",
        metavar="FILE|DIR",
        help="postings to time (repeatable): JSON lines (.jsonl, .jsonl.gz), saved source responses (.json, "
        "in a folder named after the source kind) or plain-text postings (.txt); a folder is read "
        "recursively. Default: the bundled demo samples",
    )
    parser.add_argument(
        "--min-seconds",
        type=float,
        default=1.0,
        help="extract a family's postings again until they took this much CPU (default 1.0)",
    )
    parser.add_argument(
        "--long-chars",
        type=int,
        default=LONG_CHARS,
        help=f"a posting whose text has at least this many characters also counts under 'long' (default "
        f"{LONG_CHARS})",
    )


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark with options parsed by :func:`add_arguments`."""
    paths = [Path(p) for p in args.input] if args.input else [DEFAULT_INPUT]
    return run_extract_bench(paths, min_seconds=args.min_seconds, long_chars=args.long_chars)


class BenchInputError(ValueError):
    """An input the benchmark cannot read; the message names the file and why."""


@dataclass
class Corpus:
    """The postings read, by family, and the files passed over (with why)."""

    families: dict[str, list[Posting]]
    skipped_files: dict[str, str]


def run_extract_bench(
    paths: Iterable[Path], *, min_seconds: float = 1.0, long_chars: int = LONG_CHARS
) -> dict:
    """Time extraction per source family of the postings under ``paths`` and return the JSON report."""
    cold = _warm_up()  # first: reading saved responses through their adapters would load the gazetteer
    corpus = read_corpus(paths)
    if not any(corpus.families.values()):
        raise BenchInputError("no postings found in the input")
    families: dict[str, Any] = {}
    for family in sorted(corpus.families):
        families[family] = _time_family(corpus.families[family], min_seconds)
    long = [p for postings in corpus.families.values() for p in postings if len(p.text) >= long_chars]
    report: dict[str, Any] = {
        "clock": "process_time (CPU of this one process)",
        "target_per_second": TARGET_PER_SECOND,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "cold": cold,
        "families": families,
        "long": {"min_chars": long_chars, **(_time_family(long, min_seconds) if long else {"postings": 0})},
        "skipped_files": corpus.skipped_files,
    }
    groups = [*families.values(), *([report["long"]] if long else [])]
    report["slowest_per_second"] = min(g["postings_per_second"] for g in groups)
    report["slowest_per_second_new_lines"] = min(g["postings_per_second_new_lines"] for g in groups)
    report["meets_target"] = report["slowest_per_second"] >= TARGET_PER_SECOND
    return report


def _warm_up() -> dict[str, float]:
    """Load the gazetteer with its lookup tables, the language names, then extract a posting; CPU of each."""
    from bot.extract.language_names import language_code
    from bot.geo.index import load_index
    from bot.geo.places import build_typo_tables, name_prefixes

    start = time.process_time()
    load_index()
    name_prefixes()  # the table of name beginnings that place mentions are looked up through
    build_typo_tables()  # the names misspelt countries and cities are read against
    loaded = time.process_time()
    language_code("English")  # the full name table, built on the first compound ("Deutschkenntnisse")
    names = time.process_time()
    with DEFAULT_INPUT.open(encoding="utf-8") as handle:
        first = posting_from_dict(json.loads(handle.readline()))
    extract(first)
    done = time.process_time()
    return {
        "gazetteer_cpu_s": round(loaded - start, 3),
        "language_names_cpu_s": round(names - loaded, 3),
        "first_posting_cpu_s": round(done - names, 3),
    }


def _time_family(postings: list[Posting], min_seconds: float) -> dict[str, Any]:
    """Postings per CPU second two ways: in order, and with every line new to the extractor.

    In order, the extractor's memory of lines (``clear_caches``) is emptied before each pass, so it holds
    only what earlier postings of this pass taught it, as a worker reading these boards would have. Then
    again with that memory emptied before every posting: the cost of text never seen before.
    """
    wall_start = time.perf_counter()
    passes, cpu = _passes(postings, min_seconds, fresh=False)
    wall = time.perf_counter() - wall_start
    fresh_passes, fresh_cpu = _passes(postings, min_seconds, fresh=True)
    chars = sorted(len(p.text) for p in postings)
    return {
        "postings": len(postings),
        "passes": passes,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "postings_per_second": round(len(postings) * passes / cpu, 1) if cpu else None,
        "postings_per_second_new_lines": (
            round(len(postings) * fresh_passes / fresh_cpu, 1) if fresh_cpu else None
        ),
        "text_chars": {
            "mean": round(sum(chars) / len(chars)),
            "median": chars[len(chars) // 2],
            "max": chars[-1],
        },
    }


def _passes(postings: list[Posting], min_seconds: float, *, fresh: bool) -> tuple[int, float]:
    passes = 0
    cpu = 0.0
    while passes == 0 or cpu < min_seconds:
        clear_caches()
        if fresh:
            for posting in postings:
                clear_caches()
                start = time.process_time()
                extract(posting)
                cpu += time.process_time() - start
        else:
            start = time.process_time()
            for posting in postings:
                extract(posting)
            cpu += time.process_time() - start
        passes += 1
    return passes, cpu


def read_corpus(paths: Iterable[Path]) -> Corpus:
    """Every posting under ``paths`` grouped by family; files that hold no postings are noted, not read."""
    corpus = Corpus({}, {})
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            raise BenchInputError(f"cannot read {path}: no such file or folder")
        for file in files:
            try:
                postings = list(_read_file(file))
            except _NotPostings as why:
                corpus.skipped_files[str(file)] = str(why)
                continue
            for family, posting in postings:
                corpus.families.setdefault(family, []).append(posting)
    return corpus


class _NotPostings(Exception):
    """A file the benchmark passes over (its message says why)."""


def _read_file(path: Path) -> Iterator[tuple[str, Posting]]:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        yield from _read_jsonl(path)
    elif name.endswith(".json"):
        kind = _kind_of(path)
        from bot.sources.oneshot import parse_file

        for posting in parse_file(path, kind).postings:
            yield kind, posting
    elif name.endswith(".txt"):
        if path.stem.isupper():
            raise _NotPostings("an upper-case .txt name (README, PROVENANCE) is a note, not a posting")
        text = path.read_text(encoding="utf-8")
        yield "text", Posting(id=path.stem, title="", company="", url="", source="text", text=text)
    else:
        raise _NotPostings("not .jsonl, .jsonl.gz, .json or .txt")


def _kind_of(path: Path) -> str:
    for name in (path.parent.name.lower(), path.stem.lower()):
        for kind in sorted(KINDS, key=len, reverse=True):
            if name.startswith(kind):
                return kind
    raise _NotPostings("a saved response, but neither its folder nor its name starts with a source kind")


def _read_jsonl(path: Path) -> Iterator[tuple[str, Posting]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = clean_value(json.loads(line))
            except json.JSONDecodeError as exc:
                raise BenchInputError(f"{path}, line {number}: {exc}") from None
            if not isinstance(record, dict):
                raise BenchInputError(f"{path}, line {number}: a posting must be a JSON object")
            if number == 1 and not (record.get("title") or record.get("text")):
                raise _NotPostings("its first record has neither title nor text")
            if "location" not in record and "location_raw" in record:  # the captured dev postings' shape
                record = {**record, "location": record["location_raw"], "company": record.get("board", "")}
            try:
                posting = posting_from_dict(record)
            except PostingInputError as exc:
                raise BenchInputError(f"{path}, line {number}: {exc}") from None
            yield (posting.source.split(":", 1)[0] or "unknown"), posting
