"""Interop: Python `ocpp` 2.1.0 charge points (websockets 17.4) being commissioned live by chargectl: SCN create in
parallel, RebootRequired → Reset → reconnect → read back, rollback on NotSupported, resume after a dropped
connection, unlock. Loopback only; the state directory is a fresh temporary folder per test."""
import asyncio
import json
import pathlib

from ocpp_harness import Chargectl
from ocpp_station import StationState, serve_station

LICENCE = "1a2b3c4d5e6f7a8b9c0d1e2f"
BASE = {
    "Station-MaxCurrent": "16", "Connector1-MaxCurrent": "16", "SCN-IsEnabled": "False", "SCN-NetworkName": "",
    "SCN-SocketID": "0", "SCN-SocketCount": "1", "SCN-TotalStaticCurrent": "0", "SCN-SocketSafeCurrent": "6",
    "SCN-AlternatingPeriod": "900", "SCN-PhaseMapping-1": "1", "SCN-PhaseMapping-2": "0",
    "AuthorizationKey": "0123456789abcdef", "UnlockedFeatures": "5", "HeartbeatInterval": "300",
}
# A factory-fresh station: no feature licensed, so SCN and ALB settings are refused until it is unlocked.
FRESH = dict(BASE, **{"UnlockedFeatures": "0"})
LIVE = ["--listen", "127.0.0.1:0", "--wait", "20", "--json"]


def run(args, stations, tmp_path, extra_env=None):
    """chargectl with `args`, the stations served until it is done; returns (status, document, stderr)."""
    env = {"XDG_STATE_HOME": str(tmp_path), **(extra_env or {})}
    chargectl = Chargectl(*args, env=env)
    port = chargectl.port()

    async def serve():
        await asyncio.gather(*(serve_station(port, station) for station in stations))

    asyncio.run(serve())
    status, stdout, stderr = chargectl.finish()
    return status, json.loads(stdout), stderr


def test_scn_of_three_created_in_parallel_with_reboot_required(tmp_path):
    stations = [StationState(f"CP{i}", BASE) for i in (1, 2, 3)]
    stations[1].answers["SCN-SocketCount"] = "RebootRequired"
    status, document, stderr = run(["scn", "create", "--name", "TRIO", "--total-current", "32", "--phases", "1",
                                    "--station", "CP1", "--station", "CP2", "--station", "CP3", *LIVE], stations, tmp_path)
    assert status == 0, stderr
    assert document["ok"] is True
    assert [s["status"] for s in document["stations"]] == ["applied"] * 3
    assert [s.values["SCN-SocketID"] for s in stations] == ["0", "1", "2"]
    assert all(s.values["SCN-SocketCount"] == "3" and s.values["SCN-NetworkName"] == "TRIO" for s in stations)
    assert all(s.resets == ["Soft"] and s.boots == 2 for s in stations), "one Reset each, then the new connection's boot"
    assert "CP2: SCN-SocketCount 1 → 3 RebootRequired" in stderr
    assert "SCN-SocketID" not in [k for k, _ in stations[0].writes], "CP1 already had socket id 0: not written"
    for station in document["stations"]:
        backup = pathlib.Path(station["backup"])
        assert backup.is_relative_to(tmp_path / "chargectl" / "backups")
        assert "0123456789abcdef" not in backup.read_text()
    journals = list((tmp_path / "chargectl" / "runs").glob("*/journal.jsonl"))
    assert len(journals) == 1 and "0123456789abcdef" not in journals[0].read_text()


