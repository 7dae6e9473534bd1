@testable import ChargeIO
import Testing

/// Issue 14: `meter test --timeout 3` took 9.7 s on an address that never answers (three connect attempts of 3 s
/// each plus their backoff). The attempts share one budget; counted here, not timed.
@Suite struct ModbusConnectBudgetTests {
    final class Attempts: @unchecked Sendable {
        var count = 0
        var slept: [Double] = []
    }

    @Test func aTimedOutAttemptSpendsTheWholeBudget() {
        let attempts = Attempts()
        #expect(throws: ModbusClientError.connectTimeout(endpoint: "10.0.0.9:502", seconds: 3)) {
            try ModbusClient.connecting("10.0.0.9:502", options: .init(timeout: 3), sleep: { attempts.slept.append($0) }) {
                _ throws(DescriptorStream.OpenFailure) -> Int in
                attempts.count += 1
                throw .timedOut
            }
        }
        #expect(attempts.count == 1 && attempts.slept.isEmpty)
    }

    @Test func aRefusedAttemptIsRetriedWithBackoffWithinTheBudget() throws {
        let attempts = Attempts()
        let value = try ModbusClient.connecting("127.0.0.1:502", options: .init(timeout: 3), sleep: { attempts.slept.append($0) }) {
            _ throws(DescriptorStream.OpenFailure) -> Int in
            attempts.count += 1
            if attempts.count < 3 { throw .unreachable("connection refused") }
            return 7
        }
        #expect(value == 7 && attempts.count == 3 && attempts.slept == [0.2, 0.4])
    }

    @Test func noBackoffOutlastsTheBudget() {
        let attempts = Attempts()
        #expect(throws: ModbusClientError.self) {
            try ModbusClient.connecting("127.0.0.1:502", options: .init(timeout: 0.1), sleep: { attempts.slept.append($0) }) {
                _ throws(DescriptorStream.OpenFailure) -> Int in
                attempts.count += 1
                throw .unreachable("connection refused")
            }
        }
        #expect(attempts.count == 1 && attempts.slept.isEmpty, "a 0.2 s backoff does not fit in a 0.1 s budget")
    }
}
