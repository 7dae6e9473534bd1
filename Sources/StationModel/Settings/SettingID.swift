/// The product's semantic settings (SPEC §3): what a command changes, independent of the link that carries it.
public enum SettingID: String, Sendable, CaseIterable, Codable {
    case licenseKey = "licence.key"
    case unlockedFeatures = "licence.unlockedFeatures"
    case albEnabled = "alb.enabled"
    case smartChargingMode = "alb.smartChargingMode"
    case albDataSource = "alb.dataSource"
    case albProtocol = "alb.protocol"
    case rj11Mode = "alb.rj11Mode"
    case meterMaxCurrent = "alb.maxCurrent"
    case includesChargers = "alb.includesChargers"
    case albSafeCurrent = "alb.safeCurrent"
    case phaseConnected = "alb.phaseConnected"
    case allowPhaseSwitching = "alb.allowPhaseSwitching"
    case tcpMeterEnabled = "alb.tcpMeter.enabled"
    case tcpMeterModel = "alb.tcpMeter.model"
    case tcpMeterConnection = "alb.tcpMeter.connection"
    case tcpMeterAddress = "alb.tcpMeter.address"
    case tcpMeterUnit = "alb.tcpMeter.unit"
    case emsEnabled = "ems.enabled"
    case emsValidityTime = "ems.validityTime"
    case emsMode = "ems.mode"
    case stationMaxCurrent = "station.maxCurrent"
    case connector1MaxCurrent = "socket1.maxCurrent"
    case connector2MaxCurrent = "socket2.maxCurrent"
    case probingCurrent = "station.probingCurrent"
    case scnEnabled = "scn.enabled"
    case scnName = "scn.networkName"
    case scnSocketID = "scn.socketId"
    case scnSocketCount = "scn.socketCount"
    case scnAlternatingPeriod = "scn.alternatingPeriod"
    case scnTotalCurrent = "scn.totalCurrent"
    case scnSocketSafeCurrent = "scn.socketSafeCurrent"
    case scnTotalSafeCurrent = "scn.totalSafeCurrent"
    case scnPhaseMapping1 = "scn.phaseMapping1"
    case scnPhaseMapping2 = "scn.phaseMapping2"
    case backOfficeURL = "ocpp.backOfficeURL"

    /// `ConnectorN-MaxCurrent` for connector 1 or 2.
    public static func connectorMaxCurrent(_ connector: Int) -> SettingID { connector == 2 ? .connector2MaxCurrent : .connector1MaxCurrent }
    /// `SCN-PhaseMapping-N` for connector 1 or 2.
    public static func scnPhaseMapping(_ connector: Int) -> SettingID { connector == 2 ? .scnPhaseMapping2 : .scnPhaseMapping1 }
}
