import AllocationCore
import StationModel

/// The keys a simulated station exposes and their factory values: the settings catalog's OCPP keys (SPEC §3)
/// plus the standard keys a back office expects (reference/alfen-station.md §2.1, §2.2).
public enum StationKeyTable {
    /// Keys whose change answers RebootRequired: the licence and the load-balancing and SCN structure
    /// (reference §4.3: thirteen properties take effect only after a reboot).
    static let rebootKeys: Set<String> = [
        "FeatureLicenseKey", "Active-LoadBalancing", "ALB-ProtocolSelection", "MbsSlaveTCPIP", "MbsSlaveTCPIPMode",
        "MBTCPSmart-IsEnabled", "SCN-IsEnabled", "SCN-NetworkName", "SCN-SocketID", "SCN-SocketCount",
        "SCN-PhaseMapping-1", "SCN-PhaseMapping-2", "Phase-Connected",
    ]

    public static let maxKeys = 35

    /// The keys of a station with `identity`, in GetConfiguration order, with their factory values.
    public static func keys(for identity: VirtualStationIdentity) -> [(key: ConfigKey, value: String)] {
        var rows: [(key: ConfigKey, value: String)] = [
            (ConfigKey("HeartbeatInterval", rule: .integer(0...86400)), "900"),
            (ConfigKey("MeterValueSampleInterval", rule: .integer(0...86400)), "900"),
            (ConfigKey("GetConfigurationMaxKeys", readonly: true, rule: nil), String(maxKeys)),
            (ConfigKey("NumberOfConnectors", readonly: true, rule: nil), String(identity.sockets)),
            (ConfigKey("ChargeProfileMaxStackLevel", readonly: true, rule: nil), "5"),
            (ConfigKey("ConnectorPhaseRotation", rule: .text(maxLength: 100)), "0.RST"),
            (ConfigKey("LightIntensity", rule: .integer(0...100)), "100"),
            (ConfigKey("FeatureObjectId", readonly: true, rule: nil), String(identity.objectNumber)),
        ]
        for setting in SettingsCatalog.all {
            guard let name = setting.ocppKey else { continue }
            if identity.sockets < 2 && setting.id == .connector2MaxCurrent { continue }
            let rule: ConfigKey.Rule? = switch setting.id {
            case .unlockedFeatures: nil
            case .licenseKey: .licenceKey
            case .scnName: .scnName
            default: .setting(setting)
            }
            let key = ConfigKey(name, readonly: setting.kind == .readOnly, rebootRequired: rebootKeys.contains(name), rule: rule)
            rows.append((key, factoryValue(setting, identity)))
        }
        return rows
    }

    /// A factory-fresh station: the catalog's defaults, the model's currents, in no SCN, nothing unlocked.
    static func factoryValue(_ setting: Setting, _ identity: VirtualStationIdentity) -> String {
        if let value = setting.defaultValue, let wire = setting.kind.ocppString(value) { return wire }
        let threePhase = identity.phases == 3
        switch setting.id {
        case .unlockedFeatures: return "0"
        case .licenseKey, .scnName: return ""
        case .albProtocol: return "DSMR4.x/SMR5.0 (P1)"
        case .rj11Mode: return "DSMR P1"
        case .meterMaxCurrent: return "25"
        case .includesChargers, .scnEnabled: return "False"
        case .albSafeCurrent, .scnSocketSafeCurrent: return "6"
        case .emsMode: return "Off"
        case .stationMaxCurrent, .connector1MaxCurrent, .connector2MaxCurrent, .scnTotalCurrent: return "32"
        case .scnSocketID: return "0"
        case .scnSocketCount: return String(identity.sockets)
        case .phaseConnected: return threePhase ? "L1L2L3" : "L1"
        case .scnPhaseMapping1: return threePhase ? "4" : "1"
        case .scnPhaseMapping2: return identity.sockets == 2 ? (threePhase ? "4" : "1") : "0"
        default: return ""
        }
    }
}
