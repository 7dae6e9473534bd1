import ChargeIO
import ModbusProtocol

extension CommandFailure {
    /// SPEC §1: every Modbus failure exits 3; a timeout says it timed out, an exception names its number, so 0x0B
    /// ("gateway target failed to respond") is told apart from silence.
    /// `station`: `station status`, which reads the station's fixed units (no `--unit`, no preset).
    init(_ error: ModbusClientError, target: String, station: Bool = false) {
        switch error {
        case .unreachable(let endpoint, let reason):
            self.init(status: .communication, code: "modbus.unreachable", message: "cannot connect to \(endpoint): \(reason)",
                      hint: "check the address, the port (Modbus TCP is 502) and that the device is on this network")
        case .connectTimeout(let endpoint, let seconds):
            self.init(status: .communication, code: "modbus.connect-timeout",
                      message: "no connection to \(endpoint) within \(Self.seconds(seconds)) (timed out)",
                      hint: "check the address and that nothing filters port 502 between here and the device")
        case .timeout(let unit, let function, let seconds, let received, let discarded):
            var message = "unit \(unit) did not answer \(function) within \(Self.seconds(seconds)) (timed out)"
            if received > 0 { message += "; \(received) bytes of a response arrived, then nothing" }
            if let first = discarded.first {
                message += "; discarded \(discarded.count) response(s) with a wrong transaction id (\(Self.hex(first)))"
            }
            self.init(status: .communication, code: "modbus.timeout", message: message,
                      hint: received > 0 || !discarded.isEmpty
                        ? "the device answers out of step: power-cycle it or its gateway, and check for a second master"
                        : station
                        ? "the station answers Modbus only with Active Load Balancing licensed and its data source set to Energy Management System (alfen-station.md §1.2)"
                        : "check the unit id (--unit); a device that does not have that id stays silent")
        case .connectionLost(let endpoint, let reason):
            self.init(status: .communication, code: "modbus.connection-lost", message: "\(endpoint) closed the connection: \(reason)",
                      hint: "the device may allow fewer Modbus masters (the Alfen station takes 2) or have dropped an idle connection")
        case .exception(let unit, let function, let code):
            self.init(status: .communication, code: "modbus.exception.\(Self.hex(code.code))",
                      message: "unit \(unit) answered \(function) with exception \(code)",
                      hint: station ? "the station refused the read: check that Active Load Balancing is licensed (alfen-station.md §1.2)" : Self.hint(for: code))
        case .malformedFrame(let frameError):
            self.init(status: .communication, code: "modbus.malformed-frame", message: "\(target) sent bytes that are not a Modbus frame: \(frameError)",
                      hint: station ? "check that this address is an Alfen station's Modbus TCP server (port 502)"
                        : "check the framing: --rtu-over-tcp for a transparent RS-485 gateway, plain Modbus TCP otherwise")
        case .invalidResponse(let pduError):
            self.init(status: .communication, code: "modbus.invalid-response", message: "\(target) answered something else than asked: \(pduError)",
                      hint: station ? "check that this address is an Alfen station" : "check that the unit id (--unit) belongs to this device")
        case .invalidRequest(let pduError):
            self.init(status: .invalidInput, code: "modbus.invalid-request", message: "the request breaks a Modbus limit: \(pduError)",
                      hint: station ? "report this with -v output" : "check the preset's register addresses")
        case .serialPort(let path, let reason):
            self.init(status: .communication, code: "modbus.serial", message: "cannot use the serial port \(path): \(reason)",
                      hint: "check the device path (ls /dev/ttyUSB*) and that you may open it (group dialout)")
        }
    }

    static func hint(for code: ModbusExceptionCode) -> String {
        switch code {
        case .gatewayTargetDeviceFailedToRespond:
            "the gateway is reachable but the meter behind it did not answer: check the RS-485 wiring, the meter's unit id and baud rate"
        case .gatewayPathUnavailable: "the gateway has no route to that unit id: check the gateway's configuration"
        case .illegalDataAddress: "the device has no such registers: check that the preset matches the meter model"
        case .illegalFunction: "the device does not support that function code: try the preset's other register table"
        case .serverDeviceBusy: "the device is busy: try again in a moment"
        default: "check the device and the preset"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static func hex(_ value: some FixedWidthInteger) -> String {
        let text = String(value, radix: 16, uppercase: true)
        let digits = MemoryLayout.size(ofValue: value) * 2
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
