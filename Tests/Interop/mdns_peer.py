"""python-zeroconf as the independent peer of the mDNS interop tests and the discovery benchmark.

    mdns_peer.py register IP COUNT [--legacy-every K]   register COUNT stations on IP; print "ready"; stop on stdin EOF
    mdns_peer.py browse IP EXPECT TIMEOUT                print one JSON document of what a ServiceBrowser resolved

Stations follow reference/alfen-station.md §3: TXT identity/scnnetwork/type/fwversion, SRV host
ng910-60023-<object number>.local.
"""
import asyncio
import json
import socket
import sys
import threading
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

ALFEN = "_alfen._tcp.local."
LOLO3 = "_lolo3._http._tcp.local."


def station(index, address, legacy=False):
    """The index-th station: every third one is in SCN "Garage", others in none."""
    identity = f"ACE{9000000 + index:07d}"
    return ServiceInfo(
        LOLO3 if legacy else ALFEN,
        f"{identity}.{LOLO3 if legacy else ALFEN}",
        addresses=[socket.inet_aton(address)],
        port=80 if legacy else 443,
        properties={"identity": identity, "scnnetwork": "Garage" if index % 3 == 0 else "",
                     "type": "2.1.3" if index % 2 == 0 else "1.2", "fwversion": f"5.{index % 7}.1-4312",
                     "euaenabled": "0", "euaconfigured": "0"},
        server=f"ng910-60023-{1000000 + index}.local.",
    )


def register(address, count, legacy_every=0):
    zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
    infos = [station(i, address, legacy=bool(legacy_every) and i % legacy_every == legacy_every - 1)
             for i in range(count)]
    # Probing takes ~1.5 s per service (RFC 6762 §8.1); the async API probes them all at once.
    futures = [zc.async_register_service(info) for info in infos]

    asyncio.run_coroutine_threadsafe(_await_all(futures), zc.loop).result(timeout=60)
    print("ready", flush=True)
    sys.stdin.read()  # until the test closes our stdin
    zc.unregister_all_services()
    zc.close()


async def _await_all(coroutines):
    tasks = [await coroutine for coroutine in coroutines]
    for task in tasks:
        await task


def browse(address, expect, timeout, only=None):
    """Time from Zeroconf() to the last of `expect` stations resolved (PTR, SRV, TXT and A). With `only` (a set of
    identities), other stations are neither counted nor listed: another site advertising on the same loopback."""
    start = time.monotonic()
    zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
    found = {}
    done = threading.Event()
    lock = threading.Lock()

    def on_change(zeroconf, service_type, name, state_change):
        if state_change is not ServiceStateChange.Added:
            return
        info = zeroconf.get_service_info(service_type, name, timeout=3000)
        if info is None or not info.parsed_addresses():
            return
        identity = (info.properties.get(b"identity") or b"").decode()
        if only is not None and identity not in only:
            return
        with lock:
            found[name] = {
                "name": name, "type": service_type, "server": info.server, "port": info.port,
                "addresses": info.parsed_addresses(),
                "properties": {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()},
                "at": time.monotonic() - start,
            }
            if len(found) >= expect:
                done.set()

    browser = ServiceBrowser(zc, [ALFEN, LOLO3], handlers=[on_change])
    done.wait(timeout)
    elapsed = max((entry["at"] for entry in found.values()), default=None)
    browser.cancel()
    zc.close()
    print(json.dumps({"elapsed": elapsed, "services": sorted(found.values(), key=lambda e: e["name"])}))


if __name__ == "__main__":
    if sys.argv[1] == "register":
        legacy = int(sys.argv[sys.argv.index("--legacy-every") + 1]) if "--legacy-every" in sys.argv else 0
        register(sys.argv[2], int(sys.argv[3]), legacy)
    elif sys.argv[1] == "browse":
        only = set(sys.argv[sys.argv.index("--only") + 1].split(",")) if "--only" in sys.argv else None
        browse(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), only)
