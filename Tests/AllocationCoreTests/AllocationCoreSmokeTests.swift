import Testing
@testable import AllocationCore

@Suite struct AllocationCoreSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
