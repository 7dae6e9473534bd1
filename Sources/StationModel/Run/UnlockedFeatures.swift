import SharedText

/// The `UnlockedFeatures` bitmask (SPEC §1, reference/alfen-station.md §4.4): decimal unless written `0x…`, or a
/// list of feature names. `unlock` judges the licence by comparing it before and after the reboot.
public struct UnlockedFeatures: Sendable, Equatable {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    /// The bit names `--expect` takes, from the reference's table.
    public static let names: [(name: String, bit: UInt64)] = [
        ("scn", 0x1), ("static-lb", 0x2), ("alb", 0x4), ("high-power", 0x10), ("rfid", 0x100), ("iso15118", 0x200),
        ("display", 0x1000), ("mobile", 0x10000), ("payment-qr", 0x20000), ("payment", 0x100000),
        ("meter-data", 0x1000000), ("object-id", 0x8000_0000),
    ]

    public static func bit(named name: String) -> UInt64? {
        names.first { $0.name == name.lowercased() }?.bit
    }

    /// `7`, `0x7`, `scn, alb` or `scn alb`; nil when the text is none of these.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { self.init(bits: 0); return }
        if trimmed.lowercased().hasPrefix("0x"), let value = UInt64(trimmed.dropFirst(2), radix: 16) { self.init(bits: value); return }
        if let value = UInt64(trimmed) { self.init(bits: value); return }
        var bits: UInt64 = 0
        for word in trimmed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            guard let bit = Self.bit(named: String(word)) else { return nil }
            bits |= bit
        }
        self.init(bits: bits)
    }

    public var featureNames: [String] { Self.names.filter { bits & $0.bit != 0 }.map(\.name) }
}

/// SPEC §1: after the reboot every `--expect`ed feature must be there, or without `--expect` at least one feature
/// the station lacked before. Returns why not, or nil when the licence took.
public enum UnlockJudge {
    public static func problem(before: UnlockedFeatures?, after: UnlockedFeatures?, expected: [String]) -> String? {
        guard let after else { return "the station reports no readable UnlockedFeatures after the reboot" }
        if !expected.isEmpty {
            let missing = expected.filter { name in (UnlockedFeatures.bit(named: name) ?? 0) & after.bits == 0 }
            return missing.isEmpty ? nil : "UnlockedFeatures lacks \(missing.joined(separator: ", ")) after the reboot (has: "
                + (after.featureNames.isEmpty ? "none" : after.featureNames.joined(separator: ", ")) + ")"
        }
        let gained = after.bits & ~(before?.bits ?? 0)
        return gained != 0 ? nil : "UnlockedFeatures gained no feature after the reboot (has: "
            + (after.featureNames.isEmpty ? "none" : after.featureNames.joined(separator: ", ")) + ")"
    }

    /// Licences are enforced from firmware 3.4.0 on (reference §4.4): older firmware has every feature.
    public static func needsLicence(firmware: String?) -> Bool {
        guard let firmware else { return true }
        return FirmwareVersion(firmware) >= FirmwareVersion("3.4.0")
    }
}

extension Site {
    /// The features a station's licence must give for what the site configures on it (reference §4.4): SCN on
    /// every member, ALB on the station that hosts the data source. `apply` expects them after the reboot, and does
    /// not write the licence again to a station that already has them.
    public func requiredFeatures(of stationID: String) -> [String] {
        guard let index = stations.firstIndex(where: { $0.id == stationID }) else { return [] }
        return (scn != nil ? ["scn"] : []) + (index == albStationIndex ? ["alb"] : [])
    }
}
