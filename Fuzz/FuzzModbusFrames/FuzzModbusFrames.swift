import ModbusProtocol
import NIOCore

/// libFuzzer entry point (`make fuzz`, environment.md §5); a plain `swift build` links this as an executable that
/// does nothing. Feeds the bytes to every Modbus decoder. Beyond "never crash", it checks two oracles and traps when
/// one fails, so libFuzzer reports it: decoding is independent of how the bytes are split, and whatever decodes
/// re-encodes to exactly the bytes it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the chunk size of the split stream, so the fuzzer explores splits too.
    let chunk = Int(bytes.first ?? 1) % 16 + 1

    checkMBAP(bytes, chunk: chunk)
    checkRTU(bytes, mode: .request, chunk: chunk)
    for function in FunctionCode.supported { checkRTU(bytes, mode: .response(to: function), chunk: chunk) }
    checkPDU(bytes)
    return 0
}

private func checkMBAP(_ bytes: [UInt8], chunk: Int) {
    let whole = drain(bytes, chunk: bytes.count, MBAPFrameDecoder())
    let split = drain(bytes, chunk: chunk, MBAPFrameDecoder())
    precondition(whole.frames == split.frames && whole.error == split.error, "MBAP decoding depends on the split")
    var out = ByteBuffer()
    for frame in whole.frames {
        do { try MBAPFrameEncoder().encode(frame, into: &out) } catch { preconditionFailure("decoded MBAP frame does not encode") }
        checkPDU(Array(frame.pdu.readableBytesView))
    }
    precondition(Array(out.readableBytesView) == Array(bytes.prefix(out.readableBytes)), "MBAP re-encoding differs")
}

private func checkRTU(_ bytes: [UInt8], mode: RTUFrameDecoder.Mode, chunk: Int) {
    let whole = drain(bytes, chunk: bytes.count, RTUFrameDecoder(mode: mode))
    let split = drain(bytes, chunk: chunk, RTUFrameDecoder(mode: mode))
    precondition(whole.frames == split.frames && whole.error == split.error, "RTU decoding depends on the split")
    var out = ByteBuffer()
    for frame in whole.frames {
        do { try RTUFrameEncoder().encode(frame, into: &out) } catch { preconditionFailure("decoded RTU frame does not encode") }
    }
    precondition(Array(out.readableBytesView) == Array(bytes.prefix(out.readableBytes)), "RTU re-encoding differs")
}

/// Request and response decoders, and a register bank answering the bytes as a request PDU.
private func checkPDU(_ bytes: [UInt8]) {
    let pdu = ByteBuffer(bytes: bytes)
    if let request = try? ModbusRequest(pdu: pdu) {
        precondition((try? request.encoded()) == pdu, "request re-encoding differs")
    }
    if let response = try? ModbusResponse(pdu: pdu) {
        precondition((try? response.encoded()) == pdu, "response re-encoding differs")
    }
    var bank = RegisterBank()
    _ = try? bank.store(Array(repeating: 0x1234, count: 64), at: 0xFFC0, in: .holding, unit: 1)
    if case .respond(let response) = bank.handle(pdu: pdu, unit: 1) {
        precondition((try? response.encoded()) != nil, "the bank answered with an unencodable response")
    }
}

/// The shape both frame decoders share.
private protocol FrameDecoder {
    associatedtype Frame: Equatable
    mutating func decode(_ buffer: inout ByteBuffer) throws(ModbusFrameError) -> Frame?
}

extension MBAPFrameDecoder: FrameDecoder {}
extension RTUFrameDecoder: FrameDecoder {}

private struct Drained<Frame: Equatable> {
    var frames: [Frame] = []
    var error: ModbusFrameError?
}

/// Feeds `bytes` in chunks of `chunk`, decoding after each until the decoder wants more or throws.
private func drain<Decoder: FrameDecoder>(_ bytes: [UInt8], chunk: Int, _ decoder: Decoder) -> Drained<Decoder.Frame> {
    var decoder = decoder
    var result = Drained<Decoder.Frame>()
    var buffer = ByteBuffer()
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + max(chunk, 1))
        buffer.writeBytes(bytes[offset..<end])
        offset = end
        do {
            while let frame = try decoder.decode(&buffer) { result.frames.append(frame) }
        } catch {
            result.error = error
            return result
        }
    }
    return result
}
