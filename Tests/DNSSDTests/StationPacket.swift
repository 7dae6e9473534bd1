@testable import DNSSD

/// A station's response assembled by hand, byte by byte, with the compression pointers a real responder uses.
enum StationPacket {
    static func wire(_ labels: String...) -> [UInt8] {
        labels.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    }

    static func characterStrings(_ strings: String...) -> [UInt8] {
        strings.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    }

    static let txtRdata = characterStrings("identity=ACE0001234", "scnnetwork=", "type=2.1.3", "fwversion=5.2.1-4312")

    /// Response: PTR answer; SRV, TXT and A additionals. Offsets: `_alfen._tcp.local` at 12 (`local` at 24),
    /// the instance label at 41, the host label at 72.
    static let bytes: [UInt8] = {
        var bytes: [UInt8] = [0x00, 0x00, 0x84, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03]
        bytes += wire("_alfen", "_tcp", "local") + [0x00, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x11, 0x94, 0x00, 0x0D]
        bytes += wire("ACE0001234") + [0xC0, 0x0C]
        bytes += [0xC0, 0x29, 0x00, 0x21, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x1C, 0, 0, 0, 0, 0x01, 0xBB]
        bytes += wire("ng910-60023-1234567") + [0xC0, 0x18]
        bytes += [0xC0, 0x29, 0x00, 0x10, 0x80, 0x01, 0x00, 0x00, 0x11, 0x94, 0x00, UInt8(txtRdata.count)]
        bytes += txtRdata
        bytes += [0xC0, 0x48, 0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 192, 168, 0, 21]
        return bytes
    }()

    static let instance = DNSName(validated: [Array("ACE0001234".utf8)] + DNSSDServiceType.alfen.labels)
    static let host = DNSName(validated: [Array("ng910-60023-1234567".utf8), Array("local".utf8)])

    /// What `bytes` must decode to.
    static let message = DNSMessage(
        flags: [.response, .authoritativeAnswer],
        answers: [DNSResourceRecord(name: DNSSDServiceType.alfen, ttl: 4500, data: .ptr(instance))],
        additionals: [
            DNSResourceRecord(name: instance, ttl: 120, data: .srv(priority: 0, weight: 0, port: 443, target: host),
                              cacheFlush: true),
            DNSResourceRecord(name: instance, ttl: 4500, data: .txt(DNSTXT(attributes: [
                (key: "identity", value: "ACE0001234"), (key: "scnnetwork", value: ""),
                (key: "type", value: "2.1.3"), (key: "fwversion", value: "5.2.1-4312"),
            ])), cacheFlush: true),
            DNSResourceRecord(name: host, ttl: 120, data: .a(IPv4Address(192, 168, 0, 21)), cacheFlush: true),
        ])
}
