/// DataTransfer (OCPP 1.6 §4.3, §5.6, §6.15–6.16): vendor-specific data, in either direction.
///
/// A central system that does not know the vendor answers `UnknownVendorId` (OCPP 1.6 §4.3), which is what the
/// default responder does; a hook can answer otherwise.
public enum DataTransfer: OCPPAction {
    public static let name = "DataTransfer"

    public struct Request: OCPPPayload {
        /// CiString255, reversed DNS recommended.
        public var vendorId: String
        /// CiString50.
        public var messageId: String?
        /// Text of undefined length.
        public var data: String?

        public init(vendorId: String, messageId: String? = nil, data: String? = nil) {
            self.vendorId = vendorId
            self.messageId = messageId
            self.data = data
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.length(vendorId, max: 255, "vendorId")
            try SchemaCheck.length(messageId, max: 50, "messageId")
        }
    }

    public struct Confirmation: OCPPPayload {
        public var status: Status
        public var data: String?

        public init(status: Status, data: String? = nil) {
            self.status = status
            self.data = data
        }
    }

    /// DataTransferStatus (OCPP 1.6 §7.23).
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case unknownMessageId = "UnknownMessageId"
        case unknownVendorId = "UnknownVendorId"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .dataTransfer(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .dataTransfer(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .dataTransfer(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .dataTransfer(let value) = confirmation { return value }
        return nil
    }
}
