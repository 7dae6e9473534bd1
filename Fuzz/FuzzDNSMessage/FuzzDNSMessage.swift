import DNSSD
import NIOCore

/// libFuzzer entry point (environment.md §5): hostile bytes go to the message decoder and, when they decode,
/// through the browse reducer and back out through the encoder. Any trap or hang is a finding; a thrown
/// `DNSMessageError` is the expected outcome for most inputs. A plain `swift build` links this as an
/// executable that does nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let message = try? DNSMessageDecoder().decode(bytes: bytes) else { return 0 }

    // The reducer sees the packet as a response whatever its QR bit says, so its record handling is reached.
    var response = message
    response.flags.insert(.response)
    response.flags.opcode = 0
    response.flags.rcode = 0
    var reducer = DNSSDBrowseReducer()
    reducer.apply(response)
    for instance in reducer.instances {
        _ = (instance.identity, instance.scnNetwork, instance.sockets, instance.firmware, instance.objectNumber)
        _ = instance.isResolved
    }

    // What decodes must re-encode, and the re-encoding must decode to an equal message.
    guard let encoded = try? DNSMessageEncoder().encode(message),
          let again = try? DNSMessageDecoder().decode(encoded) else { return 0 }
    // A mismatch is a codec bug; trapping makes libFuzzer save the input.
    precondition(again == message, "re-encoded DNS message decodes differently")
    return 0
}
