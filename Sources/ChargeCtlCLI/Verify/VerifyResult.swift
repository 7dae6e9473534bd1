import AllocationCore
import ChargeIO
import ModbusProtocol
import StationModel

/// A verify run's outcome: the site, what was read, the findings, and the live test's result when it ran. Every
/// output (the JSON, the text, the HTML and Markdown reports) is drawn from this one value.
struct VerifyResult: Sendable {
    var site: Site
    var sitePath: String
    var link: LinkKind
    var plan: Plan
    var aliases: KeyAliases
    var reads: VerifyReads
    var findings: [Finding]
    /// `verify --live` (SPEC §8); nil when it did not run.
    var live: VerifyLiveResult?
    var reportPath: String?

    var layout: SiteLayout { SiteLayout(site) }

    var exitStatus: ExitStatus {
        switch Verifier.exitCode(findings) {
        case 0: .success
        case 3: .communication
        default: .checkFailed
        }
    }

    /// One station as the report shows it.
    struct StationRow: Sendable {
        var id: String
        var name: String?
        var model: String?
        var reached: Bool
        var firmware: String?
        var features: [String]?
        /// Planned settings in plan order.
        var settings: [SettingRow]
        var error: String?
        var modbus: String?
    }

    /// One planned setting: its wire key, the value as read (nil: not listed) and the plan's, in the link's spelling.
    struct SettingRow: Sendable {
        var key: String
        var label: String
        var read: String?
        var planned: String
        var differs: Bool
    }

    var stationRows: [StationRow] {
        site.stations.map { entry in
            let reading = reads.stations.first { $0.id == entry.id } ?? StationReading(id: entry.id, linkError: "not read")
            let reader = SettingReader(link: link, aliases: aliases, firmware: reading.knownFirmware)
            let changes = plan.stations.first { $0.station == entry.id }?.changes ?? []
            let settings = changes.compactMap { change -> SettingRow? in
                let setting = SettingsCatalog.setting(change.setting)
                guard !setting.isSecret, let key = reader.key(change.setting) else { return nil }
                let planned = (link == .ocpp ? setting.kind.ocppString(change.to) : setting.kind.httpsString(change.to)) ?? change.to.description
                let current = reading.configuration.flatMap { reader.value(change.setting, in: $0) }
                return SettingRow(key: key, label: setting.label, read: reading.configuration?.value(forKey: key), planned: planned,
                                  differs: current.map { !SettingReader.same($0, change.to, of: change.setting) } ?? false)
            }
            let featuresKey = reader.key(.unlockedFeatures)
            let features = featuresKey.flatMap { reading.configuration?.value(forKey: $0) }.flatMap(UnlockedFeatures.init)?.featureNames
            let status = reads.status[entry.id]
            return StationRow(id: entry.id, name: entry.name, model: entry.model ?? status.map { $0.station.platform },
                              reached: reading.reached, firmware: reading.knownFirmware, features: features, settings: settings,
                              error: reading.linkError,
                              modbus: status.map { "\($0.station.name), serial \($0.station.serial)" } ?? reading.modbusError)
        }
    }

    /// One SCN socket: the planned id and mapping beside what the station has.
    struct SocketRow: Sendable {
        var station: String
        var connector: Int
        var plannedID: Int
        var readID: Int?
        var plannedMapping: String
        var readMapping: String?
    }

    var socketRows: [SocketRow] {
        layout.sockets.map { socket in
            let id = site.stations[socket.station].id
            let reading = reads.stations.first { $0.id == id }
            let reader = SettingReader(link: link, aliases: aliases, firmware: reading?.knownFirmware)
            var readID: Int?
            if let configuration = reading?.configuration, case .integer(let first)? = reader.value(.scnSocketID, in: configuration) {
                readID = first + socket.connector - 1
            }
            var readMapping: String?
            if let configuration = reading?.configuration, case .mapping(let mapping?)? = reader.value(.scnPhaseMapping(socket.connector), in: configuration) {
                readMapping = mapping.name
            }
            return SocketRow(station: id, connector: socket.connector, plannedID: socket.scnID, readID: readID,
                             plannedMapping: socket.mapping.name, readMapping: readMapping)
        }
    }

    /// The meter's values as `meter test` shows them.
    var meterReport: MeterTestReport? {
        reads.meter.map { MeterTestReport(meter: $0.document, readings: $0.readings, findings: []) }
    }
}
