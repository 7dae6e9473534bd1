"""`chargectl simulate` against independent peers (issue 7): a central system written with the Python `ocpp`
package configures a simulated station (GetConfiguration, ChangeConfiguration Accepted/Rejected/RebootRequired/
NotSupported, Reset → reconnect with BootNotification, licence unlock); pymodbus reads the stations' and the
meter's registers; python-zeroconf finds the stations' `_alfen._tcp` advertisements. Loopback only."""
import json
import pathlib
import random
import struct
import subprocess
import threading

import pytest
from ocpp.v16 import call
from ocpp.v16.enums import ResetType
from pymodbus.client import ModbusTcpClient

from conftest import Background, run
from virtual_central import VirtualCentral, demo_licence_key

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = str(ROOT / "Sources/VirtualSite/Demo/virtual-demo.yaml")
SCENARIO = str(ROOT / "Sources/VirtualSite/Demo/virtual-demo.scenario.yaml")
IDS = ["ACE0100201", "ACE0100202", "ACE0100203", "ACE0100204"]


class Simulation:
    """`chargectl simulate --json` as a subprocess: stdout's one document gives the ports; stderr is drained."""

    def __init__(self, chargectl, ocpp_port, *extra, site=SITE, scenario=SCENARIO):
        self.process = Background([chargectl, "simulate", site, "--scenario", scenario, "--json", "--reboot-time", "0.5",
                                   "--ocpp-url", f"ws://127.0.0.1:{ocpp_port}/ocpp", *extra], '"ok"', stream="stdout", wait=60)
        self.document = json.loads(self.process.seen.strip().splitlines()[-1])
        self.stderr = []
        self.drain = threading.Thread(target=lambda: self.stderr.extend(self.process.process.stderr), daemon=True)
        self.drain.start()

    def station(self, identity):
        return next(s for s in self.document["stations"] if s["identity"] == identity)

    def stop(self):
        status = self.process.stop()
        self.drain.join(timeout=10)
        return status


@pytest.fixture(scope="module")
def site(chargectl):
    central = VirtualCentral()
    simulation = Simulation(chargectl, central.port, "--mdns-interface", "none")
    try:
        boots = central.wait_boots(len(IDS))
        yield central, simulation, boots
    finally:
        status = simulation.stop()
        central.close()
        assert status == 0, "SIGTERM stops the simulation cleanly"


def float32(registers):
    return struct.unpack(">f", struct.pack(">HH", *registers))[0]


def text(registers):
    return b"".join(struct.pack(">H", r) for r in registers).rstrip(b"\0").decode()


def test_every_station_boots_with_the_site_identity(site):
    central, simulation, boots = site
    assert sorted(b[0] for b in boots) == IDS
    by_id = {b[0]: b for b in boots}
    assert by_id["ACE0100201"][1:3] == ("Alfen BV", "NG910-60023")
    assert by_id["ACE0100204"][2] == "EVe-dual"
    assert set(central.subprotocols) == {"ocpp1.6"}
    assert [s["sockets"] for s in simulation.document["stations"]] == [1, 1, 1, 2]
    assert simulation.document["meter"]["unit"] == 5


def test_get_configuration_all_and_named(site):
    central, _, _ = site
    everything = central.call("ACE0100202", call.GetConfiguration())
    keys = {entry["key"]: entry for entry in everything.configuration_key}
    assert keys["FeatureObjectId"]["value"] == "100202" and keys["FeatureObjectId"]["readonly"]
    assert keys["GetConfigurationMaxKeys"]["value"] == "35"
    assert "SCN-NetworkName" in keys and "Station-MaxCurrent" in keys
    named = central.call("ACE0100202", call.GetConfiguration(key=["station-maxcurrent", "No-Such-Key"]))
    assert [entry["key"] for entry in named.configuration_key] == ["Station-MaxCurrent"]
    assert named.unknown_key == ["No-Such-Key"]


