"""A `chargectl simulate` station's local HTTPS API against an independent client: the PyPI package `alfen-cli`
(a client of the API that the vendor installer and web UI use) logs in, reads properties by category and by id
(licence and SCN properties are only readable by id), writes, installs a licence key (the station reboots by
itself) and logs out; a second client is turned away while the first holds the session. Loopback only: each
station on its own 127.0.4.x address, ephemeral ports, every wait bounded."""
import json
import os
import subprocess
import time

import pytest
import requests
from alfen_cli.client import Alfen, AlfenError

from conftest import simulation
from virtual_central import demo_licence_key

HOST = "127.0.4.21"
IDENTITY = "ACE0104021"
PASSWORD = "interop-https-pw"

SITE = f"""site: HTTPS interop
installation:
  phases: 3
  maxCurrent: 40
stations:
  - id: {IDENTITY}
    host: {HOST}:0
    model: NG910-60023
    maxCurrent: 32
    httpsPassword: {{file: PASSWORD_FILE}}
    sockets:
      - maxCurrent: 32
"""


@pytest.fixture(scope="module")
def station(chargectl, tmp_path_factory):
    directory = tmp_path_factory.mktemp("https")
    (directory / "password").write_text(PASSWORD + "\n")
    site = directory / "site.yaml"
    site.write_text(SITE.replace("PASSWORD_FILE", str(directory / "password")))
    with simulation(chargectl, site) as document:
        entry = document["stations"][0]
        assert entry["host"] == HOST
        yield f"{HOST}:{entry['httpsPort']}"


def client(address, password=PASSWORD):
    alfen = Alfen(address, password=password, timeout=5, displayname="interop")
    # requests lets REQUESTS_CA_BUNDLE (set on some machines) override alfen-cli's verify=False; loopback needs no
    # proxy or CA settings from the environment.
    alfen.session.trust_env = False
    return alfen


