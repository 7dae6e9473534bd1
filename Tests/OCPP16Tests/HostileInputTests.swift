import Testing
@testable import OCPP16
import TestRandom

/// Whatever arrives, the decoder and session end in a value, never a trap (SPEC §6).
@Suite("Hostile input")
struct HostileInputTests {
    @Test func deepNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(frameError(deep) == .nestingTooDeep(limit: 32))
        let deepPayload = #"[2,"1","DataTransfer",{"vendorId":"v","data":"# + String(repeating: "{\"a\":", count: 50_000)
            + "1" + String(repeating: "}", count: 50_000) + "}]"
        #expect(frameError(deepPayload) == .nestingTooDeep(limit: 32))
    }

    @Test func bracketsInsideStringsDoNotCountAsNesting() throws {
        let text = #"[2,"1","DataTransfer",{"vendorId":"v","data":"\#(String(repeating: "[{\\\"", count: 1000))"}]"#
        guard case .call(let call) = try decodeFrame(text) else { Issue.record("not a CALL"); return }
        #expect(call.action == "DataTransfer")
    }

    @Test func realPayloadDepthIsWellWithinTheLimit() throws {
        let text = #"[2,"1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","#
            + #""sampledValue":[{"value":"1"}]}]}]"#
        #expect(try FrameDecoder(maximumDepth: 6).decode(text).messageID == "1")
        #expect(frameError(text) == nil)
    }

    @Test func hugeStringsAreJustTooLong() {
        var session = OCPPSession()
        let huge = String(repeating: "A", count: 2_000_000)
        let actions = session.receive(#"[2,"1","Authorize",{"idTag":"\#(huge)"}]"#, currentTime: noon)
        #expect(actions.first?.writtenText
            == #"[4,"1","TypeConstraintViolation","field idTag has 2000000 characters, at most 20 allowed",{}]"#)
        #expect(frameError(#"[3,"\#(huge)",{}]"#) == .messageIDLength(messageType: .callResult, length: 2_000_000))
    }

    @Test func numbersWhereStringsBelong() {
        var session = OCPPSession()
        let actions = session.receive(#"[2,"1","BootNotification",{"chargePointVendor":1e300,"chargePointModel":-0}]"#,
                                      currentTime: noon)
        #expect(actions.first?.writtenText
            == #"[4,"1","TypeConstraintViolation","field chargePointVendor has the wrong type",{}]"#)
        // A number beyond Double's range is not parsed at all, so not even the id is recoverable.
        #expect(session.receive(#"[2,"1","Authorize",{"idTag":1e400}]"#, currentTime: noon) == [.malformedFrame(.notJSON)])
        let numbers = session.receive(#"[2,"2","ChangeConfiguration",{"key":12,"value":true}]"#, currentTime: noon)
        #expect(numbers.first?.writtenText == #"[4,"2","TypeConstraintViolation","field key has the wrong type",{}]"#)
        let bigInt = session.receive(#"[2,"3","StatusNotification",{"connectorId":99999999999999999999999,"#
            + #""errorCode":"NoError","status":"Available"}]"#, currentTime: noon)
        #expect(bigInt.first?.writtenText == #"[4,"3","TypeConstraintViolation","field connectorId has the wrong type",{}]"#)
    }

    @Test(arguments: [
        "", " ", "\u{0}", "[", "]", "[2", #"[2,"1""#, "\"\\", "[2,\"1\",\"Heartbeat\",{}]]", "{{}}", "[null]",
        "[2.5,\"1\",\"Heartbeat\",{}]", "[-2,\"1\",\"Heartbeat\",{}]", "[true]", "\u{FEFF}[2,\"1\",\"Heartbeat\",{}]",
        "[2,\"1\",\"Heartbeat\",{\"a\":1,\"a\":2}]", "[3,\"\u{1F600}\",{}]", "[2,\"1\",\"Heartbeat\",{},", "NaN",
        "[4,\"1\",\"GenericError\",\"\",{\"nested\":[[[[[[[[[[[[]]]]]]]]]]]]}]",
    ])
    func neverTraps(_ text: String) {
        var session = OCPPSession()
        _ = session.send(.heartbeat)
        let actions = session.receive(text, currentTime: noon)
        // Every input ends in at least one action: an answer, a report or a completion.
        #expect(!actions.isEmpty)
    }

    @Test func randomBytesNeverTrap() {
        var generator = SplitMix64(seed: 0x0CC9_16)
        let alphabet = Array(#"[]{}",:0123456789.-+eEtrufalsn\ "abc2345"#.unicodeScalars)
        var decoded = 0
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 40)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            var session = OCPPSession()
            if !session.receive(text, currentTime: noon).isEmpty { decoded += 1 }
        }
        #expect(decoded == 2_000)
    }
}
