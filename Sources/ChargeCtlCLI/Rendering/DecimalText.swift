/// Fixed-point numbers written straight into a byte buffer: a day's preview of 128 sockets writes about a million
/// of them, and making a `String` per number (and per digit group) was most of the renderers' time (issue 14).
/// The digits are those of `RenderFormat.fixed`, `Quantity.decimal` and Swift's `description` of a rounded value,
/// which callers keep as the reference (`DecimalTextTests`).
enum DecimalText {
    /// 10^exponent for 0...15: a loop of at most 15 multiplications (mostly 2) costs less than a static table's
    /// lazy-initialisation check on every number.
    @inline(__always)
    private static func power(_ exponent: Int) -> Int {
        var power = 1
        for _ in 0..<exponent { power &*= 10 }
        return power
    }
    /// Beyond this a scaled value has no fractional digits left to print and `Int` could overflow.
    private static let limit = 9.0e15

    /// `value` to `places` decimals (0 to 15), rounded half away from zero; `trimmingZeros` drops trailing
    /// fractional zeros and then the point (`12`, `12.5`). Writes nothing and returns false for a value that is not
    /// finite or too large for fixed digits: the caller writes its own text for those.
    @discardableResult
    static func append(_ value: Double, places: Int, trimmingZeros: Bool, into bytes: inout [UInt8]) -> Bool {
        let scale = power(min(max(places, 0), 15))
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < limit else { return false }
        let units = Int(scaled)
        if value < 0, units != 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units / scale, minimumCount: 1, into: &bytes)
        var fraction = units % scale
        var count = min(max(places, 0), 15)
        if trimmingZeros {
            while count > 0, fraction % 10 == 0 {
                fraction /= 10
                count -= 1
            }
        }
        guard count > 0 else { return true }
        bytes.append(UInt8(ascii: "."))
        appendDigits(fraction, minimumCount: count, into: &bytes)
        return true
    }

    /// A number already rounded to `places` decimals (`JSONNumber.amps`, `.seconds`), as Swift's JSON text has it:
    /// an integer without a point, otherwise its shortest digits, which for such a value are its fixed digits
    /// without trailing zeros. Anything else (not finite, not on the grid, huge) falls back to `description`.
    static func appendJSON(_ value: Double, places: Int, into bytes: inout [UInt8]) {
        let scale = Double(power(min(max(places, 0), 15)))
        let scaled = (value * scale).rounded()
        if abs(value) < 1e12, scaled / scale == value, append(value, places: places, trimmingZeros: true, into: &bytes) { return }
        if let exact = Int(exactly: value), exact != .min {
            appendDigits(exact, into: &bytes)
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }

    /// The decimal digits of `value`, zero-padded on the left to `minimumCount`; a negative value gets its sign.
    static func appendDigits(_ value: Int, minimumCount: Int = 1, into bytes: inout [UInt8]) {
        guard value >= 0 else {
            bytes.append(UInt8(ascii: "-"))
            // -Int.min does not exist: its magnitude goes digit by digit from the negative side.
            if value == .min { return bytes.append(contentsOf: String(value).dropFirst().utf8) }
            return appendDigits(-value, minimumCount: minimumCount, into: &bytes)
        }
        var count = 1
        var power = 10
        while count < 19, power <= value {
            power &*= 10
            count += 1
        }
        count = max(count, minimumCount)
        // The digits are made right to left in a buffer on the stack, then copied in one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { digits in
            var rest = value
            for index in stride(from: count - 1, through: 0, by: -1) {
                digits[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(digits))
        }
    }
}
