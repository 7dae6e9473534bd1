/// Authorize (OCPP 1.6 §4.1, §6.1–6.2): may this idTag charge?
///
/// A commissioning tool has no authorization list; SPEC §5 has it answer Accepted so a test charge can start.
public enum Authorize: OCPPAction {
    public static let name = "Authorize"

    public struct Request: OCPPPayload {
        /// IdToken, CiString20 (OCPP 1.6 §7.28).
        public var idTag: String

        public init(idTag: String) {
            self.idTag = idTag
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.length(idTag, max: 20, "idTag")
        }
    }

    public struct Confirmation: OCPPPayload {
        public var idTagInfo: IdTagInfo

        public init(idTagInfo: IdTagInfo) {
            self.idTagInfo = idTagInfo
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.length(idTagInfo.parentIdTag, max: 20, "idTagInfo.parentIdTag")
        }
    }

    /// IdTagInfo (OCPP 1.6 §7.27).
    public struct IdTagInfo: Codable, Sendable, Hashable {
        public var expiryDate: OCPPTimestamp?
        public var parentIdTag: String?
        public var status: AuthorizationStatus

        public init(status: AuthorizationStatus, expiryDate: OCPPTimestamp? = nil, parentIdTag: String? = nil) {
            self.expiryDate = expiryDate
            self.parentIdTag = parentIdTag
            self.status = status
        }
    }

    /// AuthorizationStatus (OCPP 1.6 §7.2).
    public enum AuthorizationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case blocked = "Blocked"
        case expired = "Expired"
        case invalid = "Invalid"
        case concurrentTx = "ConcurrentTx"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .authorize(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .authorize(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .authorize(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .authorize(let value) = confirmation { return value }
        return nil
    }
}
