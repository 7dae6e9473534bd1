import Testing
@testable import OCPP16

@Suite struct OCPP16Smoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
