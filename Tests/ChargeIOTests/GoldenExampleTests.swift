import AllocationCore
import ChargeIO
import Foundation
import StationModel
import Testing

/// SPEC §4's golden examples, reproduced exactly from `golden/` through the real loader and simulator.
@Suite struct GoldenExampleTests {
    static let files = Fixtures.files(in: Fixtures.golden)

    @Test func everyGoldenExampleIsHere() throws {
        #expect(Self.files.count >= 7)
        let shared = Fixtures.files(in: Fixtures.sharedGolden)
        // Beside the spec (CI, developers' machines) the vendored copies must match it byte for byte.
        for file in shared {
            let vendored = Fixtures.golden.appendingPathComponent(file.lastPathComponent)
            #expect(try Data(contentsOf: vendored) == Data(contentsOf: file), "\(file.lastPathComponent) differs from ../shared/golden")
        }
    }

    @Test(arguments: files.map(\.lastPathComponent))
    func reproduces(_ name: String) throws {
        let document = try YAMLDocument.load(path: Fixtures.golden.appendingPathComponent(name).path)
        guard case let .mapping(entries) = document.value else { Issue.record("not a mapping"); return }
        let part = { (key: String) in entries.first { $0.key == key }!.value }
        let site = try Site(document: part("site"), file: name)
        let scenario = try Scenario(document: part("scenario"), file: name)
        let preview = try SitePreview(site: site, scenario: scenario)
        let expectations = try GoldenExpectation.parse(part("expect"))
        #expect(!expectations.isEmpty)
        for expectation in expectations {
            let interval = try #require(preview.result.interval(at: expectation.at), "no interval at \(expectation.at) s")
            for (socket, expected) in expectation.sockets {
                let actual = try #require(interval.sockets[socket])
                #expect(actual.state == expected.state, "\(name) at \(expectation.at) s: socket \(socket) is \(actual.state)")
                #expect(abs(actual.current - expected.current) <= 0.05,
                        "\(name) at \(expectation.at) s: socket \(socket) gets \(actual.current) A, expected \(expected.current) A")
            }
            if let also = expectation.also {
                let (first, second, current) = also
                let pair = [interval.sockets[first]!, interval.sockets[second]!]
                #expect(pair.filter { $0.state == .charging && abs($0.current - current) <= 0.05 }.count == 1, "\(name) at \(expectation.at) s")
                #expect(pair.filter { $0.state == .paused && $0.current == 0 }.count == 1, "\(name) at \(expectation.at) s")
            }
        }
    }
}

/// One `expect` entry of a golden file.
struct GoldenExpectation {
    var at: Double
    var sockets: [Int: (state: SocketState, current: Double)]
    /// "exactly one of sockets A and B charges at N A, the other is paused"
    var also: (Int, Int, Double)?

    static func parse(_ node: ConfigNode) throws -> [GoldenExpectation] {
        try FieldReader(node, file: "golden").sequence().map { entry in
            let fields = try entry.mapping(known: ["at", "sockets", "also"])
            var sockets: [Int: (SocketState, Double)] = [:]
            if case let .mapping(socketEntries) = fields["sockets"]?.node.value {
                for socket in socketEntries {
                    let values = try FieldReader(socket.value, file: "golden").mapping(known: ["state", "current"])
                    let state = try #require(SocketState(rawValue: try values["state"]!.string()))
                    sockets[try #require(Int(socket.key))] = (state, try values["current"]!.number())
                }
            }
            return GoldenExpectation(at: try fields["at"]!.seconds(), sockets: sockets,
                                     also: try fields["also"].map { try parseAlso(try $0.string()) })
        }
    }

    static func parseAlso(_ text: String) throws -> (Int, Int, Double) {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 15, text.hasPrefix("exactly one of sockets"), text.hasSuffix("the other is paused"),
              let first = Int(words[4]), let second = Int(words[6]), let current = Double(words[9]) else {
            throw GoldenFormatError(text: text)
        }
        return (first, second, current)
    }

    struct GoldenFormatError: Error { var text: String }
}
