"""Runs the chargectl binary under test and a Python `ocpp` 2.1.0 charge point against it, on loopback only.

chargectl listens on 127.0.0.1 port 0 and says on stderr which port it got ("waiting for CP to connect on
127.0.0.1:PORT"), so no port is guessed. Every wait here is bounded.
"""
import asyncio
import base64
import os
import queue
import re
import subprocess
import threading

import websockets
from ocpp.exceptions import OccurenceConstraintViolationError
from ocpp.routing import on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.datatypes import KeyValue
from ocpp.v16.enums import Action

WAITING = re.compile(r"waiting for \S+ to connect on 127\.0\.0\.1:(\d+)")


class Chargectl:
    """One chargectl process; stdout and stderr are read by threads so neither pipe can fill up."""

    def __init__(self, *args, env=None):
        binary = os.environ.get("CHARGECTL", ".build/debug/chargectl")
        self.process = subprocess.Popen(
            [binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})})
        self.stderr_lines = queue.Queue()
        self._stdout = []
        self._stderr = []
        self._threads = [
            threading.Thread(target=self._drain, args=(self.process.stdout, self._stdout, None), daemon=True),
            threading.Thread(target=self._drain, args=(self.process.stderr, self._stderr, self.stderr_lines), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @staticmethod
    def _drain(pipe, sink, lines):
        for line in pipe:
            sink.append(line)
            if lines is not None:
                lines.put(line)

    def port(self, timeout=20):
        """The port from the progress line on stderr."""
        while True:
            line = self.stderr_lines.get(timeout=timeout)
            match = WAITING.search(line)
            if match:
                return int(match.group(1))

    def finish(self, timeout=30):
        """Waits for the exit; returns (exit status, stdout, stderr)."""
        try:
            status = self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        for thread in self._threads:
            thread.join(timeout=5)
        return status, "".join(self._stdout), "".join(self._stderr)


class ConfigChargePoint(ChargePoint):
    """A charge point with a configuration table that enforces its GetConfigurationMaxKeys like a strict station."""

    def __init__(self, identity, connection, keys, max_keys=None):
        super().__init__(identity, connection, response_timeout=10)
        self.table = list(keys)
        if max_keys is not None:
            self.table.insert(0, {"key": "GetConfigurationMaxKeys", "readonly": True, "value": str(max_keys)})
        self.max_keys = max_keys
        self.requests = []

    @on(Action.get_configuration)
    def on_get_configuration(self, key=None, **kwargs):
        self.requests.append(key)
        if key and self.max_keys is not None and len(key) > self.max_keys:
            raise OccurenceConstraintViolationError(description=f"at most {self.max_keys} keys")
        wanted = {name.lower() for name in key or []}
        known = [entry for entry in self.table if not wanted or entry["key"].lower() in wanted]
        unknown = [name for name in key or [] if name.lower() not in {e["key"].lower() for e in self.table}]
        return call_result.GetConfiguration(
            configuration_key=[KeyValue(**entry) for entry in known], unknown_key=unknown)


def basic_auth(identity, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{identity}:{password}".encode()).decode()}


async def run_charge_point(port, identity, keys, max_keys=None, password=None, timeout=20):
    """Connects (retrying briefly), boots, answers until chargectl closes the connection; returns the charge point."""
    url = f"ws://127.0.0.1:{port}/ocpp/{identity}"
    headers = basic_auth(identity, password) if password is not None else None
    async with asyncio.timeout(timeout):
        async with websockets.connect(url, subprotocols=["ocpp1.6"], additional_headers=headers, open_timeout=5) as ws:
            assert ws.subprotocol == "ocpp1.6"
            cp = ConfigChargePoint(identity, ws, keys, max_keys)
            listener = asyncio.create_task(cp.start())
            boot = await cp.call(call.BootNotification(
                charge_point_vendor="Alfen BV", charge_point_model="NG910-60023", firmware_version="6.1.0-4159"))
            assert boot.status == "Accepted" and boot.interval == 300
            try:
                await listener
            except websockets.ConnectionClosed:
                pass
            return cp
