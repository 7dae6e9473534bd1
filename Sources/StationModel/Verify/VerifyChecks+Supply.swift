import AllocationCore

extension VerifyChecks {
    var albStation: StationReading? { site.albStationIndex.flatMap { reading(site.stations[$0].id) } }

    /// `verify.alb.source`: one ALB data source in the SCN, on the station the site names.
    mutating func albSource() {
        let enabled = readings.filter { value(.albEnabled, of: $0.reading) == .bool(true) }.map(\.entry.id)
        let reached = readings.contains { $0.reading.reached }
        var found: [Finding] = []
        if enabled.count > 1 {
            found.append(Finding(.fail, .albSource, "\(enabled.count) stations run Active Load Balancing: \(enabled.joined(separator: ", "))",
                                 hint: "an SCN has one ALB data source: switch ALB off on all but \(albStation?.id ?? "one station")"))
        } else if site.alb != nil, enabled.isEmpty, albStation?.reached == true {
            found.append(Finding(.fail, .albSource, "no station runs Active Load Balancing, the site's source is \(site.alb?.source.rawValue ?? "")",
                                 hint: "run chargectl apply SITE to configure ALB on \(albStation?.id ?? "the ALB station")"))
        } else if site.alb == nil, let station = enabled.first {
            found.append(Finding(.warn, .albSource, "\(station) runs Active Load Balancing, which the site file does not configure",
                                 hint: "add the alb block to the site file, or switch ALB off on the station"))
        }
        report(.albSource, found, ran: reached, pass: site.alb == nil ? "no station runs Active Load Balancing, as planned"
               : "one ALB data source, on \(albStation?.id ?? "the ALB station")")
    }

    /// `verify.meter.unreachable`, `verify.meter.implausible` (the meter test's own findings), `verify.meter.subnet`.
    mutating func meter() {
        switch input.meter {
        case .none: break
        case let .unreachable(address, reason):
            findings.append(Finding(.fail, .meterUnreachable, "the ALB meter at \(address) does not answer: \(reason)",
                                    hint: "check the meter's address, port and unit id, and that this laptop reaches its network (chargectl meter test)"))
        case let .read(address, readings):
            let judged = readings.filter { $0.severity != .pass }.map { finding in
                Finding(severity: finding.severity, code: VerifyCode.meterImplausible.rawValue,
                        message: "meter at \(address): \(finding.message) (\(finding.code))", hint: finding.hint)
            }
            report(.meterImplausible, judged, pass: "the meter at \(address) reads plausible values")
        }
        meterSubnet()
    }

    mutating func meterSubnet() {
        guard let alb = site.alb, alb.source == .modbusTCP, let index = site.albStationIndex,
              let stationHost = site.stations[index].host else { return }
        let parts = stationHost.split(separator: "/")
        guard parts.count == 2, let station = IPv4(String(parts[0])), let prefix = Int(parts[1]), (0...32).contains(prefix) else { return }
        var meter = alb.meter.flatMap { IPv4($0.host) }
        if let reading = albStation, case .ipv4(let address)? = value(.tcpMeterAddress, of: reading) { meter = address }
        guard let meter else { return }
        var found: [Finding] = []
        if !meter.isInSubnet(of: station, prefix: prefix) {
            found.append(Finding(.fail, .meterSubnet, "the meter \(meter) is outside the subnet of its station \(stationHost)",
                                 hint: "the station reaches the meter without a router only in its own subnet: give the meter an address there"))
        }
        report(.meterSubnet, found, pass: "the meter \(meter) is in its station's subnet \(stationHost)")
    }

    /// `verify.ems.validity`: a set point must outlive at least two of the EMS's writes, or one late write drops
    /// the SCN to its safe current (SPEC §4 rule 5).
    mutating func emsValidity() {
        guard let alb = site.alb, alb.source == .ems, let interval = input.emsWriteInterval else { return }
        var validity = (alb.ems ?? EMSSettings()).validityTime
        if let reading = albStation, case .integer(let seconds)? = value(.emsValidityTime, of: reading) { validity = Double(seconds) }
        var found: [Finding] = []
        if validity < 2 * interval {
            found.append(Finding(.fail, .emsValidity,
                                 "the EMS validity time \(Quantity.seconds(validity)) is shorter than twice the EMS's write interval \(Quantity.seconds(interval))",
                                 hint: "set alb.ems.validityTime to at least \(Quantity.seconds(2 * interval)), or let the EMS write more often"))
        }
        report(.emsValidity, found, pass: "the EMS validity time \(Quantity.seconds(validity)) covers two EMS writes")
    }

    /// `verify.safe-current`: what the SCN falls back to must not exceed the installation, and should let a lone
    /// EV that needs 14 A start.
    mutating func safeCurrents() {
        let installation = site.installation.maxCurrent
        var currents: [(name: String, amps: Double)] = []
        if let alb = site.alb {
            var safe = alb.safeCurrent
            if let reading = albStation, case .amperes(let amps)? = value(.albSafeCurrent, of: reading) { safe = amps }
            currents.append(("Safe-MaxCurrent", safe))
        }
        if let total = site.scn?.totalSafeCurrent {
            var safe = total
            if let first = readings.first(where: { $0.reading.reached })?.reading,
               case .amperes(let amps)? = value(.scnTotalSafeCurrent, of: first) { safe = amps }
            currents.append(("SCN-TotalSafeCurrent", safe))
        }
        var found: [Finding] = []
        for (name, amps) in currents {
            if amps > installation + 0.001 {
                found.append(Finding(.fail, .safeCurrent, "\(name) \(Quantity.amps(amps)) is above the installation's \(Quantity.amps(installation))",
                                     hint: "lower it to at most \(Quantity.amps(installation)): on safe current the chargers could overload the supply"))
            } else if amps < 14 {
                found.append(Finding(.warn, .safeCurrent,
                                     "\(name) \(Quantity.amps(amps)) leaves an EV that needs 14 A unable to start while the SCN runs on its safe current",
                                     hint: "raise it to 14 A or more if the installation allows"))
            }
        }
        report(.safeCurrent, found, ran: !currents.isEmpty, pass: "the safe currents are within the installation and let a 14 A EV start")
    }
}
