import AllocationCore

/// The stable codes of SPEC §8's checklist, one per check; a check that found nothing reports `pass` under its
/// code, so the report lists every check that ran.
public enum VerifyCode: String, Sendable, CaseIterable {
    case settingDiffers = "verify.setting.differs"
    case settingUnreadable = "verify.setting.unreadable"
    case featureLocked = "verify.feature.locked"
    case firmwareMismatch = "verify.firmware.mismatch"
    case firmwareTooOld = "verify.firmware.too-old"
    case scnName = "verify.scn.name"
    case scnSocketCount = "verify.scn.socket-count"
    case scnSocketIDs = "verify.scn.socket-ids"
    case phaseRotation = "verify.phase.rotation"
    case albSource = "verify.alb.source"
    case meterUnreachable = "verify.meter.unreachable"
    case meterImplausible = "verify.meter.implausible"
    case meterSubnet = "verify.meter.subnet"
    case emsValidity = "verify.ems.validity"
    case safeCurrent = "verify.safe-current"
    case stationOffline = "verify.station.offline"

    /// Unreachable parts are exit 3 rather than 1 (SPEC §8).
    public var isCommunication: Bool { self == .stationOffline || self == .meterUnreachable }
}

extension Finding {
    init(_ severity: Severity, _ code: VerifyCode, _ message: String, hint: String = "") {
        self.init(severity: severity, code: code.rawValue, message: message, hint: hint)
    }
}
