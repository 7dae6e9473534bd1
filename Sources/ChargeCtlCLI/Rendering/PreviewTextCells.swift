import AllocationCore

/// The compact cell texts of the interval table: a state tag, the current where the EV draws one, and the
/// per-phase `load/available`, styled only when colour is on.
struct PreviewTextCells: Sendable {
    let colour: Bool

    /// Phase loads at or above this share of the available current are bold: the SCN is at its limit there.
    static let nearLimitShare = 0.95

    /// Short tags keep eight sockets per block within a terminal's width.
    static func tag(_ state: SocketState) -> String {
        switch state {
        case .idle: "-"
        case .probing: "prb"
        case .charging: "chg"
        case .paused: "pau"
        case .safe: "safe"
        case .finished: "fin"
        }
    }

    static func style(_ state: SocketState) -> ANSIStyle? {
        switch state {
        case .charging: .green
        case .probing: .cyan
        case .paused: .yellow
        case .safe: .magenta
        case .idle, .finished: nil
        }
    }

    /// Only states in which the EV is given a current show one; a paused or finished EV draws nothing.
    static func showsCurrent(_ state: SocketState) -> Bool {
        state == .probing || state == .charging || state == .safe
    }

    /// How one socket column aligns its cells: the widest tag and the widest current among the cells that show a
    /// current, so the tags sit left and the decimal points line up (`chg 20.00` over `chg  6.00`).
    struct SocketColumnFormat: Sendable {
        var tagWidth = 0
        var numberWidth = 0
        /// The widest cell; 0 for a column of nothing.
        var width = 0
        // A current's text only widens with its magnitude, so the largest and the most negative decide.
        private var largest: Double?
        private var lowest: Double?
        private var plainWidth = 0

        /// One more cell of the column (a streamed table meets its cells row by row); `finish` when all are in.
        mutating func include(_ share: SocketAllocation) {
            let tag = PreviewTextCells.tag(share.state).utf8.count  // ASCII tags: O(1), where `count` walks graphemes
            guard PreviewTextCells.showsCurrent(share.state) else {
                plainWidth = max(plainWidth, tag)
                return
            }
            tagWidth = max(tagWidth, tag)
            largest = max(largest ?? share.current, share.current)
            lowest = min(lowest ?? share.current, share.current)
        }

        mutating func finish() {
            numberWidth = [largest, lowest].compactMap { $0.map { RenderFormat.amps($0).count } }.max() ?? 0
            width = largest == nil ? plainWidth : max(plainWidth, tagWidth + 1 + numberWidth)
        }
    }

    /// One socket cell, aligned by its column's format.
    func socketCell(_ share: SocketAllocation, _ format: SocketColumnFormat) -> String {
        var text = Self.tag(share.state)
        if Self.showsCurrent(share.state) {
            text = RenderFormat.padRight(text, to: format.tagWidth) + " "
                + RenderFormat.padLeft(RenderFormat.amps(share.current), to: format.numberWidth)
        }
        return Self.style(share.state)?.apply(text, enabled: colour) ?? text
    }

    /// `26.00/40.00`: the EVs' load on a phase against what the SCN may use there.
    func phaseCell(load: Double, available: Double) -> String {
        let text = RenderFormat.amps(load) + "/" + RenderFormat.amps(available)
        let nearLimit = load > 0 && load > Self.nearLimitShare * available
        return nearLimit ? ANSIStyle.bold.apply(text, enabled: colour) : text
    }
}
