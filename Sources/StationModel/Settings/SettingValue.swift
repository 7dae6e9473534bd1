import AllocationCore
import SharedText

/// A setting's value in the product's terms; each link encodes it its own way.
public enum SettingValue: Sendable, Equatable, CustomStringConvertible {
    case amperes(Double)
    case integer(Int)
    case bool(Bool)
    /// One of a setting's named choices (its canonical spelling).
    case choice(String)
    case text(String)
    case ipv4(IPv4)
    /// nil: no socket (`SCN-PhaseMapping-2` of a one-socket station).
    case mapping(PhaseMapping?)
    /// Never shown (SPEC §6).
    case secret(String)
    case registerMap(CustomRegisterMap)

    public var description: String {
        switch self {
        case let .amperes(value): Quantity.amps(value)
        case let .integer(value): String(value)
        case let .bool(value): value ? "true" : "false"
        case let .choice(value), let .text(value): value
        case let .ipv4(address): address.description
        case let .mapping(mapping): mapping?.name ?? "none"
        case .secret: SecretMask.text
        case let .registerMap(map): map.description
        }
    }
}
