import Testing
@testable import OCPP16

@Suite("OCPP-J frame decoding")
struct FrameDecoderTests {
    @Test func decodesTheSpecificationsCall() throws {
        // OCPP-J 1.6 specification §4.2.1 example, with its spacing.
        let frame = try decodeFrame(
            #"[2, "19223201", "BootNotification", {"chargePointVendor": "VendorX", "chargePointModel": "SingleSocketCharger"}]"#)
        #expect(frame == .call(CallFrame(messageID: "19223201", action: "BootNotification", payload: .object([
            "chargePointVendor": .string("VendorX"), "chargePointModel": .string("SingleSocketCharger"),
        ]))))
    }

    @Test func decodesACallResult() throws {
        let frame = try decodeFrame(#"[3,"19223201",{"currentTime":"2013-02-01T20:53:32.486Z","interval":300,"status":"Accepted"}]"#)
        guard case .callResult(let result) = frame else { Issue.record("not a CALLRESULT: \(frame)"); return }
        #expect(result.messageID == "19223201")
        #expect(result.payload.objectValue?["interval"] == .integer(300))
    }

    @Test func decodesTheErratasCallError() throws {
        // OCPP-J 1.6 errata 3.7 example.
        let frame = try decodeFrame(#"[4, "162376037", "NotSupported", "SendLocalList.req not implemented", {}]"#)
        #expect(frame == .callError(CallErrorFrame(
            messageID: "162376037", code: .notSupported, errorDescription: "SendLocalList.req not implemented")))
    }

    @Test func acceptsAnIdOfExactly36Characters() throws {
        let id = "0123456789abcdef0123456789abcdef0123"
        #expect(try decodeFrame(#"[3,"\#(id)",{}]"#).messageID == id)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let text: String
        let error: FrameDecodingError
        let code: CallErrorCode
        let id: String?
        var testDescription: String { text.count > 60 ? String(text.prefix(60)) + "…" : text }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "", error: .notJSON, code: .formationViolation, id: nil),
        Malformed(text: "[2, \"1\", \"Heartbeat\", {}", error: .notJSON, code: .formationViolation, id: nil),
        Malformed(text: "hello", error: .notJSON, code: .formationViolation, id: nil),
        Malformed(text: #"{"a":1}"#, error: .notAnArray(kind: "object"), code: .formationViolation, id: nil),
        Malformed(text: "42", error: .notAnArray(kind: "number"), code: .formationViolation, id: nil),
        Malformed(text: "[]", error: .missingMessageTypeID, code: .protocolError, id: nil),
        Malformed(text: #"["2","1","Heartbeat",{}]"#, error: .messageTypeIDNotInteger(kind: "string"),
                  code: .typeConstraintViolation, id: nil),
        Malformed(text: #"[7,"abc",{}]"#, error: .unknownMessageTypeID(7, messageID: "abc"),
                  code: .propertyConstraintViolation, id: "abc"),
        Malformed(text: #"[2,"a1","Heartbeat"]"#,
                  error: .wrongArity(messageType: .call, expected: 4, actual: 3, messageID: "a1"),
                  code: .protocolError, id: "a1"),
        Malformed(text: #"[2,"a1","Heartbeat",{},{}]"#,
                  error: .wrongArity(messageType: .call, expected: 4, actual: 5, messageID: "a1"),
                  code: .formationViolation, id: "a1"),
        Malformed(text: #"[3,"a1"]"#,
                  error: .wrongArity(messageType: .callResult, expected: 3, actual: 2, messageID: "a1"),
                  code: .protocolError, id: "a1"),
        Malformed(text: #"[4,"a1","GenericError",""]"#,
                  error: .wrongArity(messageType: .callError, expected: 5, actual: 4, messageID: "a1"),
                  code: .protocolError, id: "a1"),
        Malformed(text: #"[2,17,"Heartbeat",{}]"#, error: .messageIDNotString(messageType: .call, kind: "number"),
                  code: .typeConstraintViolation, id: nil),
        Malformed(text: #"[2,"0123456789abcdef0123456789abcdef01234","Heartbeat",{}]"#,
                  error: .messageIDLength(messageType: .call, length: 37), code: .typeConstraintViolation, id: nil),
        Malformed(text: #"[2,"","Heartbeat",{}]"#, error: .messageIDLength(messageType: .call, length: 0),
                  code: .typeConstraintViolation, id: nil),
        Malformed(text: #"[2,"a1",5,{}]"#, error: .actionNotString(messageID: "a1", kind: "number"),
                  code: .typeConstraintViolation, id: "a1"),
        Malformed(text: #"[2,"a1","",{}]"#, error: .actionNotString(messageID: "a1", kind: "string"),
                  code: .typeConstraintViolation, id: "a1"),
        Malformed(text: #"[2,"a1","Heartbeat",null]"#,
                  error: .payloadNotObject(messageType: .call, messageID: "a1", kind: "null"),
                  code: .formationViolation, id: "a1"),
        Malformed(text: #"[2,"a1","Heartbeat",[]]"#,
                  error: .payloadNotObject(messageType: .call, messageID: "a1", kind: "array"),
                  code: .formationViolation, id: "a1"),
        Malformed(text: #"[3,"a1","ok"]"#,
                  error: .payloadNotObject(messageType: .callResult, messageID: "a1", kind: "string"),
                  code: .formationViolation, id: "a1"),
        Malformed(text: #"[4,"a1",404,"",{}]"#,
                  error: .errorFieldNotString(field: "errorCode", messageID: "a1", kind: "number"),
                  code: .typeConstraintViolation, id: "a1"),
        Malformed(text: #"[4,"a1","GenericError",null,{}]"#,
                  error: .errorFieldNotString(field: "errorDescription", messageID: "a1", kind: "null"),
                  code: .typeConstraintViolation, id: "a1"),
        Malformed(text: #"[4,"a1","GenericError","",null]"#,
                  error: .payloadNotObject(messageType: .callError, messageID: "a1", kind: "null"),
                  code: .formationViolation, id: "a1"),
    ]

    @Test(arguments: malformed)
    func malformedFrameGivesTypedError(_ testCase: Malformed) {
        let error = frameError(testCase.text)
        #expect(error == testCase.error)
        #expect(error?.callErrorCode == testCase.code)
        #expect(error?.messageID == testCase.id)
    }

    @Test func errorDescriptionsNameTheProblemWithoutQuotingTheText() throws {
        let error = try #require(frameError(#"[2,"a1","Heartbeat",["secret-licence-key"]]"#))
        #expect(error.description == "CALL payload is a JSON array, not an object")
        #expect(!error.description.contains("secret"))
    }
}
