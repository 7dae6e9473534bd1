/// What `verify --live` saw (SPEC §7 `live`): the lowered limit, each second's meter and socket currents, the
/// allocation core's prediction for the same inputs, and whether the original value is back. The live test fills
/// it; the JSON and the report's charts only read it.
public struct VerifyLiveResult: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        /// Seconds since the limit was lowered.
        public var t: Double
        /// The meter's current on L1, L2, L3 (nil where it was not read: a prediction has none).
        public var meter: [Double?]
        /// Current per SCN socket id.
        public var sockets: [Int: Double]

        public init(t: Double, meter: [Double?] = [nil, nil, nil], sockets: [Int: Double]) {
            self.t = t
            self.meter = meter
            self.sockets = sockets
        }
    }

    /// The lowered available current per phase (A).
    public var limit: Double
    /// The value the test lowered and put back (`SmartMeter-MaxCurrent` or the EMS set point).
    public var original: Double?
    public var restored: Bool
    public var samples: [Sample]
    /// Socket currents the allocation core predicts, on the same time axis.
    public var predicted: [Sample]

    public init(limit: Double, original: Double? = nil, restored: Bool, samples: [Sample], predicted: [Sample] = []) {
        self.limit = limit
        self.original = original
        self.restored = restored
        self.samples = samples
        self.predicted = predicted
    }
}

extension VerifyLiveResult {
    /// The live test's own report, as the JSON's `live` and the report's charts show it: the prediction (one
    /// current per socket after the settle time) drawn from the settle time on. nil when nothing was lowered.
    public init?(_ report: LiveTestReport) {
        guard let limit = report.limit else { return nil }
        let samples = report.samples.map { sample in
            Sample(t: sample.t, meter: sample.meter.map { [$0.l1, $0.l2, $0.l3] } ?? [nil, nil, nil], sockets: sample.sockets.mapValues(\.current))
        }
        let end = samples.map(\.t).max() ?? 0
        let settle = min(report.settle ?? 0, end)
        let predicted = report.predicted.isEmpty ? [] : [Sample(t: settle, sockets: report.predicted), Sample(t: end, sockets: report.predicted)]
        self.init(limit: limit, original: report.original, restored: report.restored, samples: samples, predicted: predicted)
    }
}
