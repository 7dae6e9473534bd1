import NIOCore
import Testing
@testable import DNSSD

@Suite struct DNSMessageEncoderTests {
    /// Labels as wire bytes: length, then the ASCII.
    static func wire(_ labels: String...) -> [UInt8] {
        labels.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    }

    @Test func browseQueryIsByteExact() throws {
        let bytes = try DNSMessageEncoder().encodeBytes(DNSMessage.browseQuery())
        let expected: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            + Self.wire("_alfen", "_tcp", "local") + [0x00, 0x00, 0x0C, 0x00, 0x01]
            // "_tcp.local" was written at offset 12 + 7 = 19 = 0x13.
            + Self.wire("_lolo3", "_http") + [0xC0, 0x13, 0x00, 0x0C, 0x00, 0x01]
        #expect(bytes == expected)
    }

    @Test func unicastResponseBitIsTheTopBitOfQClass() throws {
        let query = DNSMessage.browseQuery(serviceTypes: [DNSSDServiceType.alfen], unicastResponse: true, id: 0x1234)
        let bytes = try DNSMessageEncoder().encodeBytes(query)
        #expect(bytes.prefix(6) == [0x12, 0x34, 0x00, 0x00, 0x00, 0x01])
        #expect(bytes.suffix(4) == [0x00, 0x0C, 0x80, 0x01])
    }

    @Test func uncompressedQueryRepeatsTheSuffix() throws {
        let bytes = try DNSMessageEncoder(compressNames: false).encodeBytes(DNSMessage.browseQuery())
        let expected: [UInt8] = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]
            + Self.wire("_alfen", "_tcp", "local") + [0x00, 0x00, 0x0C, 0x00, 0x01]
            + Self.wire("_lolo3", "_http", "_tcp", "local") + [0x00, 0x00, 0x0C, 0x00, 0x01]
        #expect(bytes == expected)
    }

    @Test func recordHeaderAndRdataAreByteExact() throws {
        let type = DNSSDServiceType.alfen
        let instance = try type.prepending("ACE0001234")
        let host = try DNSName("ng910-60023-1234567.local")
        let message = DNSMessage(flags: [.response, .authoritativeAnswer], answers: [
            DNSResourceRecord(name: type, ttl: 4500, data: .ptr(instance)),
            DNSResourceRecord(name: instance, ttl: 120,
                              data: .srv(priority: 0, weight: 0, port: 443, target: host), cacheFlush: true),
            DNSResourceRecord(name: host, ttl: 120, data: .a(IPv4Address(192, 168, 0, 21)), cacheFlush: true),
        ])
        let bytes = try DNSMessageEncoder().encodeBytes(message)
        var expected: [UInt8] = [0x00, 0x00, 0x84, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00]
        // PTR: owner at 12 (_alfen 12, _tcp 19, local 24), rdata = "ACE0001234" + pointer to 12.
        expected += Self.wire("_alfen", "_tcp", "local") + [0x00]
        expected += [0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x11, 0x94, 0x00, 0x0D]
        expected += Self.wire("ACE0001234") + [0xC0, 0x0C]  // instance name at offset 41 = 0x29
        // SRV: owner is the whole instance name → pointer 41; cache-flush class 0x8001.
        expected += [0xC0, 0x29, 0x00, 0x21, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x1C]
        expected += [0x00, 0x00, 0x00, 0x00, 0x01, 0xBB]
        // Host label at 66 + 6 = 72 = 0x48, then a pointer to ".local" at 24 = 0x18.
        expected += Self.wire("ng910-60023-1234567") + [0xC0, 0x18]
        // A: owner is the host name → pointer 0x48.
        expected += [0xC0, 0x48, 0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 192, 168, 0, 21]
        #expect(bytes == expected)
    }

    @Test func emptyTXTIsOneEmptyString() throws {
        let record = DNSResourceRecord(name: DNSSDServiceType.alfen, ttl: 1, data: .txt(DNSTXT(strings: [])))
        let bytes = try DNSMessageEncoder().encodeBytes(DNSMessage(answers: [record]))
        #expect(bytes.suffix(3) == [0x00, 0x01, 0x00])  // RDLENGTH 1, one zero-length string
    }

    @Test func oversizedTXTStringIsRejected() {
        let txt = DNSTXT(strings: [Array(repeating: 0x61, count: 256)])
        let message = DNSMessage(answers: [DNSResourceRecord(name: .root, ttl: 1, data: .txt(txt))])
        #expect(throws: DNSMessageError.txtStringTooLong(length: 256)) {
            try DNSMessageEncoder().encodeBytes(message)
        }
    }

    @Test func oversizedRdataIsRejectedAndLeavesTheBufferUntouched() {
        let data = DNSRecordData.unknown(type: DNSRecordType(rawValue: 99), rdata: Array(repeating: 0, count: 70_000))
        let message = DNSMessage(answers: [DNSResourceRecord(name: .root, ttl: 1, data: data)])
        var buffer = ByteBuffer(bytes: [1, 2, 3])
        #expect(throws: DNSMessageError.rdataTooLong(type: DNSRecordType(rawValue: 99), length: 70_000)) {
            try DNSMessageEncoder().encode(message, into: &buffer)
        }
        #expect(Array(buffer.readableBytesView) == [1, 2, 3])
    }

    @Test func encodingAfterExistingBytesKeepsPointersRelativeToTheMessage() throws {
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        try DNSMessageEncoder().encode(DNSMessage.browseQuery(), into: &buffer)
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(try DNSMessageDecoder().decode(buffer) == DNSMessage.browseQuery())
    }
}
