"""`chargectl verify --report` opened in a real browser (issue 17): a simulated site on loopback, read by the
built binary over OCPP, Modbus and the meter; headless Chromium (Debian's package) prints the HTML report to PDF
and takes a screenshot. The page must hold the findings table, carry the SHA-256 of the exact `--json` bytes, and
name no address to fetch (no network request)."""
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import threading

import pytest

from conftest import Background
from modbus_peers import free_port

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = str(ROOT / "Sources/VirtualSite/Demo/virtual-demo.yaml")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def verified(chargectl):
    """The demo site simulated (not commissioned, so verify finds differences), verified once with a report."""
    port = free_port()
    simulation = Background([chargectl, "simulate", SITE, "--json", "--reboot-time", "0.5", "--mdns-interface", "none",
                             "--ocpp-url", f"ws://127.0.0.1:{port}/ocpp"], '"ok"', stream="stdout", wait=60)
    drain = threading.Thread(target=lambda: list(simulation.process.stderr), daemon=True)
    drain.start()
    document = json.loads(simulation.seen.strip().splitlines()[-1])
    reach = ["--meter", f"127.0.0.1:{document['meter']['port']}", "--mdns-timeout", "0"]
    for station in document["stations"]:
        reach += ["--modbus", f"{station['identity']}=127.0.0.1:{station['modbusPort']}"]
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.html")
        try:
            result = subprocess.run([chargectl, "verify", SITE, "--json", "--report", report, "--listen", f"127.0.0.1:{port}",
                                     "--wait", "60", *reach], capture_output=True, text=True, timeout=120,
                                    env=dict(os.environ, XDG_STATE_HOME=tmp))
        finally:
            simulation.stop()
        with open(report, encoding="utf-8") as handle:
            html = handle.read()
        yield result, html, report, tmp


def test_the_report_holds_the_findings_and_the_checksum_of_the_json(verified):
    result, html, report, _ = verified
    # Not commissioned: settings differ (exit 1), but every station and the meter were reached (not 3).
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["report"] == report and document["live"] is None
    codes = {f["code"] for f in document["findings"] if f["severity"] == "fail"}
    assert "verify.setting.differs" in codes and "verify.station.offline" not in codes
    assert '<table id="findings">' in html
    for finding in document["findings"]:
        assert finding["code"] in html
    assert hashlib.sha256(result.stdout.encode()).hexdigest() in html
    assert document["readings"]["meter"]["voltage"]["L1"] > 200


def test_the_report_names_nothing_to_fetch(verified):
    _, html, _, _ = verified
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html.lower()
    assert "@page" in html and "A4" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)")
def test_chromium_prints_the_report_to_pdf_and_screenshots_it(verified):
    _, _, report, tmp = verified
    pdf = os.path.join(tmp, "report.pdf")
    png = os.path.join(tmp, "report.png")
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            f"--user-data-dir={os.path.join(tmp, 'profile')}"]
    printed = subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{report}"],
                             capture_output=True, text=True, timeout=120)
    assert printed.returncode == 0, printed.stderr
    shot = subprocess.run(base + ["--window-size=1024,1400", f"--screenshot={png}", f"file://{report}"],
                          capture_output=True, text=True, timeout=120)
    assert shot.returncode == 0, shot.stderr
    with open(pdf, "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)", data)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes), f"A4 pages: {boxes[:3]}"
    with open(png, "rb") as handle:
        image = handle.read()
    assert image.startswith(b"\x89PNG") and len(image) > 10_000
    if os.environ.get("VERIFY_REPORT_KEEP"):
        shutil.copy(png, os.environ["VERIFY_REPORT_KEEP"] + ".png")
        shutil.copy(pdf, os.environ["VERIFY_REPORT_KEEP"] + ".pdf")
