/// Max-min fair sharing with floors (SPEC §4 rule 2): every participant's current rises together from zero, never
/// below its floor, and stops at the first limit it meets — its own ceiling or a shared constraint that fills up.
/// Participants with equal floors and ceilings in the same constraints end equal.
struct WaterFilling {
    struct Participant {
        var floor: Double
        var ceiling: Double
    }

    struct Constraint {
        var limit: Double
        var members: [Int]
    }

    /// Returns one current per participant. Floors must already fit every constraint.
    static func solve(_ participants: [Participant], constraints: [Constraint]) -> [Double] {
        let count = participants.count
        var current = participants.map(\.floor)
        let epsilon = 1e-9
        // A ceiling at or below the floor pins the participant at its floor (the caller excluded real conflicts).
        var frozen = participants.map { $0.ceiling <= $0.floor + epsilon }
        var level = 0.0

        func freezeTightConstraints() {
            for constraint in constraints {
                let used = constraint.members.reduce(0) { $0 + current[$1] }
                if used >= constraint.limit - epsilon {
                    for member in constraint.members { frozen[member] = true }
                }
            }
        }
        freezeTightConstraints()

        while frozen.contains(false) {
            let rising = (0..<count).map { !frozen[$0] && participants[$0].floor <= level + epsilon }
            var next = Double.infinity
            for index in 0..<count where !frozen[index] {
                let p = participants[index]
                next = min(next, p.floor > level + epsilon ? p.floor : p.ceiling)
            }
            for constraint in constraints {
                let slope = constraint.members.reduce(0) { $0 + (rising[$1] ? 1 : 0) }
                guard slope > 0 else { continue }
                let used = constraint.members.reduce(0) { $0 + current[$1] }
                next = min(next, level + max(0, constraint.limit - used) / Double(slope))
            }
            guard next.isFinite else { break }
            level = max(level, next)
            for index in 0..<count where !frozen[index] {
                current[index] = min(max(participants[index].floor, level), participants[index].ceiling)
                if current[index] >= participants[index].ceiling - epsilon { frozen[index] = true }
            }
            freezeTightConstraints()
        }
        return current
    }
}
