import OCPP16

/// The `StationConnection` operations as typed OCPP 1.6 CALLs.
extension OCPPStationConnection {
    func getConfiguration(keys: [String]?) async throws(StationError) -> StationConfiguration {
        let names = keys ?? []
        guard !names.isEmpty else {
            // OCPP 1.6 §6.23: no key asks for everything, in one answer.
            let all = try await call(GetConfiguration.self, GetConfiguration.Request(key: nil))
            state.withLockedValue { $0.maxKeys = .some(GetConfigurationPaging.maxKeys(in: all)) }
            return StationConfiguration(GetConfigurationPaging.merge([all]))
        }
        let limit = names.count > 1 ? try await maxKeys() : nil
        var pages: [GetConfiguration.Confirmation] = []
        for batch in GetConfigurationPaging.batches(for: names, maxKeys: limit) {
            pages.append(try await call(GetConfiguration.self, batch))
        }
        return StationConfiguration(GetConfigurationPaging.merge(pages, requested: names)).ordered(like: names)
    }

    /// The station's `GetConfigurationMaxKeys` (OCPP 1.6 §5.8), read once per connection; nil when it has none.
    private func maxKeys() async throws(StationError) -> Int? {
        if let known = state.withLockedValue({ $0.maxKeys }) { return known }
        let answer = try await call(GetConfiguration.self,
                                    GetConfiguration.Request(key: [GetConfigurationPaging.maxKeysKey]))
        let limit = GetConfigurationPaging.maxKeys(in: answer)
        state.withLockedValue { $0.maxKeys = .some(limit) }
        return limit
    }

    func changeConfiguration(key: String, value: String) async throws(StationError) -> ConfigurationChangeStatus {
        try await call(ChangeConfiguration.self, ChangeConfiguration.Request(key: key, value: value)).status
    }

    func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus {
        try await call(Reset.self, Reset.Request(type: type)).status
    }

    func triggerMessage(
        _ message: TriggerMessage.MessageTrigger, connectorId: Int?
    ) async throws(StationError) -> TriggerMessage.Status {
        try await call(TriggerMessage.self, TriggerMessage.Request(requestedMessage: message, connectorId: connectorId)).status
    }

    func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo {
        let id = state.withLockedValue { $0.bootWaiters.reserveID() }
        let info = await Deadline.race(timeout) { [state] in
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let now: StationBootInfo?? = state.withLockedValue { state in
                        if let boot = state.boot { return .some(boot) }
                        if state.closed || Task.isCancelled { return .some(nil) }
                        state.bootWaiters.add(id, continuation)
                        return nil
                    }
                    if let now { continuation.resume(returning: now) }
                }
            } onCancel: {
                state.withLockedValue { $0.bootWaiters.remove(id) }?.resume(returning: nil)
            }
        }
        if let info { return info }
        let closed = state.withLockedValue { $0.closed }
        throw StationError(station: identity, action: BootNotification.name,
                           reason: closed ? .connectionClosed : .timedOut(after: timeout))
    }

    /// One typed CALL; failures become `StationError`s naming the station and the action.
    func call<A: OCPPAction>(_ action: A.Type, _ request: A.Request) async throws(StationError) -> A.Confirmation {
        switch await call(A.wrap(request)) {
        case .success(let confirmation):
            guard let typed = A.unwrap(confirmation) else {
                throw StationError(station: identity, action: A.name, reason: .invalidReply("a confirmation of another action"))
            }
            return typed
        case .failure(let failure):
            throw StationError(station: identity, action: A.name, reason: reason(failure))
        }
    }

    private func reason(_ failure: CallFailure) -> StationError.Reason {
        switch failure {
        case .callError(let code, let description, _): .callError(code, description: description)
        case .invalidConfirmation(let violation): .invalidReply(violation.description)
        case .malformedReply(let error): .invalidReply(error.description)
        case .invalidRequest(let violation): .invalidRequest(violation.description)
        case .invalidMessageID(let length): .invalidRequest("message id of \(length) characters")
        case .timedOut: .timedOut(after: callTimeout)
        case .connectionClosed: .connectionClosed
        }
    }
}

extension StationConfiguration {
    init(_ confirmation: GetConfiguration.Confirmation) {
        self.init(keys: confirmation.configurationKey ?? [], unknown: confirmation.unknownKey ?? [])
    }

    /// Named keys come back in the order they were asked, whatever order each page used.
    func ordered(like names: [String]) -> StationConfiguration {
        let position = Dictionary(names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = keys.enumerated().sorted { lhs, rhs in
            (position[lhs.element.key.lowercased()] ?? Int.max, lhs.offset) < (position[rhs.element.key.lowercased()] ?? Int.max, rhs.offset)
        }
        return StationConfiguration(keys: sorted.map(\.element), unknown: unknown)
    }
}
