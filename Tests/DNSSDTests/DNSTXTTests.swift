import Testing
@testable import DNSSD

@Suite struct DNSTXTTests {
    @Test func keyValueBooleanAndEmptyValues() {
        let txt = DNSTXT(strings: ["identity=ACE0001234", "euaenabled", "scnnetwork="].map { Array($0.utf8) })
        #expect(txt["identity"] == .bytes(Array("ACE0001234".utf8)))
        #expect(txt["euaenabled"] == .present)
        #expect(txt["scnnetwork"] == .bytes([]))
        #expect(txt["missing"] == nil)
        #expect(txt.dictionary == ["identity": "ACE0001234", "euaenabled": "", "scnnetwork": ""])
    }

    @Test func firstOccurrenceWinsAndKeysIgnoreCase() {
        let txt = DNSTXT(strings: ["Type=2.1.3", "type=1.1", "=orphan", ""].map { Array($0.utf8) })
        #expect(txt["TYPE"]?.string == "2.1.3")
        #expect(txt.attributes.count == 1)
        #expect(txt.dictionary == ["type": "2.1.3"])
    }

    @Test func valuesKeepRawBytesAndEqualsSigns() throws {
        let raw: [UInt8] = Array("key=".utf8) + [0xFF, 0x00, 0x3D, 0x80]
        let txt = DNSTXT(strings: [raw])
        #expect(txt["key"] == .bytes([0xFF, 0x00, 0x3D, 0x80]))
        let record = DNSResourceRecord(name: .root, ttl: 1, data: .txt(txt))
        let bytes = try DNSMessageEncoder().encodeBytes(DNSMessage(answers: [record]))
        let decoded = try DNSMessageDecoder().decode(bytes: bytes)
        #expect(decoded.answers.first?.data == .txt(txt))
    }

    @Test func dictionaryInitIsSortedAndDeterministic() {
        let txt = DNSTXT(["type": "2.1.3", "identity": "ACE1", "fwversion": "5.2.1"])
        #expect(txt.strings.map { String(decoding: $0, as: UTF8.self) }
            == ["fwversion=5.2.1", "identity=ACE1", "type=2.1.3"])
        let flags = DNSTXT(attributes: [(key: "flag", value: nil), (key: "k", value: "v")])
        #expect(flags.strings == [Array("flag".utf8), Array("k=v".utf8)])
    }
}
