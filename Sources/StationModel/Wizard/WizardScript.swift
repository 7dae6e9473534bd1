import AllocationCore

/// The questions of SPEC §9 in their order, as a function of the answers so far: a later question exists only
/// when earlier answers call for it (an SCN only for two or more stations, a meter only for a Modbus source).
/// Every default is the value an installer would most often want, or what discovery or the model table knows.
struct WizardScript {
    let answers: [String: String]
    let context: WizardContext

    static let sources = ["none"] + ALBSource.allCases.map(\.rawValue)
    static let mappings = ["auto"] + PhaseMapping.all.map(\.name)

    var stationIDs: [String] { Self.stationIDs(answers["stations"] ?? "") }

    static func stationIDs(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    var link: String { answers["link"] ?? "ocpp" }
    var source: String { answers["alb.source"] ?? "none" }

    var questions: [WizardQuestion] { siteQuestions + licences + closingQuestions }

    /// After the site: where its file goes, whether to apply it, and then where verify's report goes.
    var closingQuestions: [WizardQuestion] {
        YesNo.parse(answers["apply"] ?? "") == true ? [siteFile, apply, report] : [siteFile, apply]
    }

    /// The questions that describe the site itself, before the licences it may need.
    var siteQuestions: [WizardQuestion] {
        var list = [stations, linkQuestion]
        if link == "https" { list.append(httpsPassword) }
        list += [siteName, phases, installationMax]
        for (index, id) in stationIDs.enumerated() { list += station(id, index) }
        if stationIDs.count > 1 { list += scn }
        return list + alb
    }

    // MARK: The stations and the link

    var stations: WizardQuestion {
        let found = context.found.map(\.id)
        return WizardQuestion(
            id: "stations", prompt: "Stations to commission (ids, separated by commas)",
            help: "The OCPP identities of the stations of this site, as discovery listed them or as printed on each station. "
                + "Two or more stations form a Smart Charging Network.",
            defaultAnswer: found.isEmpty ? nil : found.joined(separator: ","), completions: found, kind: .stationList)
    }

    var linkQuestion: WizardQuestion {
        WizardQuestion(id: "link", prompt: "Station link (https or ocpp)",
                       help: "https: the station's own HTTPS API on site, for factory-fresh stations (needs its admin password). "
                           + "ocpp: the stations connect to this laptop's central system (they must be pointed at it; see adopt).",
                       defaultAnswer: "ocpp", completions: ["https", "ocpp"], kind: .choice(["https", "ocpp"]))
    }

    var httpsPassword: WizardQuestion {
        WizardQuestion(id: "httpsPassword", prompt: "Where is the stations' HTTPS password (env:NAME or file:PATH)",
                       help: "The site file names where the password is, never the password: an environment variable (env:NAME) "
                           + "or a file readable only by you (file:PATH).",
                       defaultAnswer: "env:CHARGECTL_HTTPS_PASSWORD",
                       kind: .secretReference(stationIDs.indices.map { FieldPath.root + "stations" + $0 + "httpsPassword" }))
    }

    // MARK: The installation

    var siteName: WizardQuestion {
        WizardQuestion(id: "site", prompt: "Site name", help: "Free text: it heads the plan, the preview and the report.",
                       defaultAnswer: context.startingSite?.name ?? "My site", kind: .site(.root + "site"))
    }

    var phases: WizardQuestion {
        WizardQuestion(id: "installation.phases", prompt: "Phases at the point of interconnection (1 or 3)",
                       help: "1 or 3: the phases the grid connection brings to the chargers.",
                       defaultAnswer: "3", completions: ["1", "3"], kind: .site(.root + "installation" + "phases"))
    }

    var installationMax: WizardQuestion {
        WizardQuestion(id: "installation.maxCurrent", prompt: "Current available to the chargers in total (A per phase)",
                       help: "The fuse or contract limit for all the chargers together, in amperes per phase. "
                           + "With an SCN it becomes SCN-TotalStaticCurrent.",
                       kind: .site(.root + "installation" + "maxCurrent"))
    }

    // MARK: Each station

    func station(_ id: String, _ index: Int) -> [WizardQuestion] {
        let path = FieldPath.root + "stations" + index
        let found = context.station(id)
        var list = [WizardQuestion(id: "station.\(id).name", prompt: "\(id): a name (optional, 'none' for none)",
                                   help: "A short alias such as bay-1; commands accept it instead of the id.",
                                   defaultAnswer: "none", kind: .site(path + "name", omitWhen: ["none"]))]
        if found?.host == nil {
            list.append(WizardQuestion(id: "station.\(id).host", prompt: "\(id): its IPv4 address ('none' if unknown)",
                                       help: "For its Modbus status and the HTTPS link; add /24 to enable the subnet checks.",
                                       defaultAnswer: "none", kind: .site(path + "host", omitWhen: ["none"])))
        }
        if found?.model.flatMap(StationModels.lookup) == nil {
            list.append(WizardQuestion(id: "station.\(id).phases", prompt: "\(id): phases of its supply (1 or 3)",
                                       help: "The model is unknown, so its phases are asked: 1 or 3.",
                                       defaultAnswer: answers["installation.phases"] ?? "3", completions: ["1", "3"],
                                       kind: .site(path + "phases")))
        }
        list.append(WizardQuestion(id: "station.\(id).maxCurrent", prompt: "\(id): station maximum current (A)",
                                   help: "Station-MaxCurrent: the most this station may draw, per phase; at most its supply's fuse.",
                                   defaultAnswer: "32", kind: .site(path + "maxCurrent")))
        let socketsDefault = found?.sockets.map(String.init) ?? "1"
        list.append(WizardQuestion(id: "station.\(id).sockets", prompt: "\(id): number of sockets (1 or 2)",
                                   help: "1 for an Eve Single, 2 for an Eve Double.", defaultAnswer: socketsDefault,
                                   completions: ["1", "2"], kind: .choice(["1", "2"])))
        let socketCount = Int(answers["station.\(id).sockets"] ?? socketsDefault) ?? 1
        for socket in 0..<socketCount {
            let socketPath = path + "sockets" + socket
            list.append(WizardQuestion(id: "station.\(id).socket\(socket + 1).maxCurrent",
                                       prompt: "\(id) socket \(socket + 1): maximum current (A)",
                                       help: "ConnectorN-MaxCurrent: the socket's cable or outlet rating, at most the station's maximum.",
                                       defaultAnswer: answers["station.\(id).maxCurrent"] ?? "32",
                                       kind: .site(socketPath + "maxCurrent")))
            list.append(WizardQuestion(id: "station.\(id).socket\(socket + 1).phaseMapping",
                                       prompt: "\(id) socket \(socket + 1): phase mapping ('auto' for the recommended rotation)",
                                       help: "How the socket's L1-L2-L3 connect to the grid's phases. 'auto' assigns the recommended "
                                           + "rotation (L1L2L3, L2L3L1, L3L1L2, …) so that single-phase EVs spread over the phases.",
                                       defaultAnswer: "auto", completions: Self.mappings,
                                       kind: .site(socketPath + "phaseMapping", omitWhen: ["auto"])))
        }
        return list
    }

    // MARK: The Smart Charging Network

    var scn: [WizardQuestion] {
        let path = FieldPath.root + "scn"
        return [
            WizardQuestion(id: "scn.name", prompt: "SCN name (A-Z and 0-9, 1 to 7 characters)",
                           help: "SCN-NetworkName, the same on every member.", kind: .site(path + "name")),
            WizardQuestion(id: "scn.socketSafeCurrent", prompt: "Socket safe current (A)",
                           help: "SCN-SocketSafeCurrent: what each socket may draw when a member loses the network.",
                           defaultAnswer: "6", kind: .site(path + "socketSafeCurrent")),
            WizardQuestion(id: "scn.alternatingPeriod", prompt: "Alternating period (s)",
                           help: "SCN-AlternatingPeriod: how long a paused EV waits for its turn; 900 s or more (the vendor app refuses less).",
                           defaultAnswer: "900", kind: .site(path + "alternatingPeriod")),
            WizardQuestion(id: "scn.totalSafeCurrent", prompt: "Total safe current (A, 'none' to leave it alone)",
                           help: "SCN-TotalSafeCurrent: what the whole SCN may draw when the network is lost.",
                           defaultAnswer: "none", kind: .site(path + "totalSafeCurrent", omitWhen: ["none"])),
        ]
    }

    // MARK: Active Load Balancing

    var alb: [WizardQuestion] {
        let path = FieldPath.root + "alb"
        var list = [WizardQuestion(id: "alb.source", prompt: "Active Load Balancing data source",
                                   help: "none, p1 (smart meter on the RJ11 port), tic (French meters), modbus-rtu (meter on RS-485), "
                                       + "modbus-tcp (meter on the LAN), ems (an energy manager writes set points).",
                                   defaultAnswer: "none", completions: Self.sources,
                                   kind: .site(path + "source", omitWhen: ["none"]))]
        guard source != "none" else { return list }
        if stationIDs.count > 1 {
            list.append(WizardQuestion(id: "alb.station", prompt: "Station that hosts the meter or EMS",
                                       help: "The SCN member wired to the meter (or that the EMS talks to).",
                                       defaultAnswer: stationIDs.first, completions: stationIDs, kind: .site(path + "station")))
        }
        list += [
            WizardQuestion(id: "alb.maxCurrent", prompt: "Meter maximum current (A per phase)",
                           help: "SmartMeter-MaxCurrent: the limit of the installation at the meter.", kind: .site(path + "maxCurrent")),
            WizardQuestion(id: "alb.safeCurrent", prompt: "ALB safe current (A)",
                           help: "Safe-MaxCurrent: what the chargers may draw when the data source is lost.", kind: .site(path + "safeCurrent")),
            WizardQuestion(id: "alb.includesChargers", prompt: "Does the meter measure the chargers too (yes/no)",
                           help: "yes when the chargers are behind the meter, so their own current is in its reading.",
                           defaultAnswer: "no", completions: YesNo.words, kind: .site(path + "includesChargers")),
            WizardQuestion(id: "alb.phaseConnected", prompt: "Grid phases on the ALB station's feeder ('auto': its own mapping)",
                           help: "Phase-Connected (manual §5.3.3 step 10): the grid phases in the station's L1-L2-L3 order.",
                           defaultAnswer: "auto", completions: Self.mappings,
                           kind: .site(path + "phaseConnected", omitWhen: ["auto"])),
        ]
        if link == "https" {
            list.append(WizardQuestion(id: "alb.allowPhaseSwitching", prompt: "Allow 1-/3-phase switching (yes/no)",
                                       help: "Lets the station switch an EV between 1 and 3 phases (HTTPS link only).",
                                       defaultAnswer: "no", completions: YesNo.words, kind: .site(path + "allowPhaseSwitching")))
        }
        switch source {
        case ALBSource.modbusTCP.rawValue, ALBSource.modbusRTU.rawValue:
            list += meter(path + "meter")
        case ALBSource.ems.rawValue:
            list += [
                WizardQuestion(id: "alb.ems.mode", prompt: "EMS mode (scn or socket)",
                               help: "scn: one set point for the network; socket: a set point per socket.",
                               defaultAnswer: "scn", completions: ["scn", "socket"], kind: .site(path + "ems" + "mode")),
                WizardQuestion(id: "alb.ems.validityTime", prompt: "EMS validity time (s)",
                               help: "A set point lapses after this long; the EMS must write more often (at least twice per period).",
                               defaultAnswer: "60", kind: .site(path + "ems" + "validityTime")),
            ]
        default:
            break
        }
        return list
    }

    func meter(_ path: FieldPath) -> [WizardQuestion] {
        [
            WizardQuestion(id: "alb.meter.host", prompt: "Meter IPv4 address",
                           help: "The Modbus TCP meter's (or RS-485 gateway's) address, in the ALB station's subnet.",
                           kind: .site(path + "host")),
            WizardQuestion(id: "alb.meter.port", prompt: "Meter Modbus port", help: "502 unless the meter says otherwise.",
                           defaultAnswer: "502", kind: .site(path + "port")),
            WizardQuestion(id: "alb.meter.unit", prompt: "Meter Modbus unit id",
                           help: "Its Modbus address, on its display or in its set-up menu.", defaultAnswer: "5", kind: .site(path + "unit")),
            WizardQuestion(id: "alb.meter.preset", prompt: "Meter model (preset)",
                           help: "The meter's register map; `chargectl meter presets` lists them.",
                           defaultAnswer: context.presets.contains("socomec-countis-e27") ? "socomec-countis-e27" : context.presets.first,
                           completions: context.presets, kind: .site(path + "preset")),
        ]
    }

    // MARK: Licences, the file, the run

    /// A licence key is asked for each station whose unlocked features (where read) lack one the site needs.
    var licences: [WizardQuestion] {
        guard let site = WizardDraft(answers: answers, questions: siteQuestions).site() else { return [] }
        return site.stations.enumerated().compactMap { index, station in
            guard let unlocked = context.features[station.id] else { return nil }
            let missing = site.requiredFeatures(of: station.id).filter { name in
                UnlockedFeatures.bit(named: name).map { unlocked.bits & $0 == 0 } ?? false
            }
            guard !missing.isEmpty else { return nil }
            return WizardQuestion(id: "station.\(station.id).licenseKey",
                                  prompt: "\(station.id) lacks \(missing.joined(separator: ", ")): where is its licence key (env:NAME or file:PATH)",
                                  help: "The licence key unlocks the features this site uses; the site file names where it is, never the key.",
                                  kind: .secretReference([FieldPath.root + "stations" + index + "licenseKey"]))
        }
    }

    var siteFile: WizardQuestion {
        WizardQuestion(id: "file", prompt: "Write the site file to", help: "Where the site file goes; plan, apply and verify read it.",
                       defaultAnswer: context.startingSite?.file ?? "site.yaml", kind: .path(optional: false))
    }

    var apply: WizardQuestion {
        WizardQuestion(id: "apply", prompt: "Apply it to the stations now, then verify (yes/no)",
                       help: "yes writes the plan to the stations (backup first), reboots them where needed and runs verify.",
                       defaultAnswer: "no", completions: YesNo.words, kind: .choice(YesNo.words))
    }

    var report: WizardQuestion {
        WizardQuestion(id: "report", prompt: "Write the commissioning report to ('none' for none)",
                       help: "An .html or .md report for the customer, written by verify.",
                       defaultAnswer: "none", kind: .path(optional: true))
    }
}
