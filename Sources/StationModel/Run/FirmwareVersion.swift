/// Dotted firmware versions compared numerically (`6.10.2` > `6.9`).
struct FirmwareVersion: Comparable {
    var parts: [Int]
    init(_ text: String) { parts = text.split(whereSeparator: { !$0.isNumber }).prefix(4).map { Int($0) ?? 0 } }
    static func < (lhs: FirmwareVersion, rhs: FirmwareVersion) -> Bool {
        let count = max(lhs.parts.count, rhs.parts.count)
        let left = lhs.parts + Array(repeating: 0, count: count - lhs.parts.count)
        let right = rhs.parts + Array(repeating: 0, count: count - rhs.parts.count)
        return left.lexicographicallyPrecedes(right)
    }
}
