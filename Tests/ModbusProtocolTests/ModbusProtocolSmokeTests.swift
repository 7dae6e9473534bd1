import Testing
@testable import ModbusProtocol

@Suite struct ModbusProtocolSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
