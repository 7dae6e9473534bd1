import Testing
@testable import DNSSD

@Suite struct IPAddressTests {
    @Test func ipv4TextAndBytes() {
        let address = IPv4Address(192, 168, 0, 21)
        #expect(address.rawValue == 0xC0A8_0015)
        #expect(address.description == "192.168.0.21")
        #expect(IPv4Address("192.168.0.21") == address)
        #expect(address.bytes == [192, 168, 0, 21])
        #expect(IPv4Address(10, 0, 0, 9) < IPv4Address(10, 0, 0, 10))  // numeric, not textual
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.-4", "1.2.3.0004"])
    func ipv4RejectsMalformedText(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test(arguments: [
        ([0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x44, 0x55], "fe80::211:22ff:fe33:4455"),
        ([UInt8](repeating: 0, count: 15) + [1], "::1"),
        ([UInt8](repeating: 0, count: 16), "::"),
        ([0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8:0:1::1"),
        ([0x20, 0x01, 0x0D, 0xB8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6], "2001:db8:1:2:3:4:5:6"),
        ([0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"),
    ])
    func ipv6FollowsRFC5952(bytes: [UInt8], text: String) throws {
        let address = try #require(IPv6Address(bytes: bytes))
        #expect(address.description == text)
        #expect(address.bytes == bytes)
    }

    @Test func ipv6NeedsSixteenBytes() {
        #expect(IPv6Address(bytes: [UInt8](repeating: 0, count: 15)) == nil)
    }
}
