import AllocationCore
import ChargeIO
import DNSSD
import ModbusProtocol
import StationModel

/// What `verify` read, for the checks (`VerifyInput`) and for the report (the raw Modbus and meter values).
struct VerifyReads: Sendable {
    struct Meter: Sendable {
        var document: MeterTestReport.Meter
        var readings: MeterReadings
    }

    var stations: [StationReading]
    /// Each station's own Modbus server, where it answered (`station status`).
    var status: [String: AlfenStationStatus]
    /// The meter's values, where it answered.
    var meter: Meter?
    var meterReading: MeterObservation
    var advertised: [AdvertisedStation]
}

/// The shell of `verify`: every part of the site read side by side, each bounded in time; a part that cannot be
/// reached is recorded with its reason and the rest still read (SPEC §8).
struct VerifyReader: Sendable {
    var site: Site
    var sitePath: String
    var link: LinkKind
    var live: LiveOptions
    /// Where each station's Modbus server is reached (`host` of the site file, or `--modbus`).
    var modbusTargets: [String: ModbusTarget]
    /// Where the ALB meter is reached, when the laptop can read it.
    var meterTarget: ModbusTarget?
    var modbusTimeout: Double
    var mdnsWindow: Double
    var mdnsInterface: String?

    /// Opens the station links for the whole run (OCPP: one central system the stations connect to; HTTPS: each
    /// station at its address) and hands `body` a factory of fresh links, so the pending restore, the reads and
    /// the live test all go through the same listener.
    func withLinks<T>(in env: CLIEnvironment, _ body: (@escaping @Sendable (String) -> any StationLink) async throws -> T) async throws -> T {
        let ids = site.stations.map(\.id)
        switch link {
        case .ocpp:
            let passwords = try StationNames.passwords(of: site, in: env)
            return try await LiveRun.withDirectory(stations: ids, passwords: passwords, options: live, in: env) { directory in
                env.console.err("waiting for \(ids.count) station\(ids.count == 1 ? "" : "s") to connect on \(directory.listeningAddress) (up to \(Int(live.connect.wait.rounded(.up))) s) …\n")
                return try await body { OCPPStationLink(station: $0, directory: directory) }
            }
        case .https:
            let endpoints = try live.connect.https.endpoints(stations: ids, site: sitePath, in: env)
            // Made once here so that a bad endpoint is an error before anything is read.
            for id in ids { if let endpoint = endpoints[id] { _ = try env.httpsLink(id, endpoint, live.connect.verbose) } }
            let verbose = live.connect.verbose
            return try await body { id in
                guard let endpoint = endpoints[id], let made = try? env.httpsLink(id, endpoint, verbose) else { return UnreachableLink(station: id) }
                return made
            }
        }
    }

    func read(links: @escaping @Sendable (String) -> any StationLink, in env: CLIEnvironment) async -> VerifyReads {
        let ids = site.stations.map(\.id)
        async let status = readModbus(in: env)
        async let meter = readMeter(in: env)
        async let advertised = browse(in: env)
        let stations = await readLinks(ids, link: links)
        let modbus = await status
        let (meterValues, meterReading) = await meter
        var merged = stations
        for index in merged.indices {
            switch modbus[merged[index].id] {
            case .success(let found)?:
                merged[index].modbus = StationModbusView(firmware: found.station.firmware, scnName: found.scn.name, scnSockets: found.scn.sockets)
            case .failure(let error)?:
                let target = modbusTargets[merged[index].id].map { "\($0.host):\($0.port)" } ?? "?"
                merged[index].modbusError = CommandFailure(error, target: target, station: true).message
            case nil: break
            }
        }
        return VerifyReads(stations: merged, status: modbus.compactMapValues { try? $0.get() }, meter: meterValues,
                           meterReading: meterReading, advertised: await advertised)
    }

