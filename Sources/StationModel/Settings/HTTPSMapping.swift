/// How a setting reaches the station's local HTTPS API (SPEC §3, reference/alfen-station.md §4): a property id,
/// one bit of a property, a value derived from another setting, an id that moved with the firmware, a value of a
/// property two settings share — or nothing.
public enum HTTPSMapping: Sendable, Equatable {
    case property(String)
    /// Read-modify-write: writing the whole byte would clear the other bits (`2064_0`).
    case bit(String, mask: Int)
    /// No property of its own; explained for the plan's warning.
    case derived(String)
    /// The property id by minimum firmware version, oldest first.
    case firmwareDependent([(firmware: String, ids: [String])])
    /// A property whose value this setting sets to one value (`2530_1` = 3 for EMS), and the other properties
    /// that go with it (EMS: `5217_0` = −1, SPEC §3).
    case sharedValue(String, value: Int, also: [String: Int] = [:])
    /// A meter's register map over `2570`–`2574` (`CustomRegisterMap`).
    case registerMap
    case unsupported

    public static func == (lhs: HTTPSMapping, rhs: HTTPSMapping) -> Bool {
        switch (lhs, rhs) {
        case let (.property(a), .property(b)): a == b
        case let (.bit(a, x), .bit(b, y)): a == b && x == y
        case let (.derived(a), .derived(b)): a == b
        case let (.firmwareDependent(a), .firmwareDependent(b)): a.map(\.firmware) == b.map(\.firmware) && a.map(\.ids) == b.map(\.ids)
        case let (.sharedValue(a, x, m), .sharedValue(b, y, n)): a == b && x == y && m == n
        case (.registerMap, .registerMap), (.unsupported, .unsupported): true
        default: false
        }
    }

    /// A firmware-dependent mapping's ids on a station running `firmware`: the newest row the firmware reaches
    /// (the oldest row below every row); nil for the other mappings.
    public func ids(firmware: String) -> [String]? {
        guard case .firmwareDependent(let versions) = self else { return nil }
        return (versions.last { FirmwareVersion(firmware) >= FirmwareVersion($0.firmware) } ?? versions.first)?.ids ?? []
    }

    /// Every property id it touches.
    public var propertyIDs: [String] {
        switch self {
        case let .property(id), let .bit(id, _): [id]
        case let .sharedValue(id, _, also): [id] + also.keys.sorted()
        case let .firmwareDependent(versions): versions.flatMap(\.ids)
        case .registerMap: CustomRegisterMap.propertyIDs
        case .derived, .unsupported: []
        }
    }
}
