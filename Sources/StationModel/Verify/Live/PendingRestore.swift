import AllocationCore

/// The live test's promise to put a value back (SPEC §8): journaled before the value is lowered, removed once the
/// original is back and read back. A record still there means a run died in between (SIGKILL, power, a crash), and
/// the next `verify` or `apply --resume` restores it first. Pure; the shell keeps the records in a file.
public struct PendingRestore: Sendable, Equatable, Codable {
    /// The site file or name the run was for, for messages.
    public var site: String?
    public var station: String
    public var link: LinkKind
    public var target: LiveTarget
    /// The original value, A.
    public var original: Double
    /// The original value as the run's link writes it (`SmartMeter-MaxCurrent` = `25`, or `2067_0` over HTTPS).
    public var restore: PlannedWrite
    /// The value the test lowered it to, A.
    public var lowered: Double
    /// When the change was made (UTC, ISO 8601), for the message after a crash.
    public var startedAt: String

    public init(site: String?, station: String, link: LinkKind, target: LiveTarget, original: Double, restore: PlannedWrite,
                lowered: Double, startedAt: String) {
        self.original = original
        self.site = site
        self.station = station
        self.link = link
        self.target = target
        self.restore = restore
        self.lowered = lowered
        self.startedAt = startedAt
    }

    /// The record for a plan before its change; nil when the change needs none (an EMS set point lapses by
    /// itself) or the link cannot carry the setting (the plan is refused before anything is sent).
    public static func record(for plan: LiveTestPlan, site: String?, link: LinkKind, startedAt: String) -> PendingRestore? {
        guard plan.target == .meterMaxCurrent else { return nil }
        guard let write = write(plan.original, for: link) else { return nil }
        return PendingRestore(site: site, station: plan.station, link: link, target: plan.target, original: plan.original,
                              restore: write, lowered: plan.lowered, startedAt: startedAt)
    }

    /// The restore as `link` writes it: a record made over OCPP may be repaired over HTTPS, and back.
    public func restore(over link: LinkKind) -> PlannedWrite? { link == self.link ? restore : Self.write(original, for: link) }

    /// `SmartMeter-MaxCurrent = amps` as `link` writes it.
    public static func write(_ amps: Double, for link: LinkKind) -> PlannedWrite? {
        guard case let .success(writes) = WriteCompiler(link: link).compile(SettingChange(.meterMaxCurrent, .amperes(amps)), in: []) else { return nil }
        return writes.first
    }

    /// What the next run says when it restored the value.
    public var restoredMessage: String {
        "restored \(target.rawValue) on \(station) to \(Quantity.amps(original)) from a verify --live run interrupted at \(startedAt)"
    }

    /// What it says when it could not.
    public func failedMessage(_ reason: String) -> String {
        "\(target.rawValue) on \(station) is still lowered to \(Quantity.decimal(lowered, places: 2)) A by a verify --live run interrupted at \(startedAt), and restoring \(Quantity.amps(original)) failed: \(reason)"
    }

    /// The same promise: one per station and target.
    public func sameSlot(as other: PendingRestore) -> Bool { station == other.station && target == other.target }
}

/// Every pending restore, as the file holds them.
public struct PendingRestores: Sendable, Equatable, Codable {
    public var pending: [PendingRestore]

    public init(_ pending: [PendingRestore] = []) { self.pending = pending }

    /// A new record replaces an older one for the same station and target, keeping the older's original value:
    /// a second test on a value still lowered must not take the lowered value for the original.
    public func adding(_ record: PendingRestore) -> PendingRestores {
        if let older = pending.first(where: { $0.sameSlot(as: record) }) {
            var kept = record
            kept.restore = older.restore
            kept.original = older.original
            kept.link = older.link
            return PendingRestores(pending.map { $0.sameSlot(as: record) ? kept : $0 })
        }
        return PendingRestores(pending + [record])
    }

    public func removing(station: String, target: LiveTarget) -> PendingRestores {
        PendingRestores(pending.filter { !($0.station == station && $0.target == target) })
    }

    /// Those of these stations (all when `stations` is nil).
    public func of(stations: Set<String>?) -> [PendingRestore] {
        pending.filter { stations?.contains($0.station) ?? true }
    }
}
