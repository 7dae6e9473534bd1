import AllocationCore

/// The answers a site file already gives (`wizard --site FILE`): each field as the text a person would have typed,
/// under its question's id, so only what the file leaves out is asked.
enum WizardAnswers {
    static func answers(describing site: Site) -> [String: String] {
        var answers: [String: String] = [
            "stations": site.stations.map(\.id).joined(separator: ","),
            "link": site.stations.contains { $0.httpsPassword != nil } ? "https" : "ocpp",
            "site": site.name,
            "installation.phases": String(site.installation.phases),
            "installation.maxCurrent": number(site.installation.maxCurrent),
        ]
        if let password = site.stations.lazy.compactMap(\.httpsPassword).first { answers["httpsPassword"] = password.reference }
        for station in site.stations {
            let prefix = "station.\(station.id)."
            answers[prefix + "name"] = station.name ?? "none"
            answers[prefix + "host"] = station.host ?? "none"
            if let phases = station.phases { answers[prefix + "phases"] = String(phases) }
            answers[prefix + "maxCurrent"] = number(station.maxCurrent)
            answers[prefix + "sockets"] = String(station.sockets.count)
            for (index, socket) in station.sockets.enumerated() {
                answers[prefix + "socket\(index + 1).maxCurrent"] = number(socket.maxCurrent)
                answers[prefix + "socket\(index + 1).phaseMapping"] = socket.phaseMapping?.name ?? "auto"
            }
            if let licence = station.licenseKey { answers[prefix + "licenseKey"] = licence.reference }
        }
        if let scn = site.scn {
            answers["scn.name"] = scn.name
            answers["scn.socketSafeCurrent"] = number(scn.socketSafeCurrent)
            answers["scn.alternatingPeriod"] = number(scn.alternatingPeriod)
            answers["scn.totalSafeCurrent"] = scn.totalSafeCurrent.map(number) ?? "none"
        }
        guard let alb = site.alb else {
            answers["alb.source"] = "none"
            return answers
        }
        answers["alb.source"] = alb.source.rawValue
        answers["alb.station"] = alb.station ?? site.stations.first?.id
        answers["alb.maxCurrent"] = number(alb.maxCurrent)
        answers["alb.safeCurrent"] = number(alb.safeCurrent)
        answers["alb.includesChargers"] = alb.includesChargers ? "yes" : "no"
        answers["alb.phaseConnected"] = alb.phaseConnected?.name ?? "auto"
        answers["alb.allowPhaseSwitching"] = alb.allowPhaseSwitching ? "yes" : "no"
        if let meter = alb.meter {
            answers["alb.meter.host"] = meter.host
            answers["alb.meter.port"] = String(meter.port)
            answers["alb.meter.unit"] = String(meter.unit)
            answers["alb.meter.preset"] = meter.preset
        }
        if let ems = alb.ems {
            answers["alb.ems.mode"] = ems.mode == .socket ? "socket" : "scn"
            answers["alb.ems.validityTime"] = number(ems.validityTime)
        }
        return answers
    }

    private static func number(_ value: Double) -> String { Quantity.decimal(value, places: 2) }
}
