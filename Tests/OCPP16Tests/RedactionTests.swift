import Testing
import JSONText
@testable import OCPP16

/// Licence and authorization keys never reach output (SPEC §6).
@Suite("Secret masking")
struct RedactionTests {
    let licence = "LIC-0123456789-SECRET"

    @Test(arguments: ["FeatureLicenseKey", "AuthorizationKey", "authorizationkey"])
    func changeConfigurationDescriptionsMaskSecrets(_ key: String) {
        let request = ChangeConfiguration.Request(key: key, value: licence)
        for text in [String(describing: request), String(reflecting: request), "\(request)",
                     String(describing: OCPPRequest.changeConfiguration(request)), dumped(request)] {
            #expect(!text.contains("SECRET"), "leaked in: \(text)")
            #expect(text.contains("***"))
        }
        #expect(request.displayValue == "***")
        #expect(request.value == licence)
    }

    @Test func ordinaryValuesAreShown() {
        let request = ChangeConfiguration.Request(key: "HeartbeatInterval", value: "600")
        #expect(request.description == "ChangeConfiguration.Request(key: HeartbeatInterval, value: 600)")
    }

    @Test func keyValuesMaskSecrets() {
        let entry = GetConfiguration.KeyValue(key: "AuthorizationKey", readonly: false, value: "00112233SECRET")
        #expect(entry.description == #"KeyValue(key: AuthorizationKey, readonly: false, value: "***")"#)
        #expect(!dumped(entry).contains("SECRET"))
        #expect(GetConfiguration.KeyValue(key: "AuthorizationKey", readonly: false).displayValue == nil)
    }

    @Test func sessionActionsAndFramesNeverPrintTheSecret() throws {
        var session = OCPPSession()
        let outcome = session.send(ChangeConfiguration.self, .init(key: "FeatureLicenseKey", value: licence))
        let action = try #require(outcome.actions.first)
        #expect(action.writtenText == #"[2,"1","ChangeConfiguration",{"key":"FeatureLicenseKey","value":"\#(licence)"}]"#)
        for text in [String(describing: action), String(reflecting: action), dumped(action)] {
            #expect(!text.contains("SECRET"), "leaked in: \(text)")
        }
        let frame = try decodeFrame(try #require(action.writtenText))
        #expect(frame.description == #"[2,"1","ChangeConfiguration",{"key":"FeatureLicenseKey","value":"***"}]"#)
        #expect(!String(describing: frame).contains("SECRET"))
        guard case .call(let call) = frame else { return }
        #expect(!String(describing: call).contains("SECRET"))
        #expect(!String(describing: call.payload).contains("SECRET"))
        #expect(call.payload.jsonText.contains("SECRET"))
    }

    @Test func frameTraceRedactsReceivedConfigurationAndHidesGarbage() {
        let text = #"[3,"7",{"configurationKey":[{"key":"AuthorizationKey","readonly":false,"value":"SECRET"}]}]"#
        #expect(FrameRedaction.redact(text)
            == #"[3,"7",{"configurationKey":[{"key":"AuthorizationKey","readonly":false,"value":"***"}]}]"#)
        #expect(FrameRedaction.redact("SECRET not json") == "<15 bytes, not an OCPP-J frame>")
    }

    @Test func schemaErrorsNeverQuoteValues() {
        let violation = encodingViolation(ChangeConfiguration.Request(
            key: "FeatureLicenseKey", value: String(repeating: "SECRET", count: 100)))
        #expect(violation == .stringTooLong(path: "value", maximum: 500, length: 600))
        #expect(violation.map { String(describing: $0) }?.contains("SECRET") == false)
    }

    func dumped<T>(_ value: T) -> String {
        var output = ""
        dump(value, to: &output)
        return output
    }
}
