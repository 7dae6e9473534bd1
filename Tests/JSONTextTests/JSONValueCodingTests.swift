import Foundation
import Testing
@testable import JSONText

/// The value coders give what Foundation's JSON text round trip gave, for every scalar width.
@Suite struct JSONValueCodingTests {
    struct Sample: Codable, Equatable {
        var text = "a\"b"
        var small: UInt8 = 7
        var wide: Int64 = -9_000_000_000
        var ratio: Float = 0.5
        var whole = 2.0
        var absent: String?
        var flags = [true, false]
        var nested = ["k": [1, 2]]
    }

    @Test func encodesLikeFoundation() throws {
        let sample = Sample()
        let foundation = try #require(JSONScanner.parse(String(decoding: try JSONEncoder().encode(sample), as: UTF8.self)))
        #expect(try JSONValueEncoding.encode(sample) == foundation)
    }

    @Test func decodesWhatItEncodes() throws {
        let sample = Sample()
        #expect(try JSONValueDecoding.decode(Sample.self, from: try JSONValueEncoding.encode(sample)) == sample)
    }

    @Test func aNonFiniteNumberIsRefused() {
        #expect(throws: EncodingError.self) { _ = try JSONValueEncoding.encode([Double.infinity]) }
    }

    @Test func anIntegerThatDoesNotFitIsAnError() {
        #expect(throws: DecodingError.self) { _ = try JSONValueDecoding.decode(UInt8.self, from: .integer(300)) }
        #expect(throws: DecodingError.self) { _ = try JSONValueDecoding.decode(Int.self, from: .double(1.5)) }
    }
}
