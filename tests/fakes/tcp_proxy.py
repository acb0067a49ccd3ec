"""A TCP proxy on 127.0.0.1 in front of a real server, to make that server go away, hang, and come back.

async with TcpProxy("127.0.0.1", 5432) as proxy:   # connect to proxy.port instead
    await proxy.stop()     # connections dropped, new ones refused: the server is gone
    await proxy.start()    # back, on the same port
    proxy.hang()           # connections accepted and kept, nothing forwarded: a hung server
    await proxy.resume()   # the stalled connections are dropped; new ones work again
"""

from __future__ import annotations

import asyncio
import contextlib


class TcpProxy:
    """Forwards every connection to ``host:port``; see the module docstring for the failures it plays."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0  # chosen at the first start, kept across restarts
        self._server: asyncio.Server | None = None
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> TcpProxy:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen (again) on 127.0.0.1:``port``."""
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening and drop every connection: clients see a refused or reset connection."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        await self._drop_all()
        self._flowing.set()

    def hang(self) -> None:
        """Keep accepting, forward nothing: queries and new connections wait forever."""
        self._flowing.clear()

    async def resume(self) -> None:
        """Drop the connections stalled while hanging (their protocol state is lost) and forward again."""
        await self._drop_all()
        self._flowing.set()

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self._writers.add(client_writer)
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self._writers.add(server_writer)
        for reader, writer in ((client_reader, server_writer), (server_reader, client_writer)):
            task = asyncio.create_task(self._pump(reader, writer))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                await self._flowing.wait()
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _drop_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        await asyncio.gather(*self._tasks, return_exceptions=True)
