import AllocationCore

/// `verify.live.phase-mapping` (SPEC §8): each charging socket's current steps must appear on the meter phases its
/// mapping names. The meter's step on a phase between two samples is the sum of the steps of the sockets drawing on
/// it (the rest of the building's load holds still, or is noise), so the judge looks for the assignment of sockets
/// to phases that explains the meter's steps best, starting from the mappings, and reports each socket it had to
/// move. A move must explain a real part of that socket's own steps, so sockets that step alike (indistinguishable)
/// keep their mappings rather than being blamed. Pure.
public enum PhaseMappingJudge {
    /// A socket whose steps add up to less than this is not judged: its current hardly changed.
    public static let minimumSignal = 1.0
    /// A move is taken when it removes at least this share of the moved sockets' own squared steps.
    static let requiredGain = 0.25

    public static func judge(samples: [LiveSample], site: AllocationSite, includesChargers: Bool) -> [Finding] {
        let code = "verify.live.phase-mapping"
        guard samples.allSatisfy({ $0.meter != nil }) else {
            return [Finding(severity: .warn, code: code, message: "not judged: no site meter was read, so the EVs' steps cannot be seen per phase",
                            hint: "give --meter HOST:PORT where this laptop reaches the site's Modbus TCP meter to check the phase mappings")]
        }
        guard includesChargers else {
            return [Finding(severity: .warn, code: code, message: "not judged: the meter does not include the chargers, so it cannot see the EVs' steps",
                            hint: "a meter that measures the whole connection (includesChargers: true) lets the test check the phase mappings")]
        }
        let steps = Steps(samples)
        let judged = steps.sockets.filter { id in
            steps.socket[id]?.reduce(0) { $0 + abs($1) } ?? 0 >= minimumSignal && site.socket(id: id) != nil
        }
        guard !judged.isEmpty, steps.count > 0 else {
            return [Finding(severity: .warn, code: code, message: "not judged: no socket's current changed during the test",
                            hint: "run the test while EVs charge above their minimum")]
        }
        var expected: [Int: Set<Phase>] = [:]
        for id in judged {
            guard let spec = site.socket(id: id) else { continue }
            expected[id] = Set(spec.phases(usedBy: steps.phases[id] ?? 1))
        }
        let fitted = fit(steps, start: expected, sockets: judged)
        let moved = judged.filter { fitted[$0] != expected[$0] }
        guard !moved.isEmpty else {
            return [Finding(severity: .pass, code: code,
                            message: "every charging socket's current steps appear on the meter phases its mapping names (sockets \(judged.map(String.init).joined(separator: ", ")))")]
        }
        let hint = moved.count > 1
            ? "when several sockets appear moved the same way, look at the meter's wiring (two phases swapped) or phaseConnected first; otherwise correct the socket's SCN-PhaseMapping to its real wiring"
            : "correct the socket's SCN-PhaseMapping to the phases it is wired to (or its wiring), then run `verify --live` again"
        return moved.map { id in
            Finding(severity: .fail, code: code,
                    message: "socket \(id) draws on \(names(expected[id] ?? [])) but the meter sees it on \(names(fitted[id] ?? []))",
                    hint: hint, socket: id)
        }
    }

    static func names(_ phases: Set<Phase>) -> String { phases.sorted().map(\.name).joined(separator: "+") }

    /// Coordinate descent over single moves and pairwise swaps; ends when no move gains enough (at most a few
    /// passes: a site has at most 128 sockets, each with at most three candidate phase sets).
    static func fit(_ steps: Steps, start: [Int: Set<Phase>], sockets: [Int]) -> [Int: Set<Phase>] {
        var assignment = start
        var residual = steps.residual(assignment)
        for _ in 0..<8 {
            var improved = false
            for id in sockets {
                let own = steps.energy(id)
                for candidate in candidates(phases: assignment[id]?.count ?? 1) where candidate != assignment[id] {
                    var trial = assignment
                    trial[id] = candidate
                    let value = steps.residual(trial)
                    if value < residual - requiredGain * own {
                        (assignment, residual, improved) = (trial, value, true)
                    }
                }
            }
            for (offset, first) in sockets.enumerated() {
                for second in sockets.dropFirst(offset + 1) where assignment[first] != assignment[second] {
                    var trial = assignment
                    trial[first] = assignment[second]
                    trial[second] = assignment[first]
                    let value = steps.residual(trial)
                    if value < residual - requiredGain * min(steps.energy(first), steps.energy(second)) {
                        (assignment, residual, improved) = (trial, value, true)
                    }
                }
            }
            if !improved { break }
        }
        return assignment
    }

    /// The phase sets an EV on `count` phases may use: for 3 phases only one, so a 3-phase EV's mapping is never
    /// in question (its steps show on all three phases whatever the order).
    static func candidates(phases count: Int) -> [Set<Phase>] {
        var seen: [Set<Phase>] = []
        for mapping in PhaseMapping.all where mapping.isThreePhase || count == 1 {
            let set = Set(mapping.used(by: count))
            if set.count == min(count, 3), !seen.contains(set) { seen.append(set) }
        }
        return seen
    }

    /// The steps between consecutive samples: each socket's, and the meter's per phase.
    struct Steps {
        var count: Int
        var sockets: [Int]
        var socket: [Int: [Double]]
        /// The most conductors each socket drew on.
        var phases: [Int: Int]
        var meter: [Phase: [Double]]

        init(_ samples: [LiveSample]) {
            let pairs = Array(zip(samples, samples.dropFirst()))
            count = pairs.count
            let ids = Set(samples.flatMap { $0.sockets.keys }).sorted()
            sockets = ids
            socket = [:]
            phases = [:]
            for id in ids {
                socket[id] = pairs.map { pair in
                    (pair.1.sockets[id].map { $0.isCharging ? $0.current : 0 } ?? 0) - (pair.0.sockets[id].map { $0.isCharging ? $0.current : 0 } ?? 0)
                }
                phases[id] = max(1, samples.compactMap { $0.sockets[id]?.phases }.max() ?? 1)
            }
            meter = Dictionary(uniqueKeysWithValues: Phase.allCases.map { phase in (phase, pairs.map { ($0.1.meter?[phase] ?? 0) - ($0.0.meter?[phase] ?? 0) }) })
        }

        func energy(_ id: Int) -> Double { socket[id]?.reduce(0) { $0 + $1 * $1 } ?? 0 }

        /// Squared difference between the meter's steps and the steps the assignment explains, over every phase.
        func residual(_ assignment: [Int: Set<Phase>]) -> Double {
            var total = 0.0
            for phase in Phase.allCases {
                var explained = [Double](repeating: 0, count: count)
                for (id, set) in assignment where set.contains(phase) {
                    guard let series = socket[id] else { continue }
                    for index in 0..<count { explained[index] += series[index] }
                }
                let measured = meter[phase] ?? []
                for index in 0..<count {
                    let difference = measured[index] - explained[index]
                    total += difference * difference
                }
            }
            return total
        }
    }
}
