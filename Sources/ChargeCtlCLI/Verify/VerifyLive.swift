import AllocationCore
import ChargeIO
import Foundation
import ModbusProtocol
import StationModel

/// `verify --live` (SPEC §8) wired to the world: the meter and every station's Modbus server sampled through
/// `LiveModbus`, the value lowered and put back through the ALB station's link (`SmartMeter-MaxCurrent`) or its
/// Modbus server (the EMS set point), a confirmation on a terminal, progress on stderr, and Ctrl-C turned into the
/// runner's cancellation so the original goes back before the command ends. The procedure is `LiveTestRunner`'s.
struct VerifyLive: Sendable {
    var site: Site
    var sitePath: String
    var link: LinkKind
    var settle: Double
    var allowIdle: Bool
    var yes: Bool
    var modbusTargets: [String: ModbusTarget]
    var meterTarget: ModbusTarget?
    var modbusTimeout: Double
    var wait: Swift.Duration

    private enum Event: Sendable {
        case finished(LiveTestRunner.Outcome)
        case interrupted
        /// Nothing will interrupt (the stream ended).
        case quiet
    }

    struct Outcome: Sendable {
        /// nil when the test did not get as far as a first sample.
        var report: LiveTestReport?
        var findings: [Finding]
    }

    static let notRun = "verify.live.not-run"

