import Testing
@testable import DNSSD

@Suite struct DNSSDSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
