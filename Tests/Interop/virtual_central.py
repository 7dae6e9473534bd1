"""A central system written with the Python `ocpp` 2.1.0 package, for the virtual-site interop tests: it accepts
every charge point on 127.0.0.1 (port 0), answers BootNotification/StatusNotification/Heartbeat, and lets a test
send CALLs to a connected station from the test thread. Every wait is bounded."""
import asyncio
import queue
import threading
from datetime import datetime, timezone

import websockets
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, RegistrationStatus


class StationHandle(ChargePoint):
    def __init__(self, identity, connection, boots):
        super().__init__(identity, connection, response_timeout=10)
        self.boots = boots

    @on(Action.boot_notification)
    def on_boot_notification(self, charge_point_vendor, charge_point_model, **kwargs):
        self.boots.put((self.id, charge_point_vendor, charge_point_model, kwargs.get("firmware_version")))
        return call_result.BootNotification(current_time=datetime.now(timezone.utc).isoformat(), interval=300,
                                            status=RegistrationStatus.accepted)

    @on(Action.status_notification)
    def on_status_notification(self, **kwargs):
        return call_result.StatusNotification()

    @on(Action.heartbeat)
    def on_heartbeat(self, **kwargs):
        return call_result.Heartbeat(current_time=datetime.now(timezone.utc).isoformat())


class VirtualCentral:
    """The server runs on its own event loop in a thread; `call` is used from the test thread."""

    def __init__(self):
        self.boots = queue.Queue()
        self.stations = {}
        self.subprotocols = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(timeout=10)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _serve(self):
        return await websockets.serve(self._handle, "127.0.0.1", 0, subprotocols=["ocpp1.6"])

    async def _handle(self, connection):
        identity = connection.request.path.rstrip("/").rsplit("/", 1)[-1]
        self.subprotocols.append(connection.subprotocol)
        station = StationHandle(identity, connection, self.boots)
        self.stations[identity] = station
        try:
            await station.start()
        except websockets.ConnectionClosed:
            pass

    def wait_boots(self, count, timeout=30):
        """The next `count` BootNotifications (identity, vendor, model, firmware)."""
        return [self.boots.get(timeout=timeout) for _ in range(count)]

    def call(self, identity, payload, timeout=15):
        station = self.stations[identity]
        return asyncio.run_coroutine_threadsafe(station.call(payload), self.loop).result(timeout=timeout)

    def close(self):
        async def shutdown():
            self.server.close()
            await self.server.wait_closed()
        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


def fnv1a(text):
    value = 2166136261
    for byte in text.encode():
        value ^= byte
        value = (value * 16777619) & 0xFFFFFFFF
    return value


def demo_licence_key(object_number, features):
    """The simulator's documented key scheme (VirtualSite `demoLicenceKey`), re-implemented independently."""
    w0 = features ^ fnv1a(f"chargectl-demo-mask:{object_number}")
    w1 = fnv1a(f"chargectl-demo-object:{object_number}")
    w2 = fnv1a(f"chargectl-demo-sum:{w0:08X}:{w1:08X}:{object_number}")
    digits = f"{w0:08X}{w1:08X}{w2:08X}"
    return ".".join(digits[i:i + 4] for i in range(0, 24, 4))
