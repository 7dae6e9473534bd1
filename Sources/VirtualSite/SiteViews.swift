import AllocationCore
import StationModel
import Synchronization

/// What each simulated station runs (issue 16): the site file's timeline until the station first reboots, then the
/// allocation of its effective settings (`EffectiveSite`). Any reboot re-derives the view of every station that
/// has rebooted since the site started, since a station joining or leaving the SCN changes its members' SCN too; so
/// does a setting that takes effect at once (issue 17: `verify --live` lowers `SmartMeter-MaxCurrent`), and an event
/// that happens while the site runs (an EMS writing its SCN set point over Modbus) joins the scenario of every view
/// at the moment it happened.
final class SiteViews: Sendable {
    let original: Site
    let scenario: Scenario?
    private let state: Mutex<State>

    struct State: Sendable {
        var stores: [@Sendable () -> StationConfigStore] = []
        /// What each station ran before its view last changed, and when it changed: stations follow a change one
        /// after another (`lag`), as real ones hear the SCN's new share at slightly different moments.
        var previous: [(view: EffectiveSite.View, until: Double)?]
        /// The site file's timeline and each station's socket ids in it.
        var fileView: [EffectiveSite.View]
        /// nil: the station still runs the site file's view.
        var views: [EffectiveSite.View?]
        /// Events that happened while the site ran, at their site times.
        var live: [ScenarioEvent] = []
    }

    init(original: Site, scenario: Scenario?, timeline: SiteTimeline) {
        self.original = original
        self.scenario = scenario
        state = Mutex(State(previous: Array(repeating: nil, count: original.stations.count), fileView: Self.fileView(original, timeline),
                            views: Array(repeating: nil, count: original.stations.count)))
    }

    private static func fileView(_ original: Site, _ timeline: SiteTimeline) -> [EffectiveSite.View] {
        original.stations.indices.map { index in
            let ids = (1...max(1, original.stations[index].sockets.count)).compactMap { timeline.layout.socket(station: index, connector: $0)?.scnID }
            return EffectiveSite.View(timeline: timeline, socketIDs: ids)
        }
    }

    /// How to read each station's configuration, in site-file order; called once the stations exist.
    func attach(_ stores: [@Sendable () -> StationConfigStore]) { state.withLock { $0.stores = stores } }

    /// Seconds between one station following a change and the next (in site-file order).
    static let lag = 1.0

    /// What station `index` runs at site time `t`.
    func view(of index: Int, at t: Double) -> EffectiveSite.View {
        state.withLock { state in
            if let previous = state.previous[index], t < previous.until { return previous.view }
            return state.views[index] ?? state.fileView[index]
        }
    }

    /// The ALB station's view: its SCN's non-EV load is what the site meter adds the EVs to.
    func meterView(at t: Double) -> EffectiveSite.View { view(of: original.albStationIndex ?? 0, at: t) }

    /// What every socket of the site draws at `t`, on the grid phases it is wired to (`faults.wiring`, else the
    /// mapping its station allocates by).
    func draws(at t: Double, faults: SiteFaults) -> [SiteMeterReading.Draw] {
        var draws: [SiteMeterReading.Draw] = []
        for (index, entry) in original.stations.enumerated() {
            let view = view(of: index, at: t)
            for (offset, id) in view.socketIDs.enumerated() {
                let share = view.timeline.socket(id, at: t)
                guard share.current > 0, !share.phases.isEmpty else { continue }
                let phases = faults.wiring[entry.id]?[offset + 1].map { $0.used(by: share.phases.count) } ?? Array(share.phases)
                draws.append(SiteMeterReading.Draw(current: share.current, phases: phases))
            }
        }
        return draws
    }

    /// Station `index` rebooted: it and every station that rebooted before re-derive their views.
    func rebooted(_ index: Int) { rederive(adding: index, at: nil) }

    /// A setting took effect at `t` without a reboot: every station on its effective settings re-derives its view.
    func settingsChanged(at t: Double) { rederive(adding: nil, at: t) }

    /// Something happened at site time `t` (an EMS set point written over Modbus): it joins every view's scenario
    /// from then on. The scenario is stretched so that an event after its end still counts.
    func happened(_ kind: ScenarioEvent.Kind, at t: Double) {
        let (base, live) = state.withLock { state in
            state.live.append(ScenarioEvent(at: t, kind: kind))
            return (currentScenario(state.live), state.live)
        }
        if let timeline = try? SiteTimeline(site: original, scenario: base) {
            let fresh = Self.fileView(original, timeline)
            state.withLock { state in
                guard state.live == live else { return }
                for index in state.views.indices where state.views[index] == nil {
                    state.previous[index] = (state.fileView[index], t + Self.lag * Double(index))
                }
                state.fileView = fresh
            }
        }
        rederive(adding: nil, at: t)
    }

    /// The file's scenario (or the default one) with the live events, long enough to hold the last of them.
    private func currentScenario(_ live: [ScenarioEvent]) -> Scenario {
        var scenario = scenario ?? original.defaultScenario()
        guard let last = live.map(\.at).max() else { return scenario }
        scenario.events += live
        scenario.duration = max(scenario.duration, last + 24 * 3600)
        return scenario
    }

    /// `at`: the site time of a change the stations follow one after another; nil for a reboot (at once).
    private func rederive(adding index: Int?, at t: Double?) {
        let (readers, stations, live) = state.withLock { state in
            (state.stores, state.views.indices.filter { $0 == index || state.views[$0] != nil }, state.live)
        }
        guard readers.count == original.stations.count, !stations.isEmpty else { return }
        let configs = readers.map { $0() }
        let scenario = currentScenario(live)
        var fresh: [Int: EffectiveSite.View] = [:]
        for station in stations {
            fresh[station] = EffectiveSite.view(of: station, original: original, scenario: scenario, configs: configs)
                ?? state.withLock { $0.views[station] ?? $0.fileView[station] }
        }
        state.withLock { state in
            for (station, view) in fresh {
                if let t, let running = state.views[station] { state.previous[station] = (running, t + Self.lag * Double(station)) }
                state.views[station] = view
            }
        }
    }
}
