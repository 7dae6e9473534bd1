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

    // What decodes must re-encode, and the re-encoding must decode to an equal message with the same bytes in
    // every name. A failure is a codec bug; trapping makes libFuzzer save the input.
    let encoded = try? DNSMessageEncoder().encode(message)
    let again = encoded.flatMap { try? DNSMessageDecoder().decode($0) }
    precondition(again == message, "a decoded DNS message does not survive re-encoding")
    precondition(again.map(exactNames) == exactNames(message), "re-encoding changed the bytes of a name")
    return 0
}

/// Every name with its exact label bytes: `DNSName`'s `==` folds ASCII case, this does not.
private func exactNames(_ message: DNSMessage) -> [[[UInt8]]] {
    var names = message.questions.map(\.name.labels)
    for record in message.answers + message.authorities + message.additionals {
        names.append(record.name.labels)
        switch record.data {
        case .ptr(let name), .srv(_, _, _, let name), .nsec(let name, _): names.append(name.labels)
        default: break
        }
    }
    return names
}
