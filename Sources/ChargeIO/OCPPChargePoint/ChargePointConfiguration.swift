import Foundation

/// Where and how a simulated charge point dials its central system (OCPP-J 1.6 §3: `ws://host:port/path/<id>`).
public struct ChargePointConfiguration: Sendable {
    /// The central system's URL without the identity, e.g. `ws://127.0.0.1:8180/ocpp`.
    public var url: ChargePointURL
    /// The charge box identity, appended to the URL's path (OCPP-J 1.6 §3.1.1).
    public var identity: String
    /// Security profile 1 (HTTP Basic, the identity as user); nil connects without credentials (profile 0).
    public var password: String?
    public var backoff: ReconnectBackoff
    /// How long one of our CALLs waits for its answer.
    public var callTimeout: Duration
    /// How long a TCP connect plus WebSocket upgrade may take.
    public var connectTimeout: Duration
    /// The largest message accepted (a full GetConfiguration is well past NIO's 16 KiB default).
    public var maximumMessageSize: Int

    public init(url: ChargePointURL, identity: String, password: String? = nil, backoff: ReconnectBackoff = ReconnectBackoff(),
                callTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(5), maximumMessageSize: Int = 1 << 20) {
        self.url = url
        self.identity = identity
        self.password = password
        self.backoff = backoff
        self.callTimeout = callTimeout
        self.connectTimeout = connectTimeout
        self.maximumMessageSize = maximumMessageSize
    }

    /// The request path: the URL's path plus the percent-encoded identity.
    var requestURI: String {
        let base = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
        let encoded = identity.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? identity
        return base + "/" + encoded
    }

    /// `Authorization: Basic base64(identity:password)` (OCPP 1.6 security whitepaper, profile 1).
    var authorizationHeader: String? {
        password.map { "Basic " + Data("\(identity):\($0)".utf8).base64EncodedString() }
    }
}

/// A parsed `ws://host[:port][/path]` URL. Only plain `ws`: the simulator runs on loopback (SPEC §1).
public struct ChargePointURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var path: String

    public init(host: String, port: Int, path: String = "/") {
        self.host = host
        self.port = port
        self.path = path.isEmpty ? "/" : path
    }

    /// nil for anything but a well-formed `ws://` URL.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "ws",
              let host = components.host, !host.isEmpty else { return nil }
        let port = components.port ?? 80
        guard (1...65535).contains(port) else { return nil }
        self.init(host: host, port: port, path: components.path)
    }

    public var description: String { "ws://\(host.contains(":") ? "[\(host)]" : host):\(port)\(path)" }
}
