import AllocationCore

/// The live test's part of `verify --json` (SPEC §7): `live: {limit, restored, samples: [{t, meter: {L1, L2, L3},
/// sockets: {"<id>": A}}], predicted}`, plus what was lowered where (fields may be added, never renamed).
public struct LiveTestReport: Sendable, Equatable, Encodable {
    public var target: LiveTarget?
    public var station: String?
    public var original: Double?
    /// The lowered value, A per phase; nil when nothing was lowered (idle, no room, not applicable).
    public var limit: Double?
    public var settle: Double?
    public var restored: Bool
    public var samples: [LiveSample]
    /// By SCN socket id: the allocation core's current for each socket that charged.
    public var predicted: [Int: Double]
    public var findings: [Finding]

    public init(plan: LiveTestPlan?, restored: Bool, samples: [LiveSample], predicted: [Int: Double], findings: [Finding]) {
        target = plan?.target
        station = plan?.station
        original = plan?.original
        limit = plan?.lowered
        settle = plan?.settle
        self.restored = restored
        self.samples = samples
        self.predicted = predicted
        self.findings = findings
    }

    /// Runs both judges over a finished test and the restore's outcome: the findings in the order SPEC §8 lists them.
    public static func judged(_ context: LiveTestContext, samples: [LiveSample], restore: LiveFindings.Restore) -> LiveTestReport {
        let restoredFinding = LiveFindings.restored(context.plan, restore)
        let findings = [LimitHeldJudge.judge(context, samples: samples)]
            + PhaseMappingJudge.judge(samples: samples, site: context.site, includesChargers: context.includesChargers)
            + [restoredFinding]
        return LiveTestReport(plan: context.plan, restored: restoredFinding.severity == .pass, samples: samples,
                              predicted: context.predicted, findings: findings)
    }

    enum CodingKeys: String, CodingKey { case target, station, original, limit, settle, restored, samples, predicted }

    /// The findings go into verify's own list, not here.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(station, forKey: .station)
        try container.encodeIfPresent(original, forKey: .original)
        try container.encode(limit, forKey: .limit)
        try container.encodeIfPresent(settle, forKey: .settle)
        try container.encode(restored, forKey: .restored)
        try container.encode(samples, forKey: .samples)
        try container.encode(Dictionary(uniqueKeysWithValues: predicted.map { (String($0.key), $0.value) }), forKey: .predicted)
    }
}

extension LiveSample: Encodable {
    enum CodingKeys: String, CodingKey { case t, meter, sockets }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(t, forKey: .t)
        try container.encode(meter.map { ["L1": $0.l1, "L2": $0.l2, "L3": $0.l3] }, forKey: .meter)
        try container.encode(Dictionary(uniqueKeysWithValues: sockets.map { (String($0.key), $0.value.isCharging ? $0.value.current : 0) }),
                             forKey: .sockets)
    }
}
