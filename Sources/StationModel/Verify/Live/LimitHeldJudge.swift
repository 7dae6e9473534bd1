import AllocationCore

/// What the live test knows besides its samples: the site as the allocation core sees it, how the meter is read,
/// the change and when it was made.
public struct LiveTestContext: Sendable, Equatable {
    public var site: AllocationSite
    public var includesChargers: Bool
    public var plan: LiveTestPlan
    /// Sample time (`LiveSample.t`) at which the lowered value was written.
    public var loweredAt: Double
    /// The sample taken before the change: who charges, on how many phases, and the non-EV load.
    public var before: LiveSample

    public init(site: AllocationSite, includesChargers: Bool, plan: LiveTestPlan, loweredAt: Double, before: LiveSample) {
        self.site = site
        self.includesChargers = includesChargers
        self.plan = plan
        self.loweredAt = loweredAt
        self.before = before
    }

    /// What the SCN may use per phase under the lowered value (SPEC §4 rules 4 and 5), the installation cap applied.
    public var available: PhaseCurrents {
        let installation = site.installationLimit
        switch plan.target {
        case .meterMaxCurrent:
            let other = before.otherLoad(on: site, includesChargers: includesChargers)
            return installation.combined(with: PhaseCurrents.uniform(plan.lowered).combined(with: other) { max(0, $0 - $1) }, min)
        case .emsSetPoint:
            return installation.combined(with: .uniform(plan.lowered), min)
        }
    }

    /// The allocation core's answer for the same inputs: the lowered limit, the sockets that charged before on
    /// their phases, each EV at the assumed minimum; an EV that drew clearly less than it was allowed is taken to
    /// be limited by itself at what it drew.
    public var prediction: Allocation {
        let demands = before.charging.compactMap { id -> SocketDemand? in
            guard let socket = before.sockets[id] else { return nil }
            let ownLimit = socket.current < socket.appliedMax - LimitHeldJudge.socketTolerance ? socket.current : .infinity
            return SocketDemand(socket: id, phase: .known, evPhases: max(1, socket.phases),
                                minCurrent: LiveTestPlan.assumedMinimum, maxCurrent: ownLimit)
        }
        return Allocator.allocate(AllocationInput(site: site, available: available, demands: demands))
    }

    /// The predicted current of each socket that charged before, by SCN id (SPEC §7 `live.predicted`).
    public var predicted: [Int: Double] {
        let shares = prediction.sockets
        return Dictionary(uniqueKeysWithValues: before.charging.map { ($0, shares[$0]?.current ?? 0) })
    }

    /// The samples the judges may hold against the lowered value: those after the settle time.
    public func settled(_ samples: [LiveSample]) -> [LiveSample] {
        samples.filter { $0.t >= loweredAt + plan.settle - 1e-9 }
    }
}

/// `verify.live.limit-held` (SPEC §8): after the settle time the meter's per-phase current stays at or under the
/// lowered limit, and each socket's applied maximum is within 1 A of the allocation core's prediction. Pure.
public enum LimitHeldJudge {
    /// A meter's resolution and the second between two reads: less than this over the limit is not a breach.
    public static let meterTolerance = 0.5
    /// SPEC §8: "each socket within 1 A of the prediction".
    public static let socketTolerance = 1.0

    public static func judge(_ context: LiveTestContext, samples: [LiveSample]) -> Finding {
        let code = "verify.live.limit-held"
        let limit = context.plan.lowered
        let settled = context.settled(samples)
        guard !settled.isEmpty else {
            return Finding(severity: .fail, code: code, message: "no sample after the settle time of \(Quantity.decimal(context.plan.settle, places: 0)) s: the test ended before it could judge",
                           hint: "keep the connection to the meter and the stations for the whole test and run it again")
        }
        var problems: [String] = []
        // The meter: the worst breach of any settled sample.
        var worst: (excess: Double, phase: Phase, value: Double, t: Double)?
        for sample in settled {
            let total = sample.total(on: context.site, includesChargers: context.includesChargers)
            let measured = context.plan.target == .meterMaxCurrent ? total : sample.evLoad(on: context.site)
            for phase in context.site.phases where measured[phase] > limit + meterTolerance {
                let excess = measured[phase] - limit
                if worst.map({ excess > $0.excess }) ?? true { worst = (excess, phase, measured[phase], sample.t) }
            }
        }
        if let worst {
            let what = context.plan.target == .meterMaxCurrent ? "the meter reads" : "the EVs draw"
            problems.append("\(Quantity.decimal(worst.t - context.loweredAt, places: 0)) s after the change \(what) \(Quantity.amps(worst.value)) on \(worst.phase.name), above the lowered limit of \(Quantity.amps(limit))")
        }
        // The sockets: judged on the last settled sample, when the allocation has had the longest to follow.
        let prediction = context.prediction.sockets
        let evLimited = Set(context.before.charging.filter { id in
            context.before.sockets[id].map { $0.current < $0.appliedMax - socketTolerance } ?? false
        })
        if let last = settled.last {
            for id in context.before.charging {
                let expected = prediction[id]?.current ?? 0
                guard let applied = last.sockets[id]?.appliedMax else {
                    problems.append("socket \(id) was not read after the settle time")
                    continue
                }
                // A station offers an EV limited by itself more than it takes: only offering less is wrong.
                let fits = evLimited.contains(id) ? applied >= expected - socketTolerance : abs(applied - expected) <= socketTolerance
                if !fits {
                    problems.append("socket \(id)'s applied maximum is \(Quantity.amps(applied)) where the allocation predicts \(Quantity.amps(expected))")
                }
            }
        }
        guard problems.isEmpty else {
            return Finding(severity: .fail, code: code, message: problems.joined(separator: "; "),
                           hint: "check the ALB settings the station runs (source, meter maximum, includesChargers) and that every station is in the SCN; `chargectl verify` lists the settings that differ")
        }
        return Finding(severity: .pass, code: code,
                       message: "after \(Quantity.decimal(context.plan.settle, places: 0)) s the current stayed at or under the lowered \(Quantity.amps(limit)) per phase and every socket's applied maximum was within 1 A of the prediction")
    }
}
