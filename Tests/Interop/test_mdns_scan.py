"""`discover --scan CIDR` probes TCP 502 and 443 and merges what answers with what mDNS found (issue 5).
Runs between the namespaces (scanning 10.77.0.0/30), or on 127.0.0.8/30 on loopback (needs root for port 502)."""
import json
import os

import pytest

from conftest import Background, run

LISTEN = "import socket,sys\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n" \
         "s.bind((sys.argv[1],int(sys.argv[2])))\ns.listen(16)\nprint('listening',flush=True)\n" \
         "while True:\n c,_=s.accept()\n c.close()\n"


@pytest.fixture
def target(mdns_link):
    if mdns_link.kind == "netns":
        return mdns_link.a.address, "10.77.0.0/30"
    if os.geteuid() != 0:
        pytest.skip("probing port 502 on loopback needs root to listen on it")
    return "127.0.0.10", "127.0.0.8/30"


@pytest.fixture
def listeners(mdns_link):
    started = []

    def listen(address, port):
        import sys
        started.append(Background(mdns_link.a.command([sys.executable, "-c", LISTEN, address, str(port)]), "listening"))

    yield listen
    for process in started:
        process.stop()


def discover(link, cidr, *options):
    b = link.b
    status, out, err, seconds = run(b.chargectl("discover", "--json", "--interface", b.interface, "--scan", cidr,
                                                "--timeout", "2", *options))
    return status, json.loads(out), err, seconds


def test_a_host_answering_on_502_is_listed_as_found_by_scan(mdns_link, target, listeners):
    address, cidr = target
    listeners(address, 502)
    status, document, err, _ = discover(mdns_link, cidr)
    assert status == 0, err
    assert document["stations"] == [{
        "identity": None, "host": address, "hostname": None, "port": 502, "service": None, "objectNumber": None,
        "scnNetwork": None, "sockets": None, "firmware": None, "link": None, "source": "scan"}]


def test_https_port_is_preferred_and_expect_stops_the_scan_early(mdns_link, target, listeners):
    address, cidr = target
    listeners(address, 502)
    listeners(address, 443)
    status, document, err, seconds = discover(mdns_link, cidr, "--expect", "1")
    assert status == 0, err
    assert [(s["host"], s["port"], s["source"]) for s in document["stations"]] == [(address, 443, "scan")]
    assert seconds < 1.5


def test_a_station_found_both_ways_is_listed_once_as_mdns(mdns_link, target, listeners):
    address, cidr = target
    listeners(address, 443)
    a = mdns_link.a
    advertiser = Background(a.chargectl("advertise", "--interface", a.interface, "--address", address,
                                        "--identity", "ACE0000502", "--duration", "30"), "advertising", stream="stderr")
    try:
        status, document, err, _ = discover(mdns_link, cidr)
    finally:
        advertiser.stop()
    assert status == 0, err
    assert [(s["identity"], s["host"], s["source"]) for s in document["stations"]] == [("ACE0000502", address, "mdns")]


def test_an_invalid_network_exits_2_and_sends_nothing(mdns_link):
    b = mdns_link.b
    status, out, err, _ = run(b.chargectl("discover", "--json", "--interface", b.interface, "--scan", "10.0.0.0/8"))
    assert status == 2
    assert json.loads(out)["error"]["code"] == "discover.scan.invalid"
