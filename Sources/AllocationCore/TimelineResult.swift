/// The timeline of a site: intervals in which nothing changes, and what they add up to (SPEC §2 `preview --json`).
public struct TimelineResult: Sendable, Equatable {
    public var intervals: [TimelineInterval]
    public var summary: TimelineSummary
    /// Instants the simulator evaluated (scenario events and its own timers), for benchmarks.
    public var evaluatedInstants: Int

    /// The interval that holds time `t` (the later one at a boundary).
    public func interval(at t: Double) -> TimelineInterval? {
        intervals.last { $0.from <= t + 1e-9 && t < $0.to + 1e-9 }
    }
}

public struct TimelineInterval: Sendable, Equatable {
    public var from: Double
    public var to: Double
    /// Every socket of the site, by SCN id.
    public var sockets: [Int: SocketAllocation]
    public var phaseLoad: PhaseCurrents
    public var available: PhaseCurrents
}

public struct TimelineSummary: Sendable, Equatable {
    public var sockets: [Int: SocketTotals]
    public var peakPhaseLoad: PhaseCurrents
    /// The installation cap per phase.
    public var limit: PhaseCurrents
    public var findings: [Finding]
}

public struct SocketTotals: Sendable, Equatable {
    public var energyKWh: Double = 0
    /// Probing and safe time count as charging.
    public var chargingSeconds: Double = 0
    public var pausedSeconds: Double = 0
}

/// A judgement for people and scripts (SPEC §7 finding shape): the simulator's, the validator's and, later, verify's.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable { case pass, warn, fail }
    public var severity: Severity
    public var code: String
    public var message: String
    public var hint: String
    /// The file field it is about (`stations[1].sockets[0].phaseMapping`), when it is about one.
    public var field: String?
    public var socket: Int?
    public var at: Double?

    public init(severity: Severity, code: String, message: String, hint: String = "", field: String? = nil,
                socket: Int? = nil, at: Double? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.field = field
        self.socket = socket
        self.at = at
    }
}

/// The name the preview renderers know it by.
public typealias TimelineFinding = Finding

/// Formats amperes and seconds for messages without Foundation: at most two decimals, none when whole.
public enum Quantity {
    public static func amps(_ value: Double) -> String { "\(decimal(value, places: 2)) A" }

    public static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        // Beyond 2^53 a Double has no fractional digits left to print, and Int would overflow.
        guard scaled.isFinite, abs(scaled) < 9.0e15 else { return "\(value)" }
        let negative = scaled < 0
        let units = Int(abs(scaled))
        let whole = units / Int(scale)
        var fraction = String(units % Int(scale))
        while fraction.count < places { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + "\(whole)" + (fraction.isEmpty ? "" : ".\(fraction)")
    }
}
