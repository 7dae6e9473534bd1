import ChargeIO
import Foundation
import AllocationCore
import StationModel
import Testing
@testable import ChargeCtlCLI

/// Issue 14 item 5: `preview` streams its JSON and its text, and what it streams is byte for byte what the whole-
/// document paths give (`JSONEncoder` with sorted keys over `PreviewReport`, and `PreviewTextRenderer.render`).
@Suite struct PreviewStreamingTests {
    /// Every example site, alone (the default scenario) and with each of its scenarios.
    static let examples: [(site: String, scenario: String?)] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestCLI.example(""))) ?? []
        let sites = names.filter { $0.hasSuffix(".yaml") && !$0.contains(".scenario.") && !$0.contains(".case") }.sorted()
        return sites.flatMap { site -> [(site: String, scenario: String?)] in
            let stem = String(site.dropLast(".yaml".count))
            let scenarios = names.filter { $0.hasPrefix(stem + ".") && $0.hasSuffix(".scenario.yaml") }.sorted()
            return [(site, nil)] + scenarios.map { (site, $0) }
        }
    }()

    static func preview(_ example: (site: String, scenario: String?)) throws -> SitePreview {
        let site = try SiteFiles.site(path: TestCLI.example(example.site))
        let scenario = try example.scenario.map { try SiteFiles.scenario(path: TestCLI.example($0)) }
        return try SitePreview(site: site, scenario: scenario)
    }

    static func streamed(_ report: PreviewReport, json: Bool, colour: Bool = false) throws -> (text: String, pieces: Int) {
        let pieces = Pieces()
        try report.write(json: json, colour: colour) { pieces.append($0) }
        return (pieces.text, pieces.count)
    }

    @Test func examplesAreFound() {
        #expect(Self.examples.count >= 10)
    }

    @Test func streamedJSONIsTheEncodersBytes() throws {
        for example in Self.examples {
            let report = PreviewReport(preview: try Self.preview(example))
            let reference = try ReportOutput.encode(report) + "\n"
            let streamed = try Self.streamed(report, json: true).text
            #expect(streamed == reference, "\(example.site) \(example.scenario ?? "default scenario")")
        }
    }

    @Test(arguments: [false, true])
    func streamedTextIsTheRenderersText(colour: Bool) throws {
        for example in Self.examples {
            let report = PreviewReport(preview: try Self.preview(example))
            #expect(try Self.streamed(report, json: false, colour: colour).text == report.text(colour: colour),
                    "\(example.site) \(example.scenario ?? "default scenario")")
        }
    }

    /// A large timeline goes out in pieces, each whole text, and still matches the reference.
    @Test func largeOutputIsWrittenInPieces() throws {
        let site = try SiteFiles.site(path: TestCLI.example("plaza-24A-six.yaml"))
        let scenario = try SiteFiles.scenario(path: TestCLI.example("plaza-24A-six.scenario.yaml"))
        // The six EVs come, share, and leave every two hours for a week: thousands of intervals.
        let leave = (0..<6).map { ScenarioEvent(at: 90 * 60, kind: .disconnect(.scnID($0))) }
            + [ScenarioEvent(at: 95 * 60, kind: .load(.zero))]
        let long = Scenario(duration: 7 * 86400, events: (0..<84).flatMap { block in
            (scenario.events + leave).map { event in
                var event = event
                event.at += Double(block) * 7200
                return event
            }
        })
        let report = PreviewReport(preview: try SitePreview(site: site, scenario: long))
        let json = try Self.streamed(report, json: true)
        #expect(json.pieces > 1)
        #expect(json.text == (try ReportOutput.encode(report)) + "\n")
        let text = try Self.streamed(report, json: false)
        #expect(text.pieces > 1)
        #expect(text.text == report.text(colour: false))
    }

    /// A hand-made timeline whose interval names as many sockets as the site has but not the same ones: every
    /// socket it has is written, in key order, and no stray comma (the fast path is for the site's own sockets).
    @Test func anIntervalWithOtherSocketsThanTheSitesIsWrittenWhole() throws {
        var preview = try Self.preview(("abc-20A.yaml", nil))
        let ids = preview.allocationSite.sockets.map(\.id)
        var interval = preview.result.intervals[0]
        interval.sockets[ids[0]] = nil
        interval.sockets[900] = SocketAllocation(state: .charging, current: 7, phases: [.l1])
        preview.result.intervals[0] = interval
        let report = PreviewReport(preview: preview)
        let streamed = try Self.streamed(report, json: true).text
        #expect(streamed == (try ReportOutput.encode(report)) + "\n")
        #expect(streamed.contains(#""900":{"current":7,"#))
    }

    /// The finiteness check runs before the first byte: a non-finite number is one failure, not half a document.
    @Test func nonFiniteNumbersFailBeforeAnythingIsWritten() throws {
        var preview = try Self.preview(("abc-20A.yaml", nil))
        preview.result.intervals[preview.result.intervals.count - 1].phaseLoad[.l1] = .infinity
        let pieces = Pieces()
        #expect(throws: PreviewNumberError.self) { try PreviewReport(preview: preview).write(json: true, colour: false) { pieces.append($0) } }
        #expect(pieces.count == 0)
    }
}

/// What a streamed writer passed on.
final class Pieces: @unchecked Sendable {
    private(set) var text = ""
    private(set) var count = 0
    func append(_ piece: String) {
        text += piece
        count += 1
    }
}
