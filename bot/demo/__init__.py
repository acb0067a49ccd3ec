"""Invented sample postings (``samples.jsonl``, in the CLI input shape) for ``jobbot demo`` and tests."""
