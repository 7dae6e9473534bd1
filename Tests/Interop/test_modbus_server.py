"""pymodbus as a client of our Modbus TCP server (`chargectl debug modbus-serve`, a hidden test entry)."""
import subprocess

import pytest
from pymodbus.client import ModbusTcpClient


@pytest.fixture
def our_server(chargectl):
    process = subprocess.Popen([chargectl, "debug", "modbus-serve", "--unit", "1", "--holding", "10=100,110,120",
                                "--input", "0=7,8", "--seconds", "20"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("listening 127.0.0.1:")
    yield int(line.rsplit(":", 1)[1])
    process.terminate()
    process.wait(timeout=10)


def test_pymodbus_reads_and_writes_our_server(our_server):
    client = ModbusTcpClient("127.0.0.1", port=our_server)
    assert client.connect()
    assert client.read_holding_registers(10, count=3, device_id=1).registers == [100, 110, 120]
    assert client.read_input_registers(0, count=2, device_id=1).registers == [7, 8]
    assert not client.write_register(11, 5, device_id=1).isError()
    assert not client.write_registers(10, [1, 2, 3], device_id=1).isError()
    assert client.read_holding_registers(10, count=3, device_id=1).registers == [1, 2, 3]
    client.close()


def test_pymodbus_sees_our_exceptions(our_server):
    client = ModbusTcpClient("127.0.0.1", port=our_server)
    assert client.connect()
    missing = client.read_holding_registers(500, count=2, device_id=1)
    assert missing.isError() and missing.exception_code == 0x02
    gateway = client.read_holding_registers(10, count=1, device_id=9)
    assert gateway.isError() and gateway.exception_code == 0x0B
    client.close()
