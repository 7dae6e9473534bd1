import ChargeHTTPS
import ChargeIO
import ModbusProtocol

/// `meter test --station HOST` (issue 15 item 6): log in to the station over HTTPS, read its view of the meter,
/// judge it as a direct meter test does, and always log out (success, error, Ctrl-C).
extension MeterTest {
    /// Exit 2, before anything is sent: `--station` and the Modbus target or options do not mix, and the HTTPS
    /// options mean nothing without `--station`.
    func checkLinkChoice() throws {
        guard station != nil else {
            let https = self.https
            let given = [("--via", via != nil), ("--host", https.host != nil), ("--https-password-env", https.httpsPasswordEnv != nil),
                         ("--https-password-file", https.httpsPasswordFile != nil),
                         ("--accept-new-certificate", https.acceptNewCertificate)].filter(\.1).map(\.0)
            if let first = given.first {
                throw CommandFailure(status: .invalidInput, code: "option.station-missing",
                                     message: "\(given.joined(separator: ", ")) \(given.count == 1 ? "is" : "are") for reading the meter through a station, which needs --station",
                                     hint: "add --station HOST to read the station's view of its meter, or drop \(first) to read the meter over Modbus")
            }
            return
        }
        if via == .ocpp {
            throw CommandFailure(status: .invalidInput, code: "option.via",
                                 message: "--station reads the station's meter over https; OCPP does not carry the meter's readings",
                                 hint: "drop --via ocpp (https is implied)")
        }
        if let target {
            throw CommandFailure(status: .invalidInput, code: "option.target",
                                 message: "give either TARGET (\(target), a meter read over Modbus) or --station (the station's view), not both",
                                 hint: "to read the meter itself: meter test \(target) --preset P; through the station: meter test --station HOST")
        }
        let modbus = link.givenFlags
        if !modbus.isEmpty {
            throw CommandFailure(status: .invalidInput, code: "option.station-modbus",
                                 message: "\(modbus.joined(separator: ", ")) \(modbus.count == 1 ? "is a Modbus option" : "are Modbus options"); --station reads the meter through the station, which decodes it itself",
                                 hint: "drop \(modbus.joined(separator: " ")), or read the meter directly: meter test HOST \(modbus[0]) …")
        }
    }

    func throughStation(_ env: CLIEnvironment) async throws -> ExitStatus {
        guard let station else { return .invalidInput }
        guard let endpoint = try https.endpoints(stations: [station], site: nil, in: env)[station] else { return .invalidInput }
        let opened = try env.httpsLink(station, endpoint, verbose)
        guard let link = opened as? any CategoryReading else {
            await opened.close()
            throw CommandFailure(status: .communication, code: "https.no-categories", message: "\(station): this link cannot read property categories",
                                 hint: "report this")
        }
        let document = MeterTestReport.Meter(model: "", host: endpoint.host, port: endpoint.port, station: station, via: "https")
        let stops = env.stopRequests()
        let outcome: Result<ExitStatus?, any Error>
        do {
            outcome = .success(try await withThrowingTaskGroup(of: ExitStatus?.self) { group in
                group.addTask { try await poll(link, document: document, in: env) }
                group.addTask {
                    for await _ in stops {}
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            })
        } catch {
            outcome = .failure(error)
        }
        await link.close()
        switch outcome {
        case .success(let status?): return status
        case .success(nil):
            throw CommandFailure(status: .interrupted, code: "meter.interrupted", message: "interrupted: logged out of \(station)", hint: "")
        case .failure(let error as StationError):
            throw CommandFailure(station: error, listening: endpoint.host, reachableAt: [])
        case .failure(let error):
            throw error
        }
    }

    private func poll(_ link: any CategoryReading, document: MeterTestReport.Meter, in env: CLIEnvironment) async throws -> ExitStatus {
        var probe = StationMeterProbe(link: link)
        var worst = ExitStatus.success
        var poll = 0
        while true {
            poll += 1
            let view = try await probe.read(first: poll == 1)
            // Stopped while the station answered: the interruption is the one document printed.
            try Task.checkCancellation()
            var meter = document
            meter.model = view.model
            meter.source = view.source
            let report = MeterTestReport(meter: meter, readings: view.readings, findings: view.findings)
            try ReportOutput.emit(report, in: env)
            worst = max(worst, report.failed ? .checkFailed : .success)
            guard watch, count.map({ poll < $0 }) ?? true, !Task.isCancelled else { return worst }
            try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
        }
    }
}
