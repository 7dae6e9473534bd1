import AllocationCore

extension VerifyChecks {
    /// `verify.scn.name`: every member in the site's SCN by its settings, its Modbus SCN block and its mDNS
    /// `scnnetwork`; and no station outside the file advertising the same SCN (SPEC §8).
    mutating func scnName() {
        guard let scn = site.scn else { return }
        var found: [Finding] = []
        var ran = false
        for (entry, reading) in readings {
            var seen: [(source: String, name: String)] = []
            if case .text(let name)? = value(.scnName, of: reading) { seen.append(("its settings", name)) }
            if let modbus = reading.modbus { seen.append(("its Modbus server", modbus.scnName)) }
            if let advertised = input.advertised.first(where: { $0.identity == entry.id }) { seen.append(("mDNS", advertised.scnNetwork ?? "")) }
            ran = ran || !seen.isEmpty
            for (source, name) in seen where name != scn.name {
                found.append(Finding(.fail, .scnName,
                                     "\(entry.id): " + (name.isEmpty ? "in no SCN" : "in SCN \"\(name)\"") + " by \(source), the site's SCN is \(scn.name)",
                                     hint: "run chargectl apply SITE so every member joins \(scn.name)"))
            }
        }
        let listed = Set(site.stations.map(\.id))
        for other in input.advertised where !listed.contains(other.identity) && other.scnNetwork == scn.name {
            found.append(Finding(.fail, .scnName,
                                 "\(other.identity) advertises SCN \(scn.name) on mDNS but the site file does not list it",
                                 hint: "add the station to the site file, or take it out of the SCN (chargectl scn create --leave)"))
        }
        report(.scnName, found, ran: ran, pass: "every member is in SCN \(scn.name)")
    }

    /// `verify.scn.socket-count`: every member counts the site's sockets, by its settings and its Modbus SCN block.
    mutating func scnSocketCount() {
        guard site.scn != nil else { return }
        let expected = layout.sockets.count
        var found: [Finding] = []
        var ran = false
        for (entry, reading) in readings {
            var counts: [(source: String, count: Int)] = []
            if case .integer(let count)? = value(.scnSocketCount, of: reading) { counts.append(("its settings", count)) }
            if let count = reading.modbus?.scnSockets { counts.append(("its Modbus server", count)) }
            ran = ran || !counts.isEmpty
            for (source, count) in counts where count != expected {
                found.append(Finding(.fail, .scnSocketCount, "\(entry.id): counts \(count) SCN sockets by \(source), the site has \(expected)",
                                     hint: "run chargectl apply SITE so every member counts every socket"))
            }
        }
        report(.scnSocketCount, found, ran: ran, pass: "every member counts the SCN's \(expected) sockets")
    }

    /// `verify.scn.socket-ids`: the members' socket ids as read are unique and run from 0 without a gap.
    mutating func scnSocketIDs() {
        guard site.scn != nil else { return }
        var owners: [Int: [String]] = [:]
        var complete = true
        for (entry, reading) in readings {
            guard case .integer(let first)? = value(.scnSocketID, of: reading) else {
                complete = false
                continue
            }
            var count = entry.sockets.count
            if case .mapping(let second)? = value(.scnPhaseMapping2, of: reading) { count = second == nil ? 1 : 2 }
            for id in first..<first + max(1, count) { owners[id, default: []].append(entry.id) }
        }
        var found: [Finding] = []
        for (id, stations) in owners.sorted(by: { $0.key < $1.key }) where stations.count > 1 {
            found.append(Finding(.fail, .scnSocketIDs, "SCN socket id \(id) is taken by \(stations.joined(separator: " and "))",
                                 hint: "give each station its own SCN-SocketID (a two-socket station takes its id and the next); run chargectl apply SITE"))
        }
        let ids = owners.keys.sorted()
        if complete, !ids.isEmpty, ids != Array(0..<ids.count) {
            let missing = (0..<(ids.last ?? 0)).filter { owners[$0] == nil }
            found.append(Finding(.fail, .scnSocketIDs,
                                 "the SCN's socket ids are \(ids.map(String.init).joined(separator: ", ")), not 0 to \(ids.count - 1)"
                                    + (missing.isEmpty ? "" : " (missing \(missing.map(String.init).joined(separator: ", ")))"),
                                 hint: "number the sockets from 0 without gaps; run chargectl apply SITE"))
        }
        report(.scnSocketIDs, found, ran: !owners.isEmpty, pass: "the SCN's socket ids run from 0 to \(max(ids.count - 1, 0)), each once")
    }

    /// `verify.phase.rotation`: on a 3-phase site the mappings as read follow the recommended rotation (a warning,
    /// as in validation), and `Phase-Connected` is the ALB station's own mapping (a failure: both describe its feeder).
    mutating func phaseRotation() {
        var found: [Finding] = []
        var ran = false
        if site.installation.phases == 3, site.scn != nil {
            let recommended = SiteLayout(site.withoutExplicitMappings)
            for (index, pair) in readings.enumerated() {
                for connector in 1...max(1, pair.entry.sockets.count) {
                    guard case .mapping(let mapping?)? = value(.scnPhaseMapping(connector), of: pair.reading),
                          let expected = recommended.socket(station: index, connector: connector)?.mapping else { continue }
                    ran = true
                    if mapping != expected {
                        found.append(Finding(.warn, .phaseRotation,
                                             "\(pair.entry.id):\(connector) is mapped \(mapping.name) where the recommended rotation gives \(expected.name)",
                                             hint: "rotating phases spreads 1-phase EVs over L1, L2 and L3; check the wiring and the site file's phaseMapping"))
                    }
                }
            }
        }
        if site.alb != nil, let index = site.albStationIndex, let reading = reading(site.stations[index].id),
           case .mapping(let connected?)? = value(.phaseConnected, of: reading) {
            var own = layout.socket(station: index, connector: 1)?.mapping
            if case .mapping(let read?)? = value(.scnPhaseMapping1, of: reading) { own = read }
            ran = true
            if let own, own != connected {
                found.append(Finding(.fail, .phaseRotation,
                                     "\(reading.id): Phase-Connected is \(connected.name) but the station's own mapping is \(own.name); both describe its feeder",
                                     hint: "check the feeder's phase order and correct alb.phaseConnected or the socket's phaseMapping; then chargectl apply SITE"))
            }
        }
        report(.phaseRotation, found, ran: ran, pass: "the phase mappings follow the recommended rotation and agree with Phase-Connected")
    }
}
