/// One conductor of the point of interconnection.
public enum Phase: Int, CaseIterable, Sendable, Comparable, Hashable {
    case l1 = 1, l2 = 2, l3 = 3

    public var name: String { "L\(rawValue)" }

    public init?(name: String) {
        switch name.uppercased() {
        case "L1": self = .l1
        case "L2": self = .l2
        case "L3": self = .l3
        default: return nil
        }
    }

    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A socket's phase mapping: which POI phase each of its conductors lands on, in order (SPEC §3, §4).
/// An EV charging on n phases uses the first n of them.
public struct PhaseMapping: Hashable, Sendable, CustomStringConvertible {
    public let phases: [Phase]

    /// The nine mappings a station accepts, in the order of their wire numbers 1…9 (SPEC §3).
    public static let all: [PhaseMapping] = ["L1", "L2", "L3", "L1L2L3", "L1L3L2", "L2L1L3", "L2L3L1", "L3L1L2", "L3L2L1"]
        .compactMap(PhaseMapping.init(name:))

    /// The recommended 3-phase rotation, advanced once per feeder (SPEC §3).
    public static let rotation: [PhaseMapping] = ["L1L2L3", "L3L1L2", "L2L3L1"].compactMap(PhaseMapping.init(name:))

    public init?(phases: [Phase]) {
        guard phases.count == 1 || (phases.count == 3 && Set(phases).count == 3) else { return nil }
        self.phases = phases
    }

    public init?(name: String) {
        let upper = name.uppercased()
        guard upper.count % 2 == 0, !upper.isEmpty else { return nil }
        var parsed: [Phase] = []
        var index = upper.startIndex
        while index < upper.endIndex {
            let next = upper.index(index, offsetBy: 2)
            guard let phase = Phase(name: String(upper[index..<next])) else { return nil }
            parsed.append(phase)
            index = next
        }
        self.init(phases: parsed)
    }

    public static let l1 = PhaseMapping(phases: [.l1])!

    public var isThreePhase: Bool { phases.count == 3 }
    public var name: String { phases.map(\.name).joined() }
    public var description: String { name }
    /// The wire number of `SCN-PhaseMapping-N` (1 = L1 … 9 = L3L2L1).
    public var wireNumber: Int { (PhaseMapping.all.firstIndex(of: self) ?? 0) + 1 }

    /// The phases an EV drawing on `count` phases uses.
    public func used(by count: Int) -> [Phase] { Array(phases.prefix(max(1, min(count, phases.count)))) }
}

/// A current per phase, in amperes.
public struct PhaseCurrents: Sendable, Equatable, Hashable {
    public var l1: Double, l2: Double, l3: Double

    public init(l1: Double = 0, l2: Double = 0, l3: Double = 0) {
        self.l1 = l1; self.l2 = l2; self.l3 = l3
    }

    public static func uniform(_ value: Double) -> PhaseCurrents { PhaseCurrents(l1: value, l2: value, l3: value) }
    public static let zero = PhaseCurrents()

    public subscript(phase: Phase) -> Double {
        get {
            switch phase {
            case .l1: l1
            case .l2: l2
            case .l3: l3
            }
        }
        set {
            switch phase {
            case .l1: l1 = newValue
            case .l2: l2 = newValue
            case .l3: l3 = newValue
            }
        }
    }

    public func map(_ transform: (Phase, Double) -> Double) -> PhaseCurrents {
        var result = self
        for phase in Phase.allCases { result[phase] = transform(phase, self[phase]) }
        return result
    }

    public func combined(with other: PhaseCurrents, _ combine: (Double, Double) -> Double) -> PhaseCurrents {
        map { phase, value in combine(value, other[phase]) }
    }
}
