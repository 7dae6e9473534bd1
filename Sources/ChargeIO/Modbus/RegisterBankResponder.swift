import ModbusProtocol
import Synchronization

/// Serves a `RegisterBank` (SPEC §5: the simulator's Modbus server). The bank can be updated while serving.
public final class RegisterBankResponder: ModbusServerResponder {
    /// What a request to a unit the bank does not hold gets: silence (a device on a bus; the client times out) or
    /// exception 0x0B (a gateway whose target did not answer; Modbus Application Protocol 1.1b3 §7).
    public enum UnknownUnitPolicy: Hashable, Sendable { case silent, gatewayException }

    private let bank: Mutex<RegisterBank>
    public let unknownUnits: UnknownUnitPolicy

    public init(bank: RegisterBank, unknownUnits: UnknownUnitPolicy = .silent) {
        self.bank = Mutex(bank)
        self.unknownUnits = unknownUnits
    }

    /// Changes the served registers, e.g. a simulated meter's new readings.
    public func update(_ body: (inout RegisterBank) -> Void) {
        bank.withLock { body(&$0) }
    }

    public var snapshot: RegisterBank { bank.withLock { $0 } }

    public func respond(to request: ModbusServerRequest) async -> [ModbusServerAction] {
        let reply = bank.withLock { $0.handle(pdu: request.pdu, unit: request.unitID) }
        switch reply {
        case .respond(let response): return [.send(request.frame(response))]
        case .unknownUnit:
            guard unknownUnits == .gatewayException, let response = reply.gatewayResponse else { return [] }
            return [.send(request.frame(response))]
        case .unanswerable: return []
        }
    }
}
