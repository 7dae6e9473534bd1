import Testing
import JSONText
@testable import OCPP16

/// Byte-exact CALL and CALLRESULT frames for every action. Frames are written compact with sorted members, so each
/// expectation is the one possible text.
@Suite("Action frames, byte-exact")
struct ActionFrameTests {
    func call(_ request: OCPPRequest, id: String = "19223201") throws -> String {
        OCPPFrame.call(try request.callFrame(messageID: id)).text
    }

    func result(_ confirmation: OCPPConfirmation, id: String = "19223201") throws -> String {
        OCPPFrame.callResult(try confirmation.callResultFrame(messageID: id)).text
    }

    @Test func bootNotification() throws {
        // OCPP-J 1.6 §4.2.1 example request; the result uses `interval`, the real field (not the example's typo).
        #expect(try call(.bootNotification(.init(chargePointVendor: "VendorX", chargePointModel: "SingleSocketCharger")))
            == #"[2,"19223201","BootNotification",{"chargePointModel":"SingleSocketCharger","chargePointVendor":"VendorX"}]"#)
        let accepted = BootNotification.Confirmation(
            status: .accepted, currentTime: try #require(OCPPTimestamp("2013-02-01T20:53:32.486Z")), interval: 300)
        #expect(try result(.bootNotification(accepted))
            == #"[3,"19223201",{"currentTime":"2013-02-01T20:53:32.486Z","interval":300,"status":"Accepted"}]"#)
    }

    @Test func bootNotificationWithEveryField() throws {
        let request = BootNotification.Request(
            chargePointVendor: "Alfen BV", chargePointModel: "NG920-61001", chargePointSerialNumber: "ACE0123456",
            chargeBoxSerialNumber: "ACE0123456", firmwareVersion: "6.4.0-4139", iccid: "8931088817019880002",
            imsi: "204080000000000", meterType: "Eastron SDM630", meterSerialNumber: "A1234567")
        #expect(try call(.bootNotification(request), id: "1") == #"[2,"1","BootNotification",{"#
            + #""chargeBoxSerialNumber":"ACE0123456","chargePointModel":"NG920-61001","#
            + #""chargePointSerialNumber":"ACE0123456","chargePointVendor":"Alfen BV","#
            + #""firmwareVersion":"6.4.0-4139","iccid":"8931088817019880002","imsi":"204080000000000","#
            + #""meterSerialNumber":"A1234567","meterType":"Eastron SDM630"}]"#)
    }

    @Test func heartbeat() throws {
        #expect(try call(.heartbeat, id: "7") == #"[2,"7","Heartbeat",{}]"#)
        #expect(try result(.heartbeat(.init(currentTime: noon)), id: "7") == #"[3,"7",{"currentTime":"2024-05-01T12:00:00Z"}]"#)
    }

    @Test func statusNotification() throws {
        let request = StatusNotification.Request(
            connectorId: 1, errorCode: .noError, status: .available,
            timestamp: OCPPTimestamp("2024-05-01T11:59:58.120Z"))
        #expect(try call(.statusNotification(request), id: "8") == #"[2,"8","StatusNotification",{"#
            + #""connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"2024-05-01T11:59:58.120Z"}]"#)
        #expect(try result(.statusNotification, id: "8") == #"[3,"8",{}]"#)
    }

    @Test func meterValues() throws {
        let sample = MeterValues.SampledValue(
            value: "1234.5", context: .samplePeriodic, measurand: .energyActiveImportRegister, phase: .l1N,
            location: .outlet, unit: .kWh)
        let request = MeterValues.Request(connectorId: 1, transactionId: 42, meterValue: [
            .init(timestamp: noon, sampledValue: [sample]),
        ])
        #expect(try call(.meterValues(request), id: "9") == #"[2,"9","MeterValues",{"connectorId":1,"#
            + #""meterValue":[{"sampledValue":[{"context":"Sample.Periodic","location":"Outlet","#
            + #""measurand":"Energy.Active.Import.Register","phase":"L1-N","unit":"kWh","value":"1234.5"}],"#
            + #""timestamp":"2024-05-01T12:00:00Z"}],"transactionId":42}]"#)
        #expect(try result(.meterValues, id: "9") == #"[3,"9",{}]"#)
    }

    @Test func authorize() throws {
        #expect(try call(.authorize(.init(idTag: "04A2B3C4D5E6F7")), id: "a")
            == #"[2,"a","Authorize",{"idTag":"04A2B3C4D5E6F7"}]"#)
        #expect(try result(.authorize(.init(idTagInfo: .init(status: .accepted))), id: "a")
            == #"[3,"a",{"idTagInfo":{"status":"Accepted"}}]"#)
    }

    @Test func dataTransfer() throws {
        let request = DataTransfer.Request(vendorId: "com.alfen", messageId: "ping", data: #"{"x":1}"#)
        #expect(try call(.dataTransfer(request), id: "b")
            == #"[2,"b","DataTransfer",{"data":"{\"x\":1}","messageId":"ping","vendorId":"com.alfen"}]"#)
        #expect(try result(.dataTransfer(.init(status: .unknownVendorId)), id: "b")
            == #"[3,"b",{"status":"UnknownVendorId"}]"#)
    }

    @Test func getConfiguration() throws {
        #expect(try call(.getConfiguration(.init()), id: "c") == #"[2,"c","GetConfiguration",{}]"#)
        #expect(try call(.getConfiguration(.init(key: ["HeartbeatInterval", "GetConfigurationMaxKeys"])), id: "c")
            == #"[2,"c","GetConfiguration",{"key":["HeartbeatInterval","GetConfigurationMaxKeys"]}]"#)
        let confirmation = GetConfiguration.Confirmation(
            configurationKey: [.init(key: "HeartbeatInterval", readonly: false, value: "300"),
                               .init(key: "AuthorizationKey", readonly: false)],
            unknownKey: ["NoSuchKey"])
        #expect(try result(.getConfiguration(confirmation), id: "c") == #"[3,"c",{"configurationKey":["#
            + #"{"key":"HeartbeatInterval","readonly":false,"value":"300"},{"key":"AuthorizationKey","readonly":false}],"#
            + #""unknownKey":["NoSuchKey"]}]"#)
    }

    @Test func changeConfiguration() throws {
        #expect(try call(.changeConfiguration(.init(key: "HeartbeatInterval", value: "600")), id: "d")
            == #"[2,"d","ChangeConfiguration",{"key":"HeartbeatInterval","value":"600"}]"#)
        #expect(try result(.changeConfiguration(.init(status: .rebootRequired)), id: "d")
            == #"[3,"d",{"status":"RebootRequired"}]"#)
    }

    @Test func reset() throws {
        #expect(try call(.reset(.init(type: .soft)), id: "e") == #"[2,"e","Reset",{"type":"Soft"}]"#)
        #expect(try result(.reset(.init(status: .accepted)), id: "e") == #"[3,"e",{"status":"Accepted"}]"#)
    }

    @Test func triggerMessage() throws {
        #expect(try call(.triggerMessage(.init(requestedMessage: .statusNotification, connectorId: 0)), id: "f")
            == #"[2,"f","TriggerMessage",{"connectorId":0,"requestedMessage":"StatusNotification"}]"#)
        #expect(try call(.triggerMessage(.init(requestedMessage: .bootNotification)), id: "f")
            == #"[2,"f","TriggerMessage",{"requestedMessage":"BootNotification"}]"#)
        #expect(try result(.triggerMessage(.init(status: .notImplemented)), id: "f")
            == #"[3,"f",{"status":"NotImplemented"}]"#)
    }

    @Test func changeAvailability() throws {
        #expect(try call(.changeAvailability(.init(connectorId: 0, type: .inoperative)), id: "g")
            == #"[2,"g","ChangeAvailability",{"connectorId":0,"type":"Inoperative"}]"#)
        #expect(try result(.changeAvailability(.init(status: .scheduled)), id: "g")
            == #"[3,"g",{"status":"Scheduled"}]"#)
    }

    @Test func callErrorFrame() {
        let frame = OCPPFrame.callError(CallErrorFrame(
            messageID: "162376037", code: .notSupported, errorDescription: "SendLocalList.req not implemented"))
        #expect(frame.text == #"[4,"162376037","NotSupported","SendLocalList.req not implemented",{}]"#)
    }

    @Test func stringsAreEscapedAsJSON() {
        let payload = JSONValue.object(["s": .string("a\"b\\c\n\u{01}/é€")])
        #expect(OCPPFrame.callResult(CallResultFrame(messageID: "1", payload: payload)).text
            == #"[3,"1",{"s":"a\"b\\c\n\u0001/é€"}]"#)
    }
}
