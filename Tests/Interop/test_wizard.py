"""`chargectl wizard` in a real pseudo-terminal (issue 18), driven with pexpect against `chargectl simulate`: GNU
readline's Tab completion of a station id and a preset, a bad answer asked again with its code, `back`, Ctrl-C
that cancels with nothing written to any station, and a full session that commissions the virtual site.
Loopback only; the stations' ids carry a random suffix so another virtual site on `lo` cannot be mistaken for them."""
import json
import os
import random
import socket

import pexpect
import pytest

from conftest import Background, run

SUFFIX = f"{random.randrange(10**5):05d}"
IDS = [f"WZ{SUFFIX}01", f"WZ{SUFFIX}02"]
SITE = f"""site: Wizard test
installation: {{ phases: 3, maxCurrent: 40 }}
scn: {{ name: OLD{SUFFIX[:2]}, socketSafeCurrent: 6, alternatingPeriod: 900 }}
stations:
  - {{ id: {IDS[0]}, host: 127.0.0.1, model: NG910-60023, maxCurrent: 32, sockets: [{{ maxCurrent: 32 }}] }}
  - {{ id: {IDS[1]}, host: 127.0.0.1, model: NG910-60023, maxCurrent: 32, sockets: [{{ maxCurrent: 32 }}] }}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def virtual_site(chargectl, tmp_path_factory):
    folder = tmp_path_factory.mktemp("wizard")
    (folder / "simulated.yaml").write_text(SITE)
    port = free_port()
    simulation = Background([chargectl, "simulate", str(folder / "simulated.yaml"), "--json", "--reboot-time", "0.5",
                             "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp", "--mdns-interface", "lo",
                             "--unlocked-features", "5", "--no-https"], '"ok"', stream="stdout", wait=60)
    try:
        yield folder, port
    finally:
        simulation.stop()


def wizard(chargectl, folder, port):
    environment = dict(os.environ, TERM="dumb", XDG_STATE_HOME=str(folder / "state"), NO_COLOR="1")
    return pexpect.spawn(chargectl, ["wizard", "--interface", "lo", "--timeout", "2", "--listen", f"127.0.0.1:{port}",
                                     "--wait", "60"],
                         cwd=str(folder), env=environment, encoding="utf-8", timeout=30, dimensions=(50, 200))


def scn_name(chargectl, station, port):
    status, out, err, _ = run([chargectl, "config", "get", station, "SCN-NetworkName", "--listen",
                               f"127.0.0.1:{port}", "--wait", "30", "--json"], timeout=60)
    assert status == 0, err
    return {entry["key"]: entry["value"] for entry in json.loads(out)["keys"]}["SCN-NetworkName"]


def answer(session, prompt, text):
    session.expect_exact(prompt)
    session.send(text + "\r")


def test_ctrl_c_cancels_with_nothing_written(chargectl, virtual_site):
    folder, port = virtual_site
    before = [scn_name(chargectl, station, port) for station in IDS]
    session = wizard(chargectl, folder, port)
    answer(session, "Stations to commission", ",".join(IDS))
    answer(session, "Station link", "")
    session.expect_exact("Site name")
    session.sendintr()
    session.expect_exact("Cancelled: no site file was written and nothing was sent to any station")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 130
    assert not (folder / "site.yaml").exists()
    assert [scn_name(chargectl, station, port) for station in IDS] == before, "the stations' configuration is unchanged"


def test_a_full_session_commissions_the_virtual_site(chargectl, virtual_site):
    folder, port = virtual_site
    session = wizard(chargectl, folder, port)
    session.expect_exact(IDS[1], timeout=30)  # the discovery table lists the site's stations
    session.expect_exact("Stations to commission")
    # Tab completes the common prefix of the two discovered ids (no one else has this random suffix).
    session.send(f"WZ{SUFFIX[:3]}\t")
    session.expect_exact(f"WZ{SUFFIX}0")
    session.send(f"1,{IDS[1]}\r")
    answer(session, "Station link", "")
    answer(session, "Site name", "Wizard test")
    answer(session, "Phases at the point of interconnection", "")
    answer(session, "Current available to the chargers in total", "lots")
    session.expect_exact("[file.type]")  # asked again at once, with the site file's own code
    answer(session, "Current available to the chargers in total", "40")
    for station in IDS:
        answer(session, f"{station}: a name", "")
        answer(session, f"{station}: station maximum current", "")
        answer(session, f"{station}: number of sockets", "")
        answer(session, f"{station} socket 1: maximum current", "")
        answer(session, f"{station} socket 1: phase mapping", "")
    answer(session, "SCN name", "back")
    session.expect_exact(f"(back to station.{IDS[1]}.socket1.phaseMapping)")
    answer(session, f"{IDS[1]} socket 1: phase mapping", "")
    answer(session, "SCN name", f"NEW{SUFFIX[:2]}")
    answer(session, "Socket safe current", "")
    answer(session, "Alternating period", "")
    answer(session, "Total safe current", "")
    answer(session, "Active Load Balancing data source", "modbus-tcp")
    answer(session, "Station that hosts the meter", "")
    answer(session, "Meter maximum current", "50")
    answer(session, "ALB safe current", "10")
    answer(session, "Does the meter measure the chargers too", "")
    answer(session, "Grid phases on the ALB station's feeder", "")
    answer(session, "Meter IPv4 address", "127.0.0.1")
    answer(session, "Meter Modbus port", "")
    answer(session, "Meter Modbus unit id", "5")
    session.expect_exact("Meter model (preset)")
    session.send("socomec-c\t")
    session.expect_exact("socomec-countis-e27")
    session.send("\r")
    # Nothing listens on 127.0.0.1:502: the meter test fails and the wizard asks whether to keep the settings.
    answer(session, "The meter test failed: keep these meter settings anyway", "yes")
    session.expect_exact("The plan (ocpp)")
    answer(session, "Write the site file to", "")
    answer(session, "Apply it to the stations now", "yes")
    answer(session, "Write the commissioning report to", "")
    session.expect(pexpect.EOF, timeout=180)
    session.close()
    assert session.exitstatus == 0, session.before
    written = (folder / "site.yaml").read_text()
    assert f"name: NEW{SUFFIX[:2]}" in written
    for station in IDS:
        assert scn_name(chargectl, station, port) == f"NEW{SUFFIX[:2]}"
