import Testing
@testable import StationModel

@Suite struct StationModelSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
