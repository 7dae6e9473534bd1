import AllocationCore
import StationModel
@testable import VirtualSite

enum Fixtures {
    static let single = VirtualStationIdentity(identity: "ACE0001234", objectNumber: 1234, model: "NG910-60023", sockets: 1, phases: 3)
    static let double = VirtualStationIdentity(identity: "ACE0005678", objectNumber: 5678, model: "EVe-dual", sockets: 2, phases: 3)

    /// One three-phase station behind a 40 A installation.
    static func oneStationSite(id: String = "ACE0001234") -> Site {
        Site(name: "test", installation: Installation(phases: 3, maxCurrent: 40),
             stations: [StationEntry(id: id, model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)])])
    }

    /// An EV on socket 0 from t = 0, a house load from t = 0.
    static let chargingScenario = Scenario(duration: 3600, events: [
        ScenarioEvent(at: 0, kind: .load(PhaseCurrents(l1: 5, l2: 4, l3: 3))),
        ScenarioEvent(at: 0, kind: .connect(.scnID(0), EVProfile(phases: 3, minCurrent: 6, maxCurrent: 16))),
    ])
}
