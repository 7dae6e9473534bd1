/// SPEC §6 for an SCN run: every member holds its Reset until all members have written, so that when one member
/// refuses, the others restore their SCN settings before their one and only reboot (a member is not rebooted twice).
/// Every member arrives exactly once, with its refusal or nil (a lost connection is no refusal: `apply --resume`
/// finishes that member); each wait before the arrival is bounded, so this one is too.
actor SCNGroupBarrier {
    private var waiting: Set<String>
    private var failures: [(station: String, failure: String)]
    private var parked: [CheckedContinuation<Void, Never>] = []

    /// `failures`: refusals of members that arrived in an earlier, interrupted attempt of the same run.
    init(members: Set<String>, failures: [(String, String)] = []) {
        waiting = members
        self.failures = failures.map { (station: $0.0, failure: $0.1) }
    }

    /// Waits until every member has arrived; returns the other members' failures.
    func arrive(_ station: String, failure: String?) async -> [String] {
        if let failure { failures.append((station, failure)) }
        waiting.remove(station)
        if waiting.isEmpty {
            parked.forEach { $0.resume() }
            parked = []
        } else {
            await withCheckedContinuation { parked.append($0) }
        }
        return failures.filter { $0.station != station }.map { "\($0.station): \($0.failure)" }
    }
}
