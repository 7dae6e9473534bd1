import ArgumentParser

/// The tool's own ranges for numeric options (SPEC §1): a value that is not a finite number is command-line syntax
/// (exit 64, from `validate()`), one out of range is invalid input (exit 2, checked where the command runs, so
/// `--json` gets its document). One message shape for both bounds, so a message never contradicts its value.
struct OptionRange {
    var flag: String
    /// Exclusive lower bound (`--wait 0` is refused), or inclusive with `includesLower`.
    var lower: Double
    var includesLower = false
    var upper: Double
    var unit: String
    var example: String

    /// ArgumentParser reads `nan` and `inf` as Doubles; neither is a number of seconds.
    func checkFinite(_ value: Double) throws {
        guard value.isFinite else { throw ValidationError("\(flag) \(value) is not a number of \(unit)") }
    }

    func check(_ value: Double) throws {
        let aboveLower = includesLower ? value >= lower : value > lower
        guard value.isFinite, aboveLower, value <= upper else {
            let bound = includesLower ? "at least \(Self.format(lower))" : "more than \(Self.format(lower))"
            throw CommandFailure(status: .invalidInput, code: "option.range",
                                 message: "\(flag) \(Self.format(value)): must be \(bound) and at most \(Self.format(upper)) \(unit)",
                                 hint: "for example \(example)")
        }
    }

    static func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
