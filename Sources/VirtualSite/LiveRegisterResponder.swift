import ChargeIO
import ModbusProtocol

/// A Modbus responder whose registers are computed at each request (the values move with the site's timeline),
/// and whose accepted writes are handed to `onWrite` (the EMS set points). Unknown units stay silent, as a device
/// does: unit 2 of a one-socket station never answers (alfen-station.md §1.3).
struct LiveRegisterResponder: ModbusServerResponder {
    let bank: @Sendable () -> RegisterBank
    let onWrite: @Sendable (_ unit: UInt8, _ address: UInt16, _ values: [UInt16]) -> Void

    func respond(to request: ModbusServerRequest) async -> [ModbusServerAction] {
        var bank = bank()
        let reply = bank.handle(pdu: request.pdu, unit: request.unitID)
        guard case .respond(let response) = reply else { return [] }
        if case .exception = response {} else if let decoded = try? ModbusRequest(pdu: request.pdu) {
            switch decoded {
            case .writeSingleRegister(let address, let value): onWrite(request.unitID, address, [value])
            case .writeMultipleRegisters(let address, let values): onWrite(request.unitID, address, values)
            default: break
            }
        }
        return [.send(request.frame(response))]
    }
}
