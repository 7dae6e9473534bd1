import ChargeIO
import ModbusProtocol
import NIOCore
import Synchronization

/// The faults a test Modbus server can inject on request (ARCHITECTURE.md, "Fault-injecting peers", after
/// libmodbus's unit-test server): each turns the bank's correct answer into something a client must survive.
public enum ModbusFault: Hashable, Sendable {
    case none
    /// The reply carries another transaction id than the request.
    case wrongTransactionID
    /// The reply is this exception instead of the data.
    case exception(ModbusExceptionCode)
    /// The first half of the reply, then nothing (the connection stays open).
    case halfFrameThenSilence
    /// The reply one byte at a time, `interval` apart.
    case trickle(interval: Duration)
    /// The connection is reset (TCP RST) instead of answered.
    case reset
    /// The reply after `delay`.
    case delay(Duration)
}

/// A `RegisterBankResponder` with a switchable fault; every request sees the fault current at its arrival.
public final class FaultyModbusResponder: ModbusServerResponder {
    public let bank: RegisterBankResponder
    private let current: Mutex<ModbusFault>

    public init(bank: RegisterBank, fault: ModbusFault = .none, unknownUnits: RegisterBankResponder.UnknownUnitPolicy = .silent) {
        self.bank = RegisterBankResponder(bank: bank, unknownUnits: unknownUnits)
        self.current = Mutex(fault)
    }

    public var fault: ModbusFault {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    /// Long enough that any client under test has timed out; the server task is cancelled when the test ends.
    static let silence = Duration.seconds(60)

    public func respond(to request: ModbusServerRequest) async -> [ModbusServerAction] {
        let fault = self.fault
        let function = FunctionCode(rawValue: request.pdu.getInteger(at: request.pdu.readerIndex, as: UInt8.self) ?? 0)
        switch fault {
        case .exception(let code):
            return [.send(request.frame(.exception(function: function, code: code)))]
        case .reset:
            return [.close(reset: true)]
        default: break
        }
        let normal = await bank.respond(to: request)
        guard case .send(let bytes)? = normal.first else { return normal }
        switch fault {
        case .wrongTransactionID:
            var wrong = bytes
            wrong.setInteger(request.transactionID &+ 0x1000, at: wrong.readerIndex)
            return [.send(wrong)]
        case .halfFrameThenSilence:
            return [.send(bytes.getSlice(at: bytes.readerIndex, length: bytes.readableBytes / 2) ?? bytes), .pause(Self.silence)]
        case .trickle(let interval):
            return [.trickle(bytes, interval: interval)]
        case .delay(let delay):
            return [.pause(delay), .send(bytes)]
        case .none, .exception, .reset:
            return normal
        }
    }
}
