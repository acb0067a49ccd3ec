"""The composition root: settings → store → matcher → command service → poller and scheduler → dispatcher.

Everything else is a part with one job; this module is where the real ones are put together for a running
bot. Platform adapters (``handlers``) are imported here and in the CLI only, and only when configured:
each platform has an ``attach`` beside its adapter (``handlers.slack_attach``, ``handlers.discord_attach``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from bot.commands import CommandService
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.delivery.membership import MembershipLookup
from bot.delivery.notifier import DeliveryError, Notifier
from bot.delivery.outbox import Outbox
from bot.ingest import Matcher
from bot.models import Destination
from bot.poll_store import SqlPollStore
from bot.scheduler import SourceScheduler
from bot.settings import Settings
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollResult, poll_source
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.sources import get_source, list_sources
from bot.store.subscriptions import list_subscriptions
from bot.views import notices

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
SOURCE_SYNC_EVERY = timedelta(minutes=1)
DEFAULT_HTTP_PORT = 3000  # how soon a source added with /jobs sources add starts polling


def _utcnow() -> datetime:
    return datetime.now(UTC)


def owner_destination(owner: str) -> Destination | None:
    """The DM destination of an owner key "platform:workspace:user", or None for a bare or unknown owner."""
    parts = owner.split(":")
    if len(parts) != 3 or not all(parts) or parts[0] not in ("slack", "discord"):
        return None
    platform, workspace, user = parts
    return Destination(platform, "dm", user, workspace)  # type: ignore[arg-type]


@dataclass(slots=True)
class JobBot:
    """A running jobbot: the parts that poll, match and deliver, and how they tell people what went wrong."""

    settings: Settings
    engine: Engine
    matcher: Matcher
    service: CommandService
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    memberships: dict[str, MembershipLookup] = field(
        default_factory=dict
    )  # "is U in channel C", per platform
    clock: Clock = _utcnow
    dispatcher: Dispatcher = field(init=False)
    scheduler: SourceScheduler = field(init=False)
    _fetcher: Fetcher | None = field(init=False, default=None)
    _poll_store: SqlPollStore = field(init=False)

    def __post_init__(self) -> None:
        """Build the dispatcher and the scheduler over the shared store and matcher."""
        self._poll_store = SqlPollStore(self.engine, self.matcher)
        self.dispatcher = self.make_dispatcher(StoreOutbox(self.engine))
        self.scheduler = SourceScheduler(
            self.poll, interval=timedelta(minutes=self.settings.poll.interval_minutes), clock=self.clock
        )

    def make_dispatcher(self, outbox: Outbox, limits: DeliveryLimits | None = None) -> Dispatcher:
        """A dispatcher over ``outbox`` with this bot's notifiers, clock and failure notices.

        The bot's own serves the whole outbox; a worker's deliver job builds one over a single delivery
        group's outbox (``bot.workers``).
        """
        return Dispatcher(
            outbox,
            self.notifiers,
            limits=limits or DeliveryLimits.from_settings(self.settings.delivery),
            clock=self.clock,
            on_destination_failed=self._destination_failed,
            membership=self.memberships,
        )

    @classmethod
    def create(
        cls,
        settings: Settings,
        notifiers: Mapping[str, Notifier] | None = None,
        *,
        engine_options: Mapping[str, object] | None = None,
    ) -> JobBot:
        """A bot on the store ``settings`` name (migrated to the newest schema).

        ``engine_options`` go to SQLAlchemy's ``create_engine`` (a worker sizes its connection pool).
        """
        engine = open_store(settings.database_url, **(engine_options or {}))
        matcher = Matcher.from_store(engine)
        service = CommandService(engine, matcher, settings=settings)
        return cls(settings, engine, matcher, service, dict(notifiers or {}))

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
        result = await poll_source(source_id, store=self._poll_store, fetcher=self._fetcher, now=self.clock())
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
        if result.queued or result.edits:
            self.dispatcher.wake()
        if result.became_unhealthy or result.recovered:
            await self._tell_source_owner(source_id, result)
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
        async with self.fetching():
            self.sync_sources()
            self.scheduler.start()
            sync = asyncio.create_task(self._keep_sources_in_sync(stop))
            try:
                await self.dispatcher.run(stop)
            finally:
                sync.cancel()
                self.scheduler.shutdown()

    async def _keep_sources_in_sync(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(SOURCE_SYNC_EVERY.total_seconds())
            try:
                self.sync_sources()
            except Exception:  # the store may be briefly unavailable; the next round retries
                logger.exception("source sync failed")

    async def _destination_failed(self, destination: Destination, error: DeliveryError) -> None:
        owners = {sub.owner for sub in list_subscriptions(self.engine, destination_key=destination.key)}
        text = notices.destination_paused(destination, error.code or str(error))
        for owner in owners:
            await self._tell(Destination(destination.platform, "dm", owner, destination.workspace), text)

    async def _tell_source_owner(self, source_id: str, result: PollResult) -> None:
        record = get_source(self.engine, source_id)
        target = owner_destination(record.owner) if record else None
        if target is None:  # added from the command line: the log is where its operator looks
            health = {"source": source_id, "error": result.error, "recovered": result.recovered}
            logger.warning("source health changed", extra=health)
            return
        if result.recovered:
            text = notices.source_recovered(source_id)
        else:
            text = notices.source_failing(source_id, result.failures, result.error or "unknown error")
        await self._tell(target, text)

    async def _tell(self, destination: Destination, text: str) -> None:
        notifier = self.notifiers.get(destination.platform)
        if notifier is None:
            logger.warning("cannot tell the owner", extra={"destination": destination.key, "notice": text})
            return
        try:
            await notifier.notify(destination, text)
        except DeliveryError as exc:
            logger.warning("owner notice failed", extra={"destination": destination.key, "error": str(exc)})


class ConfigurationError(ValueError):
    """The environment asks for something that cannot work; the message says what to set."""


Serve = Callable[[asyncio.Event], Awaitable[None]]


def attach_platforms(bot: JobBot, *, port: int | None = None) -> list[Serve]:
    """Wire in every platform whose token is set; return what serves each (an HTTP port, a gateway)."""
    from handlers import discord_attach, slack_attach

    serves = [slack_attach.attach(bot, port=port), discord_attach.attach(bot)]
    return [serve for serve in serves if serve is not None]


def attach_senders(bot: JobBot, *, discord_pacer: object | None = None) -> list[Serve]:
    """Wire in each configured platform's notifier only, for ``jobbot worker``: no HTTP port, no gateway.

    Returns what keeps a platform's sending side logged in (Discord's REST login), to run beside the worker.
    ``discord_pacer`` paces every Discord request (``bot.workers.limiter.SharedRequestPacer``).
    """
    from handlers import discord_attach, slack_attach

    slack_attach.attach_notifier(bot)
    serve = discord_attach.attach_rest(bot, pacer=discord_pacer)  # type: ignore[arg-type]
    return [serve] if serve is not None else []


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
    """Run ``bot`` and any platform servers beside it until SIGINT/SIGTERM."""
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(bot.run(stop)), *(asyncio.create_task(serve(stop)) for serve in extra)]
    try:
        await stop.wait()
    finally:
        await asyncio.gather(*tasks, return_exceptions=True)
        bot.engine.dispose()
