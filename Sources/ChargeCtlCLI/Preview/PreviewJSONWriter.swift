import AllocationCore
import JSONText
import StationModel

/// `preview --json` written as it is produced (issue 14): a day of a 128-socket site is about 2,000 intervals and
/// 16 MB of JSON, which a whole-document encoder held three times over (241 MB). Here each interval goes to the
/// output once, in pieces (`ChunkedOutput`); numbers are written as bytes by `DecimalText` in the digits
/// `JSONTextEncoding` gives them, and a socket whose share did not change since the last interval reuses the text
/// it had there (most sockets, most intervals).
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

    /// Writes the document and its newline through `out`; throws before writing anything when a number cannot be
    /// JSON (a non-finite value: validation keeps them out, so this is a bug, reported as one document).
    func write(_ out: @escaping (String) -> Void) throws {
        try Self.checkFinite(preview.result, phases: preview.allocationSite.phases)
        var output = ChunkedOutput(out)
        let phases = preview.allocationSite.phases.sorted { $0.name < $1.name }
        let phaseKeys = phases.map { Array("\"\($0.name)\":".utf8) }
        let sockets = preview.allocationSite.sockets
        // Positions in `sockets`, in the document's key order; shares, keys and last texts are kept by position,
        // so a socket costs no lookup in any table.
        let order = sockets.indices.sorted { String(sockets[$0].id) < String(sockets[$1].id) }
        let positions = SocketPositions(sockets.map(\.id))
        var shares: [SocketAllocation?] = []
        let keys = sockets.map { Array("\"\($0.id)\":".utf8) }
        var cache = [CachedShare?](repeating: nil, count: sockets.count)

        var bytes = Array(#"{"duration":"#.utf8)
        DecimalText.appendJSON(JSONNumber.seconds(preview.scenario.duration), places: 3, into: &bytes)
        bytes += #","intervals":["#.utf8
        for (index, interval) in preview.result.intervals.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += #"{"available":"#.utf8
            Self.perPhase(interval.available, phases, phaseKeys, into: &bytes)
            bytes += #","from":"#.utf8
            DecimalText.appendJSON(JSONNumber.seconds(interval.from), places: 3, into: &bytes)
            bytes += #","phaseLoad":"#.utf8
            Self.perPhase(interval.phaseLoad, phases, phaseKeys, into: &bytes)
            bytes += #","sockets":{"#.utf8
            // Exactly the site's sockets (what the simulator records): in key order, by position.
            interval.shares(by: positions, into: &shares)
            if interval.sockets.count == sockets.count, !shares.contains(where: { $0 == nil }) {
                for (rank, position) in order.enumerated() {
                    let share = shares[position]!
                    if rank > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes += keys[position]
                    if let cached = cache[position], cached.share == share {
                        bytes += cached.text
                    } else {
                        var text = Bytes()
                        Self.shareDocument(share, into: &text)
                        cache[position] = CachedShare(share: share, text: text)
                        bytes += text
                    }
                }
            } else {
                // Other sockets than the site's (a hand-made timeline): the sockets it has, in key order.
                for (rank, id) in interval.sockets.keys.sorted(by: { String($0) < String($1) }).enumerated() {
                    guard let share = interval.sockets[id] else { continue }
                    if rank > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes += "\"\(id)\":".utf8
                    Self.shareDocument(share, into: &bytes)
                }
            }
            bytes += #"},"to":"#.utf8
            DecimalText.appendJSON(JSONNumber.seconds(interval.to), places: 3, into: &bytes)
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

    /// One socket's members in key order (`current`, `phases`, `state`), as `IntervalDocument` has them. Phase
    /// names and states are plain ASCII words: nothing to escape.
    private static func shareDocument(_ share: SocketAllocation, into bytes: inout Bytes) {
        bytes += #"{"current":"#.utf8
        DecimalText.appendJSON(JSONNumber.amps(share.current), places: 2, into: &bytes)
        bytes += #","phases":["#.utf8
        for (index, phase) in share.phases.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes += phase.name.utf8
            bytes.append(UInt8(ascii: "\""))
        }
        bytes += #"],"state":""#.utf8
        bytes += share.state.rawValue.utf8
        bytes += #""}"#.utf8
    }

    /// `{"L1":…,"L2":…}`: the site's phases, to 0.01 A.
    private static func perPhase(_ currents: PhaseCurrents, _ phases: [Phase], _ keys: [Bytes], into buffer: inout Bytes) {
        buffer.append(UInt8(ascii: "{"))
        for (index, phase) in phases.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer += keys[index]
            DecimalText.appendJSON(JSONNumber.amps(currents[phase]), places: 2, into: &buffer)
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
