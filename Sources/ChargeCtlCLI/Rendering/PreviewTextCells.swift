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

    /// One socket column's cells, the tags left and the currents right-aligned within the column so decimal
    /// points line up (`chg 20.00` over `chg  6.00`).
    func socketColumn(_ shares: [SocketAllocation]) -> [String] {
        let tagWidth = shares.filter { Self.showsCurrent($0.state) }.map { Self.tag($0.state).count }.max() ?? 0
        let numberWidth = shares.filter { Self.showsCurrent($0.state) }.map { RenderFormat.amps($0.current).count }.max() ?? 0
        return shares.map { share in
            var text = Self.tag(share.state)
            if Self.showsCurrent(share.state) {
                text = RenderFormat.padRight(text, to: tagWidth) + " "
                    + RenderFormat.padLeft(RenderFormat.amps(share.current), to: numberWidth)
            }
            return Self.style(share.state)?.apply(text, enabled: colour) ?? text
        }
    }

    /// `26.00/40.00`: the EVs' load on a phase against what the SCN may use there.
    func phaseCell(load: Double, available: Double) -> String {
        let text = RenderFormat.amps(load) + "/" + RenderFormat.amps(available)
        let nearLimit = load > 0 && load > Self.nearLimitShare * available
        return nearLimit ? ANSIStyle.bold.apply(text, enabled: colour) : text
    }
}
