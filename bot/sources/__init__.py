"""Job sources: one module per source kind, plus the one safe HTTP fetcher they all use (``fetch``)."""
