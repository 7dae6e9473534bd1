import Foundation
import NIOHTTP1

/// Decides, from the HTTP upgrade request alone, whether a station may open its OCPP WebSocket. Pure, so every
/// refusal is tested without sockets.
struct HandshakePolicy: Sendable {
    var stations: Set<String>
    var acceptAny: Bool
    var passwords: [String: String]

    static let subprotocol = "ocpp1.6"

    func decide(uri: String, headers: HTTPHeaders) -> HandshakeDecision {
        // OCPP-J 1.6 §3.1.2: the version must be offered in Sec-WebSocket-Protocol. §3.2 would complete the handshake
        // without it and close at once; refusing with 400 says the same to the station and is clearer in its logs.
        let offered = headers[canonicalForm: "Sec-WebSocket-Protocol"].map { $0.trimmingCharacters(in: .whitespaces) }
        guard offered.contains(where: { $0.lowercased() == Self.subprotocol }) else { return .refuse(.noSubprotocol) }
        guard let identity = Self.identity(fromURI: uri) else { return .refuse(.noIdentity) }
        // OCPP-J 1.6 §3.2: an unknown charge point SHOULD get 404.
        guard acceptAny || stations.contains(identity) else { return .refuse(.unknownStation(identity)) }
        if let password = passwords[identity] {
            guard let header = headers.first(name: "Authorization") else { return .refuse(.missingCredentials(identity)) }
            guard let credentials = BasicAuthorization(header: header),
                  credentials.matches(user: identity, password: password) else { return .refuse(.wrongCredentials(identity)) }
        }
        return .accept(identity: identity)
    }

    /// OCPP-J 1.6 §3.1.1: the identity is the last path segment, percent-encoded (RFC 3986). Any prefix is accepted
    /// (`/ocpp/ID`, `/steve/websocket/CentralSystemService/ID`, `/ID`); the query is ignored.
    static func identity(fromURI uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let last = path.split(separator: "/").last,
              let identity = String(last).removingPercentEncoding, !identity.isEmpty else { return nil }
        return identity
    }
}

enum HandshakeDecision: Sendable, Hashable {
    case accept(identity: String)
    case refuse(HandshakeRefusal)
}

/// Why an upgrade was refused, and the HTTP answer that says so before any WebSocket exists.
enum HandshakeRefusal: Sendable, Hashable, CustomStringConvertible {
    case notWebSocket
    case noSubprotocol
    case noIdentity
    case unknownStation(String)
    case missingCredentials(String)
    case wrongCredentials(String)

    var status: HTTPResponseStatus {
        switch self {
        case .notWebSocket: .upgradeRequired
        case .noSubprotocol: .badRequest
        case .noIdentity, .unknownStation: .notFound
        case .missingCredentials, .wrongCredentials: .unauthorized
        }
    }

    /// RFC 7235 §3.1: a 401 carries a challenge.
    var headers: HTTPHeaders {
        var headers = HTTPHeaders([("Content-Length", "0"), ("Connection", "close")])
        if status == .unauthorized { headers.add(name: "WWW-Authenticate", value: #"Basic realm="chargectl""#) }
        if self == .notWebSocket { headers.add(name: "Upgrade", value: "websocket") }
        return headers
    }

    var identity: String? {
        switch self {
        case .unknownStation(let id), .missingCredentials(let id), .wrongCredentials(let id): id
        case .notWebSocket, .noSubprotocol, .noIdentity: nil
        }
    }

    var description: String {
        switch self {
        case .notWebSocket: "not a WebSocket upgrade"
        case .noSubprotocol: "no ocpp1.6 in Sec-WebSocket-Protocol"
        case .noIdentity: "no charge box identity in the URL path"
        case .unknownStation(let id): "\(id) is not an expected station (add --accept-any to let any station in)"
        case .missingCredentials(let id): "\(id) sent no HTTP Basic credentials, but a password is set for it"
        case .wrongCredentials(let id): "\(id) sent a wrong HTTP Basic user or password"
        }
    }
}
