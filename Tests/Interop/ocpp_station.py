"""A Python `ocpp` 2.1.0 charge point that behaves like a station being commissioned: a configuration table,
scripted ChangeConfiguration answers, a Reset that really reboots (closes, reconnects, boots again), a licence key
that unlocks features at that reboot, and an optional connection drop mid-plan. Loopback only; every wait bounded.

Run by the interop tests in-process (`serve_station`), or alone (the README's walk-through), reconnecting for one
chargectl command after another until Ctrl-C:
    python ocpp_station.py PORT IDENTITY
"""
import asyncio
import sys

import websockets
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.datatypes import KeyValue
from ocpp.v16.enums import Action

READONLY = {"UnlockedFeatures", "GetConfigurationMaxKeys", "ChargePointId"}
SECRETS = {"authorizationkey", "featurelicensekey"}


class StationState:
    """What survives a reboot: the configuration and what happened to it."""

    def __init__(self, identity, values, firmware="6.1.0-4159", answers=None, drop_after=None, features_after_licence=None):
        self.identity = identity
        self.values = dict(values)
        self.firmware = firmware
        self.answers = dict(answers or {})
        self.drop_after = drop_after
        self.features_after_licence = features_after_licence
        self.writes = []
        self.resets = []
        self.boots = 0
        self.licence = None
        self.reboot_pending = False
        self.dropped = False

    def key(self, name):
        return next((k for k in self.values if k.lower() == name.lower()), None)


class StationChargePoint(ChargePoint):
    def __init__(self, state, connection):
        super().__init__(state.identity, connection, response_timeout=10)
        self.state = state
        self.connection = connection

    @on(Action.get_configuration)
    def on_get_configuration(self, key=None, **kwargs):
        names = key or list(self.state.values)
        known = [self.state.key(name) for name in names if self.state.key(name)]
        entries = [KeyValue(key=k, readonly=k in READONLY, value=self.state.values[k]) for k in known]
        return call_result.GetConfiguration(configuration_key=entries,
                                            unknown_key=[n for n in key or [] if not self.state.key(n)])

    @on(Action.change_configuration)
    async def on_change_configuration(self, key, value, **kwargs):
        state = self.state
        if state.drop_after is not None and len(state.writes) >= state.drop_after:
            # The station loses its network before it answers: chargectl sees the connection close.
            state.dropped = True
            await self.connection.close()
            return call_result.ChangeConfiguration(status="Accepted")
        state.writes.append((key, value))
        if key.lower() == "featurelicensekey":
            state.licence = value
            return call_result.ChangeConfiguration(status="Accepted")
        existing = state.key(key)
        status = state.answers.pop(key, None) or ("Accepted" if existing else "NotSupported")
        if status in ("Accepted", "RebootRequired"):
            state.values[existing or key] = value
        return call_result.ChangeConfiguration(status=status)

    @on(Action.reset)
    def on_reset(self, type, **kwargs):
        self.state.resets.append(type)
        self.state.reboot_pending = True
        return call_result.Reset(status="Accepted")

    @after(Action.reset)
    async def after_reset(self, **kwargs):
        await asyncio.sleep(0.1)
        await self.connection.close()


async def serve_station(port, state, timeout=60):
    """Connects (retrying while chargectl starts), boots, answers; after a Reset reconnects and boots again. Returns
    when chargectl closes the connection, or when the station dropped it on purpose."""
    url = f"ws://127.0.0.1:{port}/ocpp/{state.identity}"
    async with asyncio.timeout(timeout):
        while True:
            state.reboot_pending = False
            connection = None
            for _ in range(100):
                try:
                    connection = await websockets.connect(url, subprotocols=["ocpp1.6"], open_timeout=5)
                    break
                except (OSError, websockets.InvalidStatus):
                    await asyncio.sleep(0.1)
            assert connection is not None, f"{state.identity} could not connect to {url}"
            async with connection:
                cp = StationChargePoint(state, connection)
                listener = asyncio.create_task(cp.start())
                try:
                    boot = await cp.call(call.BootNotification(charge_point_vendor="Alfen BV", charge_point_model="NG910-60023",
                                                               firmware_version=state.firmware))
                    assert boot.status == "Accepted"
                    state.boots += 1
                    await listener
                except websockets.ConnectionClosed:
                    pass
                finally:
                    listener.cancel()
            if state.dropped or not state.reboot_pending:
                return state
            if state.licence is not None and state.features_after_licence is not None:
                state.values["UnlockedFeatures"] = state.features_after_licence
            await asyncio.sleep(0.2)


# A station fresh from the factory, as far as the commissioning commands look (the manual's key names).
FACTORY = {
    "HeartbeatInterval": "300", "GetConfigurationMaxKeys": "35", "UnlockedFeatures": "0",
    "Station-MaxCurrent": "32", "Connector1-MaxCurrent": "32",
    "Active-LoadBalancing": "Off", "SmartCharging-Mode": "None", "SmartMeter-MaxCurrent": "25",
    "SmartMeterIncludesCharger": "False", "Safe-MaxCurrent": "6", "Phase-Connected": "L1L2L3",
    "ALB-ProtocolSelection": "DSMR4.x/SMR5.0 (P1)", "RJ11-Mode": "DSMR P1",
    "SCN-IsEnabled": "False", "SCN-NetworkName": "", "SCN-SocketID": "0", "SCN-SocketCount": "1",
    "SCN-TotalStaticCurrent": "32", "SCN-SocketSafeCurrent": "6", "SCN-AlternatingPeriod": "900",
    "SCN-PhaseMapping-1": "4", "SCN-PhaseMapping-2": "0",
}


async def serve_forever(port, state):
    """Alone (the README's walk-through): one connection per chargectl command, until Ctrl-C."""
    while True:
        try:
            await serve_station(port, state, timeout=3600)
        except (AssertionError, TimeoutError):
            pass
        state.dropped = False
        await asyncio.sleep(0.5)


if __name__ == "__main__":
    # Any licence key unlocks SCN and ALB (0x5) at the next reboot.
    station = StationState(sys.argv[2], dict(FACTORY), features_after_licence="5")
    try:
        asyncio.run(serve_forever(int(sys.argv[1]), station))
    except KeyboardInterrupt:
        pass
