import Testing
@testable import OCPP16

/// The station's CALLs, answered by the central system (SPEC §5).
@Suite("Session: inbound CALLs")
struct SessionInboundTests {
    var session = OCPPSession(messageIDs: SequentialMessageIDs(prefix: "cs-"))

    @Test mutating func bootNotificationIsAcceptedWith300SecondsAndThePassedInTime() {
        let actions = session.receive(
            #"[2,"19223201","BootNotification",{"chargePointVendor":"Alfen BV","chargePointModel":"NG910-60023"}]"#,
            currentTime: noon)
        #expect(actions == [
            .sendReply(OutgoingFrame(.callResult(CallResultFrame(messageID: "19223201", payload: .object([
                "status": .string("Accepted"), "currentTime": .string("2024-05-01T12:00:00Z"), "interval": .integer(300),
            ]))))),
            .received(messageID: "19223201", request: .bootNotification(.init(
                chargePointVendor: "Alfen BV", chargePointModel: "NG910-60023"))),
        ])
        #expect(actions.first?.writtenText
            == #"[3,"19223201",{"currentTime":"2024-05-01T12:00:00Z","interval":300,"status":"Accepted"}]"#)
    }

    @Test mutating func heartbeatGetsTheCurrentTime() {
        let later = OCPPTimestamp("2024-05-01T12:05:00Z")!
        let actions = session.receive(#"[2,"h1","Heartbeat",{}]"#, currentTime: later)
        #expect(actions.first?.writtenText == #"[3,"h1",{"currentTime":"2024-05-01T12:05:00Z"}]"#)
        #expect(actions.last == .received(messageID: "h1", request: .heartbeat))
    }

    @Test mutating func statusNotificationAndMeterValuesGetEmptyConfirmations() {
        let status = session.receive(
            #"[2,"s1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Preparing"}]"#, currentTime: noon)
        #expect(status.first?.writtenText == #"[3,"s1",{}]"#)
        #expect(status.last == .received(messageID: "s1", request: .statusNotification(
            .init(connectorId: 1, errorCode: .noError, status: .preparing))))
        let meter = session.receive(#"[2,"m1","MeterValues",{"connectorId":1,"meterValue":[{"#
            + #""timestamp":"2024-05-01T11:59:00Z","sampledValue":[{"value":"12.3","unit":"Celsius","measurand":"Temperature"}]}]}]"#,
            currentTime: noon)
        #expect(meter.first?.writtenText == #"[3,"m1",{}]"#)
        #expect(meter.count == 2)
    }

    @Test mutating func authorizeIsAccepted() {
        let actions = session.receive(#"[2,"a1","Authorize",{"idTag":"04A2B3C4"}]"#, currentTime: noon)
        #expect(actions.first?.writtenText == #"[3,"a1",{"idTagInfo":{"status":"Accepted"}}]"#)
    }

    @Test mutating func dataTransferIsUnknownVendorUnlessHooked() {
        let call = #"[2,"d1","DataTransfer",{"vendorId":"com.alfen","messageId":"x"}]"#
        #expect(session.receive(call, currentTime: noon).first?.writtenText == #"[3,"d1",{"status":"UnknownVendorId"}]"#)
        var hooked = OCPPSession(responder: CentralSystemResponder(dataTransfer: { request in
            DataTransfer.Confirmation(status: .accepted, data: "echo:" + (request.messageId ?? ""))
        }))
        #expect(hooked.receive(call, currentTime: noon).first?.writtenText
            == #"[3,"d1",{"data":"echo:x","status":"Accepted"}]"#)
    }

    @Test mutating func unknownActionIsNotImplemented() {
        let actions = session.receive(#"[2,"u1","MakeCoffee",{}]"#, currentTime: noon)
        #expect(actions == [
            .sendReply(OutgoingFrame(.callError(CallErrorFrame(
                messageID: "u1", code: .notImplemented, errorDescription: "action is not known")))),
            .rejected(messageID: "u1", action: "MakeCoffee", error: .unknownAction),
        ])
        #expect(actions.first?.writtenText == #"[4,"u1","NotImplemented","action is not known",{}]"#)
    }

    @Test mutating func knownButUnhandledActionIsNotSupported() {
        let actions = session.receive(#"[2,"t1","StartTransaction",{"connectorId":1}]"#, currentTime: noon)
        #expect(actions.first?.writtenText == #"[4,"t1","NotSupported","action is not supported",{}]"#)
        // A station sending a central system's CALL is refused too.
        let reset = session.receive(#"[2,"r1","Reset",{"type":"Soft"}]"#, currentTime: noon)
        #expect(reset.first?.writtenText == #"[4,"r1","NotSupported","Reset is sent by a central system, not to it",{}]"#)
    }

    @Test mutating func invalidPayloadGetsTheViolationsCode() {
        let actions = session.receive(
            #"[2,"b1","BootNotification",{"chargePointVendor":"An Overly Long Vendor Name","chargePointModel":"m"}]"#,
            currentTime: noon)
        #expect(actions.first?.writtenText
            == #"[4,"b1","TypeConstraintViolation","field chargePointVendor has 26 characters, at most 20 allowed",{}]"#)
        #expect(actions.last == .rejected(messageID: "b1", action: "BootNotification",
            error: .invalidPayload(.stringTooLong(path: "chargePointVendor", maximum: 20, length: 26))))
        let missing = session.receive(#"[2,"b2","StatusNotification",{"connectorId":1,"status":"Available"}]"#, currentTime: noon)
        #expect(missing.first?.writtenText == #"[4,"b2","ProtocolError","required field errorCode is missing",{}]"#)
    }

    @Test mutating func malformedCallWithAnIdGetsACallError() {
        let actions = session.receive(#"[2,"x1","Heartbeat",null]"#, currentTime: noon)
        #expect(actions.first?.writtenText == #"[4,"x1","FormationViolation","CALL payload is a JSON null, not an object",{}]"#)
        #expect(actions.last == .malformedFrame(.payloadNotObject(messageType: .call, messageID: "x1", kind: "null")))
    }

    @Test mutating func malformedTextWithoutAnIdIsOnlyReported() {
        #expect(session.receive("not json", currentTime: noon) == [.malformedFrame(.notJSON)])
        #expect(session.receive(#"[9,"z",{}]"#, currentTime: noon)
            == [.malformedFrame(.unknownMessageTypeID(9, messageID: "z"))])
        // A broken CALLERROR is never answered with a CALLERROR.
        #expect(session.receive(#"[4,"q",1,"",{}]"#, currentTime: noon)
            == [.malformedFrame(.errorFieldNotString(field: "errorCode", messageID: "q", kind: "number"))])
    }

    @Test mutating func customResponderAnswersUnmodelledActions() {
        struct StationSim: CallResponder {
            var resets = 0
            mutating func respond(to request: OCPPRequest, context: CallContext) -> CallResponse {
                guard case .reset = request else { return .callError(.notSupported, description: "no") }
                resets += 1
                return .confirmation(.reset(.init(status: .accepted)))
            }
            mutating func respond(toUnmodelled call: CallFrame, context: CallContext) -> CallResponse? {
                call.action == "StartTransaction" ? .payload(.object(["transactionId": .integer(5)])) : nil
            }
        }
        var station = OCPPSession(responder: StationSim())
        #expect(station.receive(#"[2,"1","Reset",{"type":"Hard"}]"#, currentTime: noon).first?.writtenText
            == #"[3,"1",{"status":"Accepted"}]"#)
        #expect((station.responder as? StationSim)?.resets == 1)
        let start = station.receive(#"[2,"2","StartTransaction",{}]"#, currentTime: noon)
        #expect(start.first?.writtenText == #"[3,"2",{"transactionId":5}]"#)
        #expect(start.last == .receivedUnmodelled(CallFrame(messageID: "2", action: "StartTransaction")))
    }

    @Test mutating func invalidResponderAnswerIsAnInternalError() {
        struct Broken: CallResponder {
            mutating func respond(to request: OCPPRequest, context: CallContext) -> CallResponse {
                .confirmation(.authorize(.init(idTagInfo: .init(status: .accepted, parentIdTag: String(repeating: "p", count: 21)))))
            }
        }
        var broken = OCPPSession(responder: Broken())
        let actions = broken.receive(#"[2,"1","Authorize",{"idTag":"x"}]"#, currentTime: noon)
        #expect(actions.first?.writtenText == #"[4,"1","InternalError","could not build a valid confirmation",{}]"#)
    }
}
