import AllocationCore
import StationModel

/// The site's allocation over time, computed once by the allocation core (the same timeline `preview` shows),
/// and read by the simulated stations and meter at "seconds since the site started". Past the scenario's end the
/// last interval holds. Pure.
public struct SiteTimeline: Sendable {
    public let preview: SitePreview
    public let layout: SiteLayout
    /// Non-EV load steps (scenario `load` events), sorted by time.
    let loads: [(at: Double, load: PhaseCurrents)]
    static let volts = 230.0

    /// Throws `ConfigErrors` when the site or scenario does not validate.
    public init(site: Site, scenario: Scenario?) throws {
        preview = try SitePreview(site: site, scenario: scenario)
        layout = SiteLayout(site)
        loads = preview.scenario.events.compactMap { event in
            if case .load(let load) = event.kind { return (event.at, load) }
            return nil
        }.sorted { $0.at < $1.at }
    }

    var duration: Double { preview.scenario.duration }

    private func clamp(_ t: Double) -> Double { min(max(0, t), max(0, duration - 1e-6)) }

    public func interval(at t: Double) -> TimelineInterval? { preview.result.interval(at: clamp(t)) }

    /// A socket's allocation (by SCN id); idle when the timeline has nothing for it.
    public func socket(_ scnID: Int, at t: Double) -> SocketAllocation {
        interval(at: t)?.sockets[scnID] ?? .idle
    }

    /// The non-EV load at `t` (SPEC §2: holds until the next load event).
    public func load(at t: Double) -> PhaseCurrents {
        loads.last { $0.at <= clamp(t) + 1e-9 }?.load ?? .zero
    }

    /// What the site meter measures: the non-EV load, plus the EVs when the meter includes the chargers.
    public func meterCurrents(at t: Double, includesChargers: Bool) -> PhaseCurrents {
        let load = load(at: t)
        guard includesChargers, let interval = interval(at: t) else { return load }
        return load.combined(with: interval.phaseLoad, +)
    }

    /// Energy through the meter since the start, kWh at 230 V per phase: the step functions integrated exactly.
    public func meterEnergyKWh(at t: Double, includesChargers: Bool) -> Double {
        let end = min(max(0, t), duration)
        var cuts = Set([0, end])
        for interval in preview.result.intervals where interval.from < end { cuts.insert(interval.from) }
        for step in loads where step.at < end { cuts.insert(step.at) }
        let points = cuts.sorted()
        var wattSeconds = 0.0
        for (from, to) in zip(points, points.dropFirst()) {
            let currents = meterCurrents(at: from, includesChargers: includesChargers)
            wattSeconds += (currents.l1 + currents.l2 + currents.l3) * Self.volts * (to - from)
        }
        // Past the scenario the last state holds.
        if t > duration {
            let currents = meterCurrents(at: duration, includesChargers: includesChargers)
            wattSeconds += (currents.l1 + currents.l2 + currents.l3) * Self.volts * (t - duration)
        }
        return wattSeconds / 3_600_000
    }

    /// Energy a socket delivered since the start, Wh.
    public func socketEnergyWh(_ scnID: Int, at t: Double) -> Double {
        var wattSeconds = 0.0
        for interval in preview.result.intervals where interval.from < t {
            guard let share = interval.sockets[scnID] else { continue }
            let to = min(t, interval.to)
            wattSeconds += share.current * Double(share.phases.count) * Self.volts * (to - interval.from)
        }
        return wattSeconds / 3600
    }
}
