"""Interop: Python `ocpp` 2.1.0 charge points (websockets 17.4) against `chargectl serve`, and `config get` reaching
a station through serve's control socket. Loopback only; every wait bounded."""
import asyncio
import json
import os
import re
import signal
import stat
import subprocess

import pytest
import websockets
from ocpp.v16 import call

from ocpp_harness import ConfigChargePoint, basic_auth

LISTENING = re.compile(r"serve: listening on (wss?)://127\.0\.0\.1:(\d+)/")
KEYS = [
    {"key": "HeartbeatInterval", "readonly": False, "value": "300"},
    {"key": "AuthorizationKey", "readonly": False, "value": "0123456789abcdef0123"},
    {"key": "Station-MaxCurrent", "readonly": False, "value": "32"},
]


class Serve:
    """`chargectl serve` in the background, its control socket in a private runtime directory."""

    def __init__(self, chargectl, runtime, *args, env=None, preexec_fn=None):
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), **(env or {})}
        self.process = subprocess.Popen([chargectl, "serve", "--listen", "127.0.0.1:0", *args, "--json"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
                                        preexec_fn=preexec_fn)
        self.stderr = ""
        while True:
            line = self._line(20)
            self.stderr += line
            match = LISTENING.search(line)
            if match:
                self.scheme, self.port = match.group(1), int(match.group(2))
                return

    def _line(self, timeout):
        import select
        readable, _, _ = select.select([self.process.stderr], [], [], timeout)
        if not readable or self.process.poll() is not None and not readable:
            self.process.kill()
            raise AssertionError(f"serve printed no listening line: {self.stderr!r}")
        line = self.process.stderr.readline()
        if not line:
            self.process.kill()
            raise AssertionError(f"serve ended early: {self.stderr!r}")
        return line

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            stdout, stderr = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self.stderr += stderr
        return self.process.returncode, stdout, self.stderr


async def connect(port, identity, scheme="ws", password=None, ssl=None):
    headers = basic_auth(identity, password) if password else None
    ws = await websockets.connect(f"{scheme}://127.0.0.1:{port}/ocpp/{identity}", subprotocols=["ocpp1.6"],
                                  additional_headers=headers, open_timeout=5, ssl=ssl)
    cp = ConfigChargePoint(identity, ws, KEYS)
    return ws, cp, asyncio.create_task(cp.start())


async def station_messages(cp):
    """The six messages serve answers for a station (SPEC §1 serve)."""
    boot = await cp.call(call.BootNotification(charge_point_vendor="Alfen BV", charge_point_model="NG910-60023"))
    assert boot.status == "Accepted" and boot.interval == 300
    assert (await cp.call(call.Heartbeat())).current_time
    assert await cp.call(call.StatusNotification(connector_id=1, error_code="NoError", status="Available")) is not None
    reading = [{"timestamp": "2026-01-01T00:00:00Z", "sampledValue": [{"value": "1.5"}]}]
    assert await cp.call(call.MeterValues(connector_id=1, meter_value=reading)) is not None
    assert (await cp.call(call.Authorize(id_tag="TAG1"))).id_tag_info["status"]
    assert (await cp.call(call.DataTransfer(vendor_id="Alfen BV"))).status


def test_serve_answers_stations_and_lends_them_to_config_get(chargectl, tmp_path):
    serve = Serve(chargectl, tmp_path, "--accept-any")
    try:
        socket_path = tmp_path / "chargectl" / "serve.sock"
        assert stat.S_IMODE(os.stat(socket_path).st_mode) == 0o600

        async def scenario():
            async with asyncio.timeout(60):
                ws, cp, listener = await connect(serve.port, "ACE0001")
                await station_messages(cp)
                done = await asyncio.to_thread(
                    subprocess.run, [chargectl, "config", "get", "ACE0001", "--wait", "10", "--json"],
                    capture_output=True, text=True, timeout=30, env=serve.env)
                await ws.close()
                listener.cancel()
                return done, cp

        done, cp = asyncio.run(scenario())
        assert done.returncode == 0, done.stderr
        document = json.loads(done.stdout)
        assert document["station"] == "ACE0001"
        assert [k["key"] for k in document["keys"]] == [k["key"] for k in KEYS]
        assert document["keys"][1]["value"] == "***"
        assert cp.requests == [None]
        assert "0123456789abcdef0123" not in done.stdout + done.stderr
    finally:
        status, stdout, stderr = serve.stop()
    assert status == 0, stderr
    assert json.loads(stdout)["stations"] == ["ACE0001"]
    assert "ACE0001 connected" in stderr
    assert not socket_path.exists(), "serve removes its control socket"


def test_serve_with_a_site_file_requires_the_station_password(chargectl, tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text("""site: Test
installation: { phases: 3, maxCurrent: 32 }
stations:
  - id: ACE0002
    maxCurrent: 32
    ocppPassword: { env: ACE2_PASSWORD }
    sockets: [{ maxCurrent: 32 }]
""")
    serve = Serve(chargectl, tmp_path, "--site", str(site), env={"ACE2_PASSWORD": "site-password-0123"})

    async def scenario():
        async with asyncio.timeout(30):
            for identity, password in (("ACE0002", "wrong-password-999"), ("OTHER01", None)):
                with pytest.raises(websockets.InvalidStatus):
                    await connect(serve.port, identity, password=password)
            ws, cp, listener = await connect(serve.port, "ACE0002", password="site-password-0123")
            await station_messages(cp)
            await ws.close()
            listener.cancel()

    try:
        asyncio.run(scenario())
    finally:
        status, stdout, stderr = serve.stop()
    assert status == 0, stderr
    assert json.loads(stdout)["stations"] == ["ACE0002"]
    assert "site-password-0123" not in stdout + stderr and "wrong-password-999" not in stdout + stderr
    assert "refused a connection" in stderr


def test_serve_speaks_ocpp_over_tls_security_profile_2(chargectl, tmp_path):
    import ssl
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True, timeout=30)
    site = tmp_path / "site.yaml"
    site.write_text("""site: Test
installation: { phases: 3, maxCurrent: 32 }
stations:
  - id: ACE0003
    maxCurrent: 32
    ocppPassword: { env: ACE3_PASSWORD }
    sockets: [{ maxCurrent: 32 }]
""")
    serve = Serve(chargectl, tmp_path, "--site", str(site), "--tls-cert", str(cert), "--tls-key", str(key),
                  env={"ACE3_PASSWORD": "tls-password-0123"})
    assert serve.scheme == "wss"
    trusted = ssl.create_default_context(cafile=str(cert))

    async def scenario():
        async with asyncio.timeout(60):
            with pytest.raises((websockets.InvalidMessage, websockets.InvalidHandshake, ConnectionError, OSError)):
                await websockets.connect(f"ws://127.0.0.1:{serve.port}/ocpp/ACE0003", subprotocols=["ocpp1.6"],
                                         open_timeout=5)
            with pytest.raises(websockets.InvalidStatus):
                await connect(serve.port, "ACE0003", scheme="wss", password="wrong-password-999", ssl=trusted)
            ws, cp, listener = await connect(serve.port, "ACE0003", scheme="wss", password="tls-password-0123",
                                             ssl=trusted)
            await station_messages(cp)
            done = await asyncio.to_thread(
                subprocess.run, [chargectl, "config", "get", "ACE0003", "HeartbeatInterval", "--wait", "10", "--json"],
                capture_output=True, text=True, timeout=30, env=serve.env)
            await ws.close()
            listener.cancel()
            return done

    try:
        done = asyncio.run(scenario())
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["keys"] == [KEYS[0]]
    finally:
        status, stdout, stderr = serve.stop()
    assert status == 0, stderr
    assert json.loads(stdout)["stations"] == ["ACE0003"]
    assert "tls-password-0123" not in stdout + stderr
