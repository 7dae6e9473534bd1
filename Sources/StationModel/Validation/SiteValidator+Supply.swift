import AllocationCore

extension SiteValidator {
    mutating func checkMappings(_ layout: SiteLayout) {
        for socket in layout.sockets where !socket.mappingAssigned {
            let path = Self.socket(socket.station, socket.connector - 1) + "phaseMapping"
            if site.installation.phases == 1, socket.mapping.isThreePhase {
                fail("mapping.single-phase-installation", path,
                     "a 1-phase installation takes only single-phase mappings, found \(socket.mapping)",
                     hint: "write phaseMapping: L1 (or leave it out)")
            } else if site.stationPhases(socket.station) == 1, socket.mapping.isThreePhase {
                fail("mapping.single-phase-station", path, "stations[\(socket.station)] is a 1-phase station, found the 3-phase mapping \(socket.mapping)",
                     hint: "write L1, L2 or L3")
            }
        }
        guard site.installation.phases == 3 else { return }
        let recommended = SiteLayout(site.withoutExplicitMappings)
        for socket in layout.sockets where !socket.mappingAssigned {
            guard let expected = recommended.socket(station: socket.station, connector: socket.connector)?.mapping,
                  expected != socket.mapping else { continue }
            warn("mapping.not-recommended", Self.socket(socket.station, socket.connector - 1) + "phaseMapping",
                 "SCN socket \(socket.scnID) is mapped \(socket.mapping) where the recommended rotation gives \(expected)",
                 hint: "rotating phases spreads 1-phase EVs over L1, L2 and L3; leave phaseMapping out to assign it")
        }
    }

    mutating func checkALB() {
        guard let alb = site.alb else { return }
        let path = FieldPath.root + "alb"
        if alb.station != nil, site.albStationIndex == nil {
            fail("alb.station-unknown", path + "station", "alb.station \"\(alb.station ?? "")\" names no station of this site",
                 hint: "use the id or name of the station that hosts the meter or EMS: \(site.stations.map(\.id).joined(separator: ", "))")
        }
        switch alb.source {
        case .modbusTCP, .modbusRTU:
            guard let meter = alb.meter else {
                fail("alb.meter-required", path + "meter", "source \(alb.source.rawValue) needs a meter",
                     hint: "add meter: { host: 192.168.0.4, unit: 5, preset: socomec-countis-e27 }")
                return
            }
            if alb.source == .modbusTCP {
                checkMeterHost(meter.host, path + "meter" + "host")
                checkMeterSubnet(meter.host, path + "meter" + "host")
                if link == .ocpp, !ALBPlanner.ocppMeterPresets.contains(meter.preset) {
                    fail("alb.ocpp-meter-preset", path + "meter" + "preset",
                         "over OCPP the station can only be told to read a Socomec meter, not \(meter.preset)",
                         hint: "use --via https for a custom register map, or a Socomec Countis E27 (socomec-countis-e27)")
                }
                if link == .ocpp, meter.port != 502, (1...65535).contains(meter.port) {
                    fail("alb.ocpp-meter-port", path + "meter" + "port",
                         "over OCPP the station reads its Modbus TCP meter on port 502, not \(meter.port)",
                         hint: "use --via https for another port, or set the meter to port 502")
                }
            }
            let units = alb.source == .modbusTCP ? 0...255 : 1...247
            if !units.contains(meter.unit) {
                fail("alb.meter-unit", path + "meter" + "unit",
                     "unit id \(meter.unit) is outside \(units.lowerBound) to \(units.upperBound) for \(alb.source.rawValue)",
                     hint: "the meter's Modbus address is on its display or in its set-up menu")
            }
            if !(1...65535).contains(meter.port) {
                fail("alb.meter-port", path + "meter" + "port", "port \(meter.port) is not a TCP port", hint: "Modbus TCP uses 502")
            }
        case .ems:
            if let ems = alb.ems, !(1...86400).contains(ems.validityTime) {
                fail("alb.ems-validity", path + "ems" + "validityTime", "the EMS validity time must be 1 s to 24 h, found \(Quantity.decimal(ems.validityTime, places: 3)) s",
                     hint: "the default is 60 s; the EMS must write set points more often than this")
            }
        case .p1, .tic:
            break
        }
    }

    mutating func checkMeterHost(_ host: String, _ path: FieldPath) {
        if host.contains(":") {
            fail("alb.meter-ipv6", path, "the station reaches Modbus TCP meters over IPv4 only, found \(host)",
                 hint: "give the meter a fixed IPv4 address in the station's subnet")
        } else if IPv4(host) == nil {
            fail("alb.meter-host", path, "\"\(host)\" is not an IPv4 address", hint: "write four numbers 0-255, like 192.168.0.4")
        }
    }

    /// SPEC §3: the meter in the station's subnet when the station's host has a prefix (a warning otherwise).
    mutating func checkMeterSubnet(_ host: String, _ path: FieldPath) {
        guard let meter = IPv4(host), let index = site.albStationIndex, let stationHost = site.stations[index].host else { return }
        let parts = stationHost.split(separator: "/")
        guard parts.count == 2, let station = IPv4(String(parts[0])), let prefix = Int(parts[1]), (0...32).contains(prefix) else { return }
        if !meter.isInSubnet(of: station, prefix: prefix) {
            warn("alb.meter-subnet", path, "the meter \(meter) is outside the subnet of its station \(stationHost)",
                 hint: "the station reaches the meter without a router only in its own subnet; check both addresses")
        }
    }

    /// SPEC §3 warning: a socket where a lone 14 A EV could not get 14 A.
    mutating func checkReach(_ layout: SiteLayout) {
        for socket in layout.sockets {
            let station = site.stations[socket.station]
            let entry = station.sockets[socket.connector - 1]
            let reach = min(entry.maxCurrent, station.maxCurrent, site.installation.maxCurrent, site.alb?.maxCurrent ?? .infinity)
            if reach < 14 {
                warn("socket.below-probing-minimum", Self.socket(socket.station, socket.connector - 1),
                     "SCN socket \(socket.scnID) (\(station.id):\(socket.connector)) can give at most \(Quantity.amps(reach)): an EV that needs 14 A will never charge there",
                     hint: "raise the socket, station, installation or ALB maximum to 14 A or more")
            }
        }
    }
}

extension Site {
    var withoutExplicitMappings: Site {
        var copy = self
        for index in copy.stations.indices {
            for socket in copy.stations[index].sockets.indices { copy.stations[index].sockets[socket].phaseMapping = nil }
        }
        return copy
    }
}
