import Foundation
import Testing
@testable import JSONText

/// `JSONTextEncoding` writes the same JSON as `JSONValueEncoding` (members in encoding order instead of sorted):
/// the scanner reads both texts back to equal values, whatever containers a type asks for and in what order.
@Suite struct JSONTextEncoderTests {
    func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONTextEncoding.encode(value), as: UTF8.self)
    }

    func expectSameValue<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = try text(value)
        let parsed = try #require(JSONScanner.parse(written), "not JSON: \(written)", sourceLocation: sourceLocation)
        #expect(parsed == (try JSONValueEncoding.encode(value)), "\(written)", sourceLocation: sourceLocation)
    }

    @Test func membersComeInEncodingOrderWithoutSpaces() throws {
        struct Pair: Encodable { var zebra = 1; var apple = "a"; var missing: Int? }
        #expect(try text(Pair()) == #"{"zebra":1,"apple":"a"}"#)
    }

    @Test func scalarsOfEveryWidthAndNumbersAsJSONValueEncodingWritesThem() throws {
        try expectSameValue(JSONValueCodingTests.Sample())
        #expect(try text([2.0, 0.5, -3]) == "[2,0.5,-3]")
        #expect(try text([UInt8(7)]) == "[7]")
        #expect(try text(Int64.min) == "-9223372036854775808")
    }

    @Test func stringsAreEscapedOnlyWhereJSONNeedsIt() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} slash / é ☃"
        try expectSameValue([tricky])
        #expect(try text("a/b") == #""a/b""#)
    }

    /// Nested containers used in order, as Codable types write them, including a re-asked container and `super`.
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case first, inner, list, last, empty, `super` }
        enum InnerKeys: String, CodingKey { case a, b }

        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            try outer.encode(1, forKey: .first)
            var inner = outer.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode("x", forKey: .a)
            var again = encoder.container(keyedBy: Keys.self)
            var list = again.nestedUnkeyedContainer(forKey: .list)
            try list.encode("x")
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(true)
            try list.encodeNil()
            var element = list.nestedContainer(keyedBy: InnerKeys.self)
            try element.encode(2.5, forKey: .b)
            try outer.encode("done", forKey: .last)
            _ = outer.nestedContainer(keyedBy: InnerKeys.self, forKey: .empty)
            try ["parent": 1].encode(to: outer.superEncoder())
        }
    }

    @Test func nestedContainersUsedInOrderMatchTheTreeEncoder() throws {
        try expectSameValue(Nested())
        #expect(try text(Nested())
                == #"{"first":1,"inner":{"a":"x"},"list":["x",[true],null,{"b":2.5}],"last":"done","empty":{},"super":{"parent":1}}"#)
    }

    /// Writing into a container after its outer container wrote again: the tree encoder allows it, one pass cannot.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case inner, last }
        enum InnerKeys: String, CodingKey { case a }

        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var inner = outer.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try outer.encode("done", forKey: .last)
            try inner.encode("late", forKey: .a)
        }
    }

    @Test func aWriteIntoAClosedContainerIsAnErrorNotMisplacedText() throws {
        do {
            _ = try text(Interleaved())
            Issue.record("the late write was accepted")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["inner", "a"])
        }
    }

    @Test func aValueThatWritesNothingIsAnEmptyObject() throws {
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try text(["a": Silent()]) == #"{"a":{}}"#)
    }

    @Test func aNonFiniteNumberIsRefusedWithItsPath() throws {
        struct Reading: Encodable { var values = [1.0, .nan] }
        do {
            _ = try text(Reading())
            Issue.record("NaN was written")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["values", "Index 1"])
        }
    }
}
