/// One judgement of `meter test` (SPEC §7 finding shape): a stable code for scripts, a message and a hint for
/// people. Pure data, so `verify` can reuse the same rules.
public struct MeterFinding: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case pass, warn, fail

        public static func < (lhs: Self, rhs: Self) -> Bool {
            let order: [Severity] = [.pass, .warn, .fail]
            return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
        }
    }

    public var severity: Severity
    public var code: String
    public var message: String
    public var hint: String

    public init(_ severity: Severity, _ code: String, _ message: String, hint: String) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
    }
}

extension MeterQuantity {
    /// `L2 voltage`, `total active power`: how findings name a quantity.
    public var label: String {
        let text = rawValue
        let phase = ["L1", "L2", "L3"].first { text.hasSuffix($0) }
        var base = phase.map { String(text.dropLast($0.count)) } ?? text
        base = base.replacingCamelCase()
        return phase.map { "\($0) \(base)" } ?? base
    }
}

extension String {
    /// `activePower` → `active power`.
    fileprivate func replacingCamelCase() -> String {
        var result = ""
        for character in self {
            if character.isUppercase {
                result += " " + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// Numbers in findings: two decimals, no Foundation in the core.
func formatted(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e9 else { return "\(value)" }
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
}
