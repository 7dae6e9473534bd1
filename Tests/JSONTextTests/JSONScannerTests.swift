import Foundation
import Testing
@testable import JSONText
import TestRandom

/// The hand-written scanner against Foundation's decoder (`JSONDecoder` into `JSONValue`): the same value, or
/// both refusing, for tricky texts and for random ones.
@Suite struct JSONScannerTests {
    static func foundation(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let cases: [String] = [
        "[]", "{}", " [ 1 , 2 ] ", "\n\t[\r]", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "",
        " ", "[", "]", "{", "null", "true", "false", "nul", "tru", "[true,false,null]", "[truex]", "0", "-0", "-0.0",
        "01", "1.", ".5", "-", "-a", "1e", "1e+", "1e5", "1E-2", "1.0", "1.5", "2.50", "-1.25e3", "1e400", "-1e400",
        "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "12345678901234567890", "1.0000000000000000001", "123456789012345678901234567890.0", "4.9e-324",
        "\"\"", "\"a\"", "\"\\\"\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u0041\"", "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\"", "\"\\u12\"",
        "\"\\uZZZZ\"", "\"\\x\"", "\"a\u{01}b\"", "\"tab\there\"", "\"é😀\"", "\"unterminated", "\"\\",
        "{\"a\":1,\"a\":2}", "{\"\":null}", "{\"k\":{\"k\":[{\"k\":[]}]}}", "[1]x", "[1] ", "\u{FEFF}[1]",
        "[2,\"id\",\"Heartbeat\",{}]", "[3,\"id\",{\"currentTime\":\"2026-01-01T00:00:00Z\"}]",
        "[4,\"id\",\"NotSupported\",\"\",{}]", "[1e2, 1E0, -0e0, 0.1e1]", "[\"\\u0000\"]", "[-]", "[--1]", "[+1]",
        "[0x10]", "[Infinity]", "[NaN]", "[1,2,3,[4,[5,[6]]]]", "{\"a\":[1,{\"b\":null}]}", "[\"\\u00\"]",
        "[\"a\\\u{7F}\"]", "[1,,]", "[,]", "{,}", "[1,]]", "[ 1 , ]", "{\"a\":1 , }", "-9223372036854775808.0",
        "9223372036854775807.0", "[1e18]", "[1e19]", "[\"\u{7F}\"]", "[1.7976931348623157e308]", "[2e308]", "[-2.2250738585072014e-308]",
    ]

    @Test(arguments: cases) func agreesWithFoundation(_ text: String) {
        #expect(JSONScanner.parse(text) == Self.foundation(text), "\(text.debugDescription)")
    }

    /// Random texts over JSON's alphabet: mostly broken, sometimes valid.
    @Test func agreesOnRandomTexts() {
        let alphabet = Array("[]{},:\"\\ 0123456789-+.eEtruefalsn\u{01}éu")
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 16)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let ours = JSONScanner.parse(text), theirs = Self.foundation(text)
            if ours != theirs { Issue.record("\(text.debugDescription): \(String(describing: ours)) vs \(String(describing: theirs))") }
        }
    }

    /// Random valid documents, printed and parsed back.
    @Test func agreesOnRandomDocuments() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let text = Self.randomValue(&generator, depth: 0).jsonText
            #expect(JSONScanner.parse(text) == Self.foundation(text), "\(text)")
        }
    }

    static func randomValue(_ generator: inout SplitMix64, depth: Int) -> JSONValue {
        switch generator.next() % (depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .integer(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 60))
        case 3: return .double(Double(Int(truncatingIfNeeded: generator.next() % 100_000)) / 64 + 0.5)
        case 4: return .string(String((0..<generator.next() % 6).map { _ in Character(Unicode.Scalar(UInt8(generator.next() % 127 + 1))) }))
        case 5: return .array((0..<generator.next() % 4).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<generator.next() % 4 { members["k\(index)"] = randomValue(&generator, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test func deepNestingIsRefusedNotRecursed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONScanner.parse(deep) == nil)
        #expect(JSONScanner.parse("[[[1]]]", maximumDepth: 2) == nil)
        #expect(JSONScanner.parse("[[[1]]]", maximumDepth: 3) == .array([.array([.array([.integer(1)])])]))
    }
}
