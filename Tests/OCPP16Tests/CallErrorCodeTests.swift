import Testing
@testable import OCPP16

@Suite("CALLERROR codes")
struct CallErrorCodeTests {
    @Test func peersSpellingsMapToTheSameCode() {
        #expect(CallErrorCode(wireValue: "FormationViolation") == .formationViolation)
        #expect(CallErrorCode(wireValue: "FormatViolation") == .formationViolation)
        #expect(CallErrorCode(wireValue: "OccurenceConstraintViolation") == .occurenceConstraintViolation)
        #expect(CallErrorCode(wireValue: "OccurrenceConstraintViolation") == .occurenceConstraintViolation)
    }

    @Test func writesTheOCPP16Spellings() {
        #expect(CallErrorCode.formationViolation.wireValue == "FormationViolation")
        #expect(CallErrorCode.occurenceConstraintViolation.wireValue == "OccurenceConstraintViolation")
    }

    @Test func unknownCodesArePreserved() {
        let code = CallErrorCode(wireValue: "RpcFrameworkError")
        #expect(code == .other("RpcFrameworkError"))
        #expect(code.wireValue == "RpcFrameworkError")
    }

    @Test(arguments: ["NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
                      "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
                      "TypeConstraintViolation", "GenericError"])
    func table7CodesRoundTrip(_ wire: String) {
        #expect(CallErrorCode(wireValue: wire).wireValue == wire)
        #expect(CallErrorCode(wireValue: wire) != .other(wire))
    }

    @Test func bothActionUnavailableCodesReadAlike() {
        #expect(CallErrorCode.notImplemented.meansActionUnavailable)
        #expect(CallErrorCode.notSupported.meansActionUnavailable)
        #expect(!CallErrorCode.genericError.meansActionUnavailable)
    }

    @Test func decodedPeerCallErrorKeepsTheCode() throws {
        // What the Python `ocpp` package sends for an extra property (2.x spelling).
        let frame = try decodeFrame(#"[4,"9","FormatViolation","extra property",{"cause":"x"}]"#)
        guard case .callError(let error) = frame else { Issue.record("not a CALLERROR"); return }
        #expect(error.code == .formationViolation)
        #expect(error.details == .object(["cause": .string("x")]))
    }
}
