import ModbusProtocol
import NIOCore

/// One request and its response on an open stream, in the endpoint's framing. MBAP pairs responses by
/// transaction id and discards any other (a late answer to an earlier, timed-out request: Modbus Messaging on
/// TCP/IP Implementation Guide 1.0b §4.2); RTU has no id, so stale bytes are flushed before sending.
struct FrameExchange {
    let endpoint: ModbusEndpoint
    let stream: DescriptorStream
    let timeout: Double

    func run(_ request: ModbusRequest, pdu: ByteBuffer, unit: UInt8, transactionID: UInt16,
             deadline: ContinuousClock.Instant) throws(ModbusClientError) -> ModbusResponse {
        switch endpoint {
        case .tcp: try mbap(request, pdu: pdu, unit: unit, transactionID: transactionID, deadline: deadline)
        case .rtuOverTCP, .serial: try rtu(request, pdu: pdu, unit: unit, deadline: deadline)
        }
    }

    private func mbap(_ request: ModbusRequest, pdu: ByteBuffer, unit: UInt8, transactionID: UInt16,
                      deadline: ContinuousClock.Instant) throws(ModbusClientError) -> ModbusResponse {
        var out = ByteBuffer()
        do {
            try MBAPFrameEncoder().encode(MBAPFrame(transactionID: transactionID, unitID: unit, pdu: pdu), into: &out)
        } catch { throw .malformedFrame(error) }
        try send(out, request: request, unit: unit, deadline: deadline)
        var decoder = MBAPFrameDecoder()
        var input = ByteBuffer()
        var discarded: [UInt16] = []
        while true {
            try receive(into: &input, request: request, unit: unit, discarded: discarded, deadline: deadline)
            while let frame = try decode(&decoder, &input) {
                guard frame.transactionID == transactionID, frame.unitID == unit else {
                    discarded.append(frame.transactionID)
                    continue
                }
                return try response(frame.pdu)
            }
        }
    }

    private func decode(_ decoder: inout MBAPFrameDecoder, _ input: inout ByteBuffer) throws(ModbusClientError) -> MBAPFrame? {
        do { return try decoder.decode(&input) } catch { throw .malformedFrame(error) }
    }

    private func rtu(_ request: ModbusRequest, pdu: ByteBuffer, unit: UInt8,
                     deadline: ContinuousClock.Instant) throws(ModbusClientError) -> ModbusResponse {
        var out = ByteBuffer()
        do { try RTUFrameEncoder().encode(RTUFrame(unitID: unit, pdu: pdu), into: &out) } catch { throw .malformedFrame(error) }
        stream.discardPending()
        try send(out, request: request, unit: unit, deadline: deadline)
        var decoder = RTUFrameDecoder(expectingResponseTo: request)
        var input = ByteBuffer()
        while true {
            try receive(into: &input, request: request, unit: unit, discarded: [], deadline: deadline)
            let frame: RTUFrame?
            do { frame = try decoder.decode(&input) } catch { throw .malformedFrame(error) }
            // A frame from another address is not the answer (a second master's traffic): keep listening.
            if let frame, frame.unitID == unit { return try response(frame.pdu) }
        }
    }

    private func response(_ pdu: ByteBuffer) throws(ModbusClientError) -> ModbusResponse {
        do { return try ModbusResponse(pdu: pdu) } catch { throw .invalidResponse(error) }
    }

    private func send(_ bytes: ByteBuffer, request: ModbusRequest, unit: UInt8,
                      deadline: ContinuousClock.Instant) throws(ModbusClientError) {
        do { try stream.writeAll(bytes, deadline: deadline) } catch {
            throw translate(error, request: request, unit: unit, received: 0, discarded: [])
        }
    }

    private func receive(into input: inout ByteBuffer, request: ModbusRequest, unit: UInt8, discarded: [UInt16],
                         deadline: ContinuousClock.Instant) throws(ModbusClientError) {
        do { try stream.readAvailable(into: &input, deadline: deadline) } catch {
            throw translate(error, request: request, unit: unit, received: input.readableBytes, discarded: discarded)
        }
    }

    private func translate(_ failure: DescriptorStream.Failure, request: ModbusRequest, unit: UInt8, received: Int,
                           discarded: [UInt16]) -> ModbusClientError {
        switch failure {
        case .timedOut:
            .timeout(unit: unit, function: request.functionCode, seconds: timeout, received: received, discarded: discarded)
        case .closed(let reason):
            .connectionLost(endpoint: endpoint.description, reason: reason)
        }
    }
}
