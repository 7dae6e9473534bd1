import Foundation
import OCPP16

/// libFuzzer entry (`make fuzz`): any bytes through the OCPP-J frame decoder, and through a session as a received
/// message, must end in a frame or an error, never a trap (SPEC §6).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOCPPFrames(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FrameDecoder().decode(text)
    var session = OCPPSession()
    _ = session.receive(text, currentTime: OCPPTimestamp(Date(timeIntervalSince1970: 0)))
    return 0
}
