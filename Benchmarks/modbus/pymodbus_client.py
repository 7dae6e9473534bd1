"""pymodbus baseline of `make bench`: N sequential reads of 10 holding registers; prints reads per second."""
import logging
import sys
import time

from pymodbus.client import ModbusTcpClient

logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
port, count = int(sys.argv[1]), int(sys.argv[2])
client = ModbusTcpClient("127.0.0.1", port=port)
assert client.connect()
start = time.perf_counter()
for _ in range(count):
    assert client.read_holding_registers(0, count=10, device_id=1).registers[1] == 10
print(round(count / (time.perf_counter() - start)))
client.close()
