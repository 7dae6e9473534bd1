import Testing
@testable import OCPP16

/// Every request and confirmation survives encode → frame text → decode unchanged.
@Suite("Round trips of every action")
struct RoundTripTests {
    static let requests: [OCPPRequest] = [
        .bootNotification(.init(chargePointVendor: "Alfen BV", chargePointModel: "NG910-60023",
                                chargeBoxSerialNumber: "ACE0000001", firmwareVersion: "6.4.0")),
        .heartbeat,
        .statusNotification(.init(connectorId: 2, errorCode: .otherError, status: .faulted, info: "RCD tripped",
                                  timestamp: noon, vendorId: "com.alfen", vendorErrorCode: "E42")),
        .meterValues(.init(connectorId: 0, meterValue: [.init(timestamp: noon, sampledValue: [
            .init(value: "230.1", measurand: .voltage, phase: .l1, unit: .v),
            .init(value: "21.5", format: .raw, measurand: .temperature, location: .body, unit: .celcius),
            .init(value: "50.0", measurand: .frequency, unit: .hertz),
        ])])),
        .authorize(.init(idTag: "ABCDEF0123456789ABCD")),
        .dataTransfer(.init(vendorId: "com.alfen", messageId: "m", data: "d")),
        .getConfiguration(.init(key: ["A", "B"])),
        .getConfiguration(.init()),
        .changeConfiguration(.init(key: "MeterValueSampleInterval", value: "60")),
        .reset(.init(type: .hard)),
        .triggerMessage(.init(requestedMessage: .meterValues, connectorId: 1)),
        .changeAvailability(.init(connectorId: 1, type: .operative)),
    ]

    static let confirmations: [(OCPPRequest, OCPPConfirmation)] = [
        (.bootNotification(.init(chargePointVendor: "v", chargePointModel: "m")),
         .bootNotification(.init(status: .pending, currentTime: OCPPTimestamp("2024-05-01T14:00:00.5+02:00")!, interval: 0))),
        (.heartbeat, .heartbeat(.init(currentTime: noon))),
        (.statusNotification(.init(connectorId: 1, errorCode: .noError, status: .charging)), .statusNotification),
        (.meterValues(.init(connectorId: 1, meterValue: [.init(timestamp: noon, sampledValue: [.init(value: "1")])])),
         .meterValues),
        (.authorize(.init(idTag: "x")),
         .authorize(.init(idTagInfo: .init(status: .blocked, expiryDate: noon, parentIdTag: "parent")))),
        (.dataTransfer(.init(vendorId: "v")), .dataTransfer(.init(status: .accepted, data: "reply"))),
        (.getConfiguration(.init()), .getConfiguration(.init(
            configurationKey: [.init(key: "NumberOfConnectors", readonly: true, value: "2")], unknownKey: []))),
        (.changeConfiguration(.init(key: "k", value: "v")), .changeConfiguration(.init(status: .notSupported))),
        (.reset(.init(type: .soft)), .reset(.init(status: .rejected))),
        (.triggerMessage(.init(requestedMessage: .heartbeat)), .triggerMessage(.init(status: .accepted))),
        (.changeAvailability(.init(connectorId: 0, type: .inoperative)), .changeAvailability(.init(status: .rejected))),
    ]

    @Test(arguments: requests)
    func requestRoundTrip(_ request: OCPPRequest) throws {
        let text = OCPPFrame.call(try request.callFrame(messageID: "rt")).text
        guard case .call(let frame) = try decodeFrame(text) else { Issue.record("not a CALL: \(text)"); return }
        #expect(frame.action == request.action)
        #expect(try OCPPRequest.decode(action: frame.action, payload: frame.payload) == request)
        #expect(OCPPFrame.call(frame).text == text)
    }

    @Test(arguments: 0..<confirmations.count)
    func confirmationRoundTrip(_ index: Int) throws {
        let (request, confirmation) = Self.confirmations[index]
        let text = OCPPFrame.callResult(try confirmation.callResultFrame(messageID: "rt")).text
        guard case .callResult(let frame) = try decodeFrame(text) else { Issue.record("not a CALLRESULT"); return }
        #expect(try OCPPConfirmation.decode(answering: request, payload: frame.payload) == confirmation)
        #expect(try OCPPConfirmation.decode(action: request.action, payload: frame.payload) == confirmation)
    }

    @Test func everyActionIsCovered() {
        #expect(Set(Self.requests.map(\.action)).count == 11)
        #expect(Set(Self.confirmations.map(\.0.action)).count == 11)
    }

    @Test func typedHelpersOfOCPPAction() throws {
        let payload = try PayloadCoder.encode(Reset.Request(type: .hard))
        #expect(try Reset.decodeRequest(payload) == Reset.Request(type: .hard))
        #expect(Reset.unwrap(.reset(.init(status: .accepted))) == Reset.Confirmation(status: .accepted))
        #expect(Reset.unwrap(.heartbeat(.init(currentTime: noon))) == nil)
        #expect(GetConfiguration.wrap(GetConfiguration.Request(key: ["a"])) == .getConfiguration(.init(key: ["a"])))
        #expect(Heartbeat.wrap(EmptyPayload()) == .heartbeat)
        #expect(StatusNotification.unwrap(.statusNotification) == EmptyPayload())
    }

    /// The samples cover every case of both closed sets, so each case must have exactly one entry in the table.
    @Test func everyCaseIsRegisteredOnce() {
        let names = OCPPActions.table.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Set(names).isSubset(of: KnownActions.ocpp16))
        #expect(OCPPActions.all.map { $0.name } == names)
        for request in Self.requests {
            #expect(OCPPActions.table.filter { $0.owns(request) }.count == 1, "\(request)")
        }
        for (request, confirmation) in Self.confirmations {
            #expect(OCPPActions.entry(for: request)?.name == request.action)
            #expect(OCPPActions.table.filter { (try? $0.encodeConfirmation(confirmation)) != nil }.count == 1)
        }
        #expect(Set(Self.requests.map(\.action)) == Set(names))
    }

    @Test func unmodelledActionsDecodeToNil() throws {
        #expect(try OCPPRequest.decode(action: "StartTransaction", payload: .emptyObject) == nil)
        #expect(try OCPPRequest.decode(action: "heartbeat", payload: .emptyObject) == nil)
        #expect(try OCPPConfirmation.decode(action: "StopTransaction", payload: .emptyObject) == nil)
    }
}
