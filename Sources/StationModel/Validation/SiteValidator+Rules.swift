import AllocationCore

extension SiteValidator {
    /// SPEC §3 currents, by the shared rules (`Validator.current`) named as the site file names them.
    mutating func checkCurrents() {
        let namer = FieldNamer.siteFile
        add(Validator.current(site.installation.maxCurrent, .installationMax, .installationMaxCurrent, namer))
        for (index, station) in site.stations.enumerated() {
            let stationErrors = Validator.current(station.maxCurrent, .stationMax, .stationMaxCurrent(station: index), namer)
            add(stationErrors)
            for (offset, socket) in station.sockets.enumerated() {
                let socketErrors = Validator.current(socket.maxCurrent, .socketMax, .socketMaxCurrent(station: index, socket: offset), namer)
                add(socketErrors)
                if stationErrors.isEmpty, socketErrors.isEmpty {
                    add(Validator.socketWithinStation(socket: socket.maxCurrent, station: station.maxCurrent,
                                                      .socketMaxCurrent(station: index, socket: offset), .stationMaxCurrent(station: index), namer))
                }
            }
            if let probing = station.probingCurrent {
                add(Validator.current(probing, .probing, .probingCurrent(station: index), namer))
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
        add(Validator.alternatingPeriod(scn.alternatingPeriod, .siteFile))
        if let warning = Validator.alternatingPeriodWarning(scn.alternatingPeriod, at: scnPath + "alternatingPeriod") {
            report.warnings.append(warning)
        }
        add(Validator.current(scn.socketSafeCurrent, .safe, .scnSocketSafeCurrent, .siteFile))
        if let total = scn.totalSafeCurrent { add(Validator.current(total, .safe, .scnTotalSafeCurrent, .siteFile)) }
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
