import AllocationCore
import JSONText
import Testing
@testable import ChargeCtlCLI

/// The byte formatter the preview renderers write numbers with must give the digits of the texts it replaced:
/// `Quantity.decimal` (SVG), the old `RenderFormat.fixed` (tables) and `JSONTextEncoding` (preview JSON).
@Suite struct DecimalTextTests {
    /// SplitMix64, so the sample is the same on every run.
    struct Numbers {
        var state: UInt64 = 14
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Values of every size the renderers meet, halves and negatives included, and some huge ones.
        mutating func sample() -> Double {
            let unit = Double(next() >> 11) / Double(1 << 53)
            let sign: Double = next() % 4 == 0 ? -1 : 1
            switch next() % 6 {
            case 0: return sign * (unit * 100).rounded() / 100
            case 1: return sign * (unit * 2_000_000).rounded() / 1000 + 0.0005
            case 2: return sign * unit * 1e6
            case 3: return sign * unit * 1e17
            case 4: return sign * unit
            default: return sign * (unit * 86_400_000).rounded() / 1000
            }
        }
    }

    static func text(_ value: Double, places: Int, trimming: Bool) -> String? {
        var bytes: [UInt8] = []
        guard DecimalText.append(value, places: places, trimmingZeros: trimming, into: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func trimmedDigitsAreQuantityDecimals() {
        var numbers = Numbers()
        for _ in 0..<20_000 {
            let value = numbers.sample()
            for places in 0...3 {
                #expect((Self.text(value, places: places, trimming: true) ?? "\(value)") == Quantity.decimal(value, places: places),
                        "\(value) to \(places) places")
            }
        }
        #expect(SVGWriter.number(-0.001) == "0")
        #expect(SVGWriter.number(12.5) == "12.5")
        #expect(SVGWriter.number(.nan) == "0")
    }

    @Test func fixedDigitsKeepEveryPlace() {
        #expect(Self.text(-3.5, places: 2, trimming: false) == "-3.50")
        #expect(Self.text(0.125, places: 2, trimming: false) == "0.13")
        #expect(Self.text(7, places: 0, trimming: false) == "7")
        #expect(Self.text(1e300, places: 2, trimming: false) == nil)
        #expect(Self.text(.infinity, places: 2, trimming: false) == nil)
    }

    /// `JSONNumber`-rounded values are written as the project's JSON encoder writes a `Double`.
    @Test func jsonNumbersAreTheEncodersText() throws {
        var numbers = Numbers()
        var values = [0.0, -0.0, 0.01, 0.001, 16, 86_400, 1e12, 1e15 + 0.5, 123_456_789.125, 9.007_199_254_740_993e15, 1e300]
        for _ in 0..<20_000 { values.append(numbers.sample()) }
        for value in values {
            for (places, rounded) in [(2, JSONNumber.amps(value)), (3, JSONNumber.seconds(value))] {
                var bytes: [UInt8] = []
                DecimalText.appendJSON(rounded, places: places, into: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try JSONTextEncoding.encode(rounded), as: UTF8.self),
                        "\(rounded)")
            }
        }
    }
}
