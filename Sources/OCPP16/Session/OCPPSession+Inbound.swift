extension OCPPSession {
    /// Handles one received text message. `currentTime` is what BootNotification and Heartbeat confirmations
    /// report (OCPP 1.6 §4.2, §4.6). Never traps: malformed input ends in `.malformedFrame`.
    /// `currentTime` is evaluated only when a CALL is answered: replies to our own CALLs never need it.
    public mutating func receive(_ text: String, currentTime: @autoclosure () -> OCPPTimestamp) -> [Action] {
        let frame: OCPPFrame
        do {
            frame = try decoder.decode(text)
        } catch {
            return malformed(error)
        }
        switch frame {
        case .call(let call):
            return answer(call, currentTime: currentTime())
        case .callResult(let result):
            guard let pending = outstanding, pending.messageID == result.messageID else { return [.unmatchedReply(frame)] }
            do {
                let confirmation = try OCPPConfirmation.decode(answering: pending.request, payload: result.payload)
                return finishOutstanding(.success(confirmation))
            } catch {
                return finishOutstanding(.failure(.invalidConfirmation(error)))
            }
        case .callError(let error):
            guard outstanding?.messageID == error.messageID else { return [.unmatchedReply(frame)] }
            return finishOutstanding(.failure(.callError(
                code: error.code, description: error.errorDescription, details: error.details)))
        }
    }

    /// A broken CALL with a usable id gets a CALLERROR (OCPP-J 1.6 §4.2.3 needs the id to answer); a broken reply
    /// to our outstanding CALL fails it rather than leaving it to time out; an unknown MessageTypeId is ignored
    /// (OCPP-J 1.6 §4.1.3), and never is a CALLERROR answered, so two peers cannot ping-pong errors.
    private mutating func malformed(_ error: FrameDecodingError) -> [Action] {
        guard let id = error.messageID, let type = error.messageType else { return [.malformedFrame(error)] }
        switch type {
        case .call:
            let reply = CallErrorFrame(messageID: id, code: error.callErrorCode, errorDescription: error.description)
            return [.sendReply(OutgoingFrame(.callError(reply))), .malformedFrame(error)]
        case .callResult, .callError:
            guard outstanding?.messageID == id else { return [.malformedFrame(error)] }
            return [.malformedFrame(error)] + finishOutstanding(.failure(.malformedReply(error)))
        }
    }

    private mutating func answer(_ call: CallFrame, currentTime: OCPPTimestamp) -> [Action] {
        let context = CallContext(messageID: call.messageID, currentTime: currentTime)
        let request: OCPPRequest
        do {
            guard let decoded = try OCPPRequest.decode(action: call.action, payload: call.payload) else {
                return answerUnmodelled(call, context: context)
            }
            request = decoded
        } catch {
            return refuse(call, .invalidPayload(error))
        }
        switch responder.respond(to: request, context: context) {
        case .confirmation(let confirmation):
            do {
                let reply = try confirmation.callResultFrame(messageID: call.messageID)
                return [.sendReply(OutgoingFrame(.callResult(reply))), .received(messageID: call.messageID, request: request)]
            } catch {
                return refuse(call, .invalidResponse(error))
            }
        case .payload(let payload):
            let reply = CallResultFrame(messageID: call.messageID, payload: payload)
            return [.sendReply(OutgoingFrame(.callResult(reply))), .received(messageID: call.messageID, request: request)]
        case .callError(let code, let description):
            return refuse(call, .refused(code: code, description: description))
        }
    }

    private mutating func answerUnmodelled(_ call: CallFrame, context: CallContext) -> [Action] {
        switch responder.respond(toUnmodelled: call, context: context) {
        case nil:
            return refuse(call, KnownActions.ocpp16.contains(call.action) ? .unsupportedAction : .unknownAction)
        case .callError(let code, let description):
            return refuse(call, .refused(code: code, description: description))
        case .confirmation(let confirmation):
            do {
                let reply = try confirmation.callResultFrame(messageID: call.messageID)
                return [.sendReply(OutgoingFrame(.callResult(reply))), .receivedUnmodelled(call)]
            } catch {
                return refuse(call, .invalidResponse(error))
            }
        case .payload(let payload):
            let reply = CallResultFrame(messageID: call.messageID, payload: payload)
            return [.sendReply(OutgoingFrame(.callResult(reply))), .receivedUnmodelled(call)]
        }
    }

    private func refuse(_ call: CallFrame, _ error: InboundCallError) -> [Action] {
        let reply = CallErrorFrame(messageID: call.messageID, code: error.callErrorCode, errorDescription: error.errorDescription)
        return [.sendReply(OutgoingFrame(.callError(reply))), .rejected(messageID: call.messageID, action: call.action, error: error)]
    }
}
