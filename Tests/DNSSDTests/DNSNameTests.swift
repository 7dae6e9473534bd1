import Testing
@testable import DNSSD

@Suite struct DNSNameTests {
    @Test func parsesDottedText() throws {
        let name = try DNSName("ACE0001234._alfen._tcp.local.")
        #expect(name.labels.map { String(decoding: $0, as: UTF8.self) } == ["ACE0001234", "_alfen", "_tcp", "local"])
        #expect(name.description == "ACE0001234._alfen._tcp.local")
        #expect(name.parent == DNSSDServiceType.alfen)
        #expect(name.firstLabel == "ACE0001234")
    }

    @Test func escapedDotStaysInsideALabel() throws {
        let name = try DNSName(#"Bay 1\.left._alfen._tcp.local"#)
        #expect(name.firstLabel == "Bay 1.left")
        #expect(name.labels.count == 4)
        #expect(try DNSName(name.description) == name)
    }

    @Test(arguments: ["", "."])
    func rootSpellings(text: String) throws {
        #expect(try DNSName(text) == .root)
        #expect(DNSName.root.description == ".")
        #expect(DNSName.root.wireLength == 1)
    }

    @Test(arguments: ["a..b", ".a", "a.."])
    func emptyLabelsAreRejected(text: String) {
        #expect(throws: DNSMessageError.invalidLabel(length: 0)) { try DNSName(text) }
    }

    @Test func labelLimitIs63Bytes() throws {
        let ok = String(repeating: "x", count: 63)
        #expect(try DNSName(labels: [ok]).wireLength == 65)
        #expect(throws: DNSMessageError.invalidLabel(length: 64)) { try DNSName(labels: [ok + "x"]) }
    }

    @Test func nameLimitIs255Bytes() throws {
        let label = String(repeating: "x", count: 63)
        // 3 × 64 + 62 + 1 = 255.
        let longest = try DNSName(labels: [label, label, label, String(repeating: "y", count: 61)])
        #expect(longest.wireLength == 255)
        #expect(throws: DNSMessageError.nameTooLong(offset: nil, length: 256)) {
            try DNSName(labels: [label, label, label, String(repeating: "y", count: 62)])
        }
        #expect(throws: DNSMessageError.nameTooLong(offset: nil, length: 257)) {
            try longest.prepending("z")
        }
    }

    @Test func comparisonFoldsASCIICaseOnly() throws {
        let lower = try DNSName("_alfen._tcp.local"), upper = try DNSName("_ALFEN._TCP.LOCAL")
        #expect(lower == upper)
        #expect(lower.hashValue == upper.hashValue)
        #expect(Set([lower, upper]).count == 1)
        #expect(upper.labels != lower.labels)  // the bytes as given are kept
        #expect(try DNSName(labels: [[0xC3, 0xA9]]) != DNSName(labels: [[0xC3, 0x89]]))  // "é" vs "É"
        #expect(try DNSName("a.b") != DNSName("a"))
    }

    @Test func suffixAndOrder() throws {
        let instance = try DNSName("ACE0001234._alfen._tcp.local")
        #expect(instance.hasSuffix(DNSSDServiceType.alfen))
        #expect(!instance.hasSuffix(DNSSDServiceType.lolo3))
        #expect(try DNSName("a.local") < DNSName("B.local"))
        #expect(try DNSName("a") < DNSName("a.b"))
        #expect(try DNSSDServiceType.shortName(of: DNSName("_lolo3._http._tcp.local")) == "_lolo3._http._tcp")
    }
}
