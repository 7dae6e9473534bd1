import NIOCore
import NIOHTTP1
import NIOSSL

/// Where and as whom to reach one station's API (SPEC §1 shared options: `--host`, `--https-user`,
/// `--https-password-env/-file`, `--accept-new-certificate`).
public struct HTTPSEndpoint: Sendable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var acceptNewCertificate: Bool

    public init(host: String, port: Int = 443, user: String = "admin", password: String, acceptNewCertificate: Bool = false) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.acceptNewCertificate = acceptNewCertificate
    }

    /// `HOST` or `HOST:PORT` (a site file's `host` may carry a prefix `/24`, which is dropped).
    public static func split(_ text: String) -> (host: String, port: Int?) {
        let bare = text.split(separator: "/").first.map(String.init) ?? text
        guard let colon = bare.lastIndex(of: ":"), let port = Int(bare[bare.index(after: colon)...]) else { return (bare, nil) }
        return (String(bare[..<colon]), port)
    }
}

/// A logged-in session on one connection (reference §4.1): `/api/info` first (no login; its identity keys the
/// certificate pin, checked before the password is sent), then login; a 401 mid-session logs in again once;
/// `logout` always ends it. Not re-entrant: one station's run drives it one call at a time.
public final class HTTPSSession: @unchecked Sendable {
    public let endpoint: HTTPSEndpoint
    let pins: any CertificatePins
    let context: NIOSSLContext
    let group: any EventLoopGroup
    /// Progress lines (the first-use fingerprint) and, with `-v`, the exchange (secrets masked).
    let notice: @Sendable (String) -> Void
    let trace: (@Sendable (String) -> Void)?
    let requestTimeout: TimeAmount

    private var connection: HTTPSConnection?
    private var loggedIn = false
    public private(set) var info: StationAPI.Info?

    public init(endpoint: HTTPSEndpoint, pins: any CertificatePins, context: NIOSSLContext, group: any EventLoopGroup,
                requestTimeout: TimeAmount = .seconds(30),
                notice: @escaping @Sendable (String) -> Void = { _ in }, trace: (@Sendable (String) -> Void)? = nil) {
        self.endpoint = endpoint
        self.pins = pins
        self.context = context
        self.group = group
        self.requestTimeout = requestTimeout
        self.notice = notice
        self.trace = trace
    }

    public var address: String { "\(endpoint.host):\(endpoint.port)" }
    public var isLoggedIn: Bool { loggedIn && connection?.isOpen == true }

    /// `GET /api/info` on a connection of its own (no login; used to see a station come back after a reboot).
    public func probeInfo() async throws(HTTPSFailure) -> StationAPI.Info {
        let probe = try await HTTPSConnection.connect(host: endpoint.host, port: endpoint.port, context: context, group: group,
                                                      connectTimeout: .seconds(5), requestTimeout: .seconds(10))
        defer { Task { await probe.close() } }
        let answer = try await probe.send(.GET, "/api/info")
        guard answer.status == 200 else { throw .status(answer.status, path: "/api/info") }
        do { return try StationAPI.info(answer.body) } catch { throw .invalidReply(error.description) }
    }

    /// Connects, reads `/api/info`, pins the certificate, logs in.
    public func open() async throws(HTTPSFailure) -> StationAPI.Info {
        await drop()
        let connection = try await HTTPSConnection.connect(host: endpoint.host, port: endpoint.port, context: context, group: group,
                                                           requestTimeout: requestTimeout)
        self.connection = connection
        let answer = try await exchange(.GET, "/api/info", body: nil)
        guard answer.status == 200 else { throw .status(answer.status, path: "/api/info") }
        let info: StationAPI.Info
        do { info = try StationAPI.info(answer.body) } catch { throw .invalidReply(error.description) }
        self.info = info
        guard let der = await connection.peerCertificateDER() else { throw .tls(address: address, detail: "no certificate presented") }
        let fingerprint = SHA256.fingerprint(der)
        let identity = info.identity ?? endpoint.host
        switch try pins.check(identity: identity, fingerprint: fingerprint, acceptNew: endpoint.acceptNewCertificate) {
        case .known: break
        case .new: notice("\(identity) at \(address): certificate SHA-256 \(fingerprint) trusted on first use (known-stations)")
        case .changed: notice("\(identity) at \(address): new certificate SHA-256 \(fingerprint) accepted (--accept-new-certificate)")
        }
        try await login()
        return info
    }

    func login() async throws(HTTPSFailure) {
        let body = StationAPI.loginBody(user: endpoint.user, password: endpoint.password)
        trace?("[POST /api/login {\"username\":\"\(endpoint.user)\",\"password\":\"***\"}]")
        let answer = try await exchange(.POST, "/api/login", body: body, traced: false)
        switch answer.status {
        case 200, 204:
            loggedIn = true
        case 429:
            throw .lockedOut(seconds: StationAPI.lockoutSeconds(answer.body))
        case 401, 403, 409, 423:
            let text = String(decoding: answer.body, as: UTF8.self)
            // The station tells "someone else is logged in" apart from a bad password in its answer's text.
            if answer.status == 409 || answer.status == 423 || text.lowercased().contains("session") {
                throw .anotherSession(detail: String(text.prefix(200)))
            }
            throw .wrongPassword(user: endpoint.user)
        default:
            throw .status(answer.status, path: "/api/login")
        }
    }

    /// A request inside the session: a 401 (the session lapsed, or the station dropped it) logs in again once,
    /// on a fresh connection when the old one closed, and the request is sent again.
    public func request(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) async throws(HTTPSFailure) -> HTTPSConnection.Response {
        let answer = try await exchange(method, path, body: body)
        guard answer.status == 401 else { return answer }
        notice("\(address): the session lapsed (401); logging in again")
        loggedIn = false
        if connection?.isOpen != true { _ = try await open() } else { try await login() }
        let again = try await exchange(method, path, body: body)
        if again.status == 401 { throw .sessionLost(path: path) }
        return again
    }

    func exchange(_ method: HTTPMethod, _ path: String, body: [UInt8]?, traced: Bool = true) async throws(HTTPSFailure) -> HTTPSConnection.Response {
        // A closed connection is `send`'s to report: it knows how it ended (a busy station's reset, or a close).
        guard let connection else { throw .connectionClosed(address: address) }
        if traced { trace?("[\(method.rawValue) \(path)\(body.map { " " + StationAPI.traceable($0) } ?? "")]") }
        let answer = try await connection.send(method, path, body: body)
        trace?("<\(answer.status) \(StationAPI.traceable(answer.body))>")
        return answer
    }

    /// Logs out (SPEC §3: always, so the installer or app can connect again) and closes the connection.
    public func logout() async {
        if loggedIn, let connection, connection.isOpen {
            trace?("[POST /api/logout]")
            _ = try? await connection.send(.POST, "/api/logout", body: [])
        }
        loggedIn = false
        await drop()
    }

    /// After a reboot the connection is gone without a logout.
    public func drop() async {
        loggedIn = false
        if let connection { await connection.close() }
        connection = nil
    }
}
