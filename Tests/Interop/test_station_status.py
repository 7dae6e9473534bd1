"""`chargectl station status` against a pymodbus server holding the Alfen station map (alfen-station.md §1)."""
import json
import subprocess

from modbus_peers import float32, serve, text, uint32


def station(sockets):
    hr = {100: text("ALF_1000", 17), 117: text("Alfen NV", 5), 122: [1], 123: text("6.4.0-4210", 17),
          140: text("NG910", 17), 157: text("ACE0123456", 11),
          1100: float32(32.0) + float32(41.5) + [1, sockets],
          1400: text("PLAZA1", 4) + [2 * sockets] + float32(12.0) + float32(3.0) + float32(0.0)
          + float32(20.0) + float32(20.0) + float32(20.0)}
    units = {200: {"hr": hr, "hr_fill": [(100, 79), (1100, 6), (1400, 32)]}}
    for unit in range(1, sockets + 1):
        meter = {306: float32(230.0) + float32(231.0) + float32(229.0), 320: float32(16.0) * 3, 344: float32(11040.0)}
        status = {1200: [1] + text("C2", 5) + float32(16.0) + uint32(45) + float32(16.0) + float32(6.0) + [1, 3]}
        units[unit] = {"hr": {**status, **meter}, "hr_fill": [(306, 40), (1200, 16)]}
    return units


def status(chargectl, port):
    result = subprocess.run([chargectl, "station", "status", f"127.0.0.1:{port}", "--json", "--timeout", "2"],
                            capture_output=True, text=True, timeout=30)
    return result.returncode, json.loads(result.stdout)


def test_two_socket_station(chargectl):
    code, document = status(chargectl, serve(station(2)))
    assert code == 0
    assert document["station"]["name"] == "ALF_1000"
    assert document["station"]["firmware"] == "6.4.0-4210"
    assert document["station"]["platform"] == "NG910"
    assert document["station"]["serial"] == "ACE0123456"
    assert document["station"]["activeMaxCurrent"] == 32
    assert document["scn"] == {"name": "PLAZA1", "sockets": 4, "consumption": {"L1": 12, "L2": 3, "L3": 0},
                               "maxCurrent": {"L1": 20, "L2": 20, "L3": 20}}
    assert [s["unit"] for s in document["sockets"]] == [1, 2]
    socket = document["sockets"][0]
    assert socket["mode3"] == "C2" and socket["availability"] == "operative"
    assert socket["validityRemaining"] == 45 and socket["setpoint"] == 16
    assert socket["current"] == {"L1": 16, "L2": 16, "L3": 16}
    assert socket["power"] == 11040


def test_single_socket_station_asks_unit_1_only(chargectl):
    # pymodbus answers an unknown unit with exception 0x04, so asking unit 2 would fail the command.
    code, document = status(chargectl, serve(station(1)))
    assert code == 0
    assert [s["unit"] for s in document["sockets"]] == [1]
