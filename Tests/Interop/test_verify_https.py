"""`chargectl verify --via https` against a simulated station's local HTTPS API (SPEC §3, §8): before `apply` its
settings differ from the plan (exit 1, every difference named); after `apply --via https` the site passes (exit
0). The station's Modbus server is read too. Loopback only: the station's HTTPS API on its own 127.0.4.x address."""
import json
import os
import subprocess

import pytest

from conftest import simulation

HOST = "127.0.4.31"
IDENTITY = "ACE0104031"
PASSWORD = "verify-https-pw"

SITE = f"""site: HTTPS verify
installation:
  phases: 3
  maxCurrent: 40
stations:
  - id: {IDENTITY}
    host: {HOST}:0
    model: NG910-60023
    maxCurrent: 20
    httpsPassword: {{file: PASSWORD_FILE}}
    sockets:
      - maxCurrent: 16
"""


@pytest.fixture(scope="module")
def station(chargectl, tmp_path_factory):
    directory = tmp_path_factory.mktemp("verify-https")
    (directory / "password").write_text(PASSWORD + "\n")
    site = directory / "site.yaml"
    site.write_text(SITE.replace("PASSWORD_FILE", str(directory / "password")))
    with simulation(chargectl, site) as document:
        entry = document["stations"][0]
        yield str(site), f"{HOST}:{entry['httpsPort']}", f"127.0.0.1:{entry['modbusPort']}", str(directory)


def chargectl_run(chargectl, state, *arguments):
    return subprocess.run([chargectl, *arguments], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, XDG_STATE_HOME=state))


def test_verify_over_https_before_and_after_apply(chargectl, station):
    site, https, modbus, state = station
    reach = ["--via", "https", "--host", https, "--modbus", f"{IDENTITY}={modbus}", "--mdns-timeout", "0", "--json"]
    before = chargectl_run(chargectl, state, "verify", site, *reach)
    assert before.returncode == 1, before.stderr
    document = json.loads(before.stdout)
    differs = [f["message"] for f in document["findings"] if f["code"] == "verify.setting.differs" and f["severity"] == "fail"]
    assert any("2062_0" in message and "20 A" in message for message in differs), differs
    assert document["stations"][0]["link"] == "https" and document["stations"][0]["reached"] is True
    assert document["stations"][0]["modbus"] == {"answered": True}
    assert document["readings"]["sockets"], "the station's Modbus server was read"
    assert PASSWORD not in before.stdout + before.stderr

    applied = chargectl_run(chargectl, state, "apply", site, "--via", "https", "--host", https, "--yes", "--json")
    assert applied.returncode == 0, applied.stderr

    after = chargectl_run(chargectl, state, "verify", site, *reach)
    assert after.returncode == 0, after.stdout + after.stderr
    document = json.loads(after.stdout)
    assert document["ok"] is True
    assert document["stations"][0]["settings"]["2062_0"] in ("20", "20.0", "20.00")
    assert PASSWORD not in after.stdout + after.stderr
