"""Platform adapters (Slack, Discord): thin layers over the neutral engine in ``bot``."""
