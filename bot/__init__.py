"""jobbot's platform-neutral engine: postings, extraction, queries, matching, storage and delivery."""

__version__ = "0.1.0"
