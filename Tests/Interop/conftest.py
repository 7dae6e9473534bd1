import contextlib
import json
import os
import pathlib
import subprocess
import sys
import threading

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from mdns_link import link  # noqa: E402


@pytest.fixture(scope="session")
def chargectl():
    path = os.environ.get("CHARGECTL")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("set CHARGECTL to the built chargectl binary (make interop does)")
    return path


@pytest.fixture(scope="module")
def mdns_link():
    """A fresh namespace pair (or loopback) per test module, deleted afterwards."""
    binary = os.environ.get("CHARGECTL", ".build/debug/chargectl")
    if not os.access(binary, os.X_OK):
        pytest.skip(f"{binary} is not built (make build)")
    with link() as made:
        if made.kind == "loopback" and not _loopback_multicast_works():
            pytest.skip("neither network namespaces nor multicast on lo are available here")
        yield made


def _loopback_multicast_works():
    """A datagram to 224.0.0.251 with IP_MULTICAST_IF=127.0.0.1 comes back to a socket joined on lo."""
    import socket
    import struct
    group = "224.0.0.251"
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        receiver.bind((group, 0))
        port = receiver.getsockname()[1]
        receiver.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                            struct.pack("4s4s", socket.inet_aton(group), socket.inet_aton("127.0.0.1")))
        receiver.settimeout(1)
        sender.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
        sender.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
        sender.sendto(b"probe", (group, port))
        return receiver.recv(16) == b"probe"
    except OSError:
        return False
    finally:
        receiver.close()
        sender.close()


class Background:
    """A process started for a test, stopped (SIGTERM, then SIGKILL) whatever happens."""

    def __init__(self, argv, ready_marker, stream="stdout", wait=60):
        import select
        import time
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        source = self.process.stdout if stream == "stdout" else self.process.stderr
        deadline = time.monotonic() + wait
        self.seen = ""
        while ready_marker not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                self.stop()
                raise AssertionError(f"{argv} never printed {ready_marker!r}: {self.seen!r}")
            readable, _, _ = select.select([source], [], [], remaining)
            if readable:
                self.seen += source.readline()

    def stop(self, signal_first=True):
        """Ends the process: stdin EOF and SIGTERM, SIGKILL after 10 s; returns its exit status."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            if signal_first:
                self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


@contextlib.contextmanager
def simulation(chargectl, site, *extra, clean_exit=True):
    """`chargectl simulate SITE --json` with no back office (it dials port 9) and no mDNS, for the HTTPS and Modbus
    tests: yields its document (each station's ports, the meter's); stderr is drained; with `clean_exit` the SIGTERM
    at the end must stop it with status 0."""
    process = Background([chargectl, "simulate", str(site), "--json", "--reboot-time", "0.5", "--mdns-interface", "none",
                          "--ocpp-url", "ws://127.0.0.1:9/ocpp", *extra], '"ok"', stream="stdout", wait=60)
    stderr = []
    drain = threading.Thread(target=lambda: stderr.extend(process.process.stderr), daemon=True)
    drain.start()
    try:
        yield json.loads(process.seen.strip().splitlines()[-1])
    finally:
        status = process.stop()
        drain.join(timeout=10)
        if clean_exit:
            assert status == 0, "".join(stderr)


def run(argv, timeout=30):
    """Runs a command to completion; returns (status, stdout, stderr, seconds)."""
    import time
    start = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start