def wait_for_info(address, seconds=15):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return client(address).info()
        except (requests.RequestException, AlfenError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def values(properties):
    return {p.id: p.value for p in properties}


def test_login_read_write_licence_and_logout(station):
    info = client(station).info()
    assert info == {"Identity": IDENTITY, "FWVersion": info["FWVersion"], "Model": "NG910-60023",
                    "ObjectId": "104021", "Type": "1.0.1"}
    with client(station) as alfen:
        assert "generic" in alfen.categories()
        generic = values(alfen.properties(category="generic"))
        assert len(generic) > 16, "more than one page: alfen-cli pages on offset until total"
        assert generic["2062_0"] == 32 and generic["2053_0"] == IDENTITY
        assert "21A2_0" not in generic and "2180_1" not in generic
        assert values(alfen.properties(category="meter4")).keys() >= {"5221_3", "5221_A", "5221_13"}

        alfen.set_properties({"2062_0": 16})
        assert values(alfen.properties(ids=["2062_0"])) == {"2062_0": 16}
        # Load balancing is not licensed yet: the write is answered 200 and not kept.
        alfen.set_properties({"2064_0": 3})
        assert values(alfen.properties(ids=["2064_0"])) == {"2064_0": 0}

        by_id = values(alfen.properties(ids=["21A1_0", "21A2_0", "2180_1", "2180_2", "2180_3", "2180_A"]))
        assert by_id == {"21A1_0": "", "21A2_0": 0, "2180_1": "", "2180_2": 0, "2180_3": 1, "2180_A": 32}
        alfen.set_properties({"21A1_0": demo_licence_key(104021, 0x5)})
    # The station reboots by itself to install the key, and comes back with the features.
    time.sleep(0.2)
    wait_for_info(station)
    with client(station) as alfen:
        assert values(alfen.properties(ids=["21A2_0"])) == {"21A2_0": 5}
        alfen.set_properties({"2064_0": 3, "2180_1": "PLAZA1"})
        assert values(alfen.properties(ids=["2064_0", "2180_1"])) == {"2064_0": 3, "2180_1": "PLAZA1"}
        assert values(alfen.properties(ids=["2062_0"])) == {"2062_0": 16}, "kept across the reboot"


def test_a_second_client_is_turned_away_while_a_session_lasts(station):
    first = client(station)
    first.login()
    try:
        second = client(station)
        # Real stations drop the other connection at its TLS ClientHello ("Connection reset by peer").
        with pytest.raises(requests.exceptions.ConnectionError):
            second.login()
        with pytest.raises(requests.exceptions.ConnectionError):
            second.info()
        assert values(first.properties(ids=["2053_0"])) == {"2053_0": IDENTITY}
    finally:
        first.logout()
    second = client(station)
    second.login()
    assert values(second.properties(ids=["2053_0"])) == {"2053_0": IDENTITY}
    second.logout()


def test_chargectl_says_another_session_is_active_and_writes_nothing(station, chargectl, tmp_path):
    password = tmp_path / "password"
    password.write_text(PASSWORD + "\n")
    holder = client(station)
    holder.login()
    try:
        result = subprocess.run(
            [chargectl, "alb", "configure", IDENTITY, "--source", "p1", "--max-current", "40", "--via", "https", "--host", station,
             "--https-password-file", str(password), "--accept-new-certificate", "--yes", "--wait", "10", "--json"],
            capture_output=True, text=True, timeout=60, env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")})
        assert result.returncode == 3, result.stderr
        document = json.loads(result.stdout)
        assert document["ok"] is False
        codes = [document.get("error", {}).get("code")] + [s.get("error", {}).get("code") for s in document.get("stations", []) if s.get("error")]
        assert "https.session-busy" in codes, result.stdout
        assert values(holder.properties(ids=["2067_0"])) != {"2067_0": 40}, "nothing written"
    finally:
        holder.logout()


def test_alfen_cli_and_chargectl_see_the_same_meter_through_the_station(station, chargectl, tmp_path):
    tested = ["5221_3", "5221_4", "5221_5", "5221_A", "5221_B", "5221_C", "5221_13", "5221_14", "5221_15"]
    with client(station) as alfen:
        listed = values(alfen.properties(category="meter4"))
        by_id = values(alfen.properties(ids=tested))
    assert by_id.keys() == set(tested) and listed.keys() >= set(tested) | {"5221_12", "5221_16"}
    password = tmp_path / "password"
    password.write_text(PASSWORD + "\n")
    result = subprocess.run(
        [chargectl, "meter", "test", "--station", station, "--https-password-file", str(password), "--json"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")})
    # This site has no load: every current is 0 A, a warning (exit 0) as in a direct meter test.
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    readings = document["readings"]
    assert readings["voltage"] == {"L1": by_id["5221_3"], "L2": by_id["5221_4"], "L3": by_id["5221_5"]}
    assert readings["current"] == {"L1": by_id["5221_A"], "L2": by_id["5221_B"], "L3": by_id["5221_C"]}
    assert readings["power"] == {"L1": by_id["5221_13"], "L2": by_id["5221_14"], "L3": by_id["5221_15"]}
    assert readings["frequency"] == listed["5221_12"] and readings["totalPower"] == listed["5221_16"]
    assert [f["code"] for f in document["findings"]] == ["meter.current.zero"]
    assert document["meter"]["via"] == "https" and document["meter"]["station"] == station
    # chargectl logged out: the next client gets the session.
    with client(station) as alfen:
        assert values(alfen.properties(ids=["2053_0"])) == {"2053_0": IDENTITY}


# Keep last: it locks the login out for the rest of the module.
def test_wrong_passwords_then_a_lockout(station):
    for _ in range(5):
        with pytest.raises(AlfenError, match="HTTP 401"):
            client(station, "wrong").login()
    with pytest.raises(AlfenError, match="HTTP 429") as locked:
        client(station).login()
    assert "lockout_remaining_seconds" in str(locked.value)
