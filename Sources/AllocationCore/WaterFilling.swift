/// Max-min fair sharing with floors (SPEC §4 rule 2): every participant's current rises together from zero, never
/// below its floor, and stops at the first limit it meets — its own ceiling or a shared constraint that fills up.
/// Participants with equal floors and ceilings in the same constraints end equal.
///
/// Progressive filling, event by event: a constraint's use is `base + slope × level`, where `base` sums the frozen
/// currents and the floors not yet reached, and `slope` counts the members still rising. Each step jumps the level to
/// the next event (a floor reached, a ceiling met, a constraint full) and updates only what that event touches.
struct WaterFilling {
    struct Participant {
        var floor: Double
        var ceiling: Double
    }

    struct Constraint {
        var limit: Double
        var members: [Int]
    }

    private enum Status { case waiting, rising, frozen }
    private static let epsilon = 1e-9

    /// Returns one current per participant. Floors must already fit every constraint.
    static func solve(_ participants: [Participant], constraints: [Constraint]) -> [Double] {
        var current = participants.map(\.floor)
        var status = participants.map { $0.ceiling <= $0.floor + epsilon ? Status.frozen : .waiting }
        let memberships = Memberships(constraints, participantCount: participants.count)
        var base = constraints.map { $0.members.reduce(0) { $0 + participants[$1].floor } }
        var slope = [Int](repeating: 0, count: constraints.count)
        // Floors and ceilings are reached in sorted order, so two cursors replace a scan per step.
        let byFloor = participants.indices.sorted { participants[$0].floor < participants[$1].floor }
        let byCeiling = participants.indices.sorted { participants[$0].ceiling < participants[$1].ceiling }
        var floorCursor = 0, ceilingCursor = 0
        var level = 0.0

        func freeze(_ member: Int, at value: Double) {
            if status[member] == .rising {
                for k in memberships.constraints(of: member) {
                    slope[k] -= 1
                    base[k] += value
                }
            }
            status[member] = .frozen
            current[member] = value
        }

        while true {
            // Members whose floor the level has reached start rising; their floor leaves `base`, a slope joins.
            while floorCursor < byFloor.count, participants[byFloor[floorCursor]].floor <= level + epsilon {
                let member = byFloor[floorCursor]
                floorCursor += 1
                guard status[member] == .waiting else { continue }
                status[member] = .rising
                for k in memberships.constraints(of: member) {
                    base[k] -= participants[member].floor
                    slope[k] += 1
                }
            }
            // A full constraint freezes everyone in it: risers at the level, waiters at their floor.
            var changed = false
            for (k, constraint) in constraints.enumerated() where base[k] + Double(slope[k]) * level >= constraint.limit - epsilon {
                for member in constraint.members where status[member] != .frozen {
                    freeze(member, at: status[member] == .rising ? level : participants[member].floor)
                    changed = true
                }
            }
            while ceilingCursor < byCeiling.count, participants[byCeiling[ceilingCursor]].ceiling <= level + epsilon {
                let member = byCeiling[ceilingCursor]
                ceilingCursor += 1
                if status[member] == .rising {
                    freeze(member, at: participants[member].ceiling)
                    changed = true
                }
            }
            if changed { continue }

            while ceilingCursor < byCeiling.count, status[byCeiling[ceilingCursor]] == .frozen { ceilingCursor += 1 }
            while floorCursor < byFloor.count, status[byFloor[floorCursor]] != .waiting { floorCursor += 1 }
            var next = Double.infinity
            if floorCursor < byFloor.count { next = participants[byFloor[floorCursor]].floor }
            // A waiting member's ceiling lies above its floor, so the cursor's entry bounds the next ceiling event.
            if ceilingCursor < byCeiling.count { next = min(next, participants[byCeiling[ceilingCursor]].ceiling) }
            for (k, constraint) in constraints.enumerated() where slope[k] > 0 {
                next = min(next, (constraint.limit - base[k]) / Double(slope[k]))
            }
            guard next.isFinite else { break }
            level = max(level, next)
        }
        for member in participants.indices where status[member] == .rising { current[member] = level }
        return current
    }

    /// Which constraints each participant is in, as one flat array (compressed rows) rather than an array per
    /// participant: this runs at every instant of a timeline.
    private struct Memberships {
        private var offsets: [Int]
        private var indices: [Int]

        init(_ constraints: [Constraint], participantCount: Int) {
            var counts = [Int](repeating: 0, count: participantCount + 1)
            for constraint in constraints { for member in constraint.members { counts[member + 1] += 1 } }
            for index in 1..<counts.count { counts[index] += counts[index - 1] }
            offsets = counts
            var cursor = counts
            indices = [Int](repeating: 0, count: counts[participantCount])
            for (k, constraint) in constraints.enumerated() {
                for member in constraint.members {
                    indices[cursor[member]] = k
                    cursor[member] += 1
                }
            }
        }

        func constraints(of member: Int) -> ArraySlice<Int> { indices[offsets[member]..<offsets[member + 1]] }
    }
}
