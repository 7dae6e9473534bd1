import Testing
@testable import ChargeIO

@Suite struct ChargeIOSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
