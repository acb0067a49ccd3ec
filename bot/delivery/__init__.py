"""Delivery: the outbox dispatcher, rate limits, retries and digests, over the ``Notifier`` port."""
