"""A synthetic fleet of job sources for ``jobbot bench poll``: one aiohttp app on many loopback hosts.

Every 127.0.0.0/8 address routes to the loopback interface on Linux, so 127.0.0.2, 127.0.0.3, … are distinct
hosts to the fetcher's per-host limiter while one server answers them all. The fleet has two rounds:
round 0 (the baseline) lists every board's jobs with an ETag; ``advance()`` starts round 1, where most
boards answer 304 to the validators they gave, some changed (jobs added, one edited, one gone), some are
slow, and a few fail (a 5xx, a malformed body, no answer at all). Boards without validators answer 200
with the same jobs every time, as many real APIs do.

    async with FleetProcess(spec) as fleet:   # or FleetServer(spec), in this process
        url = fleet.url(source)
        await fleet.advance()
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import random
from dataclasses import dataclass, field, fields
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Literal, Self

from aiohttp import web

from bot.bench.fleet_shapes import (
    FLEET_KINDS,
    MALFORMED_VARIANTS,
    Job,
    listing_body,
    make_job,
    malformed_body,
)

Behaviour = Literal["steady", "no_validators", "changed", "slow", "server_error", "malformed", "timeout"]
FAILING: frozenset[str] = frozenset({"server_error", "malformed", "timeout"})
MAX_HOSTS = 250  # 127.0.0.2 … 127.0.0.251
MAX_JOBS = 100  # one page for every kind
KIND_WEIGHTS = (0.25, 0.2, 0.15, 0.1, 0.1, 0.08, 0.07, 0.05)  # in FLEET_KINDS order: the common ATSs first


@dataclass(frozen=True, slots=True)
class FleetMix:
    """The share of sources behaving each way in round 1; the rest answer 304."""

    no_validators: float = 0.10  # no ETag: the same 200 body every time
    changed: float = 0.08
    slow: float = 0.02
    server_error: float = 0.01
    malformed: float = 0.01
    timeout: float = 0.005


@dataclass(frozen=True, slots=True)
class FleetSpec:
    """Everything that determines a fleet: the same spec always makes the same fleet."""

    sources: int = 1000
    hosts: int = 50
    seed: int = 7
    mean_jobs: float = 15.0
    mix: FleetMix = field(default_factory=FleetMix)
    slow_seconds: float = 1.5  # a slow board answers after this long
    hang_seconds: float = 3600.0  # a "timeout" board answers after this long (the client gives up first)

    def __post_init__(self) -> None:
        """Refuse a fleet the loopback range or the mix cannot hold."""
        if not 1 <= self.hosts <= MAX_HOSTS:
            raise ValueError(f"a fleet needs 1 to {MAX_HOSTS} hosts, not {self.hosts}")
        if self.sources < 1 or self.mean_jobs < 1:
            raise ValueError("a fleet needs at least one source and a mean of at least one job")
        if sum(getattr(self.mix, f.name) for f in fields(self.mix)) > 1:
            raise ValueError("the fleet mix's shares add up to more than 1")


@dataclass(frozen=True, slots=True)
class FleetSource:
    """One board of the fleet, and how it behaves in round 1."""

    index: int
    kind: str
    host: int  # 0-based: served on 127.0.0.{host + 2}
    behaviour: Behaviour
    jobs: int  # listed in round 0
    added: int  # jobs added in round 1 when ``changed``
    company: str
    seed: int
    variant: str = ""  # which malformed body, when ``malformed``

    @property
    def board(self) -> str:
        """The board token (also what makes its postings' ids unique)."""
        return f"bench{self.index:05d}"

    @property
    def source_id(self) -> str:
        """The id the bench registers it under."""
        return f"{self.kind}:{self.board}"

    @property
    def path(self) -> str:
        """Where the fleet serves it."""
        return f"/{self.kind}/{self.index}"

    @property
    def fails(self) -> bool:
        """True when its round-1 poll must be reported as an error."""
        return self.behaviour in FAILING

    def listed(self, round_: int) -> list[Job]:
        """The jobs the board lists in ``round_``: a changed board drops its first, edits one, adds some."""
        numbers = list(range(self.jobs))
        if round_ == 0 or self.behaviour != "changed":
            return [self._job(n) for n in numbers]
        kept = numbers[1:] if len(numbers) > 1 else numbers
        jobs = [self._job(n, revision=int(n == kept[-1])) for n in kept]
        return jobs + [self._job(n) for n in range(self.jobs, self.jobs + self.added)]

    def _job(self, number: int, revision: int = 0) -> Job:
        return make_job(
            random.Random(f"{self.seed}:{self.index}:{number}"), number, self.company, revision=revision
        )


def plan_fleet(spec: FleetSpec) -> tuple[FleetSource, ...]:
    """The fleet ``spec`` describes: kinds drawn by popularity, behaviours spread over hosts at random."""
    rng = random.Random(spec.seed)
    behaviours: list[Behaviour] = []
    for name in ("timeout", "server_error", "malformed", "slow", "changed", "no_validators"):
        share = getattr(spec.mix, name)
        count = max(1, round(spec.sources * share)) if share > 0 else 0
        behaviours += [name] * min(count, spec.sources - len(behaviours))  # type: ignore[list-item]
    behaviours += ["steady"] * (spec.sources - len(behaviours))
    rng.shuffle(behaviours)
    stems = ("Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Fjordlight", "Kiezkraft", "Lumenly")
    sources = []
    for index, behaviour in enumerate(behaviours):
        jobs = min(MAX_JOBS, 1 + int(rng.expovariate(1 / max(spec.mean_jobs - 1, 0.01))))
        sources.append(
            FleetSource(
                index=index,
                kind=rng.choices(FLEET_KINDS, KIND_WEIGHTS)[0],
                host=index % spec.hosts,
                behaviour=behaviour,
                jobs=jobs,
                added=rng.randint(1, 3),
                company=f"{stems[index % len(stems)]} {index}",
                seed=spec.seed,
                variant=MALFORMED_VARIANTS[index % len(MALFORMED_VARIANTS)],
            )
        )
    return tuple(sources)


def host_address(host: int) -> str:
    """The loopback address of fleet host ``host`` (0-based)."""
    return f"127.0.0.{host + 2}"


class FleetServer:
    """The fleet served by this process's event loop, on ``spec.hosts`` loopback addresses."""

    def __init__(self, spec: FleetSpec) -> None:
        self.spec = spec
        self.sources = plan_fleet(spec)
        self.round = 0
        self.ports: dict[int, int] = {}
        self._by_path = {source.path: source for source in self.sources}
        self._bodies: dict[tuple[int, int], tuple[bytes, str]] = {}
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> Self:
        """Listen on every host's address (a free port each)."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        # Cancel a hanging board's handler when the client gives up, and do not wait for it at shutdown.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.1, access_log=None)
        await self._runner.setup()
        for host in range(self.spec.hosts):
            site = web.TCPSite(self._runner, host_address(host), 0, backlog=512)
            await site.start()
            self.ports[host] = self._runner.addresses[-1][1]
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def url(self, source: FleetSource) -> str:
        """The URL the board is served at."""
        return f"http://{host_address(source.host)}:{self.ports[source.host]}{source.path}"

    async def advance(self) -> None:
        """Start round 1: changes, slowness and failures begin."""
        self.round = 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        source = self._by_path.get(request.path)
        if source is None:
            return web.Response(status=404, text=f"no board at {request.path}")
        behaviour = source.behaviour if self.round else "steady"
        if behaviour == "timeout":
            await asyncio.sleep(self.spec.hang_seconds)
        elif behaviour == "slow":
            await asyncio.sleep(self.spec.slow_seconds)
        elif behaviour == "server_error":
            status = (500, 502, 503)[source.index % 3]
            return web.Response(status=status, text="upstream failed")
        version = 1 if self.round and behaviour == "changed" else 0
        body, content_type = self._body(source, version)
        if behaviour == "malformed":
            body, content_type = malformed_body(source.kind, source.variant, body)
            return web.Response(body=body, content_type=content_type, headers={"ETag": '"broken"'})
        if source.behaviour == "no_validators":
            return web.Response(body=body, content_type=content_type)
        etag = f'"v{version}-{source.index}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type=content_type, headers={"ETag": etag})

    def _body(self, source: FleetSource, version: int) -> tuple[bytes, str]:
        key = (source.index, version)
        if key not in self._bodies:
            jobs = source.listed(version)
            self._bodies[key] = listing_body(source.kind, source.board, source.company, jobs)
        return self._bodies[key]


class FleetProcess:
    """The fleet served by a child process, so the poller being measured has its core to itself."""

    def __init__(self, spec: FleetSpec, *, start_timeout: float = 60.0) -> None:
        self.spec = spec
        self.ports: dict[int, int] = {}
        self.pid: int | None = None
        self._start_timeout = start_timeout
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    async def __aenter__(self) -> Self:
        """Start the child and wait until it listens."""
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no loop or engine inherited
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(self.spec, theirs), name="jobbot-fleet", daemon=True
        )
        self._process.start()
        theirs.close()
        self._conn = ours
        self.pid = self._process.pid
        self.ports = await self._ask(None)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop the child (it exits when asked; otherwise it is terminated)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):  # the child may be gone already
                self._conn.send("stop")
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(5)
            self._process = None

    def url(self, source: FleetSource) -> str:
        """The URL the board is served at."""
        return f"http://{host_address(source.host)}:{self.ports[source.host]}{source.path}"

    async def advance(self) -> None:
        """Start round 1 in the child."""
        await self._ask("advance")

    async def _ask(self, message: str | None) -> dict[int, int]:
        conn = self._conn
        assert conn is not None
        if message is not None:
            conn.send(message)
        loop = asyncio.get_running_loop()
        ready = await loop.run_in_executor(None, conn.poll, self._start_timeout)
        if not ready:
            raise RuntimeError("the benchmark's fleet server did not answer; is 127.0.0.2 usable here?")
        answer = conn.recv()
        if isinstance(answer, BaseException):
            raise RuntimeError(f"the benchmark's fleet server failed: {answer}")
        return answer  # type: ignore[no-any-return]


def _serve(spec: FleetSpec, conn: Connection) -> None:
    """The child process: serve the fleet until told to stop (or the parent is gone)."""
    asyncio.run(_serve_async(spec, conn))


async def _serve_async(spec: FleetSpec, conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    try:
        server = FleetServer(spec)
        await server.__aenter__()
    except OSError as exc:
        conn.send(exc)
        return
    try:
        conn.send(server.ports)
        while True:
            try:
                message = await loop.run_in_executor(None, conn.recv)
            except EOFError:
                return
            if message == "advance":
                await server.advance()
                conn.send(server.ports)
            else:
                return
    finally:
        await server.__aexit__(None, None, None)
