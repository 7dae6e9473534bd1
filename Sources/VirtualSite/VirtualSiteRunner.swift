import AllocationCore
import ChargeIO
import DNSSD
import ModbusProtocol
import OCPP16
import StationModel

/// Starts a virtual site (SPEC §1 `simulate`, `demo`): per station an OCPP charge point dialling `ocppURL`, a
/// Modbus TCP server with the station's register map and a configuration store; one mDNS publisher for them all;
/// one simulated meter. Currents come from the allocation core's timeline of the site and scenario, read at
/// "seconds since start".
public enum VirtualSiteRunner {
    public static func start(site: Site, scenario: Scenario?, ocppURL: String,
                             options: VirtualSiteOptions = VirtualSiteOptions()) async throws -> RunningVirtualSite {
        guard let url = ChargePointURL(ocppURL) else { throw VirtualSiteError.badURL(ocppURL) }
        let timeline = try SiteTimeline(site: site, scenario: scenario)
        let views = SiteViews(original: site, scenario: scenario, timeline: timeline)
        let presetName = options.meterPreset ?? site.alb?.meter?.preset ?? VirtualSiteOptions.defaultMeterPreset
        let preset: MeterPresetEntry
        do { preset = try MeterPresetCatalog.builtIn().entry(named: presetName) } catch {
            throw VirtualSiteError.unknownPreset(presetName, reason: "\(error)")
        }
        let started = ContinuousClock.now
        let offset = max(0, options.startAt)
        let now: @Sendable () -> Double = {
            let elapsed = ContinuousClock.now - started
            return offset + Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let onEvent = options.onEvent
        let includesChargers = site.alb?.includesChargers ?? false
        let faults = options.faults
        // The meter sees the house load (the ALB station's view) and every socket on the phases it is wired to.
        let meterCurrents: @Sendable (Double) -> PhaseCurrents = { t in
            SiteMeterReading.currents(load: views.meterView(at: t).timeline.load(at: t), draws: views.draws(at: t, faults: faults),
                                      includesChargers: includesChargers, faults: faults)
        }
        let meterValues: @Sendable () -> [MeterQuantity: Double?] = {
            let t = now()
            return MeterRegisters.values(currents: meterCurrents(t),
                                         energyKWh: views.meterView(at: t).timeline.meterEnergyKWh(at: t, includesChargers: includesChargers))
        }

        var servers: [ModbusServerHandle] = []
        var httpsServers: [StationHTTPSServer?] = []
        var stations: [VirtualStation] = []
        var running: [RunningVirtualSite.Station] = []
        do {
            for (index, entry) in site.stations.enumerated() {
                let identity = VirtualStationIdentity(entry: entry, installationPhases: site.installation.phases, firmware: options.firmware)
                let station = VirtualStation(identity: identity, index: index,
                                             unlockedFeatures: options.unlockedFeatures, faults: options.faults, views: views, now: now, onEvent: onEvent)
                let server = try await ModbusServerHandle.start(host: options.host, responder: LiveRegisterResponder(
                    bank: { station.registerBank() }, onWrite: { station.written(unit: $0, address: $1, values: $2) }))
                servers.append(server)
                stations.append(station)
                let https = try await startHTTPS(station, index: index, site: site, ocppURL: ocppURL, meter: meterValues,
                                                 now: now, options: options)
                httpsServers.append(https)
                running.append(.init(identity: identity.identity, objectNumber: identity.objectNumber, modbusPort: server.port,
                                     sockets: identity.sockets, model: identity.model, firmware: identity.firmware,
                                     host: https?.address?.host, httpsPort: https?.address?.port))
                onEvent(.modbusListening(station: identity.identity, port: server.port))
                if let address = https?.address { onEvent(.httpsListening(station: identity.identity, host: address.host, port: address.port)) }
            }
            views.attach(stations.map { station in { station.store } })
            let unit = UInt8(clamping: site.alb?.meter?.unit ?? Int(preset.preset.defaultUnitID))
            let meter = try await ModbusServerHandle.start(host: options.host, responder: LiveRegisterResponder(
                bank: {
                    let t = now()
                    return MeterRegisters.bank(preset, unit: unit, currents: meterCurrents(t),
                                               energyKWh: views.meterView(at: t).timeline.meterEnergyKWh(at: t, includesChargers: includesChargers))
                }, onWrite: { _, _, _ in }))
            if faults.meterUnreachable {
                // Seeded fault: the port was there a moment ago and now refuses, like a meter whose cable is out.
                await meter.stop()
                onEvent(.meterUnreachable(port: meter.port))
            } else {
                servers.append(meter)
                onEvent(.meterListening(preset: preset.name, port: meter.port, unit: unit))
            }

            let (publisher, publishing) = startPublisher(stations, options: options)
            var chargePoints: [OCPPChargePointStopper] = []
            var loops: [Task<Void, Never>] = []
            for (station, https) in zip(stations, httpsServers) {
                let configuration = ChargePointConfiguration(url: url, identity: station.identity.identity,
                                                             password: options.ocppPasswords[station.identity.identity], backoff: options.backoff)
                let chargePoint = OCPPChargePoint(configuration: configuration) { request, _ in station.respond(to: request) }
                let rebootTime = options.rebootTime
                https?.onReboot.withLock { hook in
                    hook = { _ in station.restart(chargePoint: chargePoint, https: https, rebootTime: rebootTime, onEvent: onEvent) }
                }
                let loop = SimulatedStationLoop(station: station, chargePoint: chargePoint, rebootTime: rebootTime, https: https) { event in
                    onEvent(event)
                    // A reboot may change what the station advertises (its SCN name).
                    if case .connected = event { publisher?.refreshIfChanged() }
                }
                loops.append(Task { await loop.run() })
                chargePoints.append(OCPPChargePointStopper(chargePoint: chargePoint, task: Task { await chargePoint.run() }))
            }
            let tasks = SiteTasks(chargePoints: chargePoints, loops: loops, servers: servers, publisher: publisher,
                                  publishing: publishing, https: httpsServers.compactMap { $0 })
            return RunningVirtualSite(stations: running, meter: .init(preset: preset.name, port: meter.port, unit: Int(unit)), tasks: tasks)
        } catch {
            for server in servers { await server.stop() }
            for server in httpsServers { await server?.stop() }
            if let error = error as? VirtualSiteError { throw error }
            throw VirtualSiteError.cannotListen(host: options.host, reason: "\(error)")
        }
    }

    private static func startPublisher(_ stations: [VirtualStation], options: VirtualSiteOptions) -> (MDNSPublisher?, Task<Void, Never>?) {
        guard let name = options.mdnsInterface else { return (nil, nil) }
        let interface: MDNSInterface
        do {
            guard let selected = try MDNSInterface.select(name).first else {
                options.onEvent(.mdnsFailed(reason: "no interface \(name)"))
                return (nil, nil)
            }
            interface = selected
        } catch {
            options.onEvent(.mdnsFailed(reason: "\(error)"))
            return (nil, nil)
        }
        // The A record is the station's address on the link it is advertised on.
        let publisher = MDNSPublisher(stations: stations, interface: interface, address: interface.address, onEvent: options.onEvent)
        return (publisher, Task { await publisher.run() })
    }
}

/// A charge point and the task running it.
struct OCPPChargePointStopper: Sendable {
    let chargePoint: OCPPChargePoint
    let task: Task<Void, Never>

    func stop() async {
        chargePoint.stop()
        task.cancel()
        await task.value
    }
}

/// Why a virtual site did not start.
public enum VirtualSiteError: Error, Sendable, CustomStringConvertible {
    case badURL(String)
    case unknownPreset(String, reason: String)
    case cannotListen(host: String, reason: String)

    public var description: String {
        switch self {
        case .badURL(let url): "\(url) is not a ws:// URL"
        case .unknownPreset(let name, let reason): "meter preset \(name): \(reason)"
        case .cannotListen(let host, let reason): "cannot serve Modbus on \(host): \(reason)"
        }
    }
}
