"""The composition root: settings → store → matcher → command service → poller and scheduler → dispatcher.

Everything else is a part with one job; this module is where the real ones are put together for a running
bot. Platform adapters (``handlers``) are imported here and in the CLI only, and only when configured:
each platform has an ``attach`` beside its adapter (``handlers.slack_attach``, ``handlers.discord_attach``).

One bot, three roles (``Role``): ``run`` does everything in one process (poll, match, deliver, answer);
``web`` only answers Slack over HTTP and ``gateway`` only answers Discord over its gateway: they build the
same command service on the same store, but neither polls nor delivers (workers do, in scale-out), and
neither builds the subscription index, which only matching needs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy.engine import Engine

from bot import metrics
from bot.commands import CommandService
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.delivery.membership import MembershipLookup
from bot.delivery.notifier import DeliveryError, Notifier
from bot.delivery.outbox import Outbox
from bot.health import Readiness
from bot.ingest import Matcher
from bot.models import Destination
from bot.ops_http import LOOPBACK, Ops, run_ops_server
from bot.poll_store import SqlPollStore
from bot.scheduler import SourceScheduler
from bot.settings import Settings
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollPolicy, PollResult, inline, poll_source
from bot.store import stats
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.sources import list_sources
from bot.store.subscription_changes import listens, prune_changes
from bot.store.subscriptions import pause_workspace
from bot.views import notices

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Role = Literal["run", "web", "gateway"]
SOURCE_SYNC_EVERY = timedelta(minutes=1)
SUBSCRIPTION_LOG_PRUNE_EVERY = timedelta(hours=1)
DEFAULT_HTTP_PORT = 3000  # how soon a source added with /jobs sources add starts polling


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class JobBot:
    """A running jobbot: the parts that poll, match and deliver, and how they tell people what went wrong.

    What owners are told (a destination paused, a source failing or working again) is worded here, through
    ``bot.views.notices``, and queued by the store with the change that causes it; the dispatcher sends it
    like a card (``bot.delivery.notices``), so a crash between the change and the send loses nothing.
    """

    settings: Settings
    engine: Engine
    matcher: Matcher
    service: CommandService
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    memberships: dict[str, MembershipLookup] = field(
        default_factory=dict
    )  # "is U in channel C", per platform
    clock: Clock = _utcnow
    role: Role = "run"
    ops: Ops = field(init=False)  # what /metrics, /healthz and /readyz answer from
    dispatcher: Dispatcher = field(init=False)
    scheduler: SourceScheduler = field(init=False)
    _fetcher: Fetcher | None = field(init=False, default=None)
    _poll_store: SqlPollStore = field(init=False)

    def __post_init__(self) -> None:
        """Build the dispatcher, the scheduler and the metrics over the shared store and matcher."""
        self._poll_store = SqlPollStore(self.engine, self.matcher)
        self.dispatcher = self.make_dispatcher(StoreOutbox(self.engine))
        self.scheduler = SourceScheduler(
            self.poll, interval=timedelta(minutes=self.settings.poll.interval_minutes), clock=self.clock
        )
        # The scale-out roles run beside procrastinate workers: on PostgreSQL they need its queue.
        self.ops = ops_for(self.engine, task_queue=not self.works)
        if self.works:
            self.ops.probes.add("scheduler", self._scheduled_sources)

    def _scheduled_sources(self) -> list[metrics.Reading]:
        """How many sources this process's scheduler polls: all of them in `run`, no such gauge elsewhere."""
        count = len(self.scheduler.source_ids())
        help_ = "Sources this process polls on its own schedule (jobbot run)."
        return [metrics.Reading("jobbot_scheduled_sources", help_, samples=[((), count)])]

    def make_dispatcher(self, outbox: Outbox, limits: DeliveryLimits | None = None) -> Dispatcher:
        """A dispatcher over ``outbox`` with this bot's notifiers, clock and owner notices' words.

        The bot's own serves the whole outbox; a worker's deliver job builds one over a single delivery
        group's outbox (``bot.workers``).
        """
        return Dispatcher(
            outbox,
            self.notifiers,
            limits=limits or DeliveryLimits.from_settings(self.settings.delivery),
            clock=self.clock,
            paused_notice=destination_paused_notice,
            membership=self.memberships,
        )

    @classmethod
    def create(
        cls,
        settings: Settings,
        notifiers: Mapping[str, Notifier] | None = None,
        *,
        role: Role = "run",
        engine_options: Mapping[str, object] | None = None,
    ) -> JobBot:
        """A bot on the store ``settings`` name (migrated to the newest schema), in ``role``.

        ``web`` and ``gateway`` start with an empty subscription index: they never match a posting, and
        the index of a million subscriptions costs gigabytes and minutes to build. ``engine_options`` go to
        SQLAlchemy's ``create_engine`` (a worker sizes its connection pool).
        """
        engine = open_store(settings.database_url, **(engine_options or {}))
        matcher = Matcher.from_store(engine) if role == "run" else Matcher.from_subscriptions(())
        service = CommandService(engine, matcher, settings=settings)
        return cls(settings, engine, matcher, service, dict(notifiers or {}), role=role)

    @property
    def works(self) -> bool:
        """Whether this process polls and delivers (``run``), or only answers commands."""
        return self.role == "run"

    @asynccontextmanager
    async def fetching(self) -> AsyncIterator[None]:
        """Open the one fetcher every poll shares (its session, its per-host limits) for the block."""
        async with Fetcher(FetchPolicy.from_settings(self.settings.fetch)) as fetcher:
            self._fetcher = fetcher
            try:
                yield
            finally:
                self._fetcher = None

    async def poll(self, source_id: str) -> PollResult:
        """Poll one source now: what the scheduler runs; new cards and card edits wake the dispatcher."""
        if self._fetcher is None:
            raise RuntimeError("JobBot.poll needs the fetcher: call it inside `async with bot.fetching()`")
        # On a database server, the store's round trips wait in a thread while other polls fetch; SQLite
        # (one writer, in this process) gains nothing from threads.
        offload = asyncio.to_thread if self.engine.dialect.name == "postgresql" else inline
        result = await poll_source(
            source_id, store=self._poll_store, fetcher=self._fetcher, now=self.clock(), offload=offload
        )
        logger.info(
            "polled",
            extra={
                "source": source_id,
                "status": result.status,
                "new": len(result.new),
                "queued": result.queued,
                "edits": result.edits,
            },
        )
        # A source's health notice was queued with the poll's result (``SqlPollStore``): it goes out now too.
        if result.queued or result.edits or result.became_unhealthy or result.recovered:
            self.dispatcher.wake()
        return result

    def sync_sources(self) -> None:
        """Schedule every registered source and drop the jobs of removed ones."""
        registered = {record.id for record in list_sources(self.engine)}
        scheduled = set(self.scheduler.source_ids())
        for source_id in registered - scheduled:
            self.scheduler.add(source_id)
        for source_id in scheduled - registered:
            self.scheduler.remove(source_id)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll on schedule and deliver until ``stop`` is set."""
        if not self.notifiers:
            logger.warning(
                "no platform is configured: cards are queued but not sent (set a platform's token)"
            )
        # With PostgreSQL, other processes change subscriptions too: follow their NOTIFYs, so the index is
        # current between polls as well (every ingest reads the change log anyway; see Matcher).
        follower = self.matcher.follow(self.engine) if listens(self.engine) else None
        async with self.fetching():
            self.sync_sources()
            self.scheduler.start()
            sync = asyncio.create_task(self._keep_sources_in_sync(stop))
            prune = asyncio.create_task(self._prune_subscription_log(stop))
            try:
                await self.dispatcher.run(stop)
            finally:
                sync.cancel()
                prune.cancel()
                self.scheduler.shutdown()
                if follower is not None:
                    await asyncio.to_thread(follower.stop)

    def workspace_removed(self, platform: str, workspace: str, reason: str) -> list[int]:
        """The bot was removed from a workspace: pause, unmatch and stop delivering its subscriptions.

        Their queued cards are given up, so that nothing keeps trying to post there; returns their ids.
        Nobody can be told in the workspace itself (the bot has no token there any more): the reason shows
        in `/jobs list` once the app is installed again, and `/jobs resume` starts them.
        """
        paused = pause_workspace(self.engine, platform, workspace, reason)
        self.matcher.refresh(self.engine)  # the pauses are in the change log; every process follows it
        outbox = StoreOutbox(self.engine)
        given_up = sum(outbox.fail_queued(key, error=reason) for key in {s.destination.key for s in paused})
        logger.warning(
            "workspace removed",
            extra={"platform": platform, "workspace": workspace, "paused": len(paused), "given_up": given_up},
        )
        return [sub.id for sub in paused]

    async def _keep_sources_in_sync(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(SOURCE_SYNC_EVERY.total_seconds())
            try:
                self.sync_sources()
            except Exception:  # the store may be briefly unavailable; the next round retries
                logger.exception("source sync failed")

    async def _prune_subscription_log(self, stop: asyncio.Event) -> None:
        """Drop change-log rows every index has long read (an index left behind rebuilds; see the store)."""
        while not stop.is_set():
            try:
                await asyncio.to_thread(prune_changes, self.engine)
            except Exception:  # the store may be briefly unavailable; the next round retries
                logger.exception("subscription log pruning failed")
            await asyncio.sleep(SUBSCRIPTION_LOG_PRUNE_EVERY.total_seconds())


def destination_paused_notice(destination: Destination, error: DeliveryError) -> str:
    """What the owners of a destination that cannot receive are told (queued with its pause)."""
    return notices.destination_paused(destination, error.code or str(error))


class ConfigurationError(ValueError):
    """The environment asks for something that cannot work; the message says what to set."""


Serve = Callable[[asyncio.Event], Awaitable[None]]
_NEEDS: dict[Role, str] = {  # what a role without its platform's token tells the operator to set
    "web": "jobbot web serves Slack over HTTP: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET",
    "gateway": "jobbot gateway connects to Discord: set DISCORD_TOKEN",
}


def attach_platforms(bot: JobBot, *, port: int | None = None, host: str | None = None) -> list[Serve]:
    """Wire in the platforms of the bot's role whose token is set; return what serves each.

    ``run`` attaches every configured platform; ``web`` only Slack, over HTTP on ``port``; ``gateway``
    only Discord. A role without its platform's token cannot do anything: ConfigurationError.
    """
    from handlers import discord_attach, slack_attach

    if bot.role == "gateway":
        serves = [discord_attach.attach(bot)]
    elif bot.role == "web":
        serves = [slack_attach.attach(bot, port=port or DEFAULT_HTTP_PORT, host=host)]
    else:
        serves = [slack_attach.attach(bot, port=port, host=host), discord_attach.attach(bot)]
    found = [serve for serve in serves if serve is not None]
    if bot.role in _NEEDS and not found:
        raise ConfigurationError(_NEEDS[bot.role])
    return found


def ops_for(engine: Engine, *, task_queue: bool = False) -> Ops:
    """Metrics and readiness read from ``engine``: outbox, sources and (on PostgreSQL) the task queue.

    ``task_queue``: the process needs procrastinate's queue, so on PostgreSQL /readyz also fails while its
    job table cannot be read. Its gauges are reported whenever the table exists, by every role.
    """
    unhealthy_after = PollPolicy().unhealthy_after
    probes = metrics.ProbeCollector(
        {
            "outbox": lambda: stats.outbox_readings(engine),
            "sources": lambda: stats.source_readings(engine, unhealthy_after=unhealthy_after),
        }
    )
    readiness = Readiness({"database": lambda: stats.ping(engine)})
    if engine.dialect.name == "postgresql":
        probes.add("task_queue", lambda: stats.task_queue_readings(engine))
        if task_queue:
            readiness.add("task_queue", lambda: stats.ping_task_queue(engine))
    return Ops(metrics.build_registry(probes), readiness, probes)


async def serve_metrics(
    stop: asyncio.Event,
    port: int,
    host: str = LOOPBACK,
    engine: Engine | None = None,
    *,
    ops: Ops | None = None,
    task_queue: bool = True,
) -> None:
    """Serve /metrics, /healthz and /readyz alone on ``host:port`` until ``stop`` is set.

    For processes with no HTTP server of their own: a procrastinate worker calls
    ``await serve_metrics(stop, settings.metrics_port, settings.metrics_host, engine)`` beside its work
    (its counters are this process's; its gauges are read from ``engine``, like every process's).
    """
    if ops is None:
        if engine is None:
            raise ValueError("serve_metrics needs the engine its gauges and readiness read, or ops")
        ops = ops_for(engine, task_queue=task_queue)
    await run_ops_server(ops, stop, port=port, host=host)


def metrics_server(bot: JobBot, port: int | None) -> list[Serve]:
    """The standalone metrics server at ``port`` (else JOBBOT_METRICS_PORT), or none when neither is set."""
    port = port or bot.settings.metrics_port
    if port is None:
        return []
    host = bot.settings.metrics_host
    return [lambda stop: serve_metrics(stop, port, host, ops=bot.ops)]


def attach_senders(bot: JobBot, *, discord_pacer: object | None = None) -> list[Serve]:
    """Wire in each configured platform's notifier only, for ``jobbot worker``: no HTTP port, no gateway.

    Returns what keeps a platform's sending side logged in (Discord's REST login) or closes its connections
    at stop (Slack's), to run beside the worker.
    ``discord_pacer`` paces every Discord request (``bot.workers.limiter.SharedRequestPacer``).
    """
    from handlers import discord_attach, slack_attach

    serves = [slack_attach.attach_sender(bot), discord_attach.attach_rest(bot, pacer=discord_pacer)]  # type: ignore[arg-type]
    return [serve for serve in serves if serve is not None]


def create_worker_bot(settings: Settings, *, concurrency: int) -> tuple[JobBot, list[Serve]]:
    """The bot a ``jobbot worker`` serves jobs with, and what keeps its senders logged in.

    Notifiers as in ``jobbot run`` (tokens from the environment) but no Slack port and no Discord gateway;
    Discord's bot-wide limit is paced through PostgreSQL, shared by every worker. Each running job holds
    a connection (its advisory lock, ``bot.workers.exclusive``) and uses others: the pool is sized for it.
    """
    from bot.workers.limiter import DISCORD_BOT_KEY, SharedRequestPacer

    pool = {"pool_size": concurrency + 5, "max_overflow": concurrency + 5}
    bot = JobBot.create(settings, engine_options=pool)
    pacer = SharedRequestPacer(bot.engine, DISCORD_BOT_KEY, settings.delivery.discord_requests_per_second)
    return bot, attach_senders(bot, discord_pacer=pacer)


async def run_until_stopped(bot: JobBot, *extra: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run ``bot`` (when its role works) and any servers beside it until SIGINT/SIGTERM.

    When one of them fails (a port taken, a refused token), the others are stopped and its error raised,
    so a supervisor sees the process end instead of a process that silently lost a part.
    """
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    work = [bot.run(stop)] if bot.works else []
    tasks = [asyncio.create_task(job) for job in (*work, *(serve(stop) for serve in extra))]
    stopped = asyncio.create_task(stop.wait())
    pending: set[asyncio.Task[object]] = {stopped, *tasks}
    try:
        while not stop.is_set():  # a part that ends cleanly leaves the others running, as before
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            if any(not task.cancelled() and task.exception() for task in done):
                break
    finally:
        stop.set()
        outcomes = await asyncio.gather(*tasks, stopped, return_exceptions=True)
        bot.engine.dispose()
    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    if failures:
        raise failures[0]
