import AllocationCore

extension SiteValidator {
    mutating func positive(_ value: Double, _ path: FieldPath, _ what: String) {
        if value <= 0 { fail("current.not-positive", path, "\(what) must be more than 0 A, found \(Quantity.amps(value))", hint: "write the current in amperes") }
    }

    mutating func checkCurrents() {
        positive(site.installation.maxCurrent, .root + "installation" + "maxCurrent", "the installation's maximum")
        for (index, station) in site.stations.enumerated() {
            positive(station.maxCurrent, Self.station(index) + "maxCurrent", "a station's maximum")
            for (offset, socket) in station.sockets.enumerated() {
                let path = Self.socket(index, offset) + "maxCurrent"
                positive(socket.maxCurrent, path, "a socket's maximum")
                if socket.maxCurrent > station.maxCurrent {
                    fail("socket.max-above-station", path,
                         "the socket's \(Quantity.amps(socket.maxCurrent)) is above its station's \(Quantity.amps(station.maxCurrent))",
                         hint: "lower the socket's maxCurrent or raise stations[\(index)].maxCurrent")
                }
            }
            if let probing = station.probingCurrent, !(probing > 6 && probing <= 32) {
                fail("station.probing-current", Self.station(index) + "probingCurrent",
                     "the probing current must be above 6 A and at most 32 A, found \(Quantity.amps(probing))",
                     hint: "leave it out for the default 14 A")
            }
        }
        if let alb = site.alb {
            positive(alb.maxCurrent, .root + "alb" + "maxCurrent", "alb.maxCurrent")
            positive(alb.safeCurrent, .root + "alb" + "safeCurrent", "alb.safeCurrent")
            if alb.safeCurrent > alb.maxCurrent {
                fail("alb.safe-above-max", .root + "alb" + "safeCurrent",
                     "the safe current \(Quantity.amps(alb.safeCurrent)) is above the meter's maximum \(Quantity.amps(alb.maxCurrent))",
                     hint: "the safe current protects that maximum: lower it to \(Quantity.amps(alb.maxCurrent)) or less")
            }
        }
    }

    mutating func checkSCN(_ layout: SiteLayout) {
        guard let scn = site.scn else { return }
        let scnPath = FieldPath.root + "scn"
        if !scn.name.isValidSCNName {
            fail("scn.name", scnPath + "name", "\"\(scn.name)\" is not an SCN name",
                 hint: "1 to 7 characters, capital letters A-Z and digits 0-9 only, for example \(scn.name.suggestedSCNName)")
        }
        if !(60...36000).contains(scn.alternatingPeriod) {
            fail("scn.alternating-period", scnPath + "alternatingPeriod",
                 "the alternating period must be 60 to 36000 s, found \(Quantity.decimal(scn.alternatingPeriod, places: 3)) s",
                 hint: "the default is 900 s (15 min)")
        }
        if link == .https, (60..<900).contains(scn.alternatingPeriod) {
            warn("scn.alternating-period-https", scnPath + "alternatingPeriod",
                 "the HTTPS API is reported to accept alternating periods from 900 s only",
                 hint: "use 900 s or more, or --via ocpp")
        }
        positive(scn.socketSafeCurrent, scnPath + "socketSafeCurrent", "the socket safe current")
        if scn.socketSafeCurrent > 0, scn.socketSafeCurrent < 6 {
            warn("scn.safe-below-minimum", scnPath + "socketSafeCurrent",
                 "a socket safe current of \(Quantity.amps(scn.socketSafeCurrent)) is below the 6 A an EV needs: EVs stop when the SCN link is lost",
                 hint: "use 6 A or more")
        }
        for (index, station) in site.stations.enumerated() {
            for (offset, socket) in station.sockets.enumerated() where scn.socketSafeCurrent > socket.maxCurrent {
                fail("scn.safe-above-socket-max", scnPath + "socketSafeCurrent",
                     "the socket safe current \(Quantity.amps(scn.socketSafeCurrent)) is above stations[\(index)].sockets[\(offset)]'s maximum \(Quantity.amps(socket.maxCurrent))",
                     hint: "lower socketSafeCurrent to at most the smallest socket maximum")
            }
        }
        var owner: [Int: Int] = [:]
        for socket in layout.sockets {
            let path = Self.station(socket.station) + "socketId"
            if socket.scnID > 127 || socket.scnID < 0 {
                fail("scn.socket-id-range", path, "SCN socket id \(socket.scnID) is outside 0 to 127 (an SCN has at most 128 sockets)",
                     hint: "renumber the socketIds from 0")
            } else if let other = owner[socket.scnID], other != socket.station {
                fail("scn.duplicate-socket-id", path,
                     "SCN socket id \(socket.scnID) is used by stations[\(other)] too (a two-socket station takes its id and the next)",
                     hint: "give each station a socketId not used by another, or leave socketId out to number in file order")
            }
            owner[socket.scnID] = owner[socket.scnID] ?? socket.station
        }
        if layout.sockets.count > 128 {
            fail("scn.too-many-sockets", .root + "stations", "an SCN has at most 128 sockets, this one \(layout.sockets.count)",
                 hint: "split the site into two SCNs, each with its own name and site file")
        }
    }
}

extension String {
    /// SPEC §3: `[A-Z0-9]{1,7}`.
    var isValidSCNName: Bool {
        (1...7).contains(count) && allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    var suggestedSCNName: String {
        let cleaned = uppercased().filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        return String((cleaned.isEmpty ? "SCN1" : cleaned).prefix(7))
    }
}
