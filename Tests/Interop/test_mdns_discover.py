"""python-zeroconf publishes stations; `chargectl discover` must list every one with the right fields
(issue 5, SPEC.md §5 and §7), on the other side of a veth pair where namespaces are possible."""
import json

import pytest

from conftest import Background, run

COUNT = 5  # four _alfen._tcp stations and one _lolo3._http._tcp (every fifth)


@pytest.fixture(scope="module")
def published(mdns_link):
    a = mdns_link.a
    peer = Background(a.peer("register", a.address, str(COUNT), "--legacy-every", "5"), "ready")
    try:
        yield mdns_link
    finally:
        peer.stop(signal_first=False)


def expected(index, address):
    legacy = index == 4
    return {
        "identity": f"ACE{9000000 + index:07d}", "host": address, "hostname": f"ng910-60023-{1000000 + index}.local",
        "port": 80 if legacy else 443, "service": "_lolo3._http._tcp" if legacy else "_alfen._tcp",
        "objectNumber": str(1000000 + index), "scnNetwork": "Garage" if index % 3 == 0 else None,
        "sockets": 2 if index % 2 == 0 else 1, "firmware": f"5.{index % 7}.1-4312", "source": "mdns",
        "link": "http-legacy" if legacy else "https",
    }


def test_discover_lists_every_station_within_the_default_timeout(published):
    b = published.b
    status, out, err, seconds = run(b.chargectl("discover", "--json", "--interface", b.interface))
    assert status == 0, err
    document = json.loads(out)
    assert document["ok"] is True
    by_identity = {station["identity"]: station for station in document["stations"]}
    assert sorted(by_identity) == [f"ACE{9000000 + i:07d}" for i in range(COUNT)]
    for index in range(COUNT):
        assert by_identity[f"ACE{9000000 + index:07d}"] == expected(index, published.a.address)
    assert 2.9 < seconds < 4.5, "without --expect the default 3 s window is waited out"


def test_expect_returns_as_soon_as_every_station_is_known(published):
    b = published.b
    status, out, err, seconds = run(b.chargectl("discover", "--json", "--interface", b.interface,
                                                "--expect", str(COUNT), "--timeout", "10"))
    assert status == 0, err
    assert len(json.loads(out)["stations"]) == COUNT
    assert seconds < 2.0


def test_expect_more_than_exist_exits_3_with_what_was_found(published):
    b = published.b
    status, out, err, _ = run(b.chargectl("discover", "--json", "--interface", b.interface,
                                          "--expect", str(COUNT + 1), "--timeout", "1"))
    assert status == 3
    document = json.loads(out)
    assert document["ok"] is False
    assert document["error"]["code"] == "discover.expect.unmet"
    assert len(document["stations"]) == COUNT
    assert "found 5 of the 6 expected stations" in err


def test_text_output_is_a_table_with_one_row_per_station(published):
    b = published.b
    status, out, err, _ = run(b.chargectl("discover", "--interface", b.interface, "--expect", str(COUNT)))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["IDENTITY", "ADDRESS", "OBJECT", "FIRMWARE", "SOCKETS", "SCN", "LINK", "FOUND", "BY"]
    rows = [line.split() for line in lines[2:2 + COUNT]]
    assert [row[0] for row in rows] == [f"ACE{9000000 + i:07d}" for i in range(COUNT)]
    assert rows[0][1:] == [published.a.address, "1000000", "5.0.1-4312", "2", "Garage", "https", "mdns"]
    assert f"{COUNT} stations found" in out
