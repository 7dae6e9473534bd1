import OCPP16

/// The `StationConnection` operations as typed OCPP 1.6 CALLs.
extension OCPPStationConnection {
    func getConfiguration(keys: [String]?) async throws(StationError) -> ConfigurationListing {
        let names = keys ?? []
        guard !names.isEmpty else { return try await Self.awaiting { getAllConfiguration(completion: $0) } }
        let limit = names.count > 1 ? try await maxKeys() : nil
        var pages: [GetConfiguration.Confirmation] = []
        for batch in GetConfigurationPaging.batches(for: names, maxKeys: limit) {
            pages.append(try await call(GetConfiguration.self, batch))
        }
        return ConfigurationListing(GetConfigurationPaging.merge(pages, requested: names)).ordered(like: names)
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
        try await Self.awaiting { changeConfiguration(key: key, value: value, completion: $0) }
    }

    func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus {
        try await Self.awaiting { reset(type, completion: $0) }
    }

    func triggerMessage(
        _ message: TriggerMessage.MessageTrigger, connectorId: Int?
    ) async throws(StationError) -> TriggerMessage.Status {
        try await Self.awaiting { triggerMessage(message, connectorId: connectorId, completion: $0) }
    }

    func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo {
        let info = await TimedWaiter.wait(timeout: timeout, on: timers, enqueue: { waiter in
            state.withLockedValue { state -> StationBootInfo?? in
                if let boot = state.boot { return .some(boot) }
                if state.closed { return .some(nil) }
                state.bootWaiters[ObjectIdentifier(waiter)] = waiter
                return nil
            }
        }, dequeue: { [state] waiter in
            _ = state.withLockedValue { $0.bootWaiters.removeValue(forKey: ObjectIdentifier(waiter)) }
        })
        if let info { return info }
        let closed = state.withLockedValue { $0.closed }
        throw StationError(station: identity, action: BootNotification.name,
                           reason: closed ? .connectionClosed : .timedOut(after: timeout))
    }

    /// One typed CALL; failures become `StationError`s naming the station and the action.
    func call<A: OCPPAction>(_ action: A.Type, _ request: A.Request) async throws(StationError) -> A.Confirmation {
        try await Self.awaiting { call(action, request, completion: $0) }
    }

    /// One typed CALL answered through `completion`, without a task waiting for it.
    func call<A: OCPPAction>(_ action: A.Type, _ request: A.Request,
                             completion: @escaping @Sendable (Result<A.Confirmation, StationError>) -> Void) {
        call(A.wrap(request)) { [self] outcome in
            switch outcome {
            case .success(let confirmation):
                guard let typed = A.unwrap(confirmation) else {
                    return completion(.failure(StationError(station: identity, action: A.name,
                                                            reason: .invalidReply("a confirmation of another action"))))
                }
                completion(.success(typed))
            case .failure(let failure):
                completion(.failure(StationError(station: identity, action: A.name, reason: reason(failure))))
            }
        }
    }

    /// An operation with a completion, awaited.
    static func awaiting<T: Sendable>(
        _ start: (@escaping @Sendable (Result<T, StationError>) -> Void) -> Void
    ) async throws(StationError) -> T {
        try await withCheckedContinuation { continuation in start { continuation.resume(returning: $0) } }.get()
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

/// The operations serve's control socket forwards, answered through a completion: serve forwards a thousand calls
/// at once, and a task suspended in each would cost it ~3 KB per call in flight (the OCPP benchmark).
extension OCPPStationConnection {
    /// Every key (OCPP 1.6 §6.23: no key asks for everything, in one answer).
    func getAllConfiguration(completion: @escaping @Sendable (Result<ConfigurationListing, StationError>) -> Void) {
        call(GetConfiguration.self, GetConfiguration.Request(key: nil)) { [state] outcome in
            completion(outcome.map { all in
                state.withLockedValue { $0.maxKeys = .some(GetConfigurationPaging.maxKeys(in: all)) }
                return ConfigurationListing(GetConfigurationPaging.merge([all]))
            })
        }
    }

    func changeConfiguration(key: String, value: String,
                             completion: @escaping @Sendable (Result<ConfigurationChangeStatus, StationError>) -> Void) {
        call(ChangeConfiguration.self, ChangeConfiguration.Request(key: key, value: value)) { completion($0.map(\.status)) }
    }

    func reset(_ type: StationResetType, completion: @escaping @Sendable (Result<StationResetStatus, StationError>) -> Void) {
        call(Reset.self, Reset.Request(type: type)) { completion($0.map(\.status)) }
    }

    func triggerMessage(_ message: TriggerMessage.MessageTrigger, connectorId: Int?,
                        completion: @escaping @Sendable (Result<TriggerMessage.Status, StationError>) -> Void) {
        call(TriggerMessage.self, TriggerMessage.Request(requestedMessage: message, connectorId: connectorId)) {
            completion($0.map(\.status))
        }
    }
}

extension ConfigurationListing {
    init(_ confirmation: GetConfiguration.Confirmation) {
        self.init(keys: confirmation.configurationKey ?? [], unknown: confirmation.unknownKey ?? [])
    }

    /// Named keys come back in the order they were asked, whatever order each page used.
    func ordered(like names: [String]) -> ConfigurationListing {
        let position = Dictionary(names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = keys.enumerated().sorted { lhs, rhs in
            (position[lhs.element.key.lowercased()] ?? Int.max, lhs.offset) < (position[rhs.element.key.lowercased()] ?? Int.max, rhs.offset)
        }
        return ConfigurationListing(keys: sorted.map(\.element), unknown: unknown)
    }
}
