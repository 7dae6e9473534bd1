import Foundation
import JSONText

/// The local HTTPS API of one simulated station (SPEC §3 "The HTTPS link in practice", reference/alfen-station.md
/// §4): routing, the one session bound to one TCP connection, the wrong-password lockout, paged and by-id reads,
/// batched writes. A pure state machine: the server feeds it requests with their connection and the time, and
/// performs the action it returns after the answer is written.
public struct StationAPISession: Sendable {
    public enum Action: Sendable, Equatable {
        /// `/api/cmd reboot`, or a licence key written (the station reboots by itself to install it).
        case reboot(reason: String)
    }

    /// Wrong passwords in a row that start a lockout.
    public static let maximumFailures = 5
    /// Properties per `/api/prop?cat=` page; clients loop on `offset` until `total` (reference §4.2).
    public static let pageSize = 16
    /// Properties per write (the vendor app's batch, reference §4.2).
    public static let maximumWrite = 15
    public static let user = "admin"

    let password: String
    let lockoutSeconds: Double
    /// The connection that holds the session.
    public private(set) var owner: UInt64?
    private(set) var failures = 0
    private(set) var lockedUntil: Double?

    public init(password: String, lockout: Duration = .seconds(60)) {
        self.password = password
        let parts = lockout.components
        lockoutSeconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Whether a new connection is turned away: while a session is active the station serves no one else, and
    /// drops the other connection at its TLS ClientHello (alfen-cli's README quotes the station log: "TLS
    /// handshake failed", "WebServer state AVAILABLE -> BUSY"; the client sees "Connection reset by peer").
    public func refuses(connection: UInt64) -> Bool { owner != nil && owner != connection }

    /// The session is bound to its connection: closing it ends the session.
    public mutating func closed(connection: UInt64) {
        if owner == connection { owner = nil }
    }

    /// A reboot ends every session.
    public mutating func endSession() { owner = nil }

    mutating func respond(to request: StationAPIRequest, connection: UInt64, now: Double,
                          station: inout StationProperties) -> (StationAPIResponse, Action?) {
        switch (request.method, request.path) {
        case ("GET", "/api/info"):
            return (info(station), nil)
        case ("POST", "/api/login"):
            return (login(request, connection: connection, now: now), nil)
        case (_, "/api/info"), (_, "/api/login"), (_, "/api/logout"), (_, "/api/categories"), (_, "/api/prop"), (_, "/api/cmd"):
            guard owner == connection else { return (.error(401, "not logged in"), nil) }
            return routeInSession(request, station: &station)
        default:
            return (.error(404, "no such endpoint"), nil)
        }
    }

    private mutating func routeInSession(_ request: StationAPIRequest, station: inout StationProperties) -> (StationAPIResponse, Action?) {
        switch (request.method, request.path) {
        case ("POST", "/api/logout"):
            owner = nil
            return (.ok, nil)
        case ("GET", "/api/categories"):
            return (.json(.object(["categories": .array(StationPropertyTable.categories.map(JSONValue.string))])), nil)
        case ("GET", "/api/prop"):
            return (read(request, station), nil)
        case ("POST", "/api/prop"):
            return write(request, station: &station)
        case ("POST", "/api/cmd"):
            return command(request)
        default:
            return (.error(405, "method not allowed"), nil)
        }
    }

    private func info(_ station: StationProperties) -> StationAPIResponse {
        let identity = station.store.identity
        return .json(.object([
            "Identity": .string(identity.identity), "FWVersion": .string(identity.firmware), "Model": .string(identity.model),
            "ObjectId": .string(String(identity.objectNumber)), "Type": .string("\(identity.sockets).0.1"),
        ]))
    }

    /// 200 with an empty body (the tested NG910 sends no token); 401 for a wrong user or password; the fifth wrong
    /// one in a row locks logins for `lockout`, answered 429 with the seconds remaining.
    private mutating func login(_ request: StationAPIRequest, connection: UInt64, now: Double) -> StationAPIResponse {
        if let until = lockedUntil {
            if until > now {
                let remaining = Int((until - now).rounded(.up))
                return .json(.object(["lockout_remaining_seconds": .integer(max(1, remaining))]), status: 429)
            }
            lockedUntil = nil
            failures = 0
        }
        guard let body = Self.object(request.body), let user = body["username"]?.stringValue,
              let given = body["password"]?.stringValue else {
            return .error(400, "expected {\"username\", \"password\"}")
        }
        guard user.lowercased() == Self.user, given == password else {
            failures += 1
            if failures >= Self.maximumFailures { lockedUntil = now + lockoutSeconds }
            return .error(401, "wrong user or password")
        }
        failures = 0
        owner = connection
        return .ok
    }

    private func read(_ request: StationAPIRequest, _ station: StationProperties) -> StationAPIResponse {
        if let ids = request.query["ids"] {
            let entries = ids.split(separator: ",").compactMap { id in
                station.definition(String(id).trimmingCharacters(in: .whitespaces)).flatMap(station.entry)
            }
            return page(entries, offset: 0, total: entries.count)
        }
        guard let category = request.query["cat"] else { return .error(400, "give cat= or ids=") }
        let all = station.table.filter { $0.category == category }.compactMap(station.entry)
        let offset = max(0, request.query["offset"].flatMap { Int($0) } ?? 0)
        let slice = offset < all.count ? Array(all[offset..<min(all.count, offset + Self.pageSize)]) : []
        return page(slice, offset: offset, total: all.count)
    }

    private func page(_ entries: [JSONValue], offset: Int, total: Int) -> StationAPIResponse {
        .json(.object(["version": .integer(2), "properties": .array(entries), "offset": .integer(offset), "total": .integer(total)]))
    }

    /// All or nothing: a batch with a refused value changes nothing (400); unlicensed properties are answered 200
    /// and not kept (reference §4.3); a licence key makes the station reboot.
    private func write(_ request: StationAPIRequest, station: inout StationProperties) -> (StationAPIResponse, Action?) {
        guard let body = Self.object(request.body) else { return (.error(400, "expected a JSON object of properties"), nil) }
        guard body.count <= Self.maximumWrite else {
            return (.error(400, "at most \(Self.maximumWrite) properties per write, got \(body.count)"), nil)
        }
        var changed = station
        var licence = false
        for (key, item) in body.sorted(by: { $0.key < $1.key }) {
            let id = item.objectValue?["id"]?.stringValue ?? key
            guard let value = item.objectValue?["value"] else { return (.error(400, "\(key): expected {\"id\", \"value\"}"), nil) }
            switch changed.write(id, value) {
            case .kept, .ignoredUnlicensed: break
            case .licence: licence = true
            case .rejected(let reason): return (.error(400, reason), nil)
            }
        }
        station = changed
        return (.ok, licence ? .reboot(reason: "licence key written") : nil)
    }

    private func command(_ request: StationAPIRequest) -> (StationAPIResponse, Action?) {
        switch Self.object(request.body)?["command"]?.stringValue {
        case "reboot"?: (.ok, .reboot(reason: "/api/cmd reboot"))
        case "txerase"?: (.ok, nil)
        default: (.error(400, "unknown command"), nil)
        }
    }

    static func object(_ body: [UInt8]) -> [String: JSONValue]? {
        body.withUnsafeBufferPointer { JSONScanner.parse(bytes: $0) }?.objectValue
    }
}
