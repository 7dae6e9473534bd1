"""Interop: a Python `ocpp` 2.1.0 charge point (websockets 17.4) against `chargectl config get/backup`, loopback only."""
import asyncio
import json
import pathlib

import pytest
import websockets

from ocpp_harness import Chargectl, basic_auth, run_charge_point

SECRET = "0123456789abcdef0123"
KEYS = [
    {"key": "HeartbeatInterval", "readonly": False, "value": "300"},
    {"key": "AuthorizationKey", "readonly": False, "value": SECRET},
    {"key": "Station-MaxCurrent", "readonly": False, "value": "32"},
    {"key": "Connector1-MaxCurrent", "readonly": False, "value": "32"},
    {"key": "SCN-NetworkName", "readonly": False},
    {"key": "UnlockedFeatures", "readonly": True, "value": "7"},
    {"key": "ChargePointId", "readonly": True, "value": "ACE0001"},
]


def masked(entry):
    value = "***" if entry["key"] == "AuthorizationKey" else entry.get("value")
    return {"key": entry["key"], "value": value, "readonly": entry["readonly"]}


def test_config_get_lists_exactly_the_peers_configuration():
    chargectl = Chargectl("config", "get", "ACE0001", "--listen", "127.0.0.1:0", "--wait", "20", "--json")
    port = chargectl.port()
    cp = asyncio.run(run_charge_point(port, "ACE0001", KEYS))
    status, stdout, stderr = chargectl.finish()
    assert status == 0, stderr
    document = json.loads(stdout)
    assert document == {"ok": True, "station": "ACE0001", "keys": [masked(e) for e in KEYS], "unknown": []}
    assert cp.requests == [None], "a full read is one GetConfiguration without keys"
    assert SECRET not in stdout + stderr


def test_named_keys_are_paged_by_get_configuration_max_keys():
    names = ["HeartbeatInterval", "station-maxcurrent", "NoSuchKey", "SCN-NetworkName", "UnlockedFeatures",
             "AuthorizationKey", "ChargePointId"]
    chargectl = Chargectl("config", "get", "ACE0001", *names, "--listen", "127.0.0.1:0", "--wait", "20", "--json")
    cp = asyncio.run(run_charge_point(chargectl.port(), "ACE0001", KEYS, max_keys=3))
    status, stdout, stderr = chargectl.finish()
    assert status == 0, stderr
    document = json.loads(stdout)
    expected = [e for name in names for e in KEYS if e["key"].lower() == name.lower()]
    assert document["keys"] == [masked(e) for e in expected]
    assert document["unknown"] == ["NoSuchKey"]
    assert cp.requests[0] == ["GetConfigurationMaxKeys"]
    pages = cp.requests[1:]
    assert all(len(page) <= 3 for page in pages) and len(pages) == 3
    assert [name for page in pages for name in page] == names


def test_a_wrong_basic_auth_password_is_refused():
    env = {"ACE_OCPP_PASSWORD": "right-password-123"}
    chargectl = Chargectl("config", "get", "ACE0001", "HeartbeatInterval", "--listen", "127.0.0.1:0", "--wait", "20",
                          "--ocpp-password-env", "ACE_OCPP_PASSWORD", "--json", env=env)
    port = chargectl.port()

    async def wrong_then_none():
        for headers in (basic_auth("ACE0001", "wrong-password-456"), None):
            with pytest.raises(websockets.InvalidStatus) as refused:
                async with asyncio.timeout(10):
                    await websockets.connect(f"ws://127.0.0.1:{port}/ocpp/ACE0001", subprotocols=["ocpp1.6"],
                                             additional_headers=headers, open_timeout=5)
            assert refused.value.response.status_code == 401
            assert "Basic" in refused.value.response.headers.get("WWW-Authenticate", "")

    asyncio.run(wrong_then_none())
    cp = asyncio.run(run_charge_point(port, "ACE0001", KEYS, password="right-password-123"))
    status, stdout, stderr = chargectl.finish()
    assert status == 0, stderr
    assert json.loads(stdout)["keys"] == [masked(KEYS[0])]
    assert cp.requests == [["HeartbeatInterval"]]
    assert "right-password-123" not in stdout + stderr and "wrong-password-456" not in stdout + stderr


def test_a_refused_station_that_never_gets_in_is_exit_3():
    chargectl = Chargectl("config", "get", "ACE0001", "--listen", "127.0.0.1:0", "--wait", "2",
                          "--ocpp-password-env", "ACE_OCPP_PASSWORD", "--json", env={"ACE_OCPP_PASSWORD": "right-one"})
    port = chargectl.port()

    async def wrong():
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(f"ws://127.0.0.1:{port}/ocpp/ACE0001", subprotocols=["ocpp1.6"],
                                     additional_headers=basic_auth("ACE0001", "guess"), open_timeout=5)

    asyncio.run(wrong())
    status, stdout, stderr = chargectl.finish()
    assert status == 3
    error = json.loads(stdout)["error"]
    assert error["code"] == "station.not-connected"
    assert "ACE0001" in error["message"] and "wrong HTTP Basic" in error["message"]


def test_config_backup_writes_the_file_with_secrets_masked(tmp_path: pathlib.Path):
    chargectl = Chargectl("config", "backup", "ACE0001", "--backup-dir", str(tmp_path), "--listen", "127.0.0.1:0",
                          "--wait", "20")
    asyncio.run(run_charge_point(chargectl.port(), "ACE0001", KEYS, max_keys=2))
    status, stdout, stderr = chargectl.finish()
    assert status == 0, stderr
    path = pathlib.Path(stdout.strip())
    assert path.parent == tmp_path / "ACE0001" and path.suffix == ".json"
    text = path.read_text()
    assert SECRET not in text
    backup = json.loads(text)
    assert backup["station"] == "ACE0001" and backup["firmware"] == "6.1.0-4159"
    assert [k["key"] for k in backup["keys"]] == ["GetConfigurationMaxKeys"] + [e["key"] for e in KEYS]
    assert next(k for k in backup["keys"] if k["key"] == "AuthorizationKey")["value"] == "***"


def test_a_malformed_frame_gets_a_callerror_and_the_run_goes_on():
    chargectl = Chargectl("config", "get", "ACE0001", "HeartbeatInterval", "--listen", "127.0.0.1:0", "--wait", "20",
                          "--json")
    port = chargectl.port()

    async def raw_peer():
        async with asyncio.timeout(20):
            async with websockets.connect(f"ws://127.0.0.1:{port}/ocpp/ACE0001", subprotocols=["ocpp1.6"]) as ws:
                # A broken CALL of the station's own is answered with a CALLERROR and the run goes on. (Text that is
                # not JSON at all, sent while our CALL is outstanding, is that CALL's malformed answer:
                # test_ocpp_abuse.py.)
                await ws.send('[2,"bad1","BootNotification",{"chargePointVendor":5,"chargePointModel":"M"}]')
                while True:
                    frame = json.loads(await ws.recv())
                    if frame[0] == 4:
                        assert frame[1] == "bad1" and frame[2] == "TypeConstraintViolation"
                    elif frame[0] == 2 and frame[2] == "GetConfiguration":
                        await ws.send(json.dumps([3, frame[1], {"configurationKey": [KEYS[0]]}]))
                        break
                try:
                    await ws.recv()
                except websockets.ConnectionClosed:
                    pass

    asyncio.run(raw_peer())
    status, stdout, stderr = chargectl.finish()
    assert status == 0, stderr
    assert json.loads(stdout)["keys"] == [masked(KEYS[0])]