@pytest.mark.parametrize("key,value,status", [
    ("Station-MaxCurrent", "20", "Accepted"),
    ("Station-MaxCurrent", "twenty", "Rejected"),
    ("SCN-NetworkName", "lower", "Rejected"),
    ("UnlockedFeatures", "255", "Rejected"),
    ("SCN-AlternatingPeriod", "1200", "Accepted"),
    ("SCN-SocketSafeCurrent", "8", "Accepted"),
    ("Made-Up-Key", "1", "NotSupported"),
])
def test_change_configuration_answers(site, key, value, status):
    central, _, _ = site
    assert central.call("ACE0100203", call.ChangeConfiguration(key=key, value=value)).status == status


def test_reset_reboots_and_unlocks_with_the_demo_key(site):
    central, simulation, _ = site
    station = "ACE0100201"
    assert central.call(station, call.ChangeConfiguration(key="SCN-NetworkName", value="DEMO1")).status == "RebootRequired"
    key = demo_licence_key(simulation.station(station)["objectNumber"], 0x5)
    assert central.call(station, call.ChangeConfiguration(key="FeatureLicenseKey", value=key)).status == "RebootRequired"
    assert central.call(station, call.Reset(type=ResetType.soft)).status == "Accepted"
    (identity, vendor, model, firmware), = central.wait_boots(1)
    assert (identity, vendor, model) == (station, "Alfen BV", "NG910-60023")
    after = central.call(station, call.GetConfiguration(key=["UnlockedFeatures", "SCN-NetworkName"]))
    values = {entry["key"]: entry["value"] for entry in after.configuration_key}
    assert values == {"UnlockedFeatures": "5", "SCN-NetworkName": "DEMO1"}
    modbus = ModbusTcpClient("127.0.0.1", port=simulation.station(station)["modbusPort"])
    assert modbus.connect()
    assert text(modbus.read_holding_registers(1400, count=4, device_id=200).registers) == "DEMO1"
    modbus.close()
    assert key not in "".join(simulation.stderr), "the licence key is never logged"


def test_a_key_for_another_station_unlocks_nothing(site):
    central, simulation, _ = site
    station = "ACE0100202"
    wrong = demo_licence_key(simulation.station("ACE0100203")["objectNumber"], 0x5)
    assert central.call(station, call.ChangeConfiguration(key="FeatureLicenseKey", value=wrong)).status == "RebootRequired"
    assert central.call(station, call.Reset(type=ResetType.hard)).status == "Accepted"
    assert central.wait_boots(1)[0][0] == station
    after = central.call(station, call.GetConfiguration(key=["UnlockedFeatures"]))
    assert after.configuration_key[0]["value"] == "0"


def test_pymodbus_reads_the_station_registers(site):
    _, simulation, _ = site
    client = ModbusTcpClient("127.0.0.1", port=simulation.station("ACE0100204")["modbusPort"])
    assert client.connect()
    identity = client.read_holding_registers(100, count=79, device_id=200).registers
    assert text(identity[0:17]) == "ACE0100204"
    assert text(identity[17:22]) == "Alfen NV"
    assert client.read_holding_registers(1105, count=1, device_id=200).registers == [2]
    for unit in (1, 2):
        meter = client.read_holding_registers(300, count=122, device_id=unit)
        assert not meter.isError()
        assert float32(meter.registers[6:8]) == 230.0
        status = client.read_holding_registers(1200, count=16, device_id=unit).registers
        assert status[0] == 1
        assert text(status[1:6]) in {"A", "B1", "B2", "C2"}
    client.close()


def test_pymodbus_writes_a_setpoint_that_counts_down(site):
    _, simulation, _ = site
    client = ModbusTcpClient("127.0.0.1", port=simulation.station("ACE0100203")["modbusPort"])
    assert client.connect()
    value = list(struct.unpack(">HH", struct.pack(">f", 10.0)))
    assert not client.write_registers(1210, value, device_id=1).isError()
    status = client.read_holding_registers(1206, count=9, device_id=1).registers
    assert float32(status[4:6]) == 10.0
    remaining = (status[2] << 16) | status[3]
    assert 0 < remaining <= 60
    assert float32(status[0:2]) <= 10.0
    client.close()


