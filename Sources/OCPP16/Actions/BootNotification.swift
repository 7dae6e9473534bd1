/// BootNotification (OCPP 1.6 §4.2, §6.3–6.4): the first thing a charge point sends after every boot.
///
/// The central system answers with its registration decision, its clock and the heartbeat interval. SPEC §1 (OCPP
/// details) has the tool answer `Accepted` with 300 s.
public enum BootNotification: OCPPAction {
    public static let name = "BootNotification"

    public struct Request: OCPPPayload {
        public var chargePointVendor: String
        public var chargePointModel: String
        public var chargePointSerialNumber: String?
        /// Deprecated by OCPP 1.6 in favour of `chargePointSerialNumber`, still sent by many stations.
        public var chargeBoxSerialNumber: String?
        public var firmwareVersion: String?
        public var iccid: String?
        public var imsi: String?
        public var meterType: String?
        public var meterSerialNumber: String?

        public init(
            chargePointVendor: String, chargePointModel: String, chargePointSerialNumber: String? = nil,
            chargeBoxSerialNumber: String? = nil, firmwareVersion: String? = nil, iccid: String? = nil,
            imsi: String? = nil, meterType: String? = nil, meterSerialNumber: String? = nil
        ) {
            self.chargePointVendor = chargePointVendor
            self.chargePointModel = chargePointModel
            self.chargePointSerialNumber = chargePointSerialNumber
            self.chargeBoxSerialNumber = chargeBoxSerialNumber
            self.firmwareVersion = firmwareVersion
            self.iccid = iccid
            self.imsi = imsi
            self.meterType = meterType
            self.meterSerialNumber = meterSerialNumber
        }

        /// The CiString lengths of OCPP 1.6 §6.3 / BootNotification.json.
        public func validate() throws(SchemaViolation) {
            try SchemaCheck.length(chargePointVendor, max: 20, "chargePointVendor")
            try SchemaCheck.length(chargePointModel, max: 20, "chargePointModel")
            try SchemaCheck.length(chargePointSerialNumber, max: 25, "chargePointSerialNumber")
            try SchemaCheck.length(chargeBoxSerialNumber, max: 25, "chargeBoxSerialNumber")
            try SchemaCheck.length(firmwareVersion, max: 50, "firmwareVersion")
            try SchemaCheck.length(iccid, max: 20, "iccid")
            try SchemaCheck.length(imsi, max: 20, "imsi")
            try SchemaCheck.length(meterType, max: 25, "meterType")
            try SchemaCheck.length(meterSerialNumber, max: 25, "meterSerialNumber")
        }
    }

    public struct Confirmation: OCPPPayload {
        public var status: RegistrationStatus
        public var currentTime: OCPPTimestamp
        /// Accepted: the heartbeat interval in seconds. Pending/Rejected: the minimum wait before the next
        /// BootNotification, 0 letting the charge point choose (OCPP 1.6 §4.2). The field is `interval`, not the
        /// `heartbeatInterval` of the OCPP-J §4.2.2 example (a known documentation error).
        public var interval: Int

        public init(status: RegistrationStatus, currentTime: OCPPTimestamp, interval: Int) {
            self.status = status
            self.currentTime = currentTime
            self.interval = interval
        }
    }

    /// RegistrationStatus (OCPP 1.6 §7.38).
    public enum RegistrationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case pending = "Pending"
        case rejected = "Rejected"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .bootNotification(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .bootNotification(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .bootNotification(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .bootNotification(let value) = confirmation { return value }
        return nil
    }
}
