import AllocationCore
import Testing
import TestRandom
@testable import StationModel

/// SPEC §3: a value the wire cannot carry is exit 2 at planning time — compiling is total, nothing is dropped.
@Suite struct RunPlanCompileTests {
    static let amperes: [Double] = [-1, 0, 0.001, 0.5, 1, 6, 16.005, 16.25, 32, 80, 80.01, 500, 1000, 1000.01, 100_000, 1e300, .nan, .infinity]
    static let integers: [Int] = [-1, 0, 1, 5, 59, 60, 127, 128, 255, 900, 36000, 36001, 65535, 65536, Int.max]

    /// Every kind of value a setting might be handed, right or wrong for it.
    static func values(for setting: Setting) -> [SettingValue] {
        var values: [SettingValue] = amperes.map(SettingValue.amperes) + integers.map(SettingValue.integer)
        values += [.bool(true), .bool(false), .choice("None"), .choice("p1"), .choice("nonsense"), .text(""), .text("PLAZA1"),
                   .text(String(repeating: "A", count: 501)), .mapping(nil), .mapping(PhaseMapping(name: "L2L3L1")),
                   .secret("1A2B.3C4D.5E6F.7A8B.9C0D.1E2F")]
        if let address = IPv4("192.168.0.4") { values.append(.ipv4(address)) }
        return values
    }

    @Test(arguments: LinkKind.allCases) func everyChangeIsWrittenOrRefusedNeverDropped(link: LinkKind) {
        var compiled = 0, refused = 0
        for setting in SettingsCatalog.all {
            for value in Self.values(for: setting) {
                let change = SettingChange(setting.id, value)
                // The SCN name carries `scn.enabled` over HTTPS; give it its carrier.
                let siblings = [SettingChange(.scnName, .text("PLAZA1"))]
                let plan = Plan(stations: [StationPlan(station: "A", changes: [change] + (setting.id == .scnEnabled ? siblings : []))])
                do {
                    let run = try RunPlan.compile(plan, command: "test", for: link, firmware: ["A": "6.4.0"])
                    let writes = run.stations[0].writes.filter { $0.setting == setting.id }
                    let derived = if case .derived = setting.https, link == .https { true } else { false }
                    #expect(!writes.isEmpty || derived, "\(setting.id.rawValue) = \(value) over \(link) compiled to no write")
                    compiled += 1
                } catch {
                    #expect(error.errors.allSatisfy { !$0.code.isEmpty && $0.path.description.contains(setting.id.rawValue) })
                    refused += 1
                }
            }
        }
        #expect(compiled > 50 && refused > 50)
    }

    /// Random plans of several changes per station: each change comes out as its writes, or the plan is refused
    /// naming every change that cannot be carried — never a plan with a change missing.
    @Test(arguments: [1, 2, 3, 4] as [UInt64]) func randomPlansAreWrittenWholeOrRefused(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let changes = (0..<Int.random(in: 1...6, using: &random)).map { _ -> SettingChange in
                let setting = SettingsCatalog.all.randomElement(using: &random)!
                return SettingChange(setting.id, Self.values(for: setting).randomElement(using: &random)!)
            }
            let link = LinkKind.allCases.randomElement(using: &random)!
            let plan = Plan(stations: [StationPlan(station: "A", changes: changes)])
            do {
                let run = try RunPlan.compile(plan, command: "test", for: link, firmware: ["A": "6.4.0"])
                for change in changes {
                    let derived = if case .derived = SettingsCatalog.setting(change.setting).https, link == .https { true } else { false }
                    #expect(derived || run.stations[0].writes.contains { $0.setting == change.setting }, "\(change.setting.rawValue) dropped over \(link)")
                }
            } catch {
                #expect(!error.errors.isEmpty && error.errors.allSatisfy { !$0.code.isEmpty })
            }
        }
    }

    @Test func aCurrentOutOfRangeIsRefusedWithItsCode() throws {
        let plan = Plan(stations: [StationPlan(station: "A", changes: [SettingChange(.meterMaxCurrent, .amperes(100_000))])])
        #expect(throws: ConfigErrors.self) { try RunPlan.compile(plan, command: "alb-configure", for: .ocpp) }
        do { _ = try RunPlan.compile(plan, command: "alb-configure", for: .ocpp) } catch {
            #expect(error.errors.first?.code == "setting.out-of-range")
            #expect(error.errors.first?.message.contains("0 A to 1000 A") == true)
        }
    }

    @Test func aCurrentFinerThanTheResolutionIsRefused() {
        let plan = Plan(stations: [StationPlan(station: "A", changes: [SettingChange(.stationMaxCurrent, .amperes(16.005))])])
        do {
            _ = try RunPlan.compile(plan, command: "apply", for: .ocpp)
            Issue.record("16.005 A compiled")
        } catch {
            #expect(error.errors.map(\.code) == ["setting.resolution"])
        }
    }

    @Test func theStationsOwnSpellingOfAKeyWins() throws {
        let plan = Plan(stations: [StationPlan(station: "A", changes: [SettingChange(.stationMaxCurrent, .amperes(32))])])
        let run = try RunPlan.compile(plan, command: "apply", for: .ocpp, current: ["A": StationConfiguration(["station-maxcurrent": "16"])])
        #expect(run.stations[0].writes.map(\.key) == ["station-maxcurrent"])
    }

    @Test func httpsWritesPropertiesWithTheirBitsAndNumbers() throws {
        let plan = Plan(stations: [StationPlan(station: "A", changes: [
            SettingChange(.albEnabled, .bool(true)), SettingChange(.albProtocol, .choice("p1")),
            SettingChange(.scnPhaseMapping1, .mapping(PhaseMapping(name: "L3L1L2"))),
        ])])
        let run = try RunPlan.compile(plan, command: "apply", for: .https)
        #expect(run.stations[0].writes == [
            PlannedWrite(setting: .albEnabled, key: "2064_0", value: "1", bitMask: 0b10),
            PlannedWrite(setting: .albProtocol, key: "5217_0", value: "5"),
            PlannedWrite(setting: .scnPhaseMapping1, key: "2180_7", value: "8"),
        ])
    }

    @Test func aSettingTheLinkCannotCarryIsRefusedNotSkipped() {
        let plan = Plan(stations: [StationPlan(station: "A", changes: [SettingChange(.allowPhaseSwitching, .bool(true))])])
        do {
            _ = try RunPlan.compile(plan, command: "alb-configure", for: .ocpp)
            Issue.record("allowPhaseSwitching compiled over OCPP")
        } catch {
            #expect(error.errors.map(\.code) == ["link.setting-unsupported"])
        }
    }
}
