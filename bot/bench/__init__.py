"""Benchmarks behind ``jobbot bench …``: each prints JSON and is sized by its arguments."""
