/// A started virtual site: what runs where, and how to stop it.
public struct RunningVirtualSite: Sendable {
    public struct Station: Sendable, Hashable, Codable {
        public var identity: String
        public var objectNumber: Int
        public var modbusPort: Int
        public var sockets: Int
        public var model: String
        public var firmware: String
    }

    public struct Meter: Sendable, Hashable, Codable {
        public var preset: String
        public var port: Int
        public var unit: Int
    }

    public let stations: [Station]
    public let meter: Meter
    let tasks: SiteTasks

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

    init(chargePoints: [OCPPChargePointStopper], loops: [Task<Void, Never>], servers: [ModbusServerHandle],
         publisher: MDNSPublisher?, publishing: Task<Void, Never>?) {
        self.chargePoints = chargePoints
        self.loops = loops
        self.servers = servers
        self.publisher = publisher
        self.publishing = publishing
    }

    func stop() async {
        publisher?.stop()
        for chargePoint in chargePoints { await chargePoint.stop() }
        for loop in loops { await loop.value }
        for server in servers { await server.stop() }
        await publishing?.value
    }
}
