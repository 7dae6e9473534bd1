import Testing
@testable import OCPP16

/// Our CALLs: one outstanding at a time (OCPP-J 1.6 specification §4.1.1), matched by id.
@Suite("Session: outbound CALLs")
struct SessionOutboundTests {
    var session = OCPPSession(messageIDs: SequentialMessageIDs(prefix: "cs-"))

    @Test mutating func firstCallIsSentAtOnce() {
        let outcome = session.send(GetConfiguration.self, .init(key: ["HeartbeatInterval"]))
        #expect(outcome.messageID == "cs-1")
        #expect(!outcome.isQueued)
        #expect(outcome.actions.first?.writtenText == #"[2,"cs-1","GetConfiguration",{"key":["HeartbeatInterval"]}]"#)
        #expect(session.outstanding?.messageID == "cs-1")
    }

    @Test mutating func secondCallWaitsForTheFirstAnswer() throws {
        _ = session.send(ChangeConfiguration.self, .init(key: "HeartbeatInterval", value: "600"))
        let second = session.send(Reset.self, .init(type: .soft))
        #expect(second.messageID == "cs-2")
        #expect(second.isQueued)
        #expect(session.queued.map(\.messageID) == ["cs-2"])

        let actions = session.receive(#"[3,"cs-1",{"status":"RebootRequired"}]"#, currentTime: noon)
        #expect(actions == [
            .completed(messageID: "cs-1", result: .success(.changeConfiguration(.init(status: .rebootRequired)))),
            .sendCall(messageID: "cs-2", frame: try #require(session.outstanding?.frame)),
        ])
        #expect(actions.last?.writtenText == #"[2,"cs-2","Reset",{"type":"Soft"}]"#)
        #expect(session.queued.isEmpty)
    }

