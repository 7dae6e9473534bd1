/// A meeting point of an SCN run's members (SPEC §6): each member arrives exactly once with what it has to say,
/// and every member continues only when all have arrived, with everything that was said. Each wait before an
/// arrival is bounded, so this one is too.
actor GroupBarrier<Value: Sendable> {
    private var waiting: Set<String>
    private var said: [(station: String, value: Value)]
    private var parked: [CheckedContinuation<Void, Never>] = []

    /// `said`: what members said in an earlier, interrupted attempt of the same run.
    init(members: Set<String>, said: [(String, Value)] = []) {
        waiting = members
        self.said = said.map { (station: $0.0, value: $0.1) }
    }

    /// Waits until every member has arrived; returns what every member said, in the order they arrived.
    func arrive(_ station: String, saying value: Value) async -> [(station: String, value: Value)] {
        said.append((station, value))
        waiting.remove(station)
        if waiting.isEmpty {
            parked.forEach { $0.resume() }
            parked = []
        } else {
            await withCheckedContinuation { parked.append($0) }
        }
        return said
    }
}
