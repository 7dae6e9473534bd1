/// A started virtual site: what runs where, and how to stop it.
public struct RunningVirtualSite: Sendable {
    public struct Station: Sendable, Hashable, Codable {
        public var identity: String
        public var objectNumber: Int
        public var modbusPort: Int
        public var sockets: Int
        public var model: String
        public var firmware: String
        /// Where its HTTPS API listens (SPEC §3); nil when the site serves none.
        public var host: String? = nil
        public var httpsPort: Int? = nil
    }

    public struct Meter: Sendable, Hashable, Codable {
        public var preset: String
        public var port: Int
        public var unit: Int
    }

    public let stations: [Station]
    public let meter: Meter
    let tasks: SiteTasks

    /// Test hook: the faults a station's HTTPS API injects, and what it saw (nil when it serves none).
    public func httpsFaults(_ identity: String) -> HTTPSFaults? {
        tasks.https.first { $0.station.identity.identity == identity }?.faults
    }

    /// Test hook: whether a station's HTTPS API listens now (false while it is away for a reboot).
    public func httpsListening(_ identity: String) -> Bool {
        tasks.https.first { $0.station.identity.identity == identity }?.isListening ?? false
    }

    /// Says goodbye on mDNS, closes every WebSocket and Modbus server, and waits for them.
    public func stop() async { await tasks.stop() }
}

/// Everything a running site owns; stopped in reverse order of start.
final class SiteTasks: Sendable {
    let chargePoints: [OCPPChargePointStopper]
    let loops: [Task<Void, Never>]
    let servers: [ModbusServerHandle]
    let publisher: MDNSPublisher?
    let publishing: Task<Void, Never>?
    let https: [StationHTTPSServer]

    init(chargePoints: [OCPPChargePointStopper], loops: [Task<Void, Never>], servers: [ModbusServerHandle],
         publisher: MDNSPublisher?, publishing: Task<Void, Never>?, https: [StationHTTPSServer] = []) {
        self.https = https
        self.chargePoints = chargePoints
        self.loops = loops
        self.servers = servers
        self.publisher = publisher
        self.publishing = publishing
    }

    func stop() async {
        publisher?.stop()
        for server in https { await server.stop() }
        for chargePoint in chargePoints { await chargePoint.stop() }
        for loop in loops { await loop.value }
        for server in servers { await server.stop() }
        await publishing?.value
    }
}
