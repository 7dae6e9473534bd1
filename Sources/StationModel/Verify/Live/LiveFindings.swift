import AllocationCore

/// The live test's findings that need no samples (SPEC §8). Pure.
public enum LiveFindings {
    /// `verify.live.no-load`: no EV draws, so lowering the limit would show nothing. A failure (exit 1) unless the
    /// installer said an idle site is expected (`--allow-idle`).
    public static func noLoad(allowIdle: Bool) -> Finding {
        Finding(severity: allowIdle ? .warn : .fail, code: "verify.live.no-load",
                message: allowIdle ? "no EV is charging: the live test was skipped (--allow-idle)"
                                   : "no EV is charging: the live test needs load to show that the limit holds",
                hint: allowIdle ? "" : "connect an EV (or a load) to a socket and run `verify --live` again; --allow-idle accepts an idle site")
    }

    /// How the restore went.
    public enum Restore: Sendable, Equatable {
        /// Written and read back as `readBack`.
        case written(readBack: Double?)
        /// Nothing to write back: the EMS set point the test wrote lapses by itself after `validity` seconds.
        case lapses(validity: Double)
        /// The write was refused or the station could not be reached.
        case failed(reason: String)
    }

    /// `verify.live.restored`: the original value is back and read back (SPEC §8).
    public static func restored(_ plan: LiveTestPlan, _ restore: Restore) -> Finding {
        let code = "verify.live.restored"
        let what = "\(plan.target.rawValue) on \(plan.station)"
        let again = "restore it by hand (`chargectl config set \(plan.station) \(plan.target.rawValue)=\(Quantity.decimal(plan.original, places: 2))`); the next `verify` or `apply --resume` also tries first"
        switch restore {
        case let .written(readBack?) where abs(readBack - plan.original) <= 0.01:
            return Finding(severity: .pass, code: code, message: "\(what) is back at \(Quantity.amps(plan.original)) (read back)")
        case let .written(readBack?):
            return Finding(severity: .fail, code: code,
                           message: "\(what) reads \(Quantity.amps(readBack)) after the restore, not the original \(Quantity.amps(plan.original))", hint: again)
        case .written(nil):
            return Finding(severity: .fail, code: code, message: "\(what) was written back but could not be read back", hint: again)
        case let .lapses(validity):
            return Finding(severity: .pass, code: code,
                           message: "the test's \(what) lapses after the EMS validity time (\(Quantity.decimal(validity, places: 0)) s); the EMS's own set points apply again")
        case let .failed(reason):
            return Finding(severity: .fail, code: code, message: "\(what) could not be restored to \(Quantity.amps(plan.original)): \(reason)", hint: again)
        }
    }
}