    @Test mutating func callErrorCompletesWithATypedFailure() {
        _ = session.send(TriggerMessage.self, .init(requestedMessage: .bootNotification))
        let actions = session.receive(#"[4,"cs-1","NotSupported","TriggerMessage.req not implemented",{}]"#, currentTime: noon)
        #expect(actions == [.completed(messageID: "cs-1", result: .failure(.callError(
            code: .notSupported, description: "TriggerMessage.req not implemented", details: .emptyObject)))])
        #expect(session.outstanding == nil)
    }

    @Test mutating func replyWithAnotherIdIsReportedAndCompletesNothing() throws {
        _ = session.send(Reset.self, .init(type: .hard))
        let actions = session.receive(#"[3,"cs-99",{"status":"Accepted"}]"#, currentTime: noon)
        #expect(actions == [.unmatchedReply(try decodeFrame(#"[3,"cs-99",{"status":"Accepted"}]"#))])
        #expect(session.outstanding?.messageID == "cs-1")
        #expect(session.receive(#"[3,"cs-1",{"status":"Accepted"}]"#, currentTime: noon)
            == [.completed(messageID: "cs-1", result: .success(.reset(.init(status: .accepted))))])
    }

    @Test mutating func timeoutFailsTheCallAndSendsTheNext() throws {
        _ = session.send(Reset.self, .init(type: .hard))
        _ = session.send(.heartbeat)
        #expect(session.timedOut("cs-7") == [])
        let actions = session.timedOut("cs-1")
        #expect(actions.first == .completed(messageID: "cs-1", result: .failure(.timedOut)))
        #expect(actions.last?.writtenText == #"[2,"cs-2","Heartbeat",{}]"#)
        // The late answer to the timed-out CALL is reported, not matched.
        let late = session.receive(#"[3,"cs-1",{"status":"Accepted"}]"#, currentTime: noon)
        guard case .unmatchedReply(let frame)? = late.first else { Issue.record("expected unmatchedReply"); return }
        #expect(frame.messageID == "cs-1")
        #expect(session.outstanding?.messageID == "cs-2")
        // A stale timer after the answer does nothing.
        _ = session.receive(#"[3,"cs-2",{"currentTime":"2024-05-01T12:00:00Z"}]"#, currentTime: noon)
        #expect(session.timedOut("cs-2") == [])
    }

    @Test mutating func invalidConfirmationFailsTheCall() {
        _ = session.send(ChangeConfiguration.self, .init(key: "k", value: "v"))
        #expect(session.receive(#"[3,"cs-1",{"status":"Maybe"}]"#, currentTime: noon)
            == [.completed(messageID: "cs-1", result: .failure(.invalidConfirmation(.invalidValue(path: "status"))))])
    }

    @Test mutating func malformedReplyToTheOutstandingCallFailsIt() {
        _ = session.send(ChangeConfiguration.self, .init(key: "k", value: "v"))
        let error = FrameDecodingError.wrongArity(messageType: .callResult, expected: 3, actual: 2, messageID: "cs-1")
        #expect(session.receive(#"[3,"cs-1"]"#, currentTime: noon)
            == [.malformedFrame(error), .completed(messageID: "cs-1", result: .failure(.malformedReply(error)))])
    }

    @Test mutating func requestBreakingItsSchemaIsNeverSent() {
        let outcome = session.send(ChangeConfiguration.self, .init(key: String(repeating: "k", count: 51), value: "v"))
        #expect(outcome.actions == [.completed(messageID: "cs-1", result: .failure(.invalidRequest(
            .stringTooLong(path: "key", maximum: 50, length: 51))))])
        #expect(session.outstanding == nil)
        #expect(session.send(.heartbeat).actions.first?.writtenText == #"[2,"cs-2","Heartbeat",{}]"#)
    }

    @Test mutating func invalidGeneratedIdIsRefused() {
        struct LongIDs: MessageIDGenerator {
            mutating func next() -> String { String(repeating: "i", count: 37) }
        }
        var bad = OCPPSession(messageIDs: LongIDs())
        #expect(bad.send(.heartbeat).actions.first?.writtenText == nil)
        #expect(bad.outstanding == nil)
    }

    @Test mutating func crossingCallsAreBothServed() {
        _ = session.send(GetConfiguration.self, .init())
        let boot = session.receive(#"[2,"st-1","Heartbeat",{}]"#, currentTime: noon)
        #expect(boot.first?.writtenText == #"[3,"st-1",{"currentTime":"2024-05-01T12:00:00Z"}]"#)
        #expect(session.outstanding?.messageID == "cs-1")
        let done = session.receive(#"[3,"cs-1",{"configurationKey":[{"key":"NumberOfConnectors","readonly":true,"value":"2"}]}]"#,
                                   currentTime: noon)
        guard case .completed(_, .success(let confirmation))? = done.first,
              let keys = GetConfiguration.unwrap(confirmation)?.configurationKey
        else { Issue.record("expected a GetConfiguration confirmation: \(done)"); return }
        #expect(keys == [.init(key: "NumberOfConnectors", readonly: true, value: "2")])
    }

    @Test mutating func closingFailsOutstandingAndQueuedInOrder() {
        _ = session.send(.heartbeat)
        _ = session.send(Reset.self, .init(type: .soft))
        _ = session.send(.heartbeat)
        #expect(session.connectionClosed() == [
            .completed(messageID: "cs-1", result: .failure(.connectionClosed)),
            .completed(messageID: "cs-2", result: .failure(.connectionClosed)),
            .completed(messageID: "cs-3", result: .failure(.connectionClosed)),
        ])
        #expect(session.outstanding == nil && session.queued.isEmpty)
        #expect(!session.send(.heartbeat).isQueued)
    }

    @Test func generators() {
        var sequential = SequentialMessageIDs(prefix: String(repeating: "p", count: 30), startingAt: 41)
        #expect(sequential.next() == String(repeating: "p", count: 16) + "41")
        #expect(sequential.next().hasSuffix("42"))
        var uuids = UUIDMessageIDs()
        let first = uuids.next()
        #expect(first.count == 36)
        #expect(first != uuids.next())
    }
}
