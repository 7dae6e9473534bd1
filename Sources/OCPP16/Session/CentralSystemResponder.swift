/// The central system's answers to a charge point's CALLs (SPEC §5).
///
/// BootNotification is answered with `registrationStatus` (SPEC §1: Accepted), the passed-in current time and the
/// heartbeat interval (SPEC §1: 300 s); Heartbeat with the time; StatusNotification and MeterValues with `{}`;
/// Authorize with Accepted; DataTransfer with `UnknownVendorId` unless a hook answers (OCPP 1.6 §4.3). The CALLs a
/// central system sends itself are refused with NotSupported when a station sends them.
public struct CentralSystemResponder: CallResponder {
    public var registrationStatus: BootNotification.RegistrationStatus
    public var heartbeatInterval: Int
    public var dataTransfer: (@Sendable (DataTransfer.Request) -> DataTransfer.Confirmation)?

    public init(
        registrationStatus: BootNotification.RegistrationStatus = .accepted, heartbeatInterval: Int = 300,
        dataTransfer: (@Sendable (DataTransfer.Request) -> DataTransfer.Confirmation)? = nil
    ) {
        self.registrationStatus = registrationStatus
        self.heartbeatInterval = heartbeatInterval
        self.dataTransfer = dataTransfer
    }

    public mutating func respond(to request: OCPPRequest, context: CallContext) -> CallResponse {
        switch request {
        case .bootNotification:
            .confirmation(.bootNotification(BootNotification.Confirmation(
                status: registrationStatus, currentTime: context.currentTime, interval: heartbeatInterval)))
        case .heartbeat:
            .confirmation(.heartbeat(Heartbeat.Confirmation(currentTime: context.currentTime)))
        case .statusNotification:
            .confirmation(.statusNotification)
        case .meterValues:
            .confirmation(.meterValues)
        case .authorize:
            .confirmation(.authorize(Authorize.Confirmation(idTagInfo: Authorize.IdTagInfo(status: .accepted))))
        case .dataTransfer(let transfer):
            .confirmation(.dataTransfer(dataTransfer?(transfer) ?? DataTransfer.Confirmation(status: .unknownVendorId)))
        case .getConfiguration, .changeConfiguration, .reset, .triggerMessage, .changeAvailability:
            .callError(.notSupported, description: "\(request.action) is sent by a central system, not to it")
        }
    }
}
