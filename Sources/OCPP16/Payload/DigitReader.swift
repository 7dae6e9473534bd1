/// A cursor over ASCII bytes for the fixed-width fields of a timestamp.
struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += width
        return value
    }

    /// Any number of fraction digits; precision beyond nanoseconds is read and ignored.
    mutating func fractionDigits() -> Double? {
        var value = 0.0
        var scale = 1.0
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) {
            if scale > 1e-9 {
                scale /= 10
                value += Double(bytes[index] - 48) * scale
            }
            index += 1
        }
        return index > start ? value : nil
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func skipEither(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        skip(first) || skip(second)
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
