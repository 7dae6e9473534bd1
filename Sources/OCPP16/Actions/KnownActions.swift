/// Every action name of OCPP 1.6 (core and optional profiles, OCPP 1.6 §4–§5) and of the security whitepaper.
///
/// Lets a receiver tell the two CALLERRORs of OCPP-J 1.6 specification §4.2.3 apart: an action it does not know at
/// all is `NotImplemented`; a real OCPP action this side does not handle is `NotSupported`.
public enum KnownActions {
    public static let ocpp16: Set<String> = [
        "Authorize", "BootNotification", "CancelReservation", "ChangeAvailability", "ChangeConfiguration",
        "ClearCache", "ClearChargingProfile", "DataTransfer", "DiagnosticsStatusNotification",
        "FirmwareStatusNotification", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics",
        "GetLocalListVersion", "Heartbeat", "MeterValues", "RemoteStartTransaction", "RemoteStopTransaction",
        "ReserveNow", "Reset", "SendLocalList", "SetChargingProfile", "StartTransaction", "StatusNotification",
        "StopTransaction", "TriggerMessage", "UnlockConnector", "UpdateFirmware",
        // Improved security for OCPP 1.6-J.
        "CertificateSigned", "DeleteCertificate", "ExtendedTriggerMessage", "GetInstalledCertificateIds", "GetLog",
        "InstallCertificate", "LogStatusNotification", "SecurityEventNotification", "SignCertificate",
        "SignedFirmwareStatusNotification", "SignedUpdateFirmware",
    ]
}
