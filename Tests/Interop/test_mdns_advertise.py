"""`chargectl advertise` (our responder) publishes a station; python-zeroconf's ServiceBrowser must find it with
the TXT keys of reference/alfen-station.md §3 (issue 5, the other direction)."""
import json

import pytest

from conftest import Background, run


@pytest.fixture
def advertiser(mdns_link):
    started = []

    def start(*options):
        a = mdns_link.a
        process = Background(a.chargectl("advertise", "--interface", a.interface, "--duration", "60", *options),
                             "advertising", stream="stderr")
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def browse(link, expect=1, timeout=6):
    b = link.b
    status, out, err, _ = run(b.peer("browse", b.address, str(expect), str(timeout)), timeout=timeout + 20)
    assert status == 0, err
    return json.loads(out)


def test_zeroconf_finds_our_station_with_the_alfen_txt_keys(mdns_link, advertiser):
    advertiser("--identity", "ACE0042424", "--scn-network", "Carport", "--firmware", "6.1.0-5000",
               "--type", "1.2", "--object-number", "7654321")
    found = browse(mdns_link)
    assert [service["name"] for service in found["services"]] == ["ACE0042424._alfen._tcp.local."]
    service = found["services"][0]
    assert service["server"] == "ng910-60023-7654321.local."
    assert service["port"] == 443
    assert service["addresses"] == [mdns_link.a.address]
    assert service["properties"] == {"identity": "ACE0042424", "scnnetwork": "Carport", "type": "1.2",
                                     "fwversion": "6.1.0-5000", "euaenabled": "0", "euaconfigured": "0"}


def test_zeroconf_finds_an_old_generation_station_on_port_80(mdns_link, advertiser):
    advertiser("--identity", "ACE0000777", "--legacy")
    found = browse(mdns_link)
    assert [(s["type"], s["port"]) for s in found["services"]] == [("_lolo3._http._tcp.local.", 80)]
    assert found["services"][0]["properties"]["scnnetwork"] == ""


def test_zeroconf_resolves_many_stations_from_one_responder(mdns_link, advertiser):
    advertiser("--identity", "ACE77", "--count", "12")
    found = browse(mdns_link, expect=12, timeout=8)
    assert sorted(s["properties"]["identity"] for s in found["services"]) == [f"ACE77-{i:02d}" for i in range(1, 13)]


def test_our_discover_finds_our_responder_and_sigterm_ends_it_cleanly(mdns_link, advertiser):
    process = advertiser("--identity", "ACE0031337", "--count", "3")
    b = mdns_link.b
    status, out, err, seconds = run(b.chargectl("discover", "--json", "--interface", b.interface, "--expect", "3"))
    assert status == 0, err
    stations = json.loads(out)["stations"]
    assert [s["identity"] for s in stations] == ["ACE0031337-01", "ACE0031337-02", "ACE0031337-03"]
    assert [s["objectNumber"] for s in stations] == ["1234567", "1234568", "1234569"]
    assert seconds < 2.0
    assert process.stop() == 0, "SIGTERM sends the goodbyes and exits 0"
