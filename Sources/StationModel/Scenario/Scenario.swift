import AllocationCore

/// A preview scenario (SPEC §2): what plugs in, what the meter sees, what fails, and when.
/// Socket and station references are resolved against a site by `ScenarioResolver`.
public struct Scenario: Sendable, Equatable {
    public var duration: Double
    public var events: [ScenarioEvent]
    public init(duration: Double, events: [ScenarioEvent]) {
        self.duration = duration
        self.events = events
    }
}

/// A socket named as `STATION:CONNECTOR` (connectors from 1) or by its SCN socket id (from 0).
public enum SocketRef: Sendable, Equatable, CustomStringConvertible {
    case scnID(Int)
    case connector(station: String, connector: Int)

    public init?(_ text: String) {
        if let id = Int(text) {
            self = .scnID(id)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let connector = Int(text[text.index(after: colon)...]) else { return nil }
        self = .connector(station: String(text[..<colon]), connector: connector)
    }

    public var description: String {
        switch self {
        case let .scnID(id): "\(id)"
        case let .connector(station, connector): "\(station):\(connector)"
        }
    }
}

public struct ScenarioEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case connect(SocketRef, EVProfile)
        case disconnect(SocketRef)
        case load(PhaseCurrents)
        case stationOffline(String)
        case stationOnline(String)
        case meterOffline
        case meterOnline
        case stationProfile(String, limit: Double?)
        case socketProfile(SocketRef, limit: Double?)
        case ems(limit: Double)
        case emsSocket(SocketRef, limit: Double)
        case overdraw(SocketRef, current: Double)
    }

    public var at: Double
    public var kind: Kind
    /// Where it was written, for resolution errors.
    public var path: FieldPath
    public var line: Int

    public init(at: Double, kind: Kind, path: FieldPath = .root, line: Int = 0) {
        self.at = at
        self.kind = kind
        self.path = path
        self.line = line
    }
}
