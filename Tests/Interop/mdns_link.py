"""A link for the mDNS interop tests: two network namespaces joined by a veth pair, created and always deleted
here, or loopback with multicast pinned to lo where namespaces cannot be made (reference/environment.md §2).

Nothing here binds, sends to or joins anything outside 127.0.0.0/8 or the namespaces it created."""
import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "mdns_peer.py")


@dataclass
class Side:
    """One end of the link: where to run a process, and its interface and address."""
    prefix: list = field(default_factory=list)
    interface: str = "lo"
    address: str = "127.0.0.1"

    def command(self, argv):
        return self.prefix + argv

    def peer(self, *argv):
        return self.command([sys.executable, PEER, *argv])

    def chargectl(self, *argv):
        return self.command([os.environ.get("CHARGECTL", ".build/debug/chargectl"), *argv])


@dataclass
class Link:
    kind: str  # "netns" or "loopback"
    a: Side
    b: Side


def _ip(*argv, check=True):
    return subprocess.run(["ip", *argv], check=check, capture_output=True, text=True, timeout=10)


def _netns_possible():
    return os.geteuid() == 0 and shutil.which("ip") is not None


def _create_namespaces(tag):
    ns_a, ns_b = f"cdA{tag}", f"cdB{tag}"
    veth_a, veth_b = f"cda{tag}", f"cdb{tag}"
    _ip("netns", "add", ns_a)
    _ip("netns", "add", ns_b)
    _ip("link", "add", veth_a, "type", "veth", "peer", "name", veth_b)
    _ip("link", "set", veth_a, "netns", ns_a)
    _ip("link", "set", veth_b, "netns", ns_b)
    for ns, veth, address in ((ns_a, veth_a, "10.77.0.1/24"), (ns_b, veth_b, "10.77.0.2/24")):
        _ip("-n", ns, "addr", "add", address, "dev", veth)
        _ip("-n", ns, "link", "set", veth, "up")
        _ip("-n", ns, "link", "set", "lo", "up")
    return Link("netns", Side(["ip", "netns", "exec", ns_a], veth_a, "10.77.0.1"),
                Side(["ip", "netns", "exec", ns_b], veth_b, "10.77.0.2"))


def _delete_namespaces(tag):
    # Deleting a namespace deletes its end of the veth pair, and with it the other end.
    _ip("netns", "del", f"cdA{tag}", check=False)
    _ip("netns", "del", f"cdB{tag}", check=False)


@contextmanager
def link():
    """Namespaces where this machine allows them, else loopback (both sides on lo); namespaces are always
    deleted, whatever happens in between."""
    tag = uuid.uuid4().hex[:6]
    made = None
    if _netns_possible():
        try:
            made = _create_namespaces(tag)
        except (subprocess.CalledProcessError, OSError) as error:
            _delete_namespaces(tag)
            print(f"network namespaces unavailable ({error}); using loopback", file=sys.stderr)
    try:
        yield made or Link("loopback", Side(), Side())
    finally:
        if made:
            _delete_namespaces(tag)
