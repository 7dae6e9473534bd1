import AllocationCore

extension VerifyChecks {
    /// `verify.setting.differs`: every planned setting, as the station has it, against the plan's value (one finding
    /// each). A setting the station does not list is reported, never skipped (SPEC §3).
    mutating func settings() {
        var found: [Finding] = []
        var compared = 0
        for (entry, reading) in readings {
            guard let configuration = reading.configuration,
                  let planned = input.plan.stations.first(where: { $0.station == entry.id }) else { continue }
            let reader = reader(reading)
            for change in planned.changes where !SettingsCatalog.setting(change.setting).isSecret {
                guard let key = reader.key(change.setting) ?? (change.setting == .scnEnabled && input.link == .https ? "2180_1" : nil) else {
                    continue  // The link cannot carry it: the plan warned already.
                }
                let label = SettingsCatalog.setting(change.setting).label
                guard let current = reader.value(change.setting, in: configuration) else {
                    let raw = configuration.value(forKey: key)
                    found.append(Finding(.warn, .settingUnreadable,
                                         "\(entry.id): \(key) (\(label)) " + (raw.map { "reads \"\($0)\", which is not a value of this setting" } ?? "is not listed by the station"),
                                         hint: "check the key's name on this firmware (chargectl config get \(entry.id)); a key-alias file can rename it"))
                    continue
                }
                compared += 1
                if !SettingReader.same(current, change.to, of: change.setting) {
                    found.append(Finding(.fail, .settingDiffers,
                                         "\(entry.id): \(key) (\(label)) is \(shown(current, change.setting)), the plan says \(shown(change.to, change.setting))",
                                         hint: "run chargectl apply SITE to write the plan again, or correct the site file if the station is right"))
                }
            }
        }
        let differs = found.filter { $0.code == VerifyCode.settingDiffers.rawValue }
        findings += found
        if differs.isEmpty, compared > 0 {
            findings.append(Finding(.pass, .settingDiffers, "all \(compared) planned settings read back as planned"))
        }
    }

    /// A value as the link spells it (`On`, `Modbus TCP/IP`, `192.168.000.004`), amperes with their unit, and
    /// an empty text said so.
    func shown(_ value: SettingValue, _ id: SettingID) -> String {
        if case .amperes(let amps) = value { return Quantity.amps(amps) }
        let kind = SettingsCatalog.setting(id).kind
        let wire = (input.link == .ocpp ? kind.ocppString(value) : kind.httpsString(value)) ?? value.description
        return wire.isEmpty ? "empty" : "\"\(wire)\""
    }

    /// `verify.feature.locked`: a feature the site uses on a station (SCN, ALB) missing from its `UnlockedFeatures`.
    /// Firmware below 3.4.0 has every feature (reference §4.4).
    mutating func features() {
        var found: [Finding] = []
        var ran = false
        for (entry, reading) in readings where reading.reached {
            let required = site.requiredFeatures(of: entry.id)
            guard !required.isEmpty, UnlockJudge.needsLicence(firmware: reading.knownFirmware) else { continue }
            let features = unlockedFeatures(reading)
            ran = true
            let missing = required.filter { name in (UnlockedFeatures.bit(named: name) ?? 0) & (features?.bits ?? 0) == 0 }
            guard !missing.isEmpty else { continue }
            found.append(Finding(.fail, .featureLocked,
                                 "\(entry.id): the site uses \(missing.joined(separator: ", ")), which its licence does not unlock (UnlockedFeatures: "
                                    + (features.map { $0.featureNames.isEmpty ? "none" : $0.featureNames.joined(separator: ", ") } ?? "not readable") + ")",
                                 hint: "unlock it: chargectl unlock \(entry.id) --license-key-env NAME" + missing.map { " --expect \($0)" }.joined()))
        }
        report(.featureLocked, found, ran: ran, pass: "every station has the features the site uses")
    }

    func unlockedFeatures(_ reading: StationReading) -> UnlockedFeatures? {
        guard let configuration = reading.configuration, let key = reader(reading).key(.unlockedFeatures),
              let wire = configuration.value(forKey: key) else { return nil }
        return UnlockedFeatures(wire)
    }

    /// `verify.firmware.mismatch` and `verify.firmware.too-old` (SPEC §3, §8): SCN members on one firmware, at
    /// least 3.3 for an SCN and 3.4.0 on the station of a Modbus TCP meter.
    mutating func firmware() {
        let known = readings.compactMap { pair in pair.reading.knownFirmware.map { (id: pair.entry.id, firmware: $0) } }
        var mismatch: [Finding] = []
        if site.scn != nil, Set(known.map(\.firmware)).count > 1 {
            mismatch.append(Finding(.fail, .firmwareMismatch,
                                    "the SCN's members run different firmware: " + known.map { "\($0.id) \($0.firmware)" }.joined(separator: ", "),
                                    hint: "update every member to the same firmware (the vendor's installer or app) before commissioning the SCN"))
        }
        report(.firmwareMismatch, mismatch, ran: site.scn != nil && known.count > 1, pass: "every SCN member runs the same firmware")

        var old: [Finding] = []
        for item in known {
            if site.scn != nil, FirmwareVersion(item.firmware) < FirmwareVersion("3.3") {
                old.append(Finding(.fail, .firmwareTooOld, "\(item.id): firmware \(item.firmware) is below 3.3, which an SCN needs",
                                   hint: "update the station's firmware to 3.3 or later"))
            }
            if site.alb?.source == .modbusTCP, let index = site.albStationIndex, site.stations[index].id == item.id,
               FirmwareVersion(item.firmware) < FirmwareVersion("3.4.0") {
                old.append(Finding(.fail, .firmwareTooOld, "\(item.id): firmware \(item.firmware) is below 3.4.0, which a Modbus TCP meter needs",
                                   hint: "update the ALB station's firmware to 3.4.0 or later"))
            }
        }
        report(.firmwareTooOld, old, ran: !known.isEmpty && (site.scn != nil || site.alb?.source == .modbusTCP),
               pass: "every station's firmware is recent enough for what the site uses")
    }
}