    func run(links: @escaping @Sendable (String) -> any StationLink, in env: CLIEnvironment) async throws -> Outcome {
        guard let alb = site.alb else {
            // Nothing to lower: the plan says so without a sample.
            let idle = LiveSample(t: 0, meter: .zero, sockets: [:])
            if case .notApplicable(let finding) = LiveTestPlan.decide(site: site, before: idle, original: 0) { return Outcome(report: nil, findings: [finding]) }
            return Outcome(report: nil, findings: [])
        }
        let stationID = alb.station ?? site.stations.first?.id ?? ""
        // The meter: over Modbus TCP from this laptop when the site's meter is one it reaches, else (HTTPS, a
        // meter the ALB station reads: P1, TIC, RS-485) as the station reads it, through the same session. An EMS
        // site may have none here: its set point is judged on the sockets, the phase mappings are not judged.
        let tcpMeter: (target: ModbusTarget, settings: MeterSettings, entry: MeterPresetEntry)?
        if let meterTarget, let settings = alb.meter {
            do {
                tcpMeter = (meterTarget, settings, try MeterPresetCatalog.load(variables: env.variables, installedDirectory: env.installedPresetDirectory)
                    .entry(named: settings.preset))
            } catch {
                return notRun("no meter preset \(settings.preset): \(error)", hint: "name a preset of `chargectl meter presets` in alb.meter.preset")
            }
        } else if link == .https || alb.source == .ems {
            tcpMeter = nil
        } else {
            return notRun("the live test reads the site meter over Modbus TCP, and this site's meter (\(alb.source.rawValue)) is not reachable from here",
                          hint: "run it with --via https: the ALB station's own view of its meter is read through its API")
        }
        let options = ModbusClientOptions(timeout: modbusTimeout)
        let ids = LiveModbus.socketIDs(of: site)
        var stations: [String: LiveModbus.Station] = [:]
        for (index, entry) in site.stations.enumerated() {
            guard let target = modbusTargets[entry.id] else { continue }
            stations[entry.id] = LiveModbus.Station(connection: env.modbusConnector(.tcp(host: target.host, port: target.port), options),
                                                    socketIDs: ids[index])
        }
        let meter = tcpMeter.map { env.modbusConnector(.tcp(host: $0.target.host, port: $0.target.port), options) }
        defer {
            meter?.close()
            for station in stations.values { station.connection.close() }
        }
        let target: Target
        let original: Double
        do {
            (target, original) = try await self.target(alb, station: stationID, links: links, modbus: stations[stationID])
        } catch let failure as CommandFailure {
            return notRun(failure.message, hint: failure.hint)
        }
        let readMeter: (@Sendable () async throws -> PhaseCurrents)?
        if let tcpMeter, let meter {
            readMeter = LiveModbus.meter(meter, preset: tcpMeter.entry, unit: UInt8(clamping: tcpMeter.settings.unit))
        } else if alb.source == .ems {
            env.console.err("no site meter is read: the EMS set point is judged on the sockets' currents\n")
            readMeter = nil
        } else if let through = target.link {
            env.console.err("reading the meter as \(stationID) reads it (5221_A–C over HTTPS)\n")
            readMeter = LiveModbus.meter(through: through)
        } else {
            await target.close()
            return notRun("the site meter cannot be read from here", hint: "give --meter HOST:PORT for a Modbus TCP meter, or run with --via https")
        }
        let modbus = LiveModbus(readMeter: readMeter, stations: site.stations.compactMap { stations[$0.id] })

        let clock = ContinuousClock()
        let start = clock.now
        let console = env.console
        let seconds: @Sendable () -> Double = {
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let ports = LiveTestRunner.Ports(
            sample: {
                let reading = try await modbus.sample()
                let meter = reading.meter.map { m in
                    "  meter \(Quantity.decimal(m.l1, places: 1)) / \(Quantity.decimal(m.l2, places: 1)) / \(Quantity.decimal(m.l3, places: 1)) A"
                } ?? ""
                let charging = reading.sockets.filter { $0.value.isCharging }.keys.sorted()
                    .map { "\($0): \(Quantity.decimal(reading.sockets[$0]?.current ?? 0, places: 1))" }.joined(separator: ", ")
                console.err("  live \(Int(seconds().rounded())) s" + meter + (charging.isEmpty ? "" : "  sockets \(charging) A") + "\n")
                return reading
            },
            write: { try await target.write($0) },
            readBack: { try await target.readBack() },
            sleep: { try await Task.sleep(for: $0) },
            now: seconds,
            timestamp: { [now = env.now] in ISO8601DateFormatter().string(from: now()) })
        let runner = LiveTestRunner(ports: ports, journal: PendingRestoreJournal(variables: env.variables, storage: env.runStorage),
                                    progress: { console.err($0 + "\n") })
        let site = site
        let siteName = sitePath
        let link = link
        let settle = settle
        let allowIdle = allowIdle
        let confirm = confirmation(in: env)
        let interrupts = env.interrupts()
        let result: Outcome
        do {
            let outcome = try await withThrowingTaskGroup(of: Event.self) { group in
                group.addTask {
                    .finished(try await runner.run(site: site, siteName: siteName, link: link, original: original, settle: settle,
                                                   allowIdle: allowIdle, confirm: confirm))
                }
                group.addTask {
                    for await _ in interrupts { return .interrupted }
                    return .quiet
                }
                var result: LiveTestRunner.Outcome?
                while result == nil, let next = try await group.next() {
                    switch next {
                    case .finished(let outcome): result = outcome
                    case .interrupted:
                        // The runner sees the cancellation, puts the original back in a task of its own, and returns.
                        console.err("interrupted: putting the original value back …\n")
                        group.cancelAll()
                    case .quiet: break
                    }
                }
                group.cancelAll()
                return result
            }
            guard let outcome else { throw LiveTestRunner.RunError.notStarted("interrupted before anything was lowered") }
            if let cut = outcome.cutShort { console.err("the live test stopped early: \(cut)\n") }
            result = Outcome(report: outcome.report, findings: outcome.report.findings)
        } catch let error as LiveTestRunner.RunError {
            result = notRun(error.description, hint: "check the meter and the stations' Modbus servers (`chargectl meter test`, `chargectl station status`)")
        } catch {
            await target.close()
            throw error
        }
        await target.close()
        return result
    }

    /// The value the test lowers, with its original: `SmartMeter-MaxCurrent` read through the ALB station's link,
    /// or the EMS set point in effect (else the EMS safe current: a set point of 0 would stop every EV).
    struct Target: Sendable {
        var write: @Sendable (Double) async throws -> Void
        var readBack: @Sendable () async throws -> Double?
        /// Lets go of the station link (HTTPS: logs out).
        var close: @Sendable () async -> Void = {}
        /// The ALB station's link when the value is written through it: the meter may be read through it too
        /// (one HTTPS session per station).
        var link: (any StationLink)?
    }

    struct WriteRefused: Error, CustomStringConvertible {
        var key: String
        var status: String
        var description: String { "the station answered \(status) to \(key)" }
    }

    func target(_ alb: ALBSettings, station: String, links: @escaping @Sendable (String) -> any StationLink,
                modbus: LiveModbus.Station?) async throws -> (Target, Double) {
        switch alb.source {
        case .ems:
            guard let connection = modbus?.connection else {
                throw CommandFailure(status: .checkFailed, code: Self.notRun, message: "the EMS set point is written over \(station)'s Modbus server, and it has no address",
                                     hint: "give --modbus \(station)=HOST[:PORT]")
            }
            let inEffect = (try? await LiveModbus.readSCNSetPoint(on: connection)) ?? nil
            let original = inEffect.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? alb.safeCurrent
            return (Target(write: { try await LiveModbus.writeSCNSetPoint($0, on: connection) },
                           readBack: { try await LiveModbus.readSCNSetPoint(on: connection) }), original)
        case .p1, .tic, .modbusRTU, .modbusTCP:
            let link = self.link
            guard let key = PendingRestore.write(alb.maxCurrent, for: link)?.key else {
                throw CommandFailure(status: .checkFailed, code: Self.notRun, message: "SmartMeter-MaxCurrent cannot be written over \(link.rawValue)",
                                     hint: "run the live test over the other link (--via)")
            }
            let station = links(station)
            let readBack: @Sendable () async throws -> Double? = {
                let listing = try await station.read(keys: [key])
                return listing[key]?.value.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            }
            let original: Double?
            do {
                _ = try await station.waitForStation(timeout: wait)
                original = try await readBack()
            } catch {
                throw CommandFailure(status: .checkFailed, code: Self.notRun, message: "\(key) could not be read on \(station.station): \(error)",
                                     hint: "check that \(station.station) is online (verify.station.offline)")
            }
            guard let original, original > 0 else {
                throw CommandFailure(status: .checkFailed, code: Self.notRun, message: "\(station.station) does not say its \(key)",
                                     hint: "configure ALB first (`chargectl apply` or `alb configure`)")
            }
            let target = Target(
                write: { amps in
                    guard let write = PendingRestore.write(amps, for: link) else { throw WriteRefused(key: key, status: "nothing (not writable)") }
                    let statuses = try await station.write([write])
                    guard let status = statuses.first, status.isSuccess else { throw WriteRefused(key: key, status: statuses.first?.rawValue ?? "nothing") }
                },
                readBack: readBack, close: { await station.close() }, link: station)
            return (target, original)
        }
    }

    /// SPEC §8 "after a confirmation": asked on a terminal only, never with --json or --yes.
    func confirmation(in env: CLIEnvironment) -> @Sendable (LiveTestPlan) async throws -> Void {
        guard !yes, !env.json, env.console.isTerminal else { return { _ in } }
        return { plan in
            env.console.err("The live test lowers \(plan.target.rawValue) on \(plan.station) from \(Quantity.amps(plan.original)) to \(Quantity.amps(plan.lowered)) for about \(Quantity.decimal(plan.settle, places: 0)) s, then puts it back.\n")
            let answer = try env.readLine("Run the live test? [y/N] ")?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                throw CommandFailure(status: .invalidInput, code: "verify.live.not-confirmed", message: "not confirmed: nothing was lowered",
                                     hint: "answer y to run the live test; scripts pass --yes")
            }
        }
    }

    private func notRun(_ message: String, hint: String) -> Outcome {
        Outcome(report: nil, findings: [Finding(severity: .fail, code: Self.notRun, message: "the live test did not run: \(message)", hint: hint)])
    }
}
