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
        add(Validator.alb(ALBRequest(site: alb), link: link, complete: true, .siteFile))
        if let phaseConnected = alb.phaseConnected, let index = site.albStationIndex {
            add(Validator.phaseConnected(phaseConnected, stationMapping: site.albStationMapping(),
                                         singlePhase: site.installation.phases == 1 || site.stationPhases(index) == 1, .siteFile))
        }
        if alb.source == .modbusTCP, let meter = alb.meter {
            checkMeterSubnet(meter.host, path + "meter" + "host")
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
