import Testing
import JSONText
@testable import OCPP16

@Suite("Schema limits and payload errors")
struct SchemaLimitTests {
    static let twentyOne = String(repeating: "x", count: 21)

    @Test func configurationKeyIsAtMost50Characters() throws {
        let key50 = String(repeating: "k", count: 50)
        #expect(encodingViolation(ChangeConfiguration.Request(key: key50, value: "1")) == nil)
        let violation = encodingViolation(ChangeConfiguration.Request(key: key50 + "k", value: "1"))
        #expect(violation == .stringTooLong(path: "key", maximum: 50, length: 51))
        #expect(violation?.callErrorCode == .typeConstraintViolation)
        #expect(try SchemaLimitTests.decodeViolation(ChangeConfiguration.Request.self, ["key": key50 + "k", "value": "1"])
            == .stringTooLong(path: "key", maximum: 50, length: 51))
    }

    @Test func configurationValueIsAtMost500Characters() throws {
        let value500 = String(repeating: "v", count: 500)
        #expect(encodingViolation(ChangeConfiguration.Request(key: "k", value: value500)) == nil)
        #expect(encodingViolation(ChangeConfiguration.Request(key: "k", value: value500 + "v"))
            == .stringTooLong(path: "value", maximum: 500, length: 501))
        let tooLong = GetConfiguration.Confirmation(configurationKey: [
            .init(key: "a", readonly: true, value: "ok"), .init(key: "b", readonly: true, value: value500 + "v"),
        ])
        #expect(encodingViolation(tooLong) == .stringTooLong(path: "configurationKey[1].value", maximum: 500, length: 501))
        #expect(encodingViolation(GetConfiguration.Request(key: ["ok", String(repeating: "k", count: 51)]))
            == .stringTooLong(path: "key[1]", maximum: 50, length: 51))
        #expect(encodingViolation(GetConfiguration.Confirmation(unknownKey: [String(repeating: "k", count: 51)]))
            == .stringTooLong(path: "unknownKey[0]", maximum: 50, length: 51))
    }

    @Test func lengthsCountCharactersNotBytes() {
        // 20 two-byte characters fit a CiString20.
        #expect(encodingViolation(Authorize.Request(idTag: String(repeating: "é", count: 20))) == nil)
    }

    @Test func bootNotificationLimits() throws {
        func boot(vendor: String = "v", model: String = "m", serial: String? = nil) -> BootNotification.Request {
            BootNotification.Request(chargePointVendor: vendor, chargePointModel: model, chargeBoxSerialNumber: serial)
        }
        #expect(encodingViolation(boot(vendor: String(repeating: "x", count: 20))) == nil)
        #expect(encodingViolation(boot(vendor: Self.twentyOne)) == .stringTooLong(path: "chargePointVendor", maximum: 20, length: 21))
        #expect(encodingViolation(boot(model: Self.twentyOne)) == .stringTooLong(path: "chargePointModel", maximum: 20, length: 21))
        #expect(encodingViolation(boot(serial: String(repeating: "s", count: 26)))
            == .stringTooLong(path: "chargeBoxSerialNumber", maximum: 25, length: 26))
        #expect(try SchemaLimitTests.decodeViolation(BootNotification.Request.self,
            ["chargePointVendor": Self.twentyOne, "chargePointModel": "m"])
            == .stringTooLong(path: "chargePointVendor", maximum: 20, length: 21))
    }

    @Test func otherStringLimits() {
        #expect(encodingViolation(Authorize.Request(idTag: Self.twentyOne)) == .stringTooLong(path: "idTag", maximum: 20, length: 21))
        #expect(encodingViolation(Authorize.Confirmation(idTagInfo: .init(status: .accepted, parentIdTag: Self.twentyOne)))
            == .stringTooLong(path: "idTagInfo.parentIdTag", maximum: 20, length: 21))
        #expect(encodingViolation(DataTransfer.Request(vendorId: String(repeating: "v", count: 256)))
            == .stringTooLong(path: "vendorId", maximum: 255, length: 256))
        #expect(encodingViolation(DataTransfer.Request(vendorId: "v", messageId: String(repeating: "m", count: 51)))
            == .stringTooLong(path: "messageId", maximum: 50, length: 51))
        #expect(encodingViolation(StatusNotification.Request(
            connectorId: 1, errorCode: .noError, status: .available, info: String(repeating: "i", count: 51)))
            == .stringTooLong(path: "info", maximum: 50, length: 51))
    }

    @Test func connectorIdsStartAtZero() {
        let violation = encodingViolation(ChangeAvailability.Request(connectorId: -1, type: .operative))
        #expect(violation == .belowMinimum(path: "connectorId", minimum: 0, value: -1))
        #expect(violation?.callErrorCode == .propertyConstraintViolation)
        #expect(encodingViolation(TriggerMessage.Request(requestedMessage: .heartbeat, connectorId: -2))
            == .belowMinimum(path: "connectorId", minimum: 0, value: -2))
    }

    @Test func meterValuesNeedAtLeastOneSample() throws {
        let empty = try violation(MeterValues.Request.self, #"{"connectorId":1,"meterValue":[]}"#)
        #expect(empty == .tooFewItems(path: "meterValue", minimum: 1, count: 0))
        #expect(empty?.callErrorCode == .occurenceConstraintViolation)
        #expect(try violation(MeterValues.Request.self,
            #"{"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","sampledValue":[]}]}"#)
            == .tooFewItems(path: "meterValue[0].sampledValue", minimum: 1, count: 0))
    }

    @Test func missingRequiredFieldIsAProtocolError() throws {
        let missing = try violation(BootNotification.Request.self, #"{"chargePointVendor":"v"}"#)
        #expect(missing == .missingField(path: "chargePointModel"))
        #expect(missing?.callErrorCode == .protocolError)
        // The OCPP-J §4.2.2 example result uses `heartbeatInterval`; the schema's field is `interval`.
        #expect(try violation(BootNotification.Confirmation.self,
            #"{"status":"Accepted","currentTime":"2013-02-01T20:53:32.486Z","heartbeatInterval":300}"#)
            == .missingField(path: "interval"))
    }

    @Test func wrongTypesAreTypeConstraintViolations() throws {
        let number = try violation(Authorize.Request.self, #"{"idTag":12}"#)
        #expect(number == .wrongType(path: "idTag"))
        #expect(number?.callErrorCode == .typeConstraintViolation)
        #expect(try violation(ChangeAvailability.Request.self, #"{"connectorId":"1","type":"Operative"}"#) == .wrongType(path: "connectorId"))
        #expect(try violation(ChangeAvailability.Request.self, #"{"connectorId":1.5,"type":"Operative"}"#) == .wrongType(path: "connectorId"))
        #expect(try violation(GetConfiguration.Confirmation.self, #"{"configurationKey":[{"key":"a","readonly":"no"}]}"#)
            == .wrongType(path: "configurationKey[0].readonly"))
        #expect(try violation(Authorize.Request.self, #"{"idTag":null}"#) == .wrongType(path: "idTag"))
    }

    @Test func enumValuesAreExactWireStrings() throws {
        let lowercase = try violation(Reset.Request.self, #"{"type":"soft"}"#)
        #expect(lowercase == .invalidValue(path: "type"))
        #expect(lowercase?.callErrorCode == .propertyConstraintViolation)
        #expect(try violation(MeterValues.Request.self,
            #"{"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","sampledValue":[{"value":"1","unit":"kwh"}]}]}"#)
            == .invalidValue(path: "meterValue[0].sampledValue[0].unit"))
        #expect(MeterValues.UnitOfMeasure(rawValue: "Celcius") == .celcius)
        #expect(MeterValues.UnitOfMeasure(rawValue: "Celsius") == .celsius)
        #expect(MeterValues.UnitOfMeasure.var.rawValue == "var")
        #expect(MeterValues.Measurand.soC.rawValue == "SoC")
        #expect(StatusNotification.ChargePointErrorCode.evCommunicationError.rawValue == "EVCommunicationError")
    }

    @Test func badTimestampsAreRejected() throws {
        let bad = try violation(Heartbeat.Confirmation.self, #"{"currentTime":"yesterday"}"#)
        #expect(bad == .invalidTimestamp(path: "currentTime"))
        #expect(bad?.callErrorCode == .typeConstraintViolation)
        #expect(try violation(StatusNotification.Request.self,
            #"{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2024-02-30T00:00:00Z"}"#)
            == .invalidTimestamp(path: "timestamp"))
    }

    @Test func payloadMustBeAnObject() {
        #expect(throws: SchemaViolation.notAnObject(kind: "array")) {
            try PayloadCoder.decode(Heartbeat.Confirmation.self, from: .array([]))
        }
    }

    static func decodeViolation<T: OCPPPayload>(_ type: T.Type, _ members: [String: String]) throws -> SchemaViolation? {
        try violation(T.self, JSONValue.object(members.mapValues { .string($0) }).jsonText)
    }
}
