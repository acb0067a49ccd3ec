"""Scale-out: polling and delivery as jobs on a PostgreSQL queue (procrastinate), served by many workers.

``queue`` builds the procrastinate App on the store's database and installs its schema (``jobbot
migrate``); ``tasks`` holds the jobs and their locks (tick, poll, deliver, retry_stalled, cleanup);
``deliver`` runs the existing dispatcher over one delivery group; ``limiter`` shares Discord's bot-wide
budget between processes; ``runner`` is ``jobbot worker``. Platform code enters only through the
composition root (``bot.app.create_worker_bot``).
"""
