"""`verify --live` killed with SIGKILL in the middle (SPEC §8, issue 17): the lowered `SmartMeter-MaxCurrent` stays
on the station, as the PyPI client `alfen-cli` reads it independently, and the journal keeps the promise; the next
`verify` restores it first, says so, and the station reads the original again. The binary against `chargectl
simulate` (an EV charging from the start, `--start-at` past its probing) over the HTTPS link; loopback only (the
station on 127.0.4.51, ephemeral ports), every wait bounded."""
import json
import os
import signal
import subprocess
import time

import pytest
from alfen_cli.client import Alfen

from conftest import simulation

HOST = "127.0.4.51"
IDENTITY = "ACE0104051"
PASSWORD = "verify-live-pw"
ORIGINAL = 40.0

SCENARIO = f"""duration: 2h
events:
  - at: 0s
    load: {{ L1: 8, L2: 6, L3: 5 }}
  - at: 0s
    connect: {{ socket: {IDENTITY}:1, phases: 3, minCurrent: 6, maxCurrent: 16 }}
"""


def site_yaml(port, secrets):
    return f"""site: Live kill interop
installation:
  phases: 3
  maxCurrent: 63
alb:
  source: modbus-tcp
  maxCurrent: {ORIGINAL:g}
  safeCurrent: 10
  includesChargers: true
  meter: {{host: 127.0.0.1, port: 502, unit: 5, preset: socomec-countis-e27}}
stations:
  - id: {IDENTITY}
    host: {HOST}:{port}
    model: NG910-60023
    maxCurrent: 32
    httpsPassword: {{file: {secrets / "password"}}}
    sockets:
      - maxCurrent: 32
"""


@pytest.fixture(scope="module")
def site(chargectl, tmp_path_factory):
    directory = tmp_path_factory.mktemp("verify-live")
    (directory / "password").write_text(PASSWORD + "\n")
    (directory / "draft.yaml").write_text(site_yaml(0, directory))
    (directory / "scenario.yaml").write_text(SCENARIO)
    with simulation(chargectl, directory / "draft.yaml", "--scenario", str(directory / "scenario.yaml"),
                    "--start-at", "120", "--unlocked-features", "0x5", clean_exit=False) as document:
        station = document["stations"][0]
        path = directory / "site.yaml"
        path.write_text(site_yaml(station["httpsPort"], directory))
        yield {"path": str(path), "https": station["httpsPort"], "modbus": station["modbusPort"], "meter": document["meter"]["port"],
               "state": directory / "state", "env": {**os.environ, "XDG_STATE_HOME": str(directory / "state")}}


def max_current(site):
    """SmartMeter-MaxCurrent (2067_0) as alfen-cli reads it."""
    client = Alfen(f"{HOST}:{site['https']}", password=PASSWORD, timeout=5, displayname="interop")
    client.session.trust_env = False
    with client:
        return float(next(p.value for p in client.properties(ids=["2067_0"])))


def verify_argv(chargectl, site, *extra):
    return [chargectl, "verify", site["path"], "--via", "https", "--modbus", f"{IDENTITY}=127.0.0.1:{site['modbus']}",
            "--meter", f"127.0.0.1:{site['meter']}", "--mdns-timeout", "0", "--json", *extra]


def test_a_killed_live_test_leaves_the_value_lowered_and_the_next_verify_restores_it(chargectl, site):
    applied = subprocess.run([chargectl, "apply", site["path"], "--via", "https", "--yes", "--json"], capture_output=True, text=True,
                             timeout=120, env=site["env"])
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert max_current(site) == ORIGINAL

    live = subprocess.Popen(verify_argv(chargectl, site, "--live", "--yes", "--settle", "60"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=site["env"])
    seen = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = live.stderr.readline()
            if not line:
                break
            seen.append(line)
            if "lowering SmartMeter-MaxCurrent" in line:
                break
        assert any("lowering SmartMeter-MaxCurrent" in line for line in seen), "".join(seen)
        # A sample or two after the write, well inside the 60 s settle time.
        for _ in range(2):
            seen.append(live.stderr.readline())
        live.send_signal(signal.SIGKILL)
        live.wait(timeout=10)
    finally:
        if live.poll() is None:
            live.kill()
    assert live.returncode == -signal.SIGKILL

    lowered = max_current(site)
    assert lowered < ORIGINAL, "the killed run had no chance to put the value back"
    journal = json.loads((site["state"] / "chargectl" / "pending-restore.json").read_text())
    assert [(r["station"], r["original"], r["lowered"]) for r in journal["pending"]] == [(IDENTITY, ORIGINAL, lowered)]

    after = subprocess.run(verify_argv(chargectl, site), capture_output=True, text=True, timeout=120, env=site["env"])
    assert f"restored SmartMeter-MaxCurrent on {IDENTITY} to 40 A from a verify --live run interrupted at" in after.stderr, after.stderr
    document = json.loads(after.stdout)
    restored = [f for f in document["findings"] if f["code"] == "verify.live.restored"]
    assert [f["severity"] for f in restored] == ["pass"], document["findings"]
    assert after.returncode == 0, [f for f in document["findings"] if f["severity"] == "fail"]
    assert max_current(site) == ORIGINAL
    assert json.loads((site["state"] / "chargectl" / "pending-restore.json").read_text())["pending"] == []
