import AllocationCore
import StationModel

/// The shell of `verify --live` (SPEC §8): sample, decide the change (`LiveTestPlan`), journal the original value,
/// lower it, sample every second through the settle time and a little beyond, always put the original back (on
/// success, failure, Ctrl-C — the task's cancellation — and a lost connection), and judge. Everything it touches
/// comes in through `Ports`, so the whole procedure runs in tests without a socket or a clock.
public struct LiveTestRunner: Sendable {
    public struct Ports: Sendable {
        /// The site meter per phase (nil where none is read) and every socket by SCN id, now.
        public var sample: @Sendable () async throws -> (meter: PhaseCurrents?, sockets: [Int: LiveSocketSample])
        /// Writes the target value (`SmartMeter-MaxCurrent` through the station link, or the EMS set point).
        public var write: @Sendable (Double) async throws -> Void
        /// Reads the target value back; nil when the station does not say.
        public var readBack: @Sendable () async throws -> Double?
        public var sleep: @Sendable (Swift.Duration) async throws -> Void
        /// Monotonic seconds.
        public var now: @Sendable () -> Double
        /// The wall-clock time for the journal (UTC, ISO 8601).
        public var timestamp: @Sendable () -> String

        public init(sample: @escaping @Sendable () async throws -> (meter: PhaseCurrents?, sockets: [Int: LiveSocketSample]),
                    write: @escaping @Sendable (Double) async throws -> Void, readBack: @escaping @Sendable () async throws -> Double?,
                    sleep: @escaping @Sendable (Swift.Duration) async throws -> Void, now: @escaping @Sendable () -> Double,
                    timestamp: @escaping @Sendable () -> String) {
            self.sample = sample
            self.write = write
            self.readBack = readBack
            self.sleep = sleep
            self.now = now
            self.timestamp = timestamp
        }
    }

    public var ports: Ports
    /// nil only where no state directory exists; the run then refuses to lower anything.
    public var journal: PendingRestoreJournal?
    public var interval: Swift.Duration = .seconds(1)
    /// Samples taken after the settle time, so the judges see the held state more than once.
    public var judgedSeconds = 5.0
    /// Told as the test goes (stderr).
    public var progress: @Sendable (String) -> Void

    public init(ports: Ports, journal: PendingRestoreJournal?, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.ports = ports
        self.journal = journal
        self.progress = progress
    }

    /// What the test did.
    public struct Outcome: Sendable {
        public var report: LiveTestReport
        /// Ctrl-C (the task was cancelled) or the connection was lost before the test ended.
        public var cutShort: String?
    }

    public enum RunError: Error, Sendable, CustomStringConvertible {
        /// Nothing was lowered: no journal to promise the restore in, or the first sample failed.
        case notStarted(String)
        public var description: String {
            switch self { case .notStarted(let reason): "the live test did not start: \(reason)" }
        }
    }

    /// Runs the test for `site` (the ALB station's link is `link`; `original` is the target value as read).
    /// `confirm` sees the plan before anything is written and throws to stop (SPEC §8: "after a confirmation").
    public func run(site: Site, siteName: String?, link: LinkKind, original: Double, settle: Double = LiveTestPlan.defaultSettle,
                    allowIdle: Bool = false, confirm: @Sendable (LiveTestPlan) async throws -> Void = { _ in }) async throws -> Outcome {
        let start = ports.now()
        let first: LiveSample
        do {
            let reading = try await ports.sample()
            first = LiveSample(t: 0, meter: reading.meter, sockets: reading.sockets)
        } catch {
            throw RunError.notStarted("the meter or a station could not be read (\(error))")
        }
        let plan: LiveTestPlan
        switch LiveTestPlan.decide(site: site, before: first, original: original, settle: settle, allowIdle: allowIdle) {
        case .lower(let decided): plan = decided
        case .idle(let finding), .noRoom(let finding), .notApplicable(let finding):
            return Outcome(report: LiveTestReport(plan: nil, restored: true, samples: [first], predicted: [:], findings: [finding]), cutShort: nil)
        }
        try await confirm(plan)
        if plan.target == .meterMaxCurrent {
            guard let journal else { throw RunError.notStarted("there is no state directory to journal the original value in (set XDG_STATE_HOME)") }
            guard let record = PendingRestore.record(for: plan, site: siteName, link: link, startedAt: ports.timestamp()) else {
                throw RunError.notStarted("\(plan.target.rawValue) cannot be written over \(link.rawValue)")
            }
            do { try journal.record(record) } catch { throw RunError.notStarted("\(error.description)") }
        }

        var samples = [first]
        var cutShort: String?
        var loweredAt = ports.now() - start
        progress("lowering \(plan.target.rawValue) on \(plan.station) from \(Quantity.amps(plan.original)) to \(Quantity.amps(plan.lowered)) for \(Quantity.decimal(plan.settle, places: 0)) s")
        do {
            try await ports.write(plan.lowered)
            loweredAt = ports.now() - start
            while ports.now() - start < loweredAt + plan.settle + judgedSeconds {
                try Task.checkCancellation()
                try await ports.sleep(interval)
                let reading = try await ports.sample()
                samples.append(LiveSample(t: ports.now() - start, meter: reading.meter, sockets: reading.sockets))
            }
        } catch is CancellationError {
            cutShort = "interrupted"
        } catch {
            cutShort = "\(error)"
        }
        if Task.isCancelled, cutShort == nil { cutShort = "interrupted" }
        let restore = await restoreOriginal(plan)
        if let cutShort { progress("the live test stopped early (\(cutShort)); \(plan.target.rawValue) was put back") }
        let context = LiveTestContext(site: site.allocationSite(), includesChargers: site.alb?.includesChargers ?? false, plan: plan,
                                      loweredAt: loweredAt, before: first)
        return Outcome(report: LiveTestReport.judged(context, samples: samples, restore: restore), cutShort: cutShort)
    }

    /// Puts the original back in a task of its own, so a Ctrl-C that cancelled the test does not cancel the
    /// restore; the journal's record goes only when the station reads the original again.
    func restoreOriginal(_ plan: LiveTestPlan) async -> LiveFindings.Restore {
        let ports = ports
        let journal = journal
        return await Task {
            do {
                try await ports.write(plan.original)
                let readBack = try await ports.readBack()
                if plan.target == .meterMaxCurrent, let readBack, abs(readBack - plan.original) <= 0.01 {
                    try? journal?.clear(station: plan.station, target: plan.target)
                }
                return .written(readBack: readBack)
            } catch {
                return .failed(reason: "\(error)")
            }
        }.value
    }
}
