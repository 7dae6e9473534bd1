import AllocationCore
import StationModel
import Synchronization

/// What each simulated station runs (issue 16): the site file's timeline until the station first reboots, then the
/// allocation of its effective settings (`EffectiveSite`). Any reboot re-derives the view of every station that
/// has rebooted since the site started, since a station joining or leaving the SCN changes its members' SCN too.
final class SiteViews: Sendable {
    let original: Site
    let scenario: Scenario?
    /// The site file's timeline and each station's socket ids in it.
    let fileView: [EffectiveSite.View]
    private let state: Mutex<State>

    struct State: Sendable {
        var stores: [@Sendable () -> StationConfigStore] = []
        /// nil: the station still runs the site file's view.
        var views: [EffectiveSite.View?]
    }

    init(original: Site, scenario: Scenario?, timeline: SiteTimeline) {
        self.original = original
        self.scenario = scenario
        fileView = original.stations.indices.map { index in
            let ids = (1...max(1, original.stations[index].sockets.count)).compactMap { timeline.layout.socket(station: index, connector: $0)?.scnID }
            return EffectiveSite.View(timeline: timeline, socketIDs: ids)
        }
        state = Mutex(State(views: Array(repeating: nil, count: original.stations.count)))
    }

    /// How to read each station's configuration, in site-file order; called once the stations exist.
    func attach(_ stores: [@Sendable () -> StationConfigStore]) { state.withLock { $0.stores = stores } }

    func view(of index: Int) -> EffectiveSite.View {
        state.withLock { $0.views[index] } ?? fileView[index]
    }

    /// The ALB station's view: what the site meter measures follows its allocation.
    var meterView: EffectiveSite.View { view(of: original.albStationIndex ?? 0) }

    /// Station `index` rebooted: it and every station that rebooted before re-derive their views.
    func rebooted(_ index: Int) {
        let (readers, booted) = state.withLock { state in
            (state.stores, state.views.indices.filter { $0 == index || state.views[$0] != nil })
        }
        guard readers.count == original.stations.count else { return }
        let configs = readers.map { $0() }
        var fresh: [Int: EffectiveSite.View] = [:]
        for station in booted {
            fresh[station] = EffectiveSite.view(of: station, original: original, scenario: scenario, configs: configs)
                ?? state.withLock { $0.views[station] } ?? fileView[station]
        }
        state.withLock { state in for (station, view) in fresh { state.views[station] = view } }
    }
}
