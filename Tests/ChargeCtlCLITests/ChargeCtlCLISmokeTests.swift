import Testing
@testable import ChargeCtlCLI

@Suite struct ChargeCtlCLISmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
