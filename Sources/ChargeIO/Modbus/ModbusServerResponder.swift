import ModbusProtocol
import NIOCore

/// One decoded request as a server sees it, with the framing to answer in.
public struct ModbusServerRequest: Sendable {
    public enum Framing: Hashable, Sendable { case mbap, rtu }

    public var framing: Framing
    /// The MBAP transaction id; 0 for RTU, which has none.
    public var transactionID: UInt16
    public var unitID: UInt8
    public var pdu: ByteBuffer

    public init(framing: Framing, transactionID: UInt16, unitID: UInt8, pdu: ByteBuffer) {
        self.framing = framing
        self.transactionID = transactionID
        self.unitID = unitID
        self.pdu = pdu
    }

    /// The bytes that carry `pdu` back, echoing this request's ids unless told otherwise (fault injection).
    public func frame(pdu: ByteBuffer, transactionID: UInt16? = nil) -> ByteBuffer {
        var out = ByteBuffer()
        switch framing {
        case .mbap:
            let frame = MBAPFrame(transactionID: transactionID ?? self.transactionID, unitID: unitID, pdu: pdu)
            try? MBAPFrameEncoder().encode(frame, into: &out)
        case .rtu:
            try? RTUFrameEncoder().encode(RTUFrame(unitID: unitID, pdu: pdu), into: &out)
        }
        return out
    }

    /// The bytes that answer with `response`; a response that cannot be encoded becomes exception 0x04.
    public func frame(_ response: ModbusResponse, transactionID: UInt16? = nil) -> ByteBuffer {
        let function = FunctionCode(rawValue: pdu.getInteger(at: pdu.readerIndex, as: UInt8.self) ?? 0)
        let pdu = (try? response.encoded())
            ?? ((try? ModbusResponse.exception(function: function, code: .serverDeviceFailure).encoded()) ?? ByteBuffer())
        return frame(pdu: pdu, transactionID: transactionID)
    }
}

/// What the server does in answer to one request, in order. Beyond plain replies the actions let a peer be slow,
/// trickle bytes or drop the connection: the simulator's unreliable meters and the fault-injecting test server
/// (ARCHITECTURE.md, "Fault-injecting peers") use the same server.
public enum ModbusServerAction: Sendable {
    case send(ByteBuffer)
    /// One byte at a time, `interval` apart.
    case trickle(ByteBuffer, interval: Duration)
    case pause(Duration)
    /// Close the connection; `reset` sends a TCP RST (SO_LINGER 0) instead of an orderly FIN.
    case close(reset: Bool)
}

/// Decides the answer to each request.
public protocol ModbusServerResponder: Sendable {
    func respond(to request: ModbusServerRequest) async -> [ModbusServerAction]
}
