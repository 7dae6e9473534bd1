import OCPP16

/// One line of the control protocol, client to `serve` (JSON lines over a Unix socket): a `StationDirectory` or
/// `StationConnection` call. `connection` names a station connection handed out earlier on the same socket.
struct ControlRequest: Codable, Sendable {
    enum Operation: String, Codable, Sendable {
        case hello, wait, getConfiguration, changeConfiguration, reset, triggerMessage, waitForBoot, close
    }

    var id: Int
    var op: Operation
    var station: String?
    var connection: Int?
    var replacing: Int?
    /// Milliseconds, for `wait` and `waitForBoot`.
    var timeout: Int64?
    var keys: [String]?
    var key: String?
    var value: String?
    var resetType: Reset.ResetType?
    var trigger: TriggerMessage.MessageTrigger?
    var connectorId: Int?
}

/// The answer to the request with the same `id`: `error` when it failed, else the fields its operation fills.
struct ControlResponse: Codable, Sendable {
    var id: Int
    var error: ControlError?
    var listeningAddress: String?
    var connection: Int?
    var station: String?
    var boot: ControlBoot?
    var keys: [ConfigurationKey]?
    var unknown: [String]?
    /// A `ChangeConfiguration`, `Reset` or `TriggerMessage` status, as on the wire.
    var status: String?
}

struct ControlBoot: Codable, Sendable {
    var vendor: String
    var model: String
    var serialNumber: String?
    var firmwareVersion: String?

    init(_ info: StationBootInfo) {
        vendor = info.vendor
        model = info.model
        serialNumber = info.serialNumber
        firmwareVersion = info.firmwareVersion
    }

    var info: StationBootInfo {
        StationBootInfo(vendor: vendor, model: model, serialNumber: serialNumber, firmwareVersion: firmwareVersion)
    }
}

extension Duration {
    var controlMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
