import Testing
@testable import DNSSD

@Suite struct DNSMessageDecoderRdataTests {
    let decoder = DNSMessageDecoder()

    /// A response with one answer owned by the root name: type, class IN, TTL 1, then RDLENGTH and rdata.
    func answer(type: UInt16, rdlength: Int, _ rdata: [UInt8]) -> [UInt8] {
        [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0x00, UInt8(type >> 8), UInt8(type & 0xFF), 0, 1, 0, 0, 0, 1,
         UInt8(rdlength >> 8), UInt8(rdlength & 0xFF)] + rdata
    }

    @Test func addressWithWrongLengthIsRejected() {
        #expect(throws: DNSMessageError.rdataLengthMismatch(type: .a, offset: 23, declared: 5, consumed: 4)) {
            try decoder.decode(bytes: answer(type: 1, rdlength: 5, [1, 2, 3, 4, 5]))
        }
        #expect(throws: DNSMessageError.rdataLengthMismatch(type: .aaaa, offset: 23, declared: 4, consumed: 16)) {
            try decoder.decode(bytes: answer(type: 28, rdlength: 4, [1, 2, 3, 4]))
        }
    }

    @Test func rdataLongerThanThePacketIsTruncated() {
        #expect(throws: DNSMessageError.truncated(field: .rdata, offset: 23, needed: 10, remaining: 3)) {
            try decoder.decode(bytes: answer(type: 99, rdlength: 10, [1, 2, 3]))
        }
    }

    @Test func nameMustEndInsideItsRdata() {
        // PTR rdata declared as 3 bytes, but the name "abcd" needs 6: it may not borrow the bytes that follow.
        let bytes = answer(type: 12, rdlength: 3, [0x04, 0x61, 0x62, 0x63, 0x64, 0x00])
        #expect(throws: DNSMessageError.truncated(field: .name, offset: 23, needed: 5, remaining: 3)) {
            try decoder.decode(bytes: bytes)
        }
    }

    @Test func bytesLeftAfterANameInRdataAreRejected() {
        #expect(throws: DNSMessageError.rdataLengthMismatch(type: .ptr, offset: 23, declared: 4, consumed: 3)) {
            try decoder.decode(bytes: answer(type: 12, rdlength: 4, [0x01, 0x61, 0x00, 0xFF]))
        }
    }

    @Test func txtStringOverrunningItsRdataIsTruncated() {
        #expect(throws: DNSMessageError.truncated(field: .txtString, offset: 24, needed: 5, remaining: 2)) {
            try decoder.decode(bytes: answer(type: 16, rdlength: 3, [0x05, 0x61, 0x62, 0x63, 0x64, 0x65]))
        }
    }

    @Test func emptyTXTRdataReadsAsOneEmptyString() throws {
        let message = try decoder.decode(bytes: answer(type: 16, rdlength: 0, []))
        #expect(message.answers.first?.data == .txt(DNSTXT(strings: [[]])))
    }

    @Test func nsecKeepsNextNameAndBitmaps() throws {
        let message = try decoder.decode(bytes: answer(type: 47, rdlength: 9, [0x01, 0x68, 0x00, 0, 4, 0x40, 0, 0, 0]))
        let next = try DNSName("h")
        #expect(message.answers.first?.data == .nsec(nextDomainName: next, typeBitmaps: [0, 4, 0x40, 0, 0, 0]))
    }

    @Test func unknownTypeKeepsItsBytes() throws {
        let message = try decoder.decode(bytes: answer(type: 0xFF00, rdlength: 3, [9, 8, 7]))
        #expect(message.answers.first?.data == .unknown(type: DNSRecordType(rawValue: 0xFF00), rdata: [9, 8, 7]))
    }

    @Test func srvTargetMayBeCompressed() throws {
        // Owner "h" at 12; the SRV target is a pointer to it.
        let bytes: [UInt8] = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0x01, 0x68, 0x00, 0x00, 0x21, 0x00, 0x01,
                              0, 0, 0, 1, 0, 8, 0, 1, 0, 2, 0x01, 0xBB, 0xC0, 0x0C]
        let message = try decoder.decode(bytes: bytes)
        #expect(message.answers.first?.data == .srv(priority: 1, weight: 2, port: 443, target: try DNSName("h")))
    }
}
