"""`chargectl meter test` against pymodbus servers emulating a Socomec Countis E27 and an Eastron SDM630."""
import json
import subprocess

from modbus_peers import float32, int32, serve, uint32

VOLTAGES = {"L1": 230.1, "L2": 231.0, "L3": 229.5}
CURRENTS = {"L1": 10.5, "L2": 8.25, "L3": 0.5}
POWERS = {"L1": 2400.0, "L2": 1890.0, "L3": 110.0}


def meter_test(chargectl, *arguments):
    result = subprocess.run([chargectl, "meter", "test", *arguments, "--json", "--timeout", "2"],
                            capture_output=True, text=True, timeout=30)
    return result.returncode, json.loads(result.stdout), result.stderr


def countis_e27(voltages=VOLTAGES):
    """meter-registers.md §2: holding registers, U32/S32 fixed point, MSW first, unit 5."""
    hr = {0xC350: [0x53, 0x4F, 0x43, 0x4F]}
    for index, phase in enumerate(["L1", "L2", "L3"]):
        hr[0xC558 + 2 * index] = uint32(round(voltages[phase] * 100))
        hr[0xC560 + 2 * index] = uint32(round(CURRENTS[phase] * 1000))
        hr[0xC570 + 2 * index] = int32(round(POWERS[phase] / 10))
    hr[0xC55E] = uint32(50020)
    hr[0xC568] = int32(440)
    hr[0xC702] = uint32(1234567)
    return {5: {"hr": hr, "hr_fill": [(0xC550, 62)]}}


def sdm630(voltages=VOLTAGES):
    """meter-registers.md §3.2: input registers, float32 MSW first, meter code 0x0070 at holding 0xFC02."""
    ir = {}
    for index, phase in enumerate(["L1", "L2", "L3"]):
        ir[0x0000 + 2 * index] = float32(voltages[phase])
        ir[0x0006 + 2 * index] = float32(CURRENTS[phase])
        ir[0x000C + 2 * index] = float32(POWERS[phase])
    ir[0x0034] = float32(4400.0)
    ir[0x0046] = float32(50.02)
    ir[0x0048] = float32(12345.67)
    return {1: {"ir": ir, "ir_fill": [(0, 0x4C)], "hr": {0xFC02: [0x0070]}}}


def test_countis_e27_reports_exactly_the_served_values(chargectl):
    port = serve(countis_e27())
    code, document, _ = meter_test(chargectl, f"127.0.0.1:{port}", "--preset", "socomec-countis-e27")
    assert code == 0
    assert document["ok"] is True
    assert document["meter"]["unit"] == 5 and document["meter"]["port"] == port
    readings = document["readings"]
    assert readings["voltage"] == VOLTAGES
    assert readings["current"] == CURRENTS
    assert readings["power"] == POWERS
    assert readings["totalPower"] == 4400
    assert readings["frequency"] == 50.02
    assert readings["importEnergy"] == 12345.67
    assert [f["code"] for f in document["findings"]] == ["meter.model", "meter.plausible"]


def test_sdm630_reports_exactly_the_served_values(chargectl):
    port = serve(sdm630())
    code, document, _ = meter_test(chargectl, "127.0.0.1", "--port", str(port), "--preset", "eastron-sdm630")
    assert code == 0
    readings = document["readings"]
    assert readings["voltage"] == VOLTAGES
    assert readings["current"] == CURRENTS
    assert readings["power"] == POWERS
    assert readings["totalPower"] == 4400
    assert readings["frequency"] == 50.02
    assert readings["importEnergy"] == 12345.67


def test_sdm630_out_of_range_voltage_and_wrong_model_exit_1(chargectl):
    port = serve(sdm630({"L1": 230.0, "L2": 262.0, "L3": 229.0}))
    code, document, _ = meter_test(chargectl, f"127.0.0.1:{port}", "--preset", "eastron-sdm72d-m-v2")
    assert code == 1
    assert document["ok"] is False
    codes = [f["code"] for f in document["findings"]]
    assert "meter.voltage.range" in codes
    mismatch = next(f for f in document["findings"] if f["code"] == "meter.model.mismatch")
    assert "--preset eastron-sdm630" in mismatch["hint"]


def test_word_order_hint_against_a_cdab_meter(chargectl):
    devices = sdm630()
    devices[1]["ir"] = {address: list(reversed(words)) for address, words in devices[1]["ir"].items()}
    port = serve(devices)
    code, document, _ = meter_test(chargectl, f"127.0.0.1:{port}", "--preset", "eastron-sdm630")
    assert code == 1
    assert any("--word-order CDAB" in f["hint"] for f in document["findings"])
    code, document, _ = meter_test(chargectl, f"127.0.0.1:{port}", "--preset", "eastron-sdm630", "--word-order", "CDAB")
    assert code == 0 and document["readings"]["voltage"] == VOLTAGES


def test_exception_reply_exits_3_with_its_number(chargectl):
    port = serve({1: {"hr": {0xFC02: [0x0070]}}})
    code, document, stderr = meter_test(chargectl, f"127.0.0.1:{port}", "--preset", "eastron-sdm630")
    assert code == 3
    assert document["ok"] is False
    assert document["error"]["code"] == "modbus.exception.0x02"
    assert "exception 0x02 illegal data address" in stderr
