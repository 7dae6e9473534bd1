import AllocationCore

/// Every setting chargectl reads or writes, in one table (SPEC §3). OCPP key names are the manual's spellings,
/// unconfirmed on real stations: `KeyAliases` corrects them without a rebuild.
public enum SettingsCatalog {
    static let amps = SettingKind.amperes(0...1000)
    static let stationAmps = SettingKind.amperes(0...80)

    public static let all: [Setting] = [
        Setting(.licenseKey, "licence key", .secret, ocpp: "FeatureLicenseKey", https: .property("21A1_0")),
        Setting(.unlockedFeatures, "unlocked features", .readOnly, ocpp: "UnlockedFeatures", https: .property("21A2_0")),
        Setting(.albEnabled, "active load balancing", .bool(.onOff), default: .bool(false),
                ocpp: "Active-LoadBalancing", https: .bit("2064_0", mask: 0b10)),
        Setting(.smartChargingMode, "smart charging mode",
                .choice([.init("None", ocpp: "None", https: nil), .init("OCPP1.5+", ocpp: "OCPP1.5+", https: nil)]),
                default: .choice("None"), ocpp: "SmartCharging-Mode", https: .unsupported),
        Setting(.albDataSource, "ALB data source",
                .choice([.init("meter", ocpp: nil, https: 0), .init("meter+ems", ocpp: nil, https: 1), .init("ems", ocpp: nil, https: 3)]),
                ocpp: nil, https: .property("2530_1")),
        Setting(.albProtocol, "ALB protocol", .choice(ALBProtocol.choices), ocpp: "ALB-ProtocolSelection", https: .property("5217_0")),
        Setting(.rj11Mode, "RJ11 port mode",
                .choice([.init("p1", ocpp: "DSMR P1", https: 0),
                         .init("suspend-closed", ocpp: "Suspend when an external circuit is closed", https: 1),
                         .init("suspend-opened", ocpp: "Suspend when an external circuit is opened", https: 2)]),
                ocpp: "RJ11-Mode", https: .property("216C_0")),
        Setting(.meterMaxCurrent, "meter max current", amps, ocpp: "SmartMeter-MaxCurrent", https: .property("2067_0")),
        Setting(.includesChargers, "meter includes chargers", .bool(.trueFalse), ocpp: "SmartMeterIncludesCharger", https: .property("206F_0")),
        Setting(.albSafeCurrent, "ALB safe current", amps, ocpp: "Safe-MaxCurrent", https: .property("2068_0")),
        Setting(.phaseConnected, "ALB station's feeder phases", .phaseMapping(.name, allowsNone: false),
                ocpp: "Phase-Connected", https: .property("2069_0")),
        Setting(.allowPhaseSwitching, "allow 1/3-phase switching", .bool(.trueFalse), ocpp: nil, https: .property("2185_0")),
        Setting(.tcpMeterEnabled, "Modbus TCP meter enabled", .bool(.trueFalse), default: .bool(false),
                ocpp: "MBTCPSmart-IsEnabled", https: .property("2523_1")),
        Setting(.tcpMeterModel, "Modbus TCP meter model",
                .choice([.init("None", ocpp: "None", https: nil), .init("Socomec", ocpp: "Socomec", https: 1),
                         .init("custom", ocpp: nil, https: 2)]),
                default: .choice("Socomec"), ocpp: "MBTCPSmart-SlaveMeterModel", https: .property("2523_2")),
        Setting(.tcpMeterConnection, "Modbus TCP meter connection",
                .choice([.init("tcp", ocpp: "TCP master", https: 0), .init("rtu", ocpp: "RTU master", https: 1),
                         .init("udp", ocpp: "UDP master", https: 2)]),
                default: .choice("tcp"), ocpp: "MBTCPSmart-ConnectionType", https: .property("2523_3")),
        Setting(.tcpMeterAddress, "Modbus TCP meter address", .ipv4, default: IPv4("192.168.0.5").map(SettingValue.ipv4),
                ocpp: "MBTCPSmart-IPAddress", https: .property("2523_4")),
        Setting(.tcpMeterUnit, "Modbus TCP meter unit id", .integer(0...65535), default: .integer(5),
                ocpp: "MBTCPSmart-SlaveUnitID", https: .property("2523_6")),
        // Over OCPP the station reads a Socomec on port 502 only (SPEC §3); the HTTPS link sets any port and map.
        Setting(.tcpMeterPort, "Modbus TCP meter port", .integer(1...65535), default: .integer(502), ocpp: nil, https: .property("2523_5")),
        Setting(.tcpMeterRegisterMap, "Modbus TCP meter register map", .registerMap, ocpp: nil, https: .registerMap),
        Setting(.emsEnabled, "EMS (Modbus slave) enabled", .bool(.onOff), default: .bool(false),
                ocpp: "MbsSlaveTCPIP", https: .sharedValue("2530_1", value: 3, also: ["5217_0": -1])),
        Setting(.emsValidityTime, "EMS validity time", .seconds(1...86400), default: .integer(60),
                ocpp: "MbsSlaveTCPIPValidityTime", https: .property("2530_4")),
        Setting(.emsMode, "EMS mode",
                .choice([.init("off", ocpp: "Off", https: nil), .init("socket", ocpp: "Socket", https: 2), .init("scn", ocpp: "SCN", https: 1)]),
                ocpp: "MbsSlaveTCPIPMode", https: .property("2530_3")),
        Setting(.stationMaxCurrent, "station max current", stationAmps, ocpp: "Station-MaxCurrent", https: .property("2062_0")),
        Setting(.connector1MaxCurrent, "socket 1 max current", stationAmps, ocpp: "Connector1-MaxCurrent", https: .property("2129_0")),
        Setting(.connector2MaxCurrent, "socket 2 max current", stationAmps, ocpp: "Connector2-MaxCurrent", https: .property("3129_0")),
        Setting(.probingCurrent, "probing current", .amperes(6.01...32), default: .amperes(14),
                ocpp: "Chameleon-MinCurrent", https: .property("206A_0")),
        Setting(.scnEnabled, "SCN enabled", .bool(.trueFalse), ocpp: "SCN-IsEnabled",
                https: .derived("the station is in an SCN when its SCN name is not empty")),
        Setting(.scnName, "SCN name", .text(maxLength: 7), ocpp: "SCN-NetworkName", https: .property("2180_1")),
        Setting(.scnSocketID, "SCN first socket id", .integer(0...127), ocpp: "SCN-SocketID", https: .property("2180_2")),
        Setting(.scnSocketCount, "SCN socket count", .integer(1...128), ocpp: "SCN-SocketCount", https: .property("2180_3")),
        Setting(.scnAlternatingPeriod, "SCN alternating period", .seconds(60...36000), default: .integer(900),
                ocpp: "SCN-AlternatingPeriod", https: .property("2180_4")),
        Setting(.scnTotalCurrent, "SCN total current", amps, ocpp: "SCN-TotalStaticCurrent", https: .property("2180_5")),
        Setting(.scnSocketSafeCurrent, "SCN socket safe current", stationAmps, default: .amperes(6),
                ocpp: "SCN-SocketSafeCurrent", https: .property("2180_6")),
        // Manual §6.15 step 5 names it; SPEC §4 rule 4b says what it does.
        Setting(.scnTotalSafeCurrent, "SCN total safe current", amps, default: .amperes(32),
                ocpp: "SCN-TotalSafeCurrent", https: .property("2180_A")),
        Setting(.scnPhaseMapping1, "SCN phase mapping, socket 1", .phaseMapping(.number, allowsNone: false),
                ocpp: "SCN-PhaseMapping-1", https: .property("2180_7")),
        Setting(.scnPhaseMapping2, "SCN phase mapping, socket 2", .phaseMapping(.number, allowsNone: true),
                ocpp: "SCN-PhaseMapping-2", https: .property("2180_9")),
        Setting(.backOfficeURL, "back-office URL", .text(maxLength: 500), ocpp: nil,
                https: .firmwareDependent([(firmware: "0", ids: ["2071_1", "2071_2"]), (firmware: "6.0.0", ids: ["20F0_3"])])),
    ]

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// A setting by its id as people type it (`scn.totalSafeCurrent`, case-insensitive).
    public static func setting(named name: String) -> Setting? {
        all.first { $0.id.rawValue.lowercased() == name.lowercased() }
    }

    /// The setting a whole HTTPS property carries (`2062_0`); nil for bits, shared values and unknown ids.
    public static func setting(httpsProperty id: String) -> Setting? {
        all.first { if case .property(let own) = $0.https { own.lowercased() == id.lowercased() } else { false } }
    }

    public static func setting(_ id: SettingID) -> Setting {
        // Every SettingID has a row; the catalog test checks it.
        byID[id] ?? Setting(id, id.rawValue, .readOnly, ocpp: nil, https: .unsupported)
    }
}

/// `ALB-ProtocolSelection` values (OCPP strings, HTTPS `5217_0` integers).
public enum ALBProtocol {
    public static let choices: [SettingKind.Choice] = [
        .init("p1", ocpp: "DSMR4.x/SMR5.0 (P1)", https: 5),
        .init("modbus-tcp", ocpp: "Modbus TCP/IP", https: 4),
        .init("modbus-rtu", ocpp: "Modbus RTU", https: 6),
        .init("tic", ocpp: "TIC protocol", https: 7),
        .init("ems", ocpp: nil, https: -1),
    ]
}
