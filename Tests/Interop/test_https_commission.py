"""Our HTTPS link commissions a `chargectl simulate` site end to end (issue 15 "Done when"): `apply --via https`
unlocks both stations with their licence keys (each reboots by itself), sets ALB on a Modbus TCP meter that is no
Socomec and not on port 502 (the preset's register map), SCN with a total safe current; then `config get --via
https` of every changed setting reads the value the run wrote, and the PyPI client `alfen-cli` (an independent
implementation of the API) reads the same; a second apply changes nothing. Loopback only: each station on its own
127.0.4.x address, ephemeral ports, every wait bounded."""
import json
import os
import subprocess

import pytest
from alfen_cli.client import Alfen

from conftest import simulation
from virtual_central import demo_licence_key

HOSTS = {"ACE0104031": "127.0.4.31", "ACE0104032": "127.0.4.32"}
PASSWORD = "interop-commission-pw"


def site_yaml(ports, secrets):
    stations = "".join(f"""
  - id: {identity}
    host: {host}:{ports.get(identity, 0)}
    model: NG910-60023
    maxCurrent: 32
    httpsPassword: {{file: {secrets / "password"}}}
    licenseKey: {{file: {secrets / identity}}}
    sockets:
      - maxCurrent: 32
""" for identity, host in HOSTS.items())
    return f"""site: HTTPS commissioning interop
installation:
  phases: 3
  maxCurrent: 40
scn:
  name: WIRE1
  totalSafeCurrent: 24
alb:
  source: modbus-tcp
  maxCurrent: 40
  safeCurrent: 10
  meter: {{host: 127.0.0.1, port: 1502, unit: 3, preset: siemens-pac2200}}
stations:{stations}"""


@pytest.fixture(scope="module")
def site(chargectl, tmp_path_factory):
    directory = tmp_path_factory.mktemp("commission")
    environment = {**os.environ, "XDG_STATE_HOME": str(directory / "state")}
    (directory / "password").write_text(PASSWORD + "\n")
    for identity in HOSTS:
        (directory / identity).write_text(demo_licence_key(int(identity[3:]), 0x5) + "\n")
    draft = directory / "draft.yaml"
    draft.write_text(site_yaml({}, directory))
    with simulation(chargectl, draft, clean_exit=False) as document:
        ports = {entry["identity"]: entry["httpsPort"] for entry in document["stations"]}
        path = directory / "site.yaml"
        path.write_text(site_yaml(ports, directory))
        yield {"path": str(path), "ports": ports, "env": environment}


def run(chargectl, site, *arguments):
    result = subprocess.run([chargectl, *arguments], capture_output=True, text=True, timeout=120, env=site["env"])
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def same(value, target):
    """Numbers as numbers (`32` and `32.00`), everything else as text."""
    try:
        return float(value) == float(target)
    except (TypeError, ValueError):
        return value == target


def alfen(site, identity):
    client = Alfen(f"{HOSTS[identity]}:{site['ports'][identity]}", password=PASSWORD, timeout=5, displayname="interop")
    client.session.trust_env = False
    return client


def test_apply_over_https_then_every_changed_setting_reads_back(chargectl, site):
    result, document = run(chargectl, site, "apply", site["path"], "--via", "https", "--yes", "--wait", "30", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [station["status"] for station in document["stations"]] == ["applied", "applied"]

    for station in document["stations"]:
        written = {change["key"]: change["to"] for change in station["changes"] if change["status"] == "applied" and change["to"] != "***"}
        assert written, station
        result, got = run(chargectl, site, "config", "get", station["id"], "--site", site["path"], "--via", "https", "--json", *written)
        assert result.returncode == 0, result.stderr
        assert got["station"] == station["id"] and got["unknown"] == []
        values = {key["key"]: key["value"] for key in got["keys"]}
        with alfen(site, station["id"]) as client:
            independent = {p.id: p.value for p in client.properties(ids=list(written))}
        for key, target in written.items():
            if key == "2064_0":
                assert int(values[key]) & 2, "active load balancing is bit 1 of 2064_0"
            else:
                assert same(values[key], target), f"{station['id']} {key}: {values[key]!r} != {target!r}"
            assert same(str(independent[key]), values[key]), f"alfen-cli reads {key} as {independent[key]!r}"
        if station["id"] == "ACE0104031":
            # The SPEC §3 table as the station holds it: a custom map on port 1502, Modbus TCP.
            assert values["2523_2"] == "2" and values["2523_5"] == "1502" and values["5217_0"] == "4"
            assert {"2570_1", "2571_1", "2574_3"} <= written.keys()
        assert values["2180_A"] == "24" and values["2180_1"] == "WIRE1"


def test_a_second_apply_changes_nothing(chargectl, site):
    result, document = run(chargectl, site, "apply", site["path"], "--via", "https", "--yes", "--wait", "30", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    for station in document["stations"]:
        assert station["status"] == "unchanged", station
        assert all(change["status"] == "unchanged" for change in station["changes"]), station
