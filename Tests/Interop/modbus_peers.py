"""pymodbus 3.16 peers for the interop tests (reference/environment.md §3).

Address convention, checked by `serve` itself before a test uses the server: in pymodbus 3.16 a
ModbusDeviceContext is served through SimCore, which maps PDU address N to data-block key N (no +1), so the
sparse blocks below are keyed by the PDU addresses our presets use. A sequential block cannot start at 0, which
is why every block here is sparse.
"""
import asyncio
import logging
import socket
import struct
import threading
import time
import warnings

from pymodbus.client import ModbusTcpClient
from pymodbus.datastore import ModbusDeviceContext, ModbusServerContext, ModbusSparseDataBlock
from pymodbus.server import StartAsyncTcpServer

logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def float32(value):
    """ABCD: big-endian words, most significant first."""
    high, low = struct.unpack(">HH", struct.pack(">f", value))
    return [high, low]


def uint32(value):
    return [(value >> 16) & 0xFFFF, value & 0xFFFF]


def int32(value):
    return uint32(value & 0xFFFFFFFF)


def text(value, registers):
    raw = value.encode().ljust(registers * 2, b"\0")
    return [raw[i] << 8 | raw[i + 1] for i in range(0, registers * 2, 2)]


def block(runs, fill=()):
    """A sparse block from {address: [words]}; `fill` ranges are zero-filled first (a meter answers every
    register of a block)."""
    values = {}
    for start, count in fill:
        for offset in range(count):
            values[start + offset] = 0
    for start, words in runs.items():
        for offset, word in enumerate(words):
            values[start + offset] = word
    return ModbusSparseDataBlock(values) if values else ModbusSparseDataBlock({0xFFF0: 0})


def serve(devices):
    """Starts a pymodbus TCP server on 127.0.0.1 with {unit: {"hr": {...}, "ir": {...}, "fill": ...}} in a
    daemon thread, checks the address convention, and returns the port."""
    contexts = {
        unit: ModbusDeviceContext(hr=block(spec.get("hr", {}), spec.get("hr_fill", ())),
                                  ir=block(spec.get("ir", {}), spec.get("ir_fill", ())))
        for unit, spec in devices.items()
    }
    context = ModbusServerContext(devices=contexts, single=False)
    port = free_port()
    loop = asyncio.new_event_loop()

    def run():
        asyncio.set_event_loop(loop)
        loop.run_until_complete(StartAsyncTcpServer(context=context, address=("127.0.0.1", port)))

    threading.Thread(target=run, daemon=True).start()
    client = ModbusTcpClient("127.0.0.1", port=port)
    for _ in range(50):
        if client.connect():
            break
        time.sleep(0.1)
    unit, spec = next(iter(devices.items()))
    table, runs = ("hr", spec["hr"]) if spec.get("hr") else ("ir", spec["ir"])
    address, words = next(iter(runs.items()))
    read = client.read_holding_registers if table == "hr" else client.read_input_registers
    reply = read(address, count=1, device_id=unit)
    assert not reply.isError() and reply.registers == words[:1], "pymodbus address convention changed"
    client.close()
    return port
