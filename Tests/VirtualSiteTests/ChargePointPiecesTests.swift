import ChargeIO
import Testing

@Suite struct ChargePointPiecesTests {
    @Test func backoffDoublesUpToItsCap() {
        let backoff = ReconnectBackoff()
        let delays = (0..<9).map { backoff.delay(afterFailures: $0) }
        #expect(delays.prefix(6) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                                     .milliseconds(1600), .milliseconds(3200)])
        #expect(delays.dropFirst(6).allSatisfy { $0 == .seconds(5) })
        #expect(backoff.delay(afterFailures: 1_000_000) == .seconds(5))
    }

    @Test func urls() {
        #expect(ChargePointURL("ws://127.0.0.1:8180/ocpp") == ChargePointURL(host: "127.0.0.1", port: 8180, path: "/ocpp"))
        #expect(ChargePointURL("ws://localhost")?.port == 80)
        #expect(ChargePointURL("wss://127.0.0.1/ocpp") == nil)
        #expect(ChargePointURL("http://127.0.0.1/ocpp") == nil)
        #expect(ChargePointURL("not a url") == nil)
    }
}