def test_a_not_supported_key_mid_plan_rolls_back_and_exits_4(tmp_path):
    station = StationState("CP1", BASE, answers={"SCN-NetworkName": "NotSupported"})
    status, document, stderr = run(["config", "set", "CP1", "Station-MaxCurrent=32", "SCN-IsEnabled=True",
                                    "SCN-NetworkName=TRIO", "SCN-SocketCount=3", *LIVE], [station], tmp_path)
    assert status == 4, stderr
    result = document["stations"][0]
    assert result["status"] == "rolled-back" and result["error"]["code"] == "station.refused"
    assert [c["status"] for c in result["changes"]] == ["restored", "restored", "not-supported", "not-sent"]
    assert station.values["Station-MaxCurrent"] == "16" and station.values["SCN-IsEnabled"] == "False"
    assert [k for k, _ in station.writes] == ["Station-MaxCurrent", "SCN-IsEnabled", "SCN-NetworkName", "SCN-IsEnabled",
                                              "Station-MaxCurrent"]


def test_a_dropped_connection_is_resumed_without_writing_twice(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text("""
installation: { phases: 1, maxCurrent: 20 }
scn: { name: DUO, socketSafeCurrent: 6, alternatingPeriod: 900 }
stations:
  - { id: CP1, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
  - { id: CP2, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
""")
    first, second = StationState("CP1", BASE), StationState("CP2", BASE, drop_after=3)
    status, document, stderr = run(["apply", str(site), *LIVE], [first, second], tmp_path)
    assert status == 3, stderr
    assert [s["status"] for s in document["stations"]] == ["applied", "failed"]
    assert document["stations"][1]["error"]["code"] == "station.connection-lost"
    run_id = document["run"]
    written = list(second.writes)
    assert len(written) == 3

    second.drop_after, second.dropped = None, False
    status, document, stderr = run(["apply", "--resume", run_id, *LIVE], [second], tmp_path)
    assert status == 0, stderr
    assert [s["status"] for s in document["stations"]] == ["applied", "applied"]
    keys = [k for k, _ in second.writes]
    assert second.writes[:3] == written and len(set(keys)) == len(keys), f"written twice: {keys}"
    assert second.values["SCN-SocketCount"] == "2" and second.values["SCN-SocketID"] == "1"
    assert first.resets == ["Soft"] and second.resets == ["Soft"]


def test_unlock_confirms_the_features_reported_after_the_reboot(tmp_path):
    station = StationState("CP1", FRESH, features_after_licence="5")
    status, document, stderr = run(["unlock", "CP1", "--license-key-env", "KEY", "--expect", "alb", *LIVE], [station],
                                   tmp_path, {"KEY": LICENCE})
    assert status == 0, stderr
    assert document["stations"][0]["status"] == "applied"
    assert station.writes == [("FeatureLicenseKey", "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F")]
    assert station.resets == ["Soft"] and station.boots == 2
    text = json.dumps(document) + stderr + "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert "1A2B" not in text.upper() and "0123456789abcdef" not in text

    refused = StationState("CP1", FRESH, features_after_licence="1")
    status, document, stderr = run(["unlock", "CP1", "--license-key-env", "KEY", "--expect", "alb", *LIVE], [refused],
                                   tmp_path, {"KEY": LICENCE})
    assert status == 4, stderr
    assert "lacks alb" in document["error"]["message"]


def test_scn_add_reads_the_members_from_their_connections(tmp_path):
    members = []
    for index in (0, 1):
        values = dict(BASE, **{"SCN-IsEnabled": "True", "SCN-NetworkName": "DUO", "SCN-SocketID": str(index),
                              "SCN-SocketCount": "2", "SCN-TotalStaticCurrent": "32", "SCN-PhaseMapping-1": "1"})
        members.append(StationState(f"CP{index + 1}", values))
    newcomer = StationState("CP3", BASE)
    status, document, stderr = run(["scn", "add", "--name", "DUO", "--station", "CP3", "--member", "CP1", "--member", "CP2",
                                    *LIVE], [*members, newcomer], tmp_path)
    assert status == 0, stderr
    assert [s["status"] for s in document["stations"]] == ["applied"] * 3
    assert [s.values["SCN-SocketCount"] for s in (*members, newcomer)] == ["3", "3", "3"]
    assert newcomer.values["SCN-SocketID"] == "2" and newcomer.values["SCN-NetworkName"] == "DUO"
    assert all(s.resets == ["Soft"] for s in (*members, newcomer))