def test_pymodbus_reads_the_meter(site):
    _, simulation, _ = site
    meter = simulation.document["meter"]
    assert meter["preset"] == "socomec-countis-e27"
    client = ModbusTcpClient("127.0.0.1", port=meter["port"])
    assert client.connect()
    assert client.read_holding_registers(0xC350, count=4, device_id=meter["unit"]).registers == [0x53, 0x4F, 0x43, 0x4F]
    block = client.read_holding_registers(0xC558, count=14, device_id=meter["unit"]).registers
    volts = [(block[i] << 16 | block[i + 1]) / 100 for i in (0, 2, 4)]
    amps = [(block[i] << 16 | block[i + 1]) / 1000 for i in (8, 10, 12)]
    assert volts == [230.0, 230.0, 230.0]
    # The scenario's building load (8/6/5 A at first) plus the EVs: the meter includes the chargers.
    assert amps[0] >= 8.0 and amps[1] >= 6.0 and amps[2] >= 5.0
    client.close()


def test_zeroconf_finds_the_virtual_stations(mdns_link, chargectl):
    a, b = mdns_link.a, mdns_link.b
    process = Background(a.chargectl("simulate", SITE, "--scenario", SCENARIO, "--mdns-interface", a.interface,
                                     "--ocpp-url", "ws://127.0.0.1:9/ocpp"), "mDNS: advertising", stream="stderr")
    try:
        status, out, err, _ = run(b.peer("browse", b.address, "4", "8"), timeout=40)
        assert status == 0, err
        services = {s["properties"]["identity"]: s for s in json.loads(out)["services"]}
        assert sorted(services) == IDS
        double = services["ACE0100204"]
        assert double["name"] == "ACE0100204._alfen._tcp.local."
        assert double["server"] == "eve-dual-100204.local."
        assert double["addresses"] == [a.address]
        assert double["properties"] == {"identity": "ACE0100204", "scnnetwork": "", "type": "2.1.1",
                                        "fwversion": "6.4.0-4210", "euaenabled": "0", "euaconfigured": "0"}
        assert services["ACE0100201"]["server"] == "ng910-60023-100201.local."
    finally:
        assert process.stop() == 0


def renamed_demo(folder):
    """The demo site and scenario with station ids no other site on `lo` has: another virtual demo may be advertising
    the demo's own ids there (issue 14), and mDNS would then answer for both under one instance name."""
    suffix = f"{random.randrange(10**4):04d}"
    ids = {old: f"ACE9{suffix}{old[-2:]}" for old in IDS}
    paths = []
    for source, name in ((SITE, "site.yaml"), (SCENARIO, "site.scenario.yaml")):
        text = pathlib.Path(source).read_text()
        for old, new in ids.items():
            text = text.replace(old, new)
        (folder / name).write_text(text)
        paths.append(str(folder / name))
    return paths, [ids[old] for old in IDS]


def test_advertisement_follows_the_scn_name_after_a_reboot(chargectl, tmp_path):
    """On loopback: the Python central system names the SCN and resets; zeroconf then sees the new scnnetwork."""
    from conftest import _loopback_multicast_works
    from mdns_link import Side
    if not _loopback_multicast_works():
        pytest.skip("multicast on lo is not available here")
    (site, scenario), ids = renamed_demo(tmp_path)
    central = VirtualCentral()
    simulation = Simulation(chargectl, central.port, "--mdns-interface", "lo", site=site, scenario=scenario)
    try:
        central.wait_boots(len(ids))
        station = ids[2]
        assert central.call(station, call.ChangeConfiguration(key="SCN-NetworkName", value="LOOP7")).status == "RebootRequired"
        assert central.call(station, call.Reset(type=ResetType.soft)).status == "Accepted"
        assert central.wait_boots(1)[0][0] == station
        loopback = Side()
        # Only this site's stations: another site may advertise on lo beside it (issue 14).
        status, out, err, _ = run(loopback.peer("browse", loopback.address, "4", "8", "--only", ",".join(ids)),
                                  timeout=40)
        assert status == 0, err
        services = {s["properties"]["identity"]: s for s in json.loads(out)["services"]}
        assert services[station]["properties"]["scnnetwork"] == "LOOP7"
        assert services[ids[0]]["properties"]["scnnetwork"] == ""
    finally:
        assert simulation.stop() == 0
        central.close()
