/// Names compare and hash without regard to ASCII case (RFC 1035 §2.3.3, RFC 6762 §16), so a browser matches
/// `_ALFEN._tcp.local` against `_alfen._tcp.local` and a responder answers either spelling. Non-ASCII bytes
/// compare exactly, as RFC 6762 §16 asks.
extension DNSName: Hashable {
    public static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        guard lhs.labels.count == rhs.labels.count else { return false }
        for (left, right) in zip(lhs.labels, rhs.labels) {
            guard left.count == right.count else { return false }
            for (a, b) in zip(left, right) where Self.foldCase(a) != Self.foldCase(b) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.count)
            for byte in label { hasher.combine(Self.foldCase(byte)) }
        }
    }

    /// True when `self` ends with all labels of `suffix` (compared case-insensitively).
    public func hasSuffix(_ suffix: DNSName) -> Bool {
        guard suffix.labels.count <= labels.count else { return false }
        return DNSName(validated: Array(labels.suffix(suffix.labels.count))) == suffix
    }

    /// Lower-cases ASCII 'A'...'Z' only.
    static func foldCase(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}

extension DNSName: Comparable {
    /// A total order for deterministic output: case-folded bytes, label by label from the left.
    public static func < (lhs: DNSName, rhs: DNSName) -> Bool {
        for (left, right) in zip(lhs.labels, rhs.labels) {
            let a = left.map(foldCase), b = right.map(foldCase)
            if a != b { return a.lexicographicallyPrecedes(b) }
        }
        return lhs.labels.count < rhs.labels.count
    }
}
