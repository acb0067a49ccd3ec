"""Process A of the two-process index tests: a matcher built at start, answering ``match`` lines on stdin.

``python -m tests.bot.index_worker URL follow|refresh``: ``follow`` keeps the index current in the
background (NOTIFY; the timer fallback is set far beyond the test's limit, so only NOTIFY can pass it) and
matches without reading the log; ``refresh`` reads the log before each match, as ingest does.
"""

from __future__ import annotations

import json
import sys

from bot.extract import extract_posting
from bot.ingest import Matcher
from bot.store.engine import create_engine_for
from tests.bot.test_ingest import BERLIN, PARIS


def main(url: str, mode: str) -> None:
    engine = create_engine_for(url)
    matcher = Matcher.from_store(engine)
    follower = matcher.follow(engine, every=600.0) if mode == "follow" else None
    postings = {"paris": extract_posting(PARIS), "berlin": extract_posting(BERLIN)}
    print(json.dumps({"ready": len(matcher.index)}), flush=True)
    for line in sys.stdin:
        if line.strip() != "match":
            break
        if follower is None:
            matcher.refresh(engine)
        with matcher.lock:
            found = {name: sorted(sid for sid, _ in matcher.index.match(p)) for name, p in postings.items()}
        print(json.dumps(found), flush=True)
    if follower is not None:
        follower.stop()
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
