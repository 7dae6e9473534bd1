import SharedText

/// A feature licence key (SPEC §3, reference/alfen-station.md §4.4): 24 hexadecimal digits, written as six groups
/// of four. People type it with any separator and may drop a group's leading zeros, but only when the groups are
/// separated — otherwise the digits could not be told apart.
public struct LicenceKey: Sendable, Equatable, CustomStringConvertible {
    /// `XXXX.XXXX.XXXX.XXXX.XXXX.XXXX`, upper case: the form written to the station.
    public let normalised: String

    public enum Problem: Error, Sendable, Equatable {
        case empty
        case notHex(Character)
        case wrongLength(digits: Int)
        case wrongGroups(count: Int)
        case groupTooLong(index: Int)
    }

    public init(_ text: String) throws(Problem) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .empty }
        var groups: [String] = []
        var current = ""
        for character in trimmed {
            if character.isHexDigit {
                current.append(character)
            } else if character.isLetter || character.isNumber {
                throw .notHex(character)
            } else if !current.isEmpty {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        if groups.count == 1 {
            guard groups[0].count == 24 else { throw .wrongLength(digits: groups[0].count) }
            groups = stride(from: 0, to: 24, by: 4).map { offset in
                let start = groups[0].index(groups[0].startIndex, offsetBy: offset)
                return String(groups[0][start..<groups[0].index(start, offsetBy: 4)])
            }
        }
        guard groups.count == 6 else { throw .wrongGroups(count: groups.count) }
        if let long = groups.firstIndex(where: { $0.count > 4 }) { throw .groupTooLong(index: long) }
        normalised = groups.map { String(repeating: "0", count: 4 - $0.count) + $0.uppercased() }.joined(separator: ".")
    }

    /// Never the key itself (SPEC §6).
    public var description: String { SecretMask.text }
}

extension LicenceKey.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "the licence key is empty"
        case let .notHex(character): "\"\(character)\" is not a hexadecimal digit"
        case let .wrongLength(digits): "a licence key has 24 hexadecimal digits, this one \(digits)"
        case let .wrongGroups(count): "a licence key has six groups of four digits, this one \(count) groups"
        case let .groupTooLong(index): "group \(index + 1) has more than four digits"
        }
    }
}
