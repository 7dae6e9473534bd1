/// Rule 3 of SPEC §4: when the occupied sockets cannot all have their minimum, pause the fewest consecutive ones,
/// in SCN-id order starting at the rotation pointer, wrapping from the highest id to the lowest.
enum Alternation {
    /// The SCN ids to pause (in rotation order); empty when every candidate fits at its minimum.
    static func pausedBlock(_ candidates: [Allocator.Candidate], ledger: CapacityLedger, pointer: Int) -> [Int] {
        guard !fits(candidates, ledger: ledger) else { return [] }
        let start = candidates.firstIndex { $0.socket >= pointer } ?? 0
        let rotated = Array(candidates[start...] + candidates[..<start])
        for size in 1...rotated.count {
            let rest = Array(rotated[size...])
            if fits(rest, ledger: ledger) { return rotated.prefix(size).map(\.socket) }
        }
        return rotated.map(\.socket)
    }

    /// SPEC §4 rule 4b (manual §6.15 step 5: "the occupied charging station with the lowest ID number will get
    /// priority"): on the total safe current, sockets are admitted in ascending SCN-id order, each while what its
    /// phases have left covers its minimum; a socket that does not fit is passed over and the next is tried.
    static func admittedByPriority(_ candidates: [Allocator.Candidate], ledger: CapacityLedger) -> Set<Int> {
        var admitted: [Allocator.Candidate] = []
        for candidate in candidates where fits(admitted + [candidate], ledger: ledger) { admitted.append(candidate) }
        return Set(admitted.map(\.socket))
    }

    /// Floors are lower bounds and every limit is an upper bound on a sum, so a set is feasible exactly when
    /// everyone at their minimum is.
    static func fits(_ candidates: [Allocator.Candidate], ledger: CapacityLedger) -> Bool {
        ledger.admits(candidates.map { (station: $0.station, phases: $0.phases, current: $0.floor) })
    }
}
