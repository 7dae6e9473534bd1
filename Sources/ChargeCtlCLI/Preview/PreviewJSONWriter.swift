import AllocationCore
import JSONText
import StationModel

/// `preview --json` written as it is produced (issue 14): a day of a 128-socket site is about 2,000 intervals and
/// 16 MB of JSON, which a whole-document encoder held three times over (241 MB). Here each interval goes to the
/// output once, in pieces (`ChunkedOutput`); values are encoded by `JSONTextEncoding`, and a socket whose share
/// did not change since the last interval reuses the text it had there (most sockets, most intervals).
///
/// The content is the `PreviewReport` document exactly: members in the order `JSONEncoder`'s `.sortedKeys` writes
/// them (byte order), so the bytes match the encoder's (PreviewJSONWriterTests compares them).
struct PreviewJSONWriter {
    let preview: SitePreview

    private typealias Bytes = [UInt8]

    /// One socket's last share and its encoded text.
    private struct CachedShare {
        var share: SocketAllocation
        var text: Bytes
    }

    /// The members of one socket in key order (`current`, `phases`, `state`), as `IntervalDocument` has them.
    private struct ShareDocument: Encodable {
        var current: Double
        var phases: [String]
        var state: String
    }

    /// Writes the document and its newline through `out`; throws before writing anything when a number cannot be
    /// JSON (a non-finite value: validation keeps them out, so this is a bug, reported as one document).
    func write(_ out: @escaping (String) -> Void) throws {
        try Self.checkFinite(preview.result, phases: preview.allocationSite.phases)
        var output = ChunkedOutput(out)
        let phases = preview.allocationSite.phases.sorted { $0.name < $1.name }
        let order = preview.allocationSite.sockets.map(\.id).sorted { String($0) < String($1) }
        let keys = Dictionary(uniqueKeysWithValues: order.map { ($0, Array("\"\($0)\":".utf8)) })
        var cache: [Int: CachedShare] = [:]

        var bytes = Array(#"{"duration":"#.utf8)
        bytes += try JSONTextEncoding.encode(JSONNumber.seconds(preview.scenario.duration))
        bytes += #","intervals":["#.utf8
        for (index, interval) in preview.result.intervals.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += #"{"available":"#.utf8
            try Self.perPhase(interval.available, phases, into: &bytes)
            bytes += #","from":"#.utf8
            bytes += try JSONTextEncoding.encode(JSONNumber.seconds(interval.from))
            bytes += #","phaseLoad":"#.utf8
            try Self.perPhase(interval.phaseLoad, phases, into: &bytes)
            bytes += #","sockets":{"#.utf8
            let ids = interval.sockets.count == order.count ? order : interval.sockets.keys.sorted { String($0) < String($1) }
            for (position, id) in ids.enumerated() {
                guard let share = interval.sockets[id] else { continue }
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += keys[id] ?? Array("\"\(id)\":".utf8)
                if let cached = cache[id], cached.share == share {
                    bytes += cached.text
                } else {
                    let text = try JSONTextEncoding.encode(ShareDocument(current: JSONNumber.amps(share.current),
                                                                         phases: share.phases.map(\.name), state: share.state.rawValue))
                    cache[id] = CachedShare(share: share, text: text)
                    bytes += text
                }
            }
            bytes += #"},"to":"#.utf8
            bytes += try JSONTextEncoding.encode(JSONNumber.seconds(interval.to))
            bytes.append(UInt8(ascii: "}"))
            output.append(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        bytes += #"],"ok":true,"site":"#.utf8
        bytes += try JSONTextEncoding.encode(preview.site.name)
        bytes += #","summary":"#.utf8
        // Small (one entry per socket): the tree encoder sorts its members.
        bytes += try JSONValueEncoding.encode(SummaryDocument(preview, phases: preview.allocationSite.phases)).jsonText.utf8
        bytes += "}\n".utf8
        output.append(bytes)
        output.flush()
    }

    /// `{"L1":…,"L2":…}`: the site's phases, to 0.01 A.
    private static func perPhase(_ currents: PhaseCurrents, _ phases: [Phase], into buffer: inout Bytes) throws {
        buffer.append(UInt8(ascii: "{"))
        for (index, phase) in phases.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer += Array("\"\(phase.name)\":".utf8)
            buffer += try JSONTextEncoding.encode(JSONNumber.amps(currents[phase]))
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Every number the document will hold is finite, so nothing fails once the first bytes are out.
    static func checkFinite(_ result: TimelineResult, phases: [Phase]) throws {
        func check(_ value: Double, _ what: @autoclosure () -> String) throws {
            guard value.isFinite else { throw PreviewNumberError(what: what(), value: value) }
        }
        for interval in result.intervals {
            try check(interval.from, "an interval's start")
            try check(interval.to, "an interval's end")
            for phase in phases {
                try check(interval.available[phase], "the available current on \(phase.name)")
                try check(interval.phaseLoad[phase], "the load on \(phase.name)")
            }
            for (id, share) in interval.sockets { try check(share.current, "socket \(id)'s current") }
        }
        for (id, totals) in result.summary.sockets {
            try check(totals.energyKWh + totals.chargingSeconds + totals.pausedSeconds, "socket \(id)'s totals")
        }
        for phase in phases {
            try check(result.summary.peakPhaseLoad[phase] + result.summary.limit[phase], "the peak or limit on \(phase.name)")
        }
    }
}

/// A preview number that JSON cannot carry; validation keeps every input finite and in range, so reaching this is
/// a bug in the simulator, reported as one failure document instead of half a preview.
struct PreviewNumberError: Error, CustomStringConvertible {
    var what: String
    var value: Double
    var description: String { "the preview computed \(value) for \(what)" }
}
