/// Number and time texts shared by the human renderings. Pure stdlib so the output never depends on a locale.
enum RenderFormat {
    /// Exactly `places` decimals (SPEC §2: currents to 0.01 A, energy to 0.001 kWh), rounded half away from zero.
    static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        guard DecimalText.append(value, places: places, trimmingZeros: false, into: &bytes) else { return "\(value)" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A current in amperes to 0.01 A, without the unit (the column header carries it).
    static func amps(_ value: Double) -> String { fixed(value, places: 2) }

    /// `h:mm:ss`, with `.sss` only when the time is fractional at millisecond resolution (SPEC §2: times are
    /// fractional where an EV finishes its energy). Hours are not wrapped at 24: a scenario is one span.
    static func clock(_ seconds: Double) -> String {
        // Validated scenarios stay within 366 days; a time beyond what Int counts in milliseconds prints as seconds.
        guard seconds.isFinite else { return "-" }
        guard abs(seconds) < 9e12 else { return "\(seconds) s" }
        let totalMillis = Int((abs(seconds) * 1000).rounded())
        let millis = totalMillis % 1000
        let totalSeconds = totalMillis / 1000
        let hours = totalSeconds / 3600
        let minutes = totalSeconds / 60 % 60
        let secs = totalSeconds % 60
        var text = (seconds < 0 && totalMillis > 0 ? "-" : "") + "\(hours):" + twoDigits(minutes) + ":" + twoDigits(secs)
        if millis != 0 { text += "." + threeDigits(millis) }
        return text
    }

    /// `from–to` as two clocks joined by an en dash.
    static func span(from: Double, to: Double) -> String { clock(from) + "\u{2013}" + clock(to) }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func threeDigits(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }

    static func padLeft(_ text: String, to width: Int) -> String {
        let missing = width - ANSIStyle.visibleWidth(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    static func padRight(_ text: String, to width: Int) -> String {
        let missing = width - ANSIStyle.visibleWidth(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