    /// Every station's configuration over its link, in parallel; a station that does not answer is recorded.
    func readLinks(_ ids: [String], link make: @escaping @Sendable (String) -> any StationLink) async -> [StationReading] {
        let wait = live.connect.waitDuration
        let results = await withTaskGroup(of: StationReading.self) { group in
            for id in ids {
                group.addTask {
                    let link = make(id)
                    do throws(StationError) {
                        let presence = try await link.waitForStation(timeout: wait)
                        let listing = try await link.readAll()
                        var firmware = presence.firmware
                        if firmware == nil { firmware = await link.firmware(timeout: wait) }
                        await link.close()
                        return StationReading(id: id, configuration: listing.settings(masked: true), firmware: firmware)
                    } catch {
                        await link.close()
                        return StationReading(id: id, linkError: error.description)
                    }
                }
            }
            var all: [StationReading] = []
            for await reading in group { all.append(reading) }
            return all
        }
        return ids.compactMap { id in results.first { $0.id == id } }
    }

    func readModbus(in env: CLIEnvironment) async -> [String: Result<AlfenStationStatus, ModbusClientError>] {
        let timeout = modbusTimeout
        return await withTaskGroup(of: (String, Result<AlfenStationStatus, ModbusClientError>).self) { group in
            for (id, target) in modbusTargets {
                group.addTask {
                    let connection = env.modbusConnector(.tcp(host: target.host, port: target.port), ModbusClientOptions(timeout: timeout))
                    defer { connection.close() }
                    do throws(ModbusClientError) { return (id, .success(try await AlfenStationStatus.read(from: connection))) } catch {
                        return (id, .failure(error))
                    }
                }
            }
            var all: [String: Result<AlfenStationStatus, ModbusClientError>] = [:]
            for await (id, result) in group { all[id] = result }
            return all
        }
    }

    /// The meter test's reading and judgement (`MeterProbe`), on the site's meter.
    func readMeter(in env: CLIEnvironment) async -> (VerifyReads.Meter?, MeterObservation) {
        guard let target = meterTarget, let settings = site.alb?.meter else { return (nil, .none) }
        let address = "\(target.host):\(target.port)"
        let catalog: MeterPresetCatalog
        let entry: MeterPresetEntry
        do {
            catalog = try MeterPresetCatalog.load(variables: env.variables, installedDirectory: env.installedPresetDirectory)
            entry = try catalog.entry(named: settings.preset)
        } catch {
            return (nil, .unreachable(address: address, reason: "no preset \(settings.preset): \(error)"))
        }
        let endpoint = ModbusEndpoint.tcp(host: target.host, port: target.port)
        let connection = env.modbusConnector(endpoint, ModbusClientOptions(timeout: modbusTimeout))
        defer { connection.close() }
        let probe = MeterProbe(entry: entry, catalog: catalog, connection: connection, unit: UInt8(clamping: settings.unit))
        do throws(ModbusClientError) {
            let result = try await probe.run(identify: true)
            let document = MeterTestReport.Meter(preset: entry.name, model: entry.preset.model, host: target.host, port: target.port,
                                                 unit: settings.unit, wordOrder: entry.preset.wordOrder.rawValue)
            let findings = result.findings.map { finding in
                Finding(severity: Finding.Severity(rawValue: finding.severity.rawValue) ?? .fail, code: finding.code,
                        message: finding.message, hint: finding.hint)
            }
            return (VerifyReads.Meter(document: document, readings: result.readings), .read(address: address, findings: findings))
        } catch {
            return (nil, .unreachable(address: address, reason: CommandFailure(error, target: address).message))
        }
    }

    /// The stations' mDNS advertisements (SPEC §5 `scnnetwork`); nothing when no browse is possible here.
    func browse(in env: CLIEnvironment) async -> [AdvertisedStation] {
        guard mdnsWindow > 0 else { return [] }
        do {
            let interfaces = try MDNSInterface.select(mdnsInterface, from: env.discovery.interfaces())
            let result = try await env.discovery.browse(on: interfaces, window: .milliseconds(Int(mdnsWindow * 1000)), expect: nil)
            return result.instances.compactMap { instance in
                instance.identity.map { AdvertisedStation(identity: $0, scnNetwork: instance.scnNetwork) }
            }
        } catch {
            env.console.err("note: no mDNS browse (\(error)); the SCN names are checked from the settings and Modbus\n")
            return []
        }
    }
}
