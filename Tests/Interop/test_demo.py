"""`chargectl demo` as a newcomer runs it (`make demo`): the binary, a virtual site on loopback, the real commands.

The Swift end-to-end test drives the command in-process; this one runs the built binary and judges only what it
printed, so the shipped entry point, the exit code and the JSON contract (SPEC §7) are what is checked.
"""
import json
import os
import subprocess
import tempfile

from virtual_central import demo_licence_key

SCN_AND_ALB = 0x1 | 0x4


def run_demo(chargectl, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TMPDIR=tmp)
        result = subprocess.run([chargectl, "demo", "--reboot-time", "1", *extra], capture_output=True, text=True,
                                timeout=120, env=env)
        created = os.listdir(tmp)
        # The commissioning report `verify` wrote, read while the folder still exists.
        reports = [os.path.join(tmp, name, "verify-report.html") for name in created]
        report = next((open(path).read() for path in reports if os.path.exists(path)), None)
    return result, created, report


def test_demo_json_is_one_document_with_every_stage_passed(chargectl):
    result, created, report = run_demo(chargectl, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["ok"] is True
    assert [stage["title"].split()[0] for stage in document["stages"]] == [
        "discover", "test", "unlock", "configure", "create", "read", "read", "verify"]
    assert all(step["exitCode"] == 0 for stage in document["stages"] for step in stage["steps"])
    summary = document["summary"]
    assert (summary["stations"], summary["sockets"], summary["discovered"], summary["unlocked"]) == (4, 5, 4, 4)
    assert summary["settingsVerified"] == summary["settingsChecked"] > 20
    # The demo ends with `verify`, which wrote its report beside the demo's backups.
    assert summary["report"].endswith("/verify-report.html")
    assert report is not None and '<table id="findings">' in report and "Virtual demo" in report
    # The backups and journals of the virtual stations went to the temporary folder, not the user's state.
    assert any(name.startswith("chargectl-demo-") for name in created)
    # Licence keys computed independently of the Swift code never appear in anything the demo printed.
    for station in document["stations"]:
        key = demo_licence_key(station["objectNumber"], SCN_AND_ALB)
        assert key not in result.stdout and key not in result.stderr


def test_demo_text_shows_each_command_and_a_summary(chargectl):
    result, _, _ = run_demo(chargectl)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for command in ("$ chargectl discover", "$ chargectl meter test", "$ chargectl unlock ACE0100204",
                    "$ chargectl alb configure ACE0100201", "$ chargectl scn create", "$ chargectl config get",
                    "$ chargectl station status", "$ chargectl verify"):
        assert command in out
    assert "MISMATCH" not in out
    assert "settings read back as planned" in out and "commissioned in" in out
    assert "commissioning report" in out and "verify passed; commissioning report " in out


def test_demo_counts_only_its_own_stations_while_another_site_advertises(chargectl):
    """Issue 14: a `chargectl simulate` of another site on lo beside the demo; stand-in here, our own responder
    publishing three stations of other identities on lo."""
    from conftest import Background
    other = Background([chargectl, "advertise", "--interface", "lo", "--identity", "OTHERSITE", "--count", "3",
                        "--object-number", "7700001", "--duration", "120"], "advertising", stream="stderr")
    try:
        result, _, _ = run_demo(chargectl, "--json")
    finally:
        other.stop()
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["discovered"] == 4
    found = document["stages"][0]["steps"][0]["result"]["stations"]
    assert not any(station["identity"].startswith("OTHERSITE") for station in found)
    assert len(found) == 4
