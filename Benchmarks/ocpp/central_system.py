"""The OCPP benchmark's baseline: a minimal central system on the Python `ocpp` package (2.1.0, websockets 17.4)
doing the same work as chargectl serve in `make bench`: answer BootNotification, then send each station one full
GetConfiguration and 10 ChangeConfiguration. Usage: central_system.py PORT; prints "listening" when ready and
stops when stdin closes."""
import asyncio
import sys

import websockets
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import Action, RegistrationStatus


class Station(ChargePoint):
    @on(Action.boot_notification)
    def on_boot(self, **kwargs):
        return call_result.BootNotification(current_time="2026-01-01T00:00:00Z", interval=300,
                                            status=RegistrationStatus.accepted)

    @after(Action.boot_notification)
    def after_boot(self, **kwargs):
        asyncio.get_running_loop().create_task(self.work())

    async def work(self):
        await self.call(call.GetConfiguration())
        for index in range(10):
            await self.call(call.ChangeConfiguration(key=f"Key{index}", value=str(index)))


async def handler(websocket):
    station = Station(websocket.request.path.rsplit("/", 1)[-1], websocket, response_timeout=60)
    try:
        await station.start()
    except websockets.ConnectionClosed:
        pass


async def main(port):
    # The same listen backlog as chargectl serve, so neither side loses connects to a full accept queue.
    async with websockets.serve(handler, "127.0.0.1", port, subprotocols=["ocpp1.6"], max_size=1 << 20,
                                ping_interval=None, backlog=1024):
        print("listening", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
