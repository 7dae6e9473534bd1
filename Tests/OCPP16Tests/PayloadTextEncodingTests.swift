import JSONText
import Testing
@testable import OCPP16

/// The one-pass text encoder and the tree encoder agree on real OCPP payloads: the scanner reads the text back to
/// the tree `PayloadCoder` builds.
@Suite struct PayloadTextEncodingTests {
    func expectSameValue<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = String(decoding: try JSONTextEncoding.encode(value), as: UTF8.self)
        let parsed = try #require(JSONScanner.parse(written), "not JSON: \(written)", sourceLocation: sourceLocation)
        #expect(parsed == (try JSONValueEncoding.encode(value)), "\(written)", sourceLocation: sourceLocation)
    }

    @Test func ocppPayloadsMatchTheTreeEncoder() throws {
        let noon = OCPPTimestamp("2024-05-01T12:00:00Z")!
        try expectSameValue(BootNotification.Request(chargePointVendor: "Alfen BV", chargePointModel: "NG910-60023",
                                                     chargeBoxSerialNumber: "ACE0000001", firmwareVersion: "6.4.0"))
        try expectSameValue(MeterValues.Request(connectorId: 0, meterValue: [.init(timestamp: noon, sampledValue: [
            .init(value: "230.1", measurand: .voltage, phase: .l1, unit: .v),
            .init(value: "21.5", format: .raw, measurand: .temperature, location: .body, unit: .celcius),
        ])]))
        try expectSameValue(GetConfiguration.Confirmation(
            configurationKey: (0..<40).map { .init(key: "Key\($0)", readonly: $0 % 7 == 0, value: $0 % 5 == 0 ? nil : "\($0)") },
            unknownKey: ["Nope"]))
        try expectSameValue(StatusNotification.Request(connectorId: 2, errorCode: .otherError, status: .faulted,
                                                       info: "RCD tripped", timestamp: noon))
        try expectSameValue(GetConfiguration.Confirmation())
    }
}
